//! Every clock change of 2026-2030 in three zones: rules keep their local times, skipped grid
//! times disappear and repeated ones count once.

use chrono::{Duration, NaiveDate, Offset, TimeZone};

use super::*;
use crate::schedule::{AvailabilityRule, Tz};

const ZONES: [Tz; 3] = [
    Tz::Europe__Madrid,
    Tz::America__New_York,
    Tz::Australia__Sydney,
];

fn hm(h: u16, m: u16) -> LocalTime {
    LocalTime::from_minutes(h * 60 + m).unwrap()
}

fn offset_at(tz: Tz, at: DateTime<Utc>) -> i32 {
    at.with_timezone(&tz).offset().fix().local_minus_utc()
}

/// Local dates of 2026-2030 whose UTC offset changes during the day, found by scanning every
/// day; `true` marks a spring forward (the offset grows).
fn clock_changes(tz: Tz) -> Vec<(NaiveDate, bool)> {
    let first = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let last = NaiveDate::from_ymd_opt(2030, 12, 31).unwrap();
    first
        .iter_days()
        .take_while(|d| *d <= last)
        .filter_map(|date| {
            let opens = offset_at(tz, resolve_local(tz, LocalTime::MIDNIGHT.on(date)));
            let next = resolve_local(tz, LocalTime::END_OF_DAY.on(date));
            let closes = offset_at(tz, next - Duration::seconds(1));
            (opens != closes).then_some((date, closes > opens))
        })
        .collect()
}

fn every_day(tz: Tz, start: LocalTime, end: LocalTime) -> WeeklyAvailability {
    let rules = (1..=7)
        .map(|weekday| AvailabilityRule {
            weekday,
            start,
            end,
        })
        .collect();
    WeeklyAvailability {
        timezone: tz,
        rules,
        exceptions: vec![],
    }
}

/// Slots of local dates `first..=last`, as (local date, local "HH:MM") of their starts.
fn local_slots(
    a: &WeeklyAvailability,
    first: NaiveDate,
    last: NaiveDate,
    minutes: u32,
) -> Vec<(NaiveDate, String)> {
    let tz = a.timezone;
    let from = resolve_local(tz, LocalTime::MIDNIGHT.on(first));
    let to = resolve_local(tz, LocalTime::END_OF_DAY.on(last));
    let past = from - Duration::days(365);
    a.slots(&[], from, to, past, minutes)
        .iter()
        .map(|slot| {
            assert_eq!(slot.minutes(), i64::from(minutes), "elapsed length");
            let local = slot.start.with_timezone(&tz).naive_local();
            (local.date(), local.format("%H:%M").to_string())
        })
        .collect()
}

fn grid(from: LocalTime, to: LocalTime) -> Vec<String> {
    (from.minutes()..to.minutes())
        .step_by(30)
        .map(|m| LocalTime::from_minutes(m).unwrap().to_string())
        .collect()
}

#[test]
fn each_zone_changes_its_clocks_twice_a_year() {
    for tz in ZONES {
        let changes = clock_changes(tz);
        assert_eq!(changes.len(), 10, "{tz}: {changes:?}");
        assert_eq!(
            changes.iter().filter(|c| c.1).count(),
            5,
            "{tz}: {changes:?}"
        );
    }
}

#[test]
fn a_morning_rule_keeps_its_local_time_around_every_change() {
    for tz in ZONES {
        let a = every_day(tz, hm(9, 0), hm(13, 0));
        for (day, _) in clock_changes(tz) {
            let (first, last) = (day - Duration::days(2), day + Duration::days(2));
            let got = local_slots(&a, first, last, 60);
            let expected: Vec<_> = first
                .iter_days()
                .take(5)
                .flat_map(|d| grid(hm(9, 0), hm(12, 30)).into_iter().map(move |t| (d, t)))
                .collect();
            assert_eq!(got, expected, "{tz} around {day}");
        }
    }
}

#[test]
fn a_rule_inside_the_skipped_hour_opens_when_the_clock_resumes() {
    for tz in ZONES {
        for (day, _) in clock_changes(tz).into_iter().filter(|c| c.1) {
            let skipped: Vec<u16> = (0..1440)
                .step_by(30)
                .filter(|m| existing_instant(tz, hm(0, *m).on(day)).is_none())
                .collect();
            assert_eq!(skipped.len(), 2, "{tz} {day}: one skipped hour");
            let gap = LocalTime::from_minutes(skipped[0]).unwrap();
            let resumes = LocalTime::from_minutes(skipped[0] + 60).unwrap();
            let rule = every_day(tz, gap, LocalTime::from_minutes(skipped[0] + 180).unwrap());
            let got = local_slots(&rule, day, day, 30);
            let expected: Vec<_> = grid(resumes, rule.rules[0].end)
                .into_iter()
                .map(|t| (day, t))
                .collect();
            assert_eq!(got, expected, "{tz} {day}");
            let opens = resolve_local(tz, gap.on(day));
            assert_eq!(
                opens,
                resolve_local(tz, resumes.on(day)),
                "{tz} {day}: the window opens at the change"
            );
            if tz == Tz::Europe__Madrid {
                assert_eq!(
                    (gap.to_string(), resumes.to_string()),
                    ("02:00".into(), "03:00".into())
                );
            }
        }
    }
}

#[test]
fn a_repeated_hour_gives_each_local_grid_time_once() {
    for tz in ZONES {
        for (day, _) in clock_changes(tz).into_iter().filter(|c| !c.1) {
            let (start, end) = (hm(1, 0), hm(4, 0));
            let repeated = (start.minutes()..end.minutes())
                .step_by(30)
                .filter(|m| {
                    tz.from_local_datetime(&hm(0, *m).on(day)).earliest()
                        != tz.from_local_datetime(&hm(0, *m).on(day)).latest()
                })
                .count();
            assert_eq!(repeated, 2, "{tz} {day}: the rule spans the repeated hour");
            let rule = every_day(tz, start, end);
            let got = local_slots(&rule, day, day, 30);
            let expected: Vec<_> = grid(start, end).into_iter().map(|t| (day, t)).collect();
            assert_eq!(got, expected, "{tz} {day}");
            let from = resolve_local(tz, start.on(day));
            for slot in rule.slots(&[], from, from + Duration::hours(6), from, 30) {
                let local = slot.start.with_timezone(&tz).naive_local();
                let earlier = tz.from_local_datetime(&local).earliest().unwrap();
                assert_eq!(slot.start, earlier, "{tz} {day}: the earlier instant");
            }
        }
    }
}

#[test]
fn a_zone_without_clock_changes_keeps_utc_times() {
    let a = every_day(Tz::Asia__Tokyo, hm(9, 0), hm(10, 0));
    let from = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    let to = Utc.with_ymd_and_hms(2031, 1, 1, 0, 0, 0).unwrap();
    let slots = a.slots(&[], from, to, from, 60);
    assert_eq!(
        slots.len(),
        365 * 5 + 1,
        "every day of 2026-2030, from 09:00 JST = 00:00 UTC"
    );
    assert!(
        slots
            .iter()
            .all(|s| s.start.format("%H:%M").to_string() == "00:00")
    );
}
