//! Slots in a zone without clock changes: grid, windows, busy times, exceptions and `now`.

use chrono::{NaiveDate, TimeZone};

use super::*;
use crate::schedule::{AvailabilityException, AvailabilityRule, Tz};

fn t(m: u16) -> LocalTime {
    LocalTime::from_minutes(m).unwrap()
}

fn hm(h: u16, m: u16) -> LocalTime {
    t(h * 60 + m)
}

/// 2026-01-05 is a Monday.
fn utc(day: u32, h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, day, h, m, 0).unwrap()
}

fn monday_morning() -> WeeklyAvailability {
    WeeklyAvailability {
        timezone: Tz::UTC,
        rules: vec![AvailabilityRule {
            weekday: 1,
            start: hm(9, 0),
            end: hm(12, 0),
        }],
        exceptions: vec![],
    }
}

fn starts(slots: &[Interval]) -> Vec<String> {
    slots
        .iter()
        .map(|s| s.start.format("%d %H:%M").to_string())
        .collect()
}

#[test]
fn whole_slots_on_the_half_hour_grid() {
    let a = monday_morning();
    let slots = a.slots(&[], utc(1, 0, 0), utc(31, 0, 0), utc(1, 0, 0), 60);
    assert_eq!(slots.len(), 4 * 5, "four Mondays in January from the 5th");
    assert_eq!(
        starts(&slots[..5]),
        ["05 09:00", "05 09:30", "05 10:00", "05 10:30", "05 11:00"]
    );
    assert!(slots.iter().all(|s| s.minutes() == 60));
    let long = a.slots(&[], utc(5, 0, 0), utc(6, 0, 0), utc(1, 0, 0), 180);
    assert_eq!(starts(&long), ["05 09:00"]);
    assert!(
        a.slots(&[], utc(5, 0, 0), utc(6, 0, 0), utc(1, 0, 0), 181)
            .is_empty()
    );
    assert!(
        a.slots(&[], utc(5, 0, 0), utc(6, 0, 0), utc(1, 0, 0), 0)
            .is_empty()
    );
}

#[test]
fn an_off_grid_rule_starts_at_the_next_grid_time() {
    let mut a = monday_morning();
    a.rules[0].start = hm(9, 10);
    a.rules[0].end = hm(10, 45);
    let slots = a.slots(&[], utc(5, 0, 0), utc(6, 0, 0), utc(1, 0, 0), 30);
    assert_eq!(starts(&slots), ["05 09:30", "05 10:00"]);
}

#[test]
fn a_window_may_end_at_midnight() {
    let a = WeeklyAvailability {
        timezone: Tz::UTC,
        rules: vec![AvailabilityRule {
            weekday: 1,
            start: hm(23, 0),
            end: LocalTime::END_OF_DAY,
        }],
        exceptions: vec![],
    };
    let slots = a.slots(&[], utc(5, 0, 0), utc(7, 0, 0), utc(1, 0, 0), 60);
    assert_eq!(starts(&slots), ["05 23:00"]);
}

#[test]
fn busy_times_in_any_order_remove_overlapping_slots_only() {
    let a = monday_morning();
    let busy = [
        Interval::new(utc(5, 11, 0), utc(5, 11, 15)),
        Interval::new(utc(5, 8, 0), utc(5, 9, 30)),
        Interval::new(utc(5, 10, 0), utc(5, 10, 0)),
    ];
    let slots = a.slots(&busy, utc(5, 0, 0), utc(6, 0, 0), utc(1, 0, 0), 30);
    assert_eq!(
        starts(&slots),
        ["05 09:30", "05 10:00", "05 10:30", "05 11:30"]
    );
    let wide = [
        Interval::new(utc(4, 0, 0), utc(5, 23, 0)),
        Interval::new(utc(5, 9, 0), utc(5, 9, 1)),
    ];
    assert!(
        a.slots(&wide, utc(5, 0, 0), utc(6, 0, 0), utc(1, 0, 0), 30)
            .is_empty()
    );
}

#[test]
fn range_and_now_bound_the_start() {
    let a = monday_morning();
    let slots = a.slots(&[], utc(5, 9, 30), utc(5, 10, 30), utc(1, 0, 0), 60);
    assert_eq!(starts(&slots), ["05 09:30", "05 10:00"]);
    let slots = a.slots(&[], utc(5, 0, 0), utc(6, 0, 0), utc(5, 10, 1), 30);
    assert_eq!(starts(&slots), ["05 10:30", "05 11:00", "05 11:30"]);
    assert!(
        a.slots(&[], utc(6, 0, 0), utc(5, 0, 0), utc(1, 0, 0), 30)
            .is_empty()
    );
}

#[test]
fn exceptions_block_and_add_time() {
    let mut a = monday_morning();
    let date = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
    let exception = |day, span: Option<(LocalTime, LocalTime)>, available| AvailabilityException {
        date: date(day),
        start: span.map(|s| s.0),
        end: span.map(|s| s.1),
        available,
    };
    a.exceptions = vec![
        exception(12, None, false),
        exception(19, Some((hm(10, 0), hm(10, 30))), false),
        exception(20, Some((hm(14, 0), hm(15, 0))), true),
        exception(26, Some((hm(10, 0), hm(13, 0))), true),
    ];
    let slots = a.slots(&[], utc(12, 0, 0), utc(27, 0, 0), utc(1, 0, 0), 60);
    assert_eq!(
        starts(&slots),
        [
            "19 09:00", "19 10:30", "19 11:00", "20 14:00", "26 09:00", "26 09:30", "26 10:00",
            "26 10:30", "26 11:00", "26 11:30", "26 12:00"
        ]
    );
}

#[test]
fn offers_exactly_the_listed_slots() {
    let a = monday_morning();
    let busy = [Interval::new(utc(5, 10, 0), utc(5, 11, 0))];
    let now = utc(1, 0, 0);
    let slot =
        |h, m, minutes| Interval::new(utc(5, h, m), utc(5, h, m) + TimeDelta::minutes(minutes));
    assert!(a.offers(&busy, slot(9, 0, 60), now));
    assert!(a.offers(&busy, slot(11, 0, 60), now));
    assert!(!a.offers(&busy, slot(9, 30, 60), now), "overlaps busy");
    assert!(!a.offers(&busy, slot(9, 15, 30), now), "off the grid");
    assert!(!a.offers(&busy, slot(11, 30, 60), now), "past the window");
    assert!(!a.offers(&busy, slot(9, 0, 0), now), "empty");
    assert!(
        !a.offers(&busy, slot(9, 0, 60), utc(5, 9, 1)),
        "already started"
    );
    let odd = Interval::new(utc(5, 9, 0), utc(5, 9, 30) + TimeDelta::seconds(1));
    assert!(!a.offers(&busy, odd, now), "not whole minutes");
}
