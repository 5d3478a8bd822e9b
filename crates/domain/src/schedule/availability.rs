//! A teacher's weekly availability: wall-clock rules per weekday plus dated exceptions.

use chrono::NaiveDate;
use chrono_tz::Tz;

use super::input::{Problems, parse_date, parse_span};
use super::{LocalTime, parse_timezone};
use crate::{DomainError, Problem};

/// Most rules a weekly availability may hold.
pub const MAX_RULES: usize = 50;
/// Most exceptions a weekly availability may hold (a year of dates).
pub const MAX_EXCEPTIONS: usize = 366;

/// A recurring window: every ISO `weekday` from `start` to `end`, local wall-clock time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AvailabilityRule {
    /// ISO weekday, 1 = Monday .. 7 = Sunday.
    pub weekday: u8,
    /// Local start of the window, before 24:00.
    pub start: LocalTime,
    /// Local end of the window, after `start` (may be 24:00).
    pub end: LocalTime,
}

/// A change on one local date: blocks time (`available == false`) or adds a window.
///
/// Without times it covers the whole date (only meaningful for blocking).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AvailabilityException {
    /// The local calendar date it applies to.
    pub date: NaiveDate,
    /// Local start, given together with `end`.
    pub start: Option<LocalTime>,
    /// Local end, given together with `start`.
    pub end: Option<LocalTime>,
    /// True adds a window on `date`; false blocks it.
    pub available: bool,
}

/// Weekly rules and exceptions, read in the teacher's IANA `timezone`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeeklyAvailability {
    /// The zone every local time and date is read in.
    pub timezone: Tz,
    /// Recurring windows; two rules of the same weekday never overlap once parsed.
    pub rules: Vec<AvailabilityRule>,
    /// Dated changes to the rules.
    pub exceptions: Vec<AvailabilityException>,
}

/// A rule as it arrives from JSON.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RuleInput {
    /// `weekday`: 1 = Monday .. 7 = Sunday.
    pub weekday: i64,
    /// `startTime`: "HH:MM".
    pub start_time: String,
    /// `endTime`: "HH:MM", "24:00" allowed.
    pub end_time: String,
}

/// An exception as it arrives from JSON.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ExceptionInput {
    /// `date`: "YYYY-MM-DD".
    pub date: String,
    /// `startTime`: "HH:MM", together with `endTime`.
    pub start_time: Option<String>,
    /// `endTime`: "HH:MM", together with `startTime`.
    pub end_time: Option<String>,
    /// `available`: adds a window when true, blocks when false.
    pub available: bool,
}

/// A whole availability as it arrives from JSON.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AvailabilityInput {
    /// `timezone`: an IANA name.
    pub timezone: String,
    /// `rules`: at most 50.
    pub rules: Vec<RuleInput>,
    /// `exceptions`: at most 366.
    pub exceptions: Vec<ExceptionInput>,
}

impl WeeklyAvailability {
    /// Validates everything at once; every problem is reported in one
    /// `DomainError::Fields` keyed by JSON path ("timezone", "rules[1].weekday",
    /// "rules[1].startTime", "rules[2]" for an overlap, "exceptions[0].date", ...).
    pub fn parse(input: AvailabilityInput) -> Result<Self, DomainError> {
        let mut problems = Problems::default();
        let timezone = match parse_timezone("timezone", &input.timezone) {
            Ok(tz) => Some(tz),
            Err(err) => {
                problems.add("timezone", problem_of(err));
                None
            }
        };
        let rules = parse_rules(&mut problems, &input.rules);
        let exceptions = parse_exceptions(&mut problems, &input.exceptions);
        problems.finish(|| {
            Some(Self {
                timezone: timezone?,
                rules: rules?,
                exceptions: exceptions?,
            })
        })
    }
}

/// The problem text of a single-field error.
pub(super) fn problem_of(err: DomainError) -> Problem {
    match err {
        DomainError::Invalid { problem, .. } => problem,
        _ => Problem::new("invalid"),
    }
}

/// Every rule, or `None` when any of them (or their count) is wrong.
fn parse_rules(problems: &mut Problems, inputs: &[RuleInput]) -> Option<Vec<AvailabilityRule>> {
    if inputs.len() > MAX_RULES {
        // Skipping the items bounds the work a hostile request can cause.
        problems.add(
            "rules",
            Problem::new("at-most-rules").with("max", MAX_RULES as i64),
        );
        return None;
    }
    let parsed: Vec<_> = inputs
        .iter()
        .enumerate()
        .map(|(i, input)| parse_rule(problems, i, input))
        .collect();
    for (j, rule) in parsed.iter().enumerate() {
        let Some(rule) = rule else { continue };
        let clash = parsed[..j].iter().position(|other| {
            other.is_some_and(|o| {
                o.weekday == rule.weekday && o.start.max(rule.start) < o.end.min(rule.end)
            })
        });
        if let Some(i) = clash {
            problems.add(
                format!("rules[{j}]"),
                Problem::new("overlaps-rule")
                    .with("index", i as i64)
                    .with("row", i as i64 + 1),
            );
        }
    }
    parsed.into_iter().collect()
}

fn parse_rule(problems: &mut Problems, i: usize, input: &RuleInput) -> Option<AvailabilityRule> {
    let key = |field: &str| format!("rules[{i}].{field}");
    let weekday = match u8::try_from(input.weekday) {
        Ok(day @ 1..=7) => Some(day),
        _ => {
            problems.add(key("weekday"), Problem::new("weekday"));
            None
        }
    };
    let (start, end) = parse_span(
        problems,
        (&key("startTime"), &input.start_time),
        (&key("endTime"), &input.end_time),
    )?;
    Some(AvailabilityRule {
        weekday: weekday?,
        start,
        end,
    })
}

/// Every exception, or `None` when any of them (or their count) is wrong.
fn parse_exceptions(
    problems: &mut Problems,
    inputs: &[ExceptionInput],
) -> Option<Vec<AvailabilityException>> {
    if inputs.len() > MAX_EXCEPTIONS {
        problems.add(
            "exceptions",
            Problem::new("at-most-exceptions").with("max", MAX_EXCEPTIONS as i64),
        );
        return None;
    }
    let parsed: Vec<_> = inputs
        .iter()
        .enumerate()
        .map(|(i, input)| parse_exception(problems, i, input))
        .collect();
    parsed.into_iter().collect()
}

fn parse_exception(
    problems: &mut Problems,
    i: usize,
    input: &ExceptionInput,
) -> Option<AvailabilityException> {
    let key = |field: &str| format!("exceptions[{i}].{field}");
    let date = problems.take(parse_date(&key("date"), &input.date));
    let times = match (&input.start_time, &input.end_time) {
        (Some(start), Some(end)) => {
            parse_span(problems, (&key("startTime"), start), (&key("endTime"), end))
                .map(|(s, e)| (Some(s), Some(e)))
        }
        (None, None) if input.available => {
            let problem = Problem::new("required-when-available");
            problems.add(key("startTime"), problem.clone());
            problems.add(key("endTime"), problem);
            None
        }
        (None, None) => Some((None, None)),
        (Some(_), None) => {
            problems.add(
                key("endTime"),
                Problem::new("required-with").with("other", "startTime"),
            );
            None
        }
        (None, Some(_)) => {
            problems.add(
                key("startTime"),
                Problem::new("required-with").with("other", "endTime"),
            );
            None
        }
    };
    let (start, end) = times?;
    Some(AvailabilityException {
        date: date?,
        start,
        end,
        available: input.available,
    })
}

#[cfg(test)]
mod tests;
