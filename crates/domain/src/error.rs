//! The errors every rule of the domain reports: invalid values (422) and refusals (409).

use crate::vocab::stored_name;

/// A value or an action broke a rule of the domain.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DomainError {
    /// A field holds a value its rule rejects; `field` names it as the API spells it.
    #[error("{field}: {problem}")]
    Invalid {
        field: &'static str,
        problem: String,
    },
    /// Several fields (named with paths such as `rules[1].endTime`) break their rules.
    #[error("invalid fields: {0:?}")]
    Fields(std::collections::BTreeMap<String, String>),
    /// A rule of the school refused the action.
    #[error(transparent)]
    Refused(#[from] Refusal),
}

impl DomainError {
    /// A rejected value of `field`.
    pub fn invalid(field: &'static str, problem: impl Into<String>) -> Self {
        Self::Invalid {
            field,
            problem: problem.into(),
        }
    }
}

stored_name! {
    /// Why an action was refused: the 409 codes of api.md.
    Conflict {
        Duplicate = "duplicate",
        SessionFull = "session_full",
        SessionNotFull = "session_not_full",
        AlreadyBooked = "already_booked",
        StepAlreadyBooked = "step_already_booked",
        InsufficientCredits = "insufficient_credits",
        PackageExpired = "package_expired",
        PackageNotApplicable = "package_not_applicable",
        CrossTierConfirmationRequired = "cross_tier_confirmation_required",
        NotEnrolled = "not_enrolled",
        CancellationWindowPassed = "cancellation_window_passed",
        RescheduleNotAllowed = "reschedule_not_allowed",
        BookingNotActive = "booking_not_active",
        SlotUnavailable = "slot_unavailable",
        SessionNotBookable = "session_not_bookable",
        SessionNotStarted = "session_not_started",
        InUse = "in_use",
        PackageInactive = "package_inactive",
        CapacityBelowBooked = "capacity_below_booked",
    }
}

/// A refused action: the code clients act on and a sentence people read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct Refusal {
    pub code: Conflict,
    pub message: String,
}

impl Refusal {
    /// Refuses with `code`, explained by `message`.
    pub fn new(code: Conflict, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }
}
