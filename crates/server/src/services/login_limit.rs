//! Failed logins per (client address, e-mail). An attempt reserves its place in the count before
//! the password is checked and gives it back when the password is right, so parallel wrong
//! passwords can never get more than `max` answers of 401 within the window. Memory is bounded:
//! old entries are pruned, and past `MAX_KEYS` pairs the least recently used go first.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Most (address, e-mail) pairs kept at once.
const MAX_KEYS: usize = 50_000;

/// Longest e-mail key kept (the parsed address is at most 254 characters).
const MAX_KEY_CHARS: usize = 254;

type Key = (IpAddr, String);

struct State {
    failures: HashMap<Key, VecDeque<Instant>>,
    /// Size at which the next full prune runs.
    prune_at: usize,
    /// When the last full prune ran (one runs at least once per window).
    pruned: Option<Instant>,
}

/// Counts failed logins in memory (one process; a restart forgets them).
pub struct LoginLimiter {
    state: Mutex<State>,
    max: usize,
    window: Duration,
}

/// A place taken in the count of one pair; [`LoginLimiter::release`] gives it back.
#[derive(Debug)]
pub struct Reservation {
    key: Key,
    at: Instant,
}

impl LoginLimiter {
    /// At most `max` failures per `window`.
    pub fn new(max: usize, window: Duration) -> Self {
        Self {
            state: Mutex::new(State {
                failures: HashMap::new(),
                prune_at: 1024,
                pruned: None,
            }),
            max,
            window,
        }
    }

    /// Takes a place in the pair's count, or `Err(seconds to wait)` when it is full.
    pub fn reserve(&self, ip: IpAddr, email: &str) -> Result<Reservation, u64> {
        self.reserve_at(ip, email, Instant::now())
    }

    fn reserve_at(&self, ip: IpAddr, email: &str, now: Instant) -> Result<Reservation, u64> {
        let key: Key = (ip, email.chars().take(MAX_KEY_CHARS).collect());
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let due = state
            .pruned
            .is_none_or(|t| now.saturating_duration_since(t) >= self.window);
        if state.failures.len() >= state.prune_at || due {
            self.prune_all(&mut state, now);
        }
        let list = state.failures.entry(key.clone()).or_default();
        prune(list, now, self.window);
        if list.len() >= self.max {
            let oldest = list[list.len() - self.max];
            let wait = self
                .window
                .saturating_sub(now.saturating_duration_since(oldest));
            return Err(wait.as_secs().max(1));
        }
        list.push_back(now);
        Ok(Reservation { key, at: now })
    }

    /// The password was right: the attempt does not count.
    pub fn release(&self, r: Reservation) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(list) = state.failures.get_mut(&r.key) {
            if let Some(i) = list.iter().rposition(|t| *t == r.at) {
                list.remove(i);
            }
            if list.is_empty() {
                state.failures.remove(&r.key);
            }
        }
    }

    /// Pairs currently tracked (tests and metrics).
    pub fn tracked(&self) -> usize {
        self.state
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .failures
            .len()
    }

    /// Drops what left the window; past `MAX_KEYS`, drops the pairs whose last attempt is oldest.
    fn prune_all(&self, state: &mut State, now: Instant) {
        state.failures.retain(|_, list| {
            prune(list, now, self.window);
            !list.is_empty()
        });
        if state.failures.len() >= MAX_KEYS {
            let mut last: Vec<(Instant, Key)> = state
                .failures
                .iter()
                .filter_map(|(k, l)| l.back().map(|t| (*t, k.clone())))
                .collect();
            last.sort_unstable_by_key(|(t, _)| *t);
            for (_, k) in last.into_iter().take(state.failures.len() - MAX_KEYS / 2) {
                state.failures.remove(&k);
            }
        }
        state.prune_at = (state.failures.len() * 2).clamp(1024, MAX_KEYS);
        state.pruned = Some(now);
    }
}

fn prune(list: &mut VecDeque<Instant>, now: Instant, window: Duration) {
    while list
        .front()
        .is_some_and(|t| now.saturating_duration_since(*t) >= window)
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
            assert!(l.reserve_at(ip, "a@x.io", t0).is_ok(), "attempt {i}");
        }
        assert_eq!(
            l.reserve_at(ip, "a@x.io", t0 + Duration::from_secs(1))
                .unwrap_err(),
            59
        );
        assert!(
            l.reserve_at(ip, "b@x.io", t0).is_ok(),
            "another e-mail is not blocked"
        );
        assert!(
            l.reserve_at("10.0.0.1".parse().unwrap(), "a@x.io", t0)
                .is_ok(),
            "another address is not blocked"
        );
        assert!(
            l.reserve_at(ip, "a@x.io", t0 + Duration::from_secs(60))
                .is_ok()
        );
    }

    #[test]
    fn a_released_place_does_not_count() {
        let l = LoginLimiter::new(2, Duration::from_secs(60));
        let ip: IpAddr = "127.0.0.1".parse().unwrap();
        for _ in 0..10 {
            let r = l.reserve(ip, "a@x.io").unwrap();
            l.release(r);
        }
        assert_eq!(l.tracked(), 0);
        l.reserve(ip, "a@x.io").unwrap();
        l.reserve(ip, "a@x.io").unwrap();
        assert!(l.reserve(ip, "a@x.io").is_err());
    }

    #[test]
    fn memory_is_bounded_and_pruned() {
        let l = LoginLimiter::new(10, Duration::from_secs(60));
        let t0 = Instant::now();
        for i in 0..(MAX_KEYS as u32 + 5000) {
            let ip = IpAddr::from(i.to_be_bytes());
            let _ = l.reserve_at(ip, "a@x.io", t0 + Duration::from_micros(u64::from(i)));
        }
        assert!(l.tracked() <= MAX_KEYS, "{}", l.tracked());
        // Once the window has passed, a prune empties it.
        let later = t0 + Duration::from_secs(120);
        for i in 0..2000u32 {
            let ip = IpAddr::from((i + 1).to_be_bytes());
            let _ = l.reserve_at(ip, "b@x.io", later);
        }
        assert!(l.tracked() < 10_000, "{}", l.tracked());
    }
}
