//! The cancellation policy: deadlines before a session's start, refunds and reschedule limits.

use chrono::{DateTime, Duration, Utc};

use crate::{DomainError, Problem};

/// The rules for changing a booking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CancellationPolicy {
    pub allow_cancellation: bool,
    pub cancellation_deadline_hours: i32,
    pub refund_credits_on_cancel: bool,
    pub allow_rescheduling: bool,
    pub rescheduling_deadline_hours: i32,
    pub max_reschedules_per_booking: i32,
}

impl Default for CancellationPolicy {
    /// The policy until an admin saves one: cancel up to 24 h before with a refund, reschedule up
    /// to 24 h before, at most twice.
    fn default() -> Self {
        Self {
            allow_cancellation: true,
            cancellation_deadline_hours: 24,
            refund_credits_on_cancel: true,
            allow_rescheduling: true,
            rescheduling_deadline_hours: 24,
            max_reschedules_per_booking: 2,
        }
    }
}

impl CancellationPolicy {
    /// Checks the bounds: deadlines 0-168 h, reschedules 0-10; every problem at once.
    pub fn validate(self) -> Result<Self, DomainError> {
        let mut fields = std::collections::BTreeMap::new();
        if !(0..=168).contains(&self.cancellation_deadline_hours) {
            fields.insert("cancellationDeadlineHours".into(), Problem::between(0, 168));
        }
        if !(0..=168).contains(&self.rescheduling_deadline_hours) {
            fields.insert("reschedulingDeadlineHours".into(), Problem::between(0, 168));
        }
        if !(0..=10).contains(&self.max_reschedules_per_booking) {
            fields.insert("maxReschedulesPerBooking".into(), Problem::between(0, 10));
        }
        if fields.is_empty() {
            Ok(self)
        } else {
            Err(DomainError::Fields(fields))
        }
    }

    /// Last instant a student may cancel a booking of a session starting at `start`.
    pub fn cancellation_deadline(&self, start: DateTime<Utc>) -> DateTime<Utc> {
        start - Duration::hours(i64::from(self.cancellation_deadline_hours))
    }

    /// Last instant a booking may be rescheduled.
    pub fn rescheduling_deadline(&self, start: DateTime<Utc>) -> DateTime<Utc> {
        start - Duration::hours(i64::from(self.rescheduling_deadline_hours))
    }

    /// May a student cancel now?
    pub fn can_cancel(&self, start: DateTime<Utc>, now: DateTime<Utc>) -> bool {
        self.allow_cancellation && now <= self.cancellation_deadline(start)
    }

    /// May a booking rescheduled `count` times be rescheduled now?
    pub fn can_reschedule(&self, start: DateTime<Utc>, now: DateTime<Utc>, count: i32) -> bool {
        self.allow_rescheduling
            && now <= self.rescheduling_deadline(start)
            && count < self.max_reschedules_per_booking
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(h: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000 + h * 3600, 0).unwrap()
    }

    #[test]
    fn defaults_follow_the_contract() {
        let p = CancellationPolicy::default();
        assert_eq!(
            (
                p.cancellation_deadline_hours,
                p.rescheduling_deadline_hours,
                p.max_reschedules_per_booking
            ),
            (24, 24, 2)
        );
        assert!(p.allow_cancellation && p.refund_credits_on_cancel && p.allow_rescheduling);
    }

    #[test]
    fn bounds_are_checked_together() {
        let p = CancellationPolicy {
            cancellation_deadline_hours: 169,
            max_reschedules_per_booking: 11,
            ..Default::default()
        };
        let Err(DomainError::Fields(f)) = p.validate() else {
            panic!("accepted")
        };
        assert_eq!(f.len(), 2);
        let edge = CancellationPolicy {
            cancellation_deadline_hours: 0,
            rescheduling_deadline_hours: 168,
            max_reschedules_per_booking: 10,
            ..Default::default()
        };
        assert!(edge.validate().is_ok());
    }

    #[test]
    fn deadline_is_inclusive_and_limits_apply() {
        let p = CancellationPolicy::default();
        assert!(p.can_cancel(at(24), at(0)));
        assert!(!p.can_cancel(at(24), at(1)));
        assert!(p.can_reschedule(at(48), at(0), 1));
        assert!(!p.can_reschedule(at(48), at(0), 2));
        let closed = CancellationPolicy {
            allow_cancellation: false,
            ..p
        };
        assert!(!closed.can_cancel(at(100), at(0)));
    }
}
