//! Parsing recurrences and laying their sessions out across clock changes.

use std::collections::BTreeMap;

use chrono::{Duration, TimeZone, Timelike};
use proptest::prelude::*;

use super::*;

fn input() -> RecurrenceInput {
    RecurrenceInput {
        timezone: "Europe/Madrid".into(),
        weekdays: vec![1, 3],
        start_time: "18:00".into(),
        duration_minutes: 60,
        start_date: "2026-03-16".into(),
        end_date: "2026-04-06".into(),
    }
}

fn problems(input: RecurrenceInput) -> BTreeMap<String, String> {
    match Recurrence::parse(input) {
        Err(DomainError::Fields(fields)) => fields
            .into_iter()
            .map(|(k, p)| (k, p.to_string()))
            .collect(),
        other => panic!("expected field errors, got {other:?}"),
    }
}

#[test]
fn parses_a_valid_recurrence() {
    let mut raw = input();
    raw.weekdays = vec![3, 1];
    let r = Recurrence::parse(raw).unwrap();
    assert_eq!(r.timezone, Tz::Europe__Madrid);
    assert_eq!(r.weekdays, [1, 3], "sorted");
    assert_eq!(r.start_time.to_string(), "18:00");
    assert_eq!(r.duration_minutes, 60);
    assert_eq!(r.end_date.to_string(), "2026-04-06");
}

#[test]
fn reports_every_field() {
    let raw = RecurrenceInput {
        timezone: "Nowhere/Land".into(),
        weekdays: vec![],
        start_time: "24:00".into(),
        duration_minutes: 14,
        start_date: "2026-02-30".into(),
        end_date: "tomorrow".into(),
    };
    let got = problems(raw);
    let expected = [
        ("recurrence.timezone", "time-zone"),
        ("recurrence.weekdays", "not-empty"),
        ("recurrence.startTime", "before-midnight"),
        ("recurrence.durationMinutes", "between (min=15, max=480)"),
        ("recurrence.startDate", "date"),
        ("recurrence.endDate", "date"),
    ];
    let expected: BTreeMap<String, String> = expected
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    assert_eq!(got, expected);
}

#[test]
fn rejects_bad_weekdays_times_durations_and_spans() {
    let with = |change: fn(&mut RecurrenceInput)| {
        let mut raw = input();
        change(&mut raw);
        problems(raw).into_iter().collect::<Vec<_>>()
    };
    let one = |key: &str, problem: &str| vec![(key.to_owned(), problem.to_owned())];
    let weekdays = "recurrence.weekdays";
    assert_eq!(with(|r| r.weekdays = vec![1, 8]), one(weekdays, "weekdays"));
    assert_eq!(with(|r| r.weekdays = vec![0]), one(weekdays, "weekdays"));
    assert_eq!(
        with(|r| r.weekdays = vec![2, 5, 2]),
        one(weekdays, "weekday-repeated")
    );
    let bad_time = "time";
    assert_eq!(
        with(|r| r.start_time = "7:00".into()),
        one("recurrence.startTime", bad_time)
    );
    assert_eq!(
        with(|r| r.duration_minutes = 481),
        one("recurrence.durationMinutes", "between (min=15, max=480)")
    );
    assert_eq!(
        with(|r| r.duration_minutes = -60),
        one("recurrence.durationMinutes", "between (min=15, max=480)")
    );
    assert_eq!(
        with(|r| r.end_date = "2026-03-15".into()),
        one("recurrence.endDate", "not-before (other=startDate)")
    );
    assert_eq!(
        with(|r| r.end_date = "2027-03-18".into()),
        one(
            "recurrence.endDate",
            "at-most-days-after (days=366, other=startDate)"
        )
    );
    let mut edge = input();
    (edge.duration_minutes, edge.end_date) = (480, "2027-03-17".into());
    assert!(
        Recurrence::parse(edge).is_ok(),
        "366 days and 480 minutes are allowed"
    );
    let mut edge = input();
    (edge.duration_minutes, edge.end_date) = (15, "2026-03-16".into());
    assert_eq!(
        Recurrence::parse(edge).unwrap().occurrences().len(),
        1,
        "a single date"
    );
}

#[test]
fn sessions_keep_their_local_time_across_a_clock_change() {
    let r = Recurrence::parse(input()).unwrap();
    let got: Vec<String> = r
        .occurrences()
        .iter()
        .map(|i| i.start.format("%m-%d %H:%M").to_string())
        .collect();
    // 18:00 in Madrid is 17:00 UTC until 29 March, 16:00 UTC after it.
    assert_eq!(
        got,
        [
            "03-16 17:00",
            "03-18 17:00",
            "03-23 17:00",
            "03-25 17:00",
            "03-30 16:00",
            "04-01 16:00",
            "04-06 16:00"
        ]
    );
    assert!(r.occurrences().iter().all(|i| i.minutes() == 60));
}

#[test]
fn a_session_in_the_skipped_hour_starts_when_the_clock_resumes() {
    let mut raw = input();
    (raw.weekdays, raw.start_time, raw.start_date, raw.end_date) = (
        vec![7],
        "02:30".into(),
        "2026-03-22".into(),
        "2026-04-05".into(),
    );
    let r = Recurrence::parse(raw).unwrap();
    let local: Vec<String> = r
        .occurrences()
        .iter()
        .map(|i| {
            i.start
                .with_timezone(&r.timezone)
                .format("%d %H:%M")
                .to_string()
        })
        .collect();
    assert_eq!(local, ["22 02:30", "29 03:00", "05 02:30"]);
}

const ZONES: [&str; 6] = [
    "Europe/Madrid",
    "America/New_York",
    "Australia/Sydney",
    "Asia/Tokyo",
    "UTC",
    "America/Mexico_City",
];

fn recurrence_input() -> impl Strategy<Value = RecurrenceInput> {
    let days = proptest::sample::subsequence(vec![1i64, 2, 3, 4, 5, 6, 7], 1..=7);
    (
        0..ZONES.len(),
        days,
        0u16..96,
        15i64..=480,
        0i64..1826,
        0i64..=366,
    )
        .prop_map(|(zone, weekdays, quarter, duration, first, span)| {
            let start = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + Duration::days(first);
            RecurrenceInput {
                timezone: ZONES[zone].into(),
                weekdays,
                start_time: LocalTime::from_minutes(quarter * 15).unwrap().to_string(),
                duration_minutes: duration,
                start_date: start.to_string(),
                end_date: (start + Duration::days(span)).to_string(),
            }
        })
}

proptest! {
    #[test]
    fn occurrences_follow_the_weekdays_and_local_time(raw in recurrence_input()) {
        let r = Recurrence::parse(raw).unwrap();
        let tz = r.timezone;
        let dates: Vec<NaiveDate> = r.start_date.iter_days().take_while(|d| *d <= r.end_date)
            .filter(|d| r.weekdays.contains(&(d.weekday().number_from_monday() as u8)))
            .collect();
        let got = r.occurrences();
        prop_assert_eq!(got.len(), dates.len());
        prop_assert!(got.windows(2).all(|p| p[0].start < p[1].start), "sorted");
        for (occurrence, date) in got.iter().zip(&dates) {
            prop_assert_eq!(occurrence.minutes(), i64::from(r.duration_minutes));
            let local = occurrence.start.with_timezone(&tz).naive_local();
            prop_assert!(r.start_date <= local.date() && local.date() <= r.end_date);
            let wanted = r.start_time.on(*date);
            if tz.from_local_datetime(&wanted).earliest().is_some() {
                prop_assert_eq!(local, wanted);
            } else {
                // Inside a gap: the first instant after it, still on that date.
                prop_assert_eq!(local.date(), *date);
                prop_assert!(local > wanted && local.minute().is_multiple_of(30));
            }
        }
    }
}
