//! Course programs: their codes and the progress of a student through the steps.

use std::fmt;

use crate::DomainError;
use crate::vocab::stored_name;

/// A program's code: 2-50 characters of `A-Z0-9-`, starting with a letter (e.g. `SFZ`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CourseCode(String);

impl CourseCode {
    /// Accepts a code as given (no case folding: `sfz` is refused).
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let ok = (2..=50).contains(&raw.len())
            && raw.starts_with(|c: char| c.is_ascii_uppercase())
            && raw
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-');
        if !ok {
            return Err(DomainError::invalid(
                "code",
                crate::Problem::new("course-code"),
            ));
        }
        Ok(Self(raw.to_owned()))
    }

    /// The code as a lookup key from a URL: upper-cased, `None` when it cannot be a code.
    pub fn lookup(raw: &str) -> Option<Self> {
        Self::parse(&raw.to_ascii_uppercase()).ok()
    }

    /// The code.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The code, owned.
    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Display for CourseCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

stored_name! {
    /// A student's progress on one step of an enrolment.
    StepStatus {
        Unbooked = "UNBOOKED",
        Booked = "BOOKED",
        Completed = "COMPLETED",
        Missed = "MISSED",
        /// The enrolment itself ended (its package was refunded).
        Cancelled = "CANCELLED",
    }
}

impl StepStatus {
    /// Statuses in which a step can be booked: UNBOOKED, or MISSED (a missed step may be made up).
    pub const OPEN: [StepStatus; 2] = [StepStatus::Unbooked, StepStatus::Missed];

    /// Can the step be booked now?
    pub fn is_open(self) -> bool {
        Self::OPEN.contains(&self)
    }

    /// The status a step takes when the student attended or missed its session.
    pub fn after_attendance(attended: bool) -> Self {
        if attended {
            StepStatus::Completed
        } else {
            StepStatus::Missed
        }
    }
}

/// Counts of an enrolment's progress and the step to book next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProgressSummary {
    pub total_steps: usize,
    pub completed_steps: usize,
    pub booked_steps: usize,
    /// The first step, in order, still to book.
    pub next_step_id: Option<i64>,
}

/// Sums up `(step id, status)` pairs given in step order.
pub fn summarize(steps: impl IntoIterator<Item = (i64, StepStatus)>) -> ProgressSummary {
    let mut s = ProgressSummary {
        total_steps: 0,
        completed_steps: 0,
        booked_steps: 0,
        next_step_id: None,
    };
    for (id, status) in steps {
        s.total_steps += 1;
        match status {
            StepStatus::Completed => s.completed_steps += 1,
            StepStatus::Booked => s.booked_steps += 1,
            _ => {}
        }
        if status.is_open() && s.next_step_id.is_none() {
            s.next_step_id = Some(id);
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes() {
        assert!(CourseCode::parse("SFZ").is_ok());
        assert!(CourseCode::parse("A1-2026").is_ok());
        assert!(CourseCode::parse("S").is_err());
        assert!(CourseCode::parse("1AB").is_err());
        assert!(CourseCode::parse("sfz").is_err());
        assert_eq!(CourseCode::lookup("sfz").unwrap().as_str(), "SFZ");
        assert!(CourseCode::lookup("12").is_none());
        assert!(CourseCode::parse(&"A".repeat(51)).is_err());
    }

    #[test]
    fn open_steps_and_the_next_one() {
        use StepStatus::*;
        assert!(Unbooked.is_open() && Missed.is_open());
        assert!(!Booked.is_open() && !Completed.is_open() && !Cancelled.is_open());
        let s = summarize([(1, Completed), (2, Booked), (3, Missed), (4, Unbooked)]);
        assert_eq!(
            s,
            ProgressSummary {
                total_steps: 4,
                completed_steps: 1,
                booked_steps: 1,
                next_step_id: Some(3)
            }
        );
        assert_eq!(summarize([(1, Cancelled)]).next_step_id, None);
    }
}
