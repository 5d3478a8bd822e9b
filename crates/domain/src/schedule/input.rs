//! Collecting every problem of a raw input at once, keyed by the JSON path of the field.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::LocalTime;
use crate::{DomainError, Problem};

/// Problems found so far, one per field path (the first problem of a field wins).
#[derive(Debug, Default)]
pub(super) struct Problems(BTreeMap<String, Problem>);

impl Problems {
    /// Records `problem` under `key` unless that key already has one.
    pub(super) fn add(&mut self, key: impl Into<String>, problem: Problem) {
        self.0.entry(key.into()).or_insert(problem);
    }

    /// The value, or records the `(field, problem)` error and gives nothing.
    pub(super) fn take<T>(&mut self, result: Result<T, (String, Problem)>) -> Option<T> {
        result.map_err(|(key, problem)| self.add(key, problem)).ok()
    }

    /// `value` when nothing was recorded, else every problem at once.
    pub(super) fn finish<T>(self, value: impl FnOnce() -> Option<T>) -> Result<T, DomainError> {
        if !self.0.is_empty() {
            return Err(DomainError::Fields(self.0));
        }
        // Every `None` on the way recorded a problem, so this only fails on a bug.
        value().ok_or_else(|| DomainError::Fields(BTreeMap::new()))
    }
}

/// A calendar date written exactly as YYYY-MM-DD.
pub(super) fn parse_date(key: &str, raw: &str) -> Result<NaiveDate, (String, Problem)> {
    // chrono alone would also accept "2026-1-5"; the API promises the zero-padded form.
    let shaped = raw.len() == 10
        && raw.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    let date = shaped
        .then(|| NaiveDate::parse_from_str(raw, "%Y-%m-%d").ok())
        .flatten()
        .ok_or_else(|| (key.to_owned(), Problem::new("date")))?;
    if !super::date_in_range(date) {
        return Err((key.to_owned(), super::out_of_range()));
    }
    Ok(date)
}

/// A start time before 24:00 and an end time after it, under their own keys.
pub(super) fn parse_span(
    problems: &mut Problems,
    (start_key, start_raw): (&str, &str),
    (end_key, end_raw): (&str, &str),
) -> Option<(LocalTime, LocalTime)> {
    let start = problems.take(LocalTime::parse(start_key, start_raw));
    let end = problems.take(LocalTime::parse(end_key, end_raw));
    let start = start?;
    if start == LocalTime::END_OF_DAY {
        problems.add(start_key, Problem::new("before-midnight"));
        return None;
    }
    let end = end?;
    if end <= start {
        problems.add(end_key, Problem::after("startTime"));
        return None;
    }
    Some((start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_must_be_zero_padded_and_real() {
        assert_eq!(
            parse_date("d", "2026-02-28"),
            Ok(NaiveDate::from_ymd_opt(2026, 2, 28).unwrap())
        );
        for raw in [
            "2026-1-05",
            "2026-02-30",
            "26-01-05",
            "2026/01/05",
            "",
            "2026-01-05T00",
        ] {
            assert_eq!(
                parse_date("d", raw),
                Err(("d".to_owned(), Problem::new("date"))),
                "{raw}"
            );
        }
    }

    #[test]
    fn the_first_problem_of_a_field_wins() {
        let mut problems = Problems::default();
        problems.add("a", Problem::new("date"));
        problems.add("a", Problem::new("time"));
        let err = problems.finish(|| Some(())).unwrap_err();
        assert_eq!(
            err,
            DomainError::Fields(BTreeMap::from([("a".to_owned(), Problem::new("date"))]))
        );
    }
}
