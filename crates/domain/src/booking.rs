//! Sessions and bookings: their statuses and kinds, and the rules that decide whether a seat
//! can be taken or a booking changed.

use chrono::{DateTime, Utc};

use crate::DomainError;
use crate::error::{Conflict, Problem, Refusal};
use crate::policy::CancellationPolicy;
use crate::vocab::stored_name;

stored_name! {
    /// Where a session stands.
    SessionStatus {
        Scheduled = "SCHEDULED",
        Cancelled = "CANCELLED",
        Completed = "COMPLETED",
    }
}

stored_name! {
    /// Where a booking stands: CONFIRMED holds a seat; the others are history.
    BookingStatus {
        Confirmed = "CONFIRMED",
        Cancelled = "CANCELLED",
        Completed = "COMPLETED",
        NoShow = "NO_SHOW",
    }
}

stored_name! {
    /// How a booking was paid: with credits, or by a course enrolment (no credits).
    BookingKind {
        Credit = "CREDIT",
        CourseStep = "COURSE_STEP",
    }
}

impl BookingStatus {
    /// The status in running text ("confirmed", "no-show").
    pub fn words(self) -> &'static str {
        match self {
            BookingStatus::Confirmed => "confirmed",
            BookingStatus::Cancelled => "cancelled",
            BookingStatus::Completed => "completed",
            BookingStatus::NoShow => "no-show",
        }
    }
}

/// Shortest and longest private lesson booked from a free slot, in minutes.
pub const PRIVATE_MINUTES: (i64, i64) = (30, 180);

/// A private lesson booked from a free slot lasts 30 to 180 minutes (422 on `endAt`).
pub fn check_private_length(start: DateTime<Utc>, end: DateTime<Utc>) -> Result<(), DomainError> {
    let minutes = (end - start).num_minutes();
    if end <= start || minutes < PRIVATE_MINUTES.0 || minutes > PRIVATE_MINUTES.1 {
        return Err(DomainError::invalid(
            "endAt",
            crate::Problem::new("private-length")
                .with("min", PRIVATE_MINUTES.0)
                .with("max", PRIVATE_MINUTES.1),
        ));
    }
    Ok(())
}

/// A session takes bookings while SCHEDULED and not started (`session_not_bookable`).
pub fn ensure_bookable(
    status: SessionStatus,
    start: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), Refusal> {
    if status != SessionStatus::Scheduled {
        return Err(Refusal::new(
            Conflict::SessionNotBookable,
            format!("the session is {}", status.as_str().to_lowercase()),
        ));
    }
    if start <= now {
        return Err(Refusal::new(
            Conflict::SessionNotBookable,
            "the session has already started",
        ));
    }
    Ok(())
}

/// Only a CONFIRMED booking can be cancelled, moved or marked (`booking_not_active`).
pub fn ensure_active(status: BookingStatus) -> Result<(), Refusal> {
    if status != BookingStatus::Confirmed {
        return Err(Refusal::new(
            Conflict::BookingNotActive,
            format!("the booking is {}", status.words()),
        ));
    }
    Ok(())
}

/// A student takes a seat when they hold none in the session and one is free.
pub fn ensure_seat(already_holds_one: bool, taken: i64, capacity: i32) -> Result<(), Refusal> {
    if already_holds_one {
        return Err(already_booked());
    }
    if taken >= i64::from(capacity) {
        return Err(Refusal::new(
            Conflict::SessionFull,
            "the session has no free seat",
        ));
    }
    Ok(())
}

/// The refusal for a second seat in one session.
pub fn already_booked() -> Refusal {
    Refusal::new(
        Conflict::AlreadyBooked,
        "you already hold a seat in this session",
    )
}

/// What the policy allows for one booking now, and why not when it does not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changes {
    pub can_cancel: bool,
    pub can_reschedule: bool,
    /// Why something is not allowed (worded by the catalogue as `problem-<key>`).
    pub reason: Option<Problem>,
    pub deadline: DateTime<Utc>,
}

impl CancellationPolicy {
    /// May a student cancel this booking now? (`cancellation_window_passed` when not.)
    pub fn decide_cancel(&self, start: DateTime<Utc>, now: DateTime<Utc>) -> Result<(), Refusal> {
        if self.can_cancel(start, now) {
            return Ok(());
        }
        Err(self.cancel_refusal())
    }

    /// Why a cancel is refused: the school allows none, or its deadline has passed.
    fn cancel_refusal(&self) -> Refusal {
        Refusal::new(
            Conflict::CancellationWindowPassed,
            if self.allow_cancellation {
                format!(
                    "bookings can be cancelled until {} hours before the start",
                    self.cancellation_deadline_hours
                )
            } else {
                "the school does not allow cancelling bookings".to_owned()
            },
        )
    }

    /// The same reason as [`Self::cancel_refusal`], for the catalogue.
    fn cancel_reason(&self) -> Problem {
        if self.allow_cancellation {
            Problem::new("cancel-deadline")
                .with("hours", i64::from(self.cancellation_deadline_hours))
        } else {
            Problem::new("no-cancelling")
        }
    }

    /// Why a move is refused, for the catalogue (the refusal's own sentence says the same).
    fn reschedule_reason(&self, rescheduled: i32) -> Problem {
        if !self.allow_rescheduling {
            Problem::new("no-rescheduling")
        } else if rescheduled >= self.max_reschedules_per_booking {
            Problem::new("reschedule-limit")
                .with("max", i64::from(self.max_reschedules_per_booking))
        } else {
            Problem::new("reschedule-deadline")
                .with("hours", i64::from(self.rescheduling_deadline_hours))
        }
    }

    /// May a student move this booking now? (`reschedule_not_allowed` when not.)
    pub fn decide_reschedule(
        &self,
        start: DateTime<Utc>,
        now: DateTime<Utc>,
        rescheduled: i32,
    ) -> Result<(), Refusal> {
        if self.can_reschedule(start, now, rescheduled) {
            return Ok(());
        }
        let why = if !self.allow_rescheduling {
            "the school does not allow rescheduling bookings".to_owned()
        } else if rescheduled >= self.max_reschedules_per_booking {
            format!(
                "a booking may be rescheduled at most {} times",
                self.max_reschedules_per_booking
            )
        } else {
            format!(
                "bookings can be rescheduled until {} hours before the start",
                self.rescheduling_deadline_hours
            )
        };
        Err(Refusal::new(Conflict::RescheduleNotAllowed, why))
    }

    /// What a student may still do with a booking that was never rescheduled.
    pub fn changes(
        &self,
        status: BookingStatus,
        start: DateTime<Utc>,
        now: DateTime<Utc>,
        rescheduled: i32,
    ) -> Changes {
        self.changes_from(status, start, start, now, rescheduled)
    }

    /// What a student may still do with a booking (the answer of `can-modify`). `first_start` is
    /// the earliest start along its reschedule chain: cancelling counts from it, so a move never
    /// opens a refund the first session's deadline had closed; moving counts from `start`.
    pub fn changes_from(
        &self,
        status: BookingStatus,
        start: DateTime<Utc>,
        first_start: DateTime<Utc>,
        now: DateTime<Utc>,
        rescheduled: i32,
    ) -> Changes {
        let cancel_from = first_start.min(start);
        let deadline = self.cancellation_deadline(cancel_from);
        if ensure_active(status).is_err() {
            return Changes {
                can_cancel: false,
                can_reschedule: false,
                reason: Some(Problem::new("booking-status").with("status", status.as_str())),
                deadline,
            };
        }
        let can_cancel = self.can_cancel(cancel_from, now);
        let can_reschedule = self.can_reschedule(start, now, rescheduled);
        let reason = match (can_cancel, can_reschedule) {
            (true, true) => None,
            _ if !self.allow_cancellation && !self.allow_rescheduling => {
                Some(Problem::new("no-changes"))
            }
            (true, false) => Some(self.reschedule_reason(rescheduled)),
            (false, _) => Some(self.cancel_reason()),
        };
        Changes {
            can_cancel,
            can_reschedule,
            reason,
            deadline,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(h: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000 + h * 3600, 0).unwrap()
    }

    #[test]
    fn only_scheduled_future_sessions_take_bookings() {
        assert!(ensure_bookable(SessionStatus::Scheduled, at(1), at(0)).is_ok());
        let started = ensure_bookable(SessionStatus::Scheduled, at(0), at(0)).unwrap_err();
        assert_eq!(started.code, Conflict::SessionNotBookable);
        let cancelled = ensure_bookable(SessionStatus::Cancelled, at(5), at(0)).unwrap_err();
        assert_eq!(cancelled.message, "the session is cancelled");
    }

    #[test]
    fn seats_and_activity() {
        assert!(ensure_seat(false, 1, 2).is_ok());
        assert_eq!(
            ensure_seat(false, 2, 2).unwrap_err().code,
            Conflict::SessionFull
        );
        assert_eq!(
            ensure_seat(true, 0, 2).unwrap_err().code,
            Conflict::AlreadyBooked
        );
        assert!(ensure_active(BookingStatus::Confirmed).is_ok());
        assert_eq!(
            ensure_active(BookingStatus::NoShow).unwrap_err().message,
            "the booking is no-show"
        );
    }

    #[test]
    fn private_lessons_last_half_an_hour_to_three_hours() {
        assert!(check_private_length(at(0), at(1)).is_ok());
        assert!(check_private_length(at(0), at(3)).is_ok());
        assert!(check_private_length(at(0), at(4)).is_err());
        assert!(check_private_length(at(1), at(1)).is_err());
    }

    #[test]
    fn changes_explain_the_refusal_in_the_words_of_the_refusing_rule() {
        let p = CancellationPolicy::default();
        let open = p.changes(BookingStatus::Confirmed, at(48), at(0), 0);
        assert!(open.can_cancel && open.can_reschedule && open.reason.is_none());
        let limit = p.changes(BookingStatus::Confirmed, at(48), at(0), 2);
        assert!(limit.can_cancel && !limit.can_reschedule);
        let said = |c: &Changes| c.reason.as_ref().map(ToString::to_string);
        assert_eq!(said(&limit).as_deref(), Some("reschedule-limit (max=2)"));
        let late = p.changes(BookingStatus::Confirmed, at(10), at(0), 0);
        assert!(!late.can_cancel && !late.can_reschedule);
        assert_eq!(said(&late).as_deref(), Some("cancel-deadline (hours=24)"));
        assert_eq!(
            p.decide_reschedule(at(10), at(0), 0).unwrap_err().code,
            Conflict::RescheduleNotAllowed
        );
        // Moved from a session 10 h away to one 48 h away: cancelling still counts from the first.
        let moved = p.changes_from(BookingStatus::Confirmed, at(48), at(10), at(0), 1);
        assert!(!moved.can_cancel);
        assert_eq!(moved.deadline, p.cancellation_deadline(at(10)));
        let gone = p.changes(BookingStatus::Cancelled, at(48), at(0), 0);
        assert_eq!(
            said(&gone).as_deref(),
            Some("booking-status (status=CANCELLED)")
        );
        assert_eq!(late.deadline, at(-14));
    }
}
