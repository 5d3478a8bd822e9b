//! Times `WeeklyAvailability::slots` for a school's worth of teachers over a quarter.
//!
//! Run with `cargo bench -p aula-domain --bench availability`; std only, no harness.

use std::hint::black_box;
use std::time::{Duration, Instant};

use aula_domain::schedule::{AvailabilityRule, Interval, LocalTime, Tz, WeeklyAvailability};
use chrono::{TimeDelta, TimeZone, Utc};

const TEACHERS: usize = 20;
const DAYS: i64 = 90;
const RUNS: usize = 50;
const ZONES: [Tz; 6] = [
    Tz::Europe__Madrid,
    Tz::America__New_York,
    Tz::Australia__Sydney,
    Tz::Asia__Tokyo,
    Tz::UTC,
    Tz::America__Mexico_City,
];

fn at(hour: u16) -> LocalTime {
    LocalTime::from_minutes(hour * 60).expect("an hour of the day")
}

/// A small deterministic generator, so every run measures the same work without extra crates.
fn next(seed: &mut u64) -> u64 {
    *seed = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    *seed >> 33
}

fn teachers() -> Vec<(WeeklyAvailability, Vec<Interval>)> {
    let from = Utc.with_ymd_and_hms(2026, 3, 1, 0, 0, 0).unwrap();
    let mut seed = 7;
    (0..TEACHERS)
        .map(|t| {
            let rules = (0..3u8)
                .map(|r| {
                    let weekday = (t as u8 + 2 * r) % 7 + 1;
                    let start = 8 + (t as u16 + u16::from(r)) % 4;
                    AvailabilityRule {
                        weekday,
                        start: at(start),
                        end: at(start + 8),
                    }
                })
                .collect();
            let busy = (0..10)
                .map(|_| {
                    let start = from
                        + TimeDelta::minutes((next(&mut seed) % (DAYS as u64 * 48)) as i64 * 30);
                    Interval::new(
                        start,
                        start + TimeDelta::minutes(60 + 30 * (next(&mut seed) % 3) as i64),
                    )
                })
                .collect();
            let timezone = ZONES[t % ZONES.len()];
            (
                WeeklyAvailability {
                    timezone,
                    rules,
                    exceptions: vec![],
                },
                busy,
            )
        })
        .collect()
}

/// One round: the slots of every teacher; returns how many there were.
fn round(teachers: &[(WeeklyAvailability, Vec<Interval>)]) -> usize {
    let from = Utc.with_ymd_and_hms(2026, 3, 1, 0, 0, 0).unwrap();
    let to = from + TimeDelta::days(DAYS);
    teachers
        .iter()
        .map(|(availability, busy)| black_box(availability.slots(busy, from, to, from, 60)).len())
        .sum()
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let index = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[index].as_secs_f64() * 1000.0
}

fn main() {
    let teachers = teachers();
    let busy: usize = teachers.iter().map(|t| t.1.len()).sum();
    let mut slots = 0;
    for _ in 0..5 {
        slots = round(&teachers);
    }
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let started = Instant::now();
            black_box(round(black_box(&teachers)));
            started.elapsed()
        })
        .collect();
    times.sort_unstable();
    println!(
        "availability setup: {TEACHERS} teachers, 3 rules each, {busy} busy intervals, {RUNS} timed runs"
    );
    println!(
        "availability {TEACHERS} teachers x {DAYS} days: median {:.2} ms, p95 {:.2} ms ({slots} slots)",
        percentile(&times, 0.5),
        percentile(&times, 0.95),
    );
}
