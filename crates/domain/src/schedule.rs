//! Slot maths in IANA time zones: weekly availability, bookable slots and class recurrences.
//!
//! Everything is pure. Wall-clock times are read in the zone of their owner and turned into UTC
//! instants with one rule ([`resolve_local`]); every interval is half-open UTC, [start, end).

mod availability;
mod clock;
mod input;
mod interval;
mod recurrence;
mod slots;

pub use availability::{
    AvailabilityException, AvailabilityInput, AvailabilityRule, ExceptionInput, MAX_EXCEPTIONS,
    MAX_RULES, RuleInput, WeeklyAvailability,
};
pub use chrono_tz::Tz;
pub use clock::{LocalTime, parse_timezone, resolve_local};
pub use interval::{Interval, find_overlap};
pub use recurrence::{Recurrence, RecurrenceInput};

/// What a request is told when an instant or a date lies outside the range Aula plans in.
pub fn out_of_range() -> crate::Problem {
    crate::Problem::new("date-range")
}

/// True for a date in [2000-01-01, 2100-01-01), the range every date of a request must lie in.
pub fn date_in_range(date: chrono::NaiveDate) -> bool {
    use chrono::Datelike;
    (2000..2100).contains(&date.year())
}

/// True for an instant in [2000-01-01T00:00:00Z, 2100-01-01T00:00:00Z).
pub fn instant_in_range(t: chrono::DateTime<chrono::Utc>) -> bool {
    date_in_range(t.date_naive())
}

#[cfg(test)]
mod range_tests {
    use super::*;

    #[test]
    fn the_planning_range_is_half_open() {
        let at = |s: &str| s.parse::<chrono::DateTime<chrono::Utc>>().unwrap();
        assert!(instant_in_range(at("2000-01-01T00:00:00Z")));
        assert!(instant_in_range(at("2099-12-31T23:59:59Z")));
        assert!(!instant_in_range(at("2100-01-01T00:00:00Z")));
        assert!(!instant_in_range(at("1999-12-31T23:59:59Z")));
    }
}
