//! Mails a school sends: their kinds, where a mail stands in the outbox, and when a failed try is
//! tried again.

use chrono::Duration;

use crate::vocab::stored_name;

stored_name! {
    /// Why a mail is sent; each kind has its own subject and text.
    MailKind {
        Welcome = "WELCOME",
        Receipt = "RECEIPT",
        BookingConfirmed = "BOOKING_CONFIRMED",
        BookingCancelled = "BOOKING_CANCELLED",
        WaitlistPromoted = "WAITLIST_PROMOTED",
        SessionCancelled = "SESSION_CANCELLED",
        Reminder = "REMINDER",
        PasswordReset = "PASSWORD_RESET",
    }
}

stored_name! {
    /// Where a mail of the outbox stands.
    MailStatus {
        /// Waiting for its time or its next try.
        Queued = "QUEUED",
        /// A worker holds it until its lease ends.
        Sending = "SENDING",
        /// Handed to the SMTP server.
        Sent = "SENT",
        /// Given up: 10 failed tries, or a permanent (5xx) answer.
        Failed = "FAILED",
        /// No SMTP server configured: written to the log, never sent later.
        Logged = "LOGGED",
        /// Not needed any more (a reminder of a booking that was cancelled).
        Skipped = "SKIPPED",
    }
}

/// Failed tries after which a mail is marked failed.
pub const MAX_TRIES: i32 = 10;

/// How long after its `tries`-th failed try (1-based) a mail is tried again: 5 s, doubling, at
/// most 5 minutes.
pub fn retry_delay(tries: i32) -> Duration {
    let doublings = (tries.max(1) - 1).min(16) as u32;
    Duration::seconds((5_i64 << doublings).min(300))
}

/// A reminder goes out once this long remains before the start.
pub fn reminder_lead() -> Duration {
    Duration::hours(24)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_wait_5_seconds_doubling_up_to_5_minutes() {
        let waits: Vec<i64> = (1..=10).map(|t| retry_delay(t).num_seconds()).collect();
        assert_eq!(waits, [5, 10, 20, 40, 80, 160, 300, 300, 300, 300]);
        assert_eq!(retry_delay(0).num_seconds(), 5);
        assert_eq!(retry_delay(i32::MAX).num_seconds(), 300);
    }
}
