//! Failed logins per (client address, e-mail): after N failures within the window, every login
//! for that pair is refused until the oldest counted failure leaves the window.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Counts failed logins in memory (one process; a restart forgets them).
pub struct LoginLimiter {
    failures: Mutex<HashMap<(IpAddr, String), VecDeque<Instant>>>,
    max: usize,
    window: Duration,
}

impl LoginLimiter {
    /// At most `max` failures per `window`.
    pub fn new(max: usize, window: Duration) -> Self {
        Self {
            failures: Mutex::new(HashMap::new()),
            max,
            window,
        }
    }

    /// `Err(seconds to wait)` when the pair is blocked now.
    pub fn check(&self, ip: IpAddr, email: &str) -> Result<(), u64> {
        self.check_at(ip, email, Instant::now())
    }

    fn check_at(&self, ip: IpAddr, email: &str, now: Instant) -> Result<(), u64> {
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        let Some(list) = map.get_mut(&(ip, email.to_owned())) else {
            return Ok(());
        };
        prune(list, now, self.window);
        if list.len() >= self.max {
            let oldest = list[list.len() - self.max];
            let wait = self.window.saturating_sub(now.duration_since(oldest));
            return Err(wait.as_secs().max(1));
        }
        Ok(())
    }

    /// Counts one failed login.
    pub fn record_failure(&self, ip: IpAddr, email: &str) {
        self.record_at(ip, email, Instant::now());
    }

    fn record_at(&self, ip: IpAddr, email: &str, now: Instant) {
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        if map.len() > 10_000 {
            map.retain(|_, list| {
                prune(list, now, self.window);
                !list.is_empty()
            });
        }
        let list = map.entry((ip, email.to_owned())).or_default();
        prune(list, now, self.window);
        list.push_back(now);
    }
}

fn prune(list: &mut VecDeque<Instant>, now: Instant, window: Duration) {
    while list
        .front()
        .is_some_and(|t| now.duration_since(*t) >= window)
    {
        list.pop_front();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_after_max_failures_and_frees_after_window() {
        let l = LoginLimiter::new(3, Duration::from_secs(60));
        let ip: IpAddr = "127.0.0.1".parse().unwrap();
        let t0 = Instant::now();
        for i in 0..3 {
            assert!(l.check_at(ip, "a@x.io", t0).is_ok(), "attempt {i}");
            l.record_at(ip, "a@x.io", t0);
        }
        assert_eq!(
            l.check_at(ip, "a@x.io", t0 + Duration::from_secs(1)),
            Err(59)
        );
        assert!(
            l.check_at(ip, "b@x.io", t0).is_ok(),
            "another e-mail is not blocked"
        );
        assert!(
            l.check_at("10.0.0.1".parse().unwrap(), "a@x.io", t0)
                .is_ok(),
            "another address is not blocked"
        );
        assert!(
            l.check_at(ip, "a@x.io", t0 + Duration::from_secs(60))
                .is_ok()
        );
    }
}
