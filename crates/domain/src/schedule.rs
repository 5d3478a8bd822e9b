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
