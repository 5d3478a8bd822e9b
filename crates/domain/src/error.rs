//! The errors every rule of the domain reports: invalid values (422) and refusals (409).

use crate::vocab::stored_name;

/// A value or an action broke a rule of the domain.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DomainError {
    /// A field holds a value its rule rejects; `field` names it as the API spells it.
    #[error("{field}: {problem}")]
    Invalid {
        field: &'static str,
        problem: Problem,
    },
    /// Several fields (named with paths such as `rules[1].endTime`) break their rules.
    #[error("invalid fields: {0:?}")]
    Fields(std::collections::BTreeMap<String, Problem>),
    /// A rule of the school refused the action.
    #[error(transparent)]
    Refused(#[from] Refusal),
}

impl DomainError {
    /// A rejected value of `field`.
    pub fn invalid(field: &'static str, problem: Problem) -> Self {
        Self::Invalid { field, problem }
    }
}

/// What is wrong with a value: a stable key that the message catalogue words (as
/// `problem-<key>`, in the reader's language) and the values its sentence names. The domain
/// never writes the sentence itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub key: &'static str,
    pub args: Vec<(&'static str, ProblemArg)>,
}

/// A value named in a problem's sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemArg {
    Number(i64),
    /// A word that is not translated: a field name as the API spells it, a list of codes.
    Text(String),
}

impl From<i64> for ProblemArg {
    fn from(n: i64) -> Self {
        Self::Number(n)
    }
}

impl From<&str> for ProblemArg {
    fn from(s: &str) -> Self {
        Self::Text(s.to_owned())
    }
}

impl From<String> for ProblemArg {
    fn from(s: String) -> Self {
        Self::Text(s)
    }
}

impl Problem {
    /// The problem `key` with no values.
    pub fn new(key: &'static str) -> Self {
        Self {
            key,
            args: Vec::new(),
        }
    }

    /// Adds the value `name` of the sentence.
    pub fn with(mut self, name: &'static str, value: impl Into<ProblemArg>) -> Self {
        self.args.push((name, value.into()));
        self
    }

    /// "is required"
    pub fn required() -> Self {
        Self::new("required")
    }

    /// "must be between {min} and {max}"
    pub fn between(min: i64, max: i64) -> Self {
        Self::new("between").with("min", min).with("max", max)
    }

    /// "must be {min} to {max} characters"
    pub fn chars(min: i64, max: i64) -> Self {
        Self::new("chars").with("min", min).with("max", max)
    }

    /// "must be at most {max} characters"
    pub fn at_most_chars(max: i64) -> Self {
        Self::new("at-most-chars").with("max", max)
    }

    /// "must be after {other}"
    pub fn after(other: &str) -> Self {
        Self::new("after").with("other", other)
    }

    /// The value named `name`, if the problem has it.
    pub fn arg(&self, name: &str) -> Option<&ProblemArg> {
        self.args.iter().find(|(n, _)| *n == name).map(|(_, v)| v)
    }
}

impl std::fmt::Display for ProblemArg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Number(n) => write!(f, "{n}"),
            Self::Text(s) => f.write_str(s),
        }
    }
}

/// The key and its values, for logs (pages and API answers word it through the catalogue).
impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.key)?;
        for (i, (name, value)) in self.args.iter().enumerate() {
            let sep = if i == 0 { " (" } else { ", " };
            write!(f, "{sep}{name}={value}")?;
        }
        if !self.args.is_empty() {
            f.write_str(")")?;
        }
        Ok(())
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
