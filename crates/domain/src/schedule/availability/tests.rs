//! Parsing a weekly availability: what is accepted and the key of every problem.

use std::collections::BTreeMap;

use super::*;

fn rule(weekday: i64, start: &str, end: &str) -> RuleInput {
    RuleInput {
        weekday,
        start_time: start.to_owned(),
        end_time: end.to_owned(),
    }
}

fn exception(date: &str, times: Option<(&str, &str)>, available: bool) -> ExceptionInput {
    ExceptionInput {
        date: date.to_owned(),
        start_time: times.map(|t| t.0.to_owned()),
        end_time: times.map(|t| t.1.to_owned()),
        available,
    }
}

fn input(rules: Vec<RuleInput>, exceptions: Vec<ExceptionInput>) -> AvailabilityInput {
    AvailabilityInput {
        timezone: "Europe/Madrid".to_owned(),
        rules,
        exceptions,
    }
}

/// The problems of an input, by key.
fn problems(input: AvailabilityInput) -> BTreeMap<String, String> {
    match WeeklyAvailability::parse(input) {
        Err(DomainError::Fields(fields)) => fields
            .into_iter()
            .map(|(k, p)| (k, p.to_string()))
            .collect(),
        other => panic!("expected field errors, got {other:?}"),
    }
}

#[test]
fn parses_a_valid_availability() {
    let parsed = WeeklyAvailability::parse(input(
        vec![
            rule(1, "09:00", "12:00"),
            rule(1, "12:00", "24:00"),
            rule(7, "00:00", "01:30"),
        ],
        vec![
            exception("2026-04-06", None, false),
            exception("2026-04-07", Some(("18:00", "20:00")), true),
        ],
    ))
    .unwrap();
    assert_eq!(parsed.timezone, Tz::Europe__Madrid);
    assert_eq!(parsed.rules.len(), 3);
    assert_eq!(parsed.rules[1].end, LocalTime::END_OF_DAY);
    assert_eq!(parsed.exceptions[0].start, None);
    assert_eq!(
        parsed.exceptions[1].start.map(|t| t.to_string()),
        Some("18:00".into())
    );
}

#[test]
fn reports_the_timezone_and_rule_fields_at_once() {
    let mut raw = input(
        vec![
            rule(1, "09:00", "10:00"),
            rule(0, "9:00", "24:30"),
            rule(8, "24:00", "24:00"),
            rule(2, "10:00", "09:00"),
            rule(2, "10:00", "10:00"),
        ],
        vec![],
    );
    raw.timezone = "Europe/Atlantis".into();
    let got = problems(raw);
    let expected = [
        ("timezone", "time-zone"),
        ("rules[1].weekday", "weekday"),
        ("rules[1].startTime", "time"),
        ("rules[1].endTime", "time"),
        ("rules[2].weekday", "weekday"),
        ("rules[2].startTime", "before-midnight"),
        ("rules[3].endTime", "after (other=startTime)"),
        ("rules[4].endTime", "after (other=startTime)"),
    ];
    let expected: BTreeMap<String, String> = expected
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    assert_eq!(got, expected);
}

#[test]
fn overlapping_rules_of_a_weekday_name_the_earlier_rule() {
    let got = problems(input(
        vec![
            rule(3, "09:00", "12:00"),
            rule(4, "09:00", "12:00"),
            rule(3, "12:00", "13:00"),
            rule(3, "11:30", "12:30"),
            rule(4, "08:00", "20:00"),
        ],
        vec![],
    ));
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got["rules[3]"], "overlaps-rule (index=0, row=1)");
    assert_eq!(got["rules[4]"], "overlaps-rule (index=1, row=2)");
}

#[test]
fn reports_exception_fields() {
    let half = |date: &str, start: Option<&str>, end: Option<&str>| ExceptionInput {
        date: date.into(),
        start_time: start.map(Into::into),
        end_time: end.map(Into::into),
        available: false,
    };
    let got = problems(input(
        vec![],
        vec![
            exception("2026-13-01", None, false),
            half("2026-04-06", Some("10:00"), None),
            half("2026-04-06", None, Some("10:00")),
            exception("2026-04-06", Some(("10:00", "09:00")), false),
            exception("2026-04-06", None, true),
            exception("2026-4-6", Some(("25:00", "26:00")), false),
        ],
    ));
    let expected = [
        ("exceptions[0].date", "date"),
        ("exceptions[1].endTime", "required-with (other=startTime)"),
        ("exceptions[2].startTime", "required-with (other=endTime)"),
        ("exceptions[3].endTime", "after (other=startTime)"),
        ("exceptions[4].startTime", "required-when-available"),
        ("exceptions[4].endTime", "required-when-available"),
        ("exceptions[5].date", "date"),
        ("exceptions[5].startTime", "time"),
        ("exceptions[5].endTime", "time"),
    ];
    let expected: BTreeMap<String, String> = expected
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    assert_eq!(got, expected);
}

#[test]
fn limits_the_number_of_rules_and_exceptions() {
    let at_limit = input(
        (0..50)
            .map(|i| {
                rule(
                    i % 7 + 1,
                    &format!("{:02}:00", i / 7),
                    &format!("{:02}:30", i / 7),
                )
            })
            .collect(),
        (0..366)
            .map(|_| exception("2026-01-01", None, false))
            .collect(),
    );
    assert!(WeeklyAvailability::parse(at_limit).is_ok());
    let too_many = input(
        (0..51).map(|_| rule(9, "x", "y")).collect(),
        (0..367)
            .map(|_| exception("2026-01-01", None, false))
            .collect(),
    );
    let got = problems(too_many);
    assert_eq!(
        got.len(),
        2,
        "items past the limit are not examined: {got:?}"
    );
    assert_eq!(got["rules"], "at-most-rules (max=50)");
    assert_eq!(got["exceptions"], "at-most-exceptions (max=366)");
}
