//! Weekly recurrence of a group class: the same local start time on chosen weekdays.

use chrono::{Datelike, NaiveDate, TimeDelta};
use chrono_tz::Tz;

use super::availability::problem_of;
use super::input::{Problems, parse_date};
use super::{Interval, LocalTime, parse_timezone, resolve_local};
use crate::{DomainError, Problem};

/// Shortest and longest session of a recurrence, in minutes.
const DURATION_MINUTES: std::ops::RangeInclusive<i64> = 15..=480;
/// Most days between the first and the last date of a recurrence.
const MAX_SPAN_DAYS: i64 = 366;

/// A recurrence as it arrives from JSON (inside a `recurrence` object).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RecurrenceInput {
    /// `timezone`: an IANA name.
    pub timezone: String,
    /// `weekdays`: ISO weekdays, 1 = Monday .. 7 = Sunday.
    pub weekdays: Vec<i64>,
    /// `startTime`: "HH:MM", before 24:00.
    pub start_time: String,
    /// `durationMinutes`: 15 to 480.
    pub duration_minutes: i64,
    /// `startDate`: "YYYY-MM-DD", the first local date.
    pub start_date: String,
    /// `endDate`: "YYYY-MM-DD", the last local date (inclusive).
    pub end_date: String,
}

/// A validated weekly recurrence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recurrence {
    /// The zone the start time and dates are read in.
    pub timezone: Tz,
    /// ISO weekdays, ascending, without duplicates.
    pub weekdays: Vec<u8>,
    /// Local start time of every session.
    pub start_time: LocalTime,
    /// Elapsed length of every session.
    pub duration_minutes: u32,
    /// First local date.
    pub start_date: NaiveDate,
    /// Last local date (inclusive).
    pub end_date: NaiveDate,
}

impl Recurrence {
    /// Validates everything at once; problems come back in one `DomainError::Fields` keyed
    /// "recurrence.timezone", "recurrence.weekdays", "recurrence.startTime",
    /// "recurrence.durationMinutes", "recurrence.startDate" and "recurrence.endDate".
    pub fn parse(input: RecurrenceInput) -> Result<Self, DomainError> {
        let mut problems = Problems::default();
        let timezone = parse_timezone("recurrence.timezone", &input.timezone)
            .map_err(|err| problems.add("recurrence.timezone", problem_of(err)))
            .ok();
        let weekdays = parse_weekdays(&mut problems, &input.weekdays);
        let start_time = problems.take(LocalTime::parse("recurrence.startTime", &input.start_time));
        if start_time == Some(LocalTime::END_OF_DAY) {
            problems.add("recurrence.startTime", Problem::new("before-midnight"));
        }
        let duration_minutes = u32::try_from(input.duration_minutes)
            .ok()
            .filter(|_| DURATION_MINUTES.contains(&input.duration_minutes));
        if duration_minutes.is_none() {
            problems.add(
                "recurrence.durationMinutes",
                Problem::between(*DURATION_MINUTES.start(), *DURATION_MINUTES.end()),
            );
        }
        let dates = parse_dates(&mut problems, &input.start_date, &input.end_date);
        problems.finish(|| {
            let (start_date, end_date) = dates?;
            Some(Self {
                timezone: timezone?,
                weekdays: weekdays?,
                start_time: start_time?,
                duration_minutes: duration_minutes?,
                start_date,
                end_date,
            })
        })
    }

    /// One interval per matching local date in [start_date, end_date], sorted: it starts at
    /// `start_time` on that date (through [`resolve_local`], so it keeps its local time across
    /// clock changes) and lasts `duration_minutes` of elapsed time.
    pub fn occurrences(&self) -> Vec<Interval> {
        let duration = TimeDelta::minutes(i64::from(self.duration_minutes));
        self.start_date
            .iter_days()
            .take_while(|date| *date <= self.end_date)
            .filter(|date| {
                let weekday = date.weekday().number_from_monday();
                self.weekdays.iter().any(|d| u32::from(*d) == weekday)
            })
            .map(|date| {
                let start = resolve_local(self.timezone, self.start_time.on(date));
                Interval::new(start, start + duration)
            })
            .collect()
    }
}

fn parse_weekdays(problems: &mut Problems, raw: &[i64]) -> Option<Vec<u8>> {
    const KEY: &str = "recurrence.weekdays";
    if raw.is_empty() {
        problems.add(KEY, Problem::new("not-empty"));
        return None;
    }
    let mut days = Vec::with_capacity(raw.len());
    for day in raw {
        match u8::try_from(*day) {
            Ok(day @ 1..=7) => days.push(day),
            _ => {
                problems.add(KEY, Problem::new("weekdays"));
                return None;
            }
        }
    }
    days.sort_unstable();
    if days.windows(2).any(|pair| pair[0] == pair[1]) {
        problems.add(KEY, Problem::new("weekday-repeated"));
        return None;
    }
    Some(days)
}

fn parse_dates(problems: &mut Problems, start: &str, end: &str) -> Option<(NaiveDate, NaiveDate)> {
    let start = problems.take(parse_date("recurrence.startDate", start));
    let end = problems.take(parse_date("recurrence.endDate", end));
    let (start, end) = (start?, end?);
    let span = (end - start).num_days();
    if span < 0 {
        problems.add(
            "recurrence.endDate",
            Problem::new("not-before").with("other", "startDate"),
        );
        return None;
    }
    if span > MAX_SPAN_DAYS {
        problems.add(
            "recurrence.endDate",
            Problem::new("at-most-days-after")
                .with("days", MAX_SPAN_DAYS)
                .with("other", "startDate"),
        );
        return None;
    }
    Some((start, end))
}

#[cfg(test)]
mod tests;
