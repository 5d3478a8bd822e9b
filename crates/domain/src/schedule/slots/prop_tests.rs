//! Random rules, zones, ranges and busy sets, checked property by property and against a
//! brute-force reading of the rules over every UTC half hour.

use chrono::{Datelike, Duration, NaiveDate, TimeZone, Timelike};
use proptest::prelude::*;

use super::*;
use crate::schedule::{AvailabilityException, AvailabilityRule, Tz};

/// All of them have whole-hour offsets, so local hh:00/hh:30 fall on UTC hh:00/hh:30.
const ZONES: [Tz; 6] = [
    Tz::Europe__Madrid,
    Tz::America__New_York,
    Tz::Australia__Sydney,
    Tz::Asia__Tokyo,
    Tz::UTC,
    Tz::America__Mexico_City,
];

#[derive(Debug, Clone)]
struct Case {
    availability: WeeklyAvailability,
    busy: Vec<Interval>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    now: DateTime<Utc>,
    duration: u32,
}

fn t(minutes: u16) -> LocalTime {
    LocalTime::from_minutes(minutes.min(1440)).unwrap()
}

fn rule() -> impl Strategy<Value = AvailabilityRule> {
    (1u8..=7, 0u16..96, 1u16..=48).prop_map(|(weekday, start, quarters)| AvailabilityRule {
        weekday,
        start: t(start * 15),
        end: t((start + quarters) * 15),
    })
}

/// An exception on a day relative to the start of the range.
fn exception() -> impl Strategy<Value = (i64, Option<(u16, u16)>, bool)> {
    (
        -2i64..25,
        proptest::option::of((0u16..96, 1u16..=24)),
        any::<bool>(),
    )
}

/// Days since 2026-01-01, biased towards the months of clock changes.
fn day() -> impl Strategy<Value = i64> {
    let in_year = prop_oneof![60i64..100, 270i64..320, 0i64..365];
    (0i64..5, in_year).prop_map(|(year, day)| year * 365 + day)
}

fn case() -> impl Strategy<Value = Case> {
    let shape = (0..ZONES.len(), proptest::collection::vec(rule(), 0..6));
    let range = (day(), 0i64..1440, 0i64..=21 * 1440, -2880i64..14400);
    let busy = proptest::collection::vec((0i64..22 * 1440, 1i64..=300), 0..20);
    let exceptions = proptest::collection::vec(exception(), 0..4);
    let duration = prop_oneof![
        Just(15u32),
        Just(30),
        Just(45),
        Just(60),
        Just(90),
        Just(120)
    ];
    (shape, range, busy, exceptions, duration).prop_map(
        |((zone, rules), (day, minute, length, now), busy, exceptions, duration)| {
            let base = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
            let from = base + Duration::days(day) + Duration::minutes(minute);
            let at = |m: i64| from + Duration::minutes(m);
            let timezone = ZONES[zone];
            let first = from.with_timezone(&timezone).date_naive();
            let exceptions = exceptions
                .into_iter()
                .map(|(offset, span, available)| AvailabilityException {
                    date: first + Duration::days(offset),
                    start: span.map(|(s, _)| t(s * 15)),
                    end: span.map(|(s, len)| t((s + len) * 15)),
                    available,
                })
                .collect();
            Case {
                availability: WeeklyAvailability {
                    timezone,
                    rules,
                    exceptions,
                },
                busy: busy
                    .into_iter()
                    .map(|(s, len)| Interval::new(at(s), at(s + len)))
                    .collect(),
                from,
                to: at(length),
                now: at(now),
                duration,
            }
        },
    )
}

/// The real-time windows of a local date: its rules and available exceptions.
fn windows_of(a: &WeeklyAvailability, date: NaiveDate) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
    let tz = a.timezone;
    let span = |start: LocalTime, end: LocalTime| {
        (
            resolve_local(tz, start.on(date)),
            resolve_local(tz, end.on(date)),
        )
    };
    let weekday = date.weekday().number_from_monday();
    let rules = a
        .rules
        .iter()
        .filter(|r| u32::from(r.weekday) == weekday)
        .map(|r| span(r.start, r.end));
    let added = a
        .exceptions
        .iter()
        .filter(|e| e.available && e.date == date)
        .map(|e| {
            span(
                e.start.unwrap_or(LocalTime::MIDNIGHT),
                e.end.unwrap_or(LocalTime::END_OF_DAY),
            )
        });
    rules.chain(added).collect()
}

fn blocked(a: &WeeklyAvailability) -> Vec<Interval> {
    let tz = a.timezone;
    let at = |date: NaiveDate, time: LocalTime| resolve_local(tz, time.on(date));
    a.exceptions
        .iter()
        .filter(|e| !e.available)
        .map(|e| {
            let start = at(e.date, e.start.unwrap_or(LocalTime::MIDNIGHT));
            Interval::new(start, at(e.date, e.end.unwrap_or(LocalTime::END_OF_DAY)))
        })
        .collect()
}

/// Every slot the rules allow, found by trying each UTC half hour of the range.
fn brute_force(c: &Case) -> Vec<Interval> {
    let tz = c.availability.timezone;
    let blocked = blocked(&c.availability);
    let earliest = c.from.max(c.now);
    let floor = earliest.timestamp().div_euclid(1800) * 1800;
    let mut start = DateTime::from_timestamp(floor, 0).unwrap();
    if start < earliest {
        start += Duration::minutes(30);
    }
    let mut found = Vec::new();
    while start < c.to {
        let slot = Interval::new(start, start + Duration::minutes(i64::from(c.duration)));
        let local = start.with_timezone(&tz).naive_local();
        let fits = windows_of(&c.availability, local.date())
            .iter()
            .any(|w| w.0 <= slot.start && slot.end <= w.1);
        let first_occurrence = resolve_local(tz, local) == start;
        let free = !c.busy.iter().chain(&blocked).any(|b| b.overlaps(&slot));
        if fits && first_occurrence && free && local.minute().is_multiple_of(30) {
            found.push(slot);
        }
        start += Duration::minutes(30);
    }
    found
}

proptest! {
    #[test]
    fn slots_keep_every_promise(c in case()) {
        let a = &c.availability;
        let tz = a.timezone;
        let slots = a.slots(&c.busy, c.from, c.to, c.now, c.duration);
        let blocked = blocked(a);
        prop_assert!(slots.windows(2).all(|p| p[0].start < p[1].start), "sorted and unique");
        for slot in &slots {
            prop_assert!(c.from <= slot.start && slot.start < c.to, "{slot:?} starts in range");
            prop_assert_eq!(slot.minutes(), i64::from(c.duration));
            prop_assert_eq!(slot.end - slot.start, Duration::minutes(i64::from(c.duration)));
            prop_assert!(slot.start >= c.now);
            prop_assert!(!c.busy.iter().chain(&blocked).any(|b| b.overlaps(slot)), "{slot:?} is free");
            let local = slot.start.with_timezone(&tz).naive_local();
            prop_assert!(local.minute().is_multiple_of(30) && local.second() == 0, "{local} on the grid");
            let windows = windows_of(a, local.date());
            prop_assert!(windows.iter().any(|w| w.0 <= slot.start && slot.end <= w.1), "{slot:?} inside a window");
            prop_assert!(a.offers(&c.busy, *slot, c.now), "{slot:?} offered");
            let shifted = Interval::new(slot.start + Duration::minutes(1), slot.end + Duration::minutes(1));
            prop_assert!(!a.offers(&c.busy, shifted, c.now), "{shifted:?} is off the grid");
        }
        prop_assert_eq!(slots, brute_force(&c));
    }
}
