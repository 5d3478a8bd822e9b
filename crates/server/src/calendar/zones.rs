//! VTIMEZONE components from the tz database (chrono-tz): the offset in force at the start of a
//! range and one observance per change inside it, found by stepping through the range and
//! bisecting each step where the offset differs down to the second.

use chrono::{DateTime, Duration, Offset, TimeZone, Utc};
use chrono_tz::{OffsetComponents, OffsetName, Tz};

/// The scan step: shorter than any interval between two clock changes in the tz database.
const STEP_HOURS: i64 = 6;

/// What the zone says at one instant.
#[derive(Debug, Clone, PartialEq, Eq)]
struct State {
    /// Seconds east of UTC.
    offset: i32,
    daylight: bool,
    name: Option<String>,
}

fn state(zone: Tz, t: DateTime<Utc>) -> State {
    let o = zone.offset_from_utc_datetime(&t.naive_utc());
    State {
        offset: o.fix().local_minus_utc(),
        daylight: !o.dst_offset().is_zero(),
        name: o.abbreviation().map(str::to_owned),
    }
}

/// A STANDARD or DAYLIGHT sub-component: from `onset` on, the zone is `to` (it was `from`).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Observance {
    onset: DateTime<Utc>,
    from: i32,
    to: State,
}

fn at_second(t: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(t, 0).unwrap_or_default()
}

/// The state at `from` and every change up to `to`.
fn observances(zone: Tz, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<Observance> {
    let (from, to) = (at_second(from.timestamp()), at_second(to.timestamp()));
    let first = state(zone, from);
    let mut out = vec![Observance {
        onset: from,
        from: first.offset,
        to: first.clone(),
    }];
    let (mut t, mut now) = (from, first);
    while t < to {
        let next = (t + Duration::hours(STEP_HOURS)).min(to);
        if state(zone, next) == now {
            t = next;
            continue;
        }
        // `lo` still has the old state, `hi` a new one: halve (in whole seconds) until they meet.
        let (mut lo, mut hi) = (t.timestamp(), next.timestamp());
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if state(zone, at_second(mid)) == now {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        let hi = at_second(hi);
        let changed = state(zone, hi);
        out.push(Observance {
            onset: hi,
            from: now.offset,
            to: changed.clone(),
        });
        (t, now) = (hi, changed);
    }
    out
}

/// The lines (unfolded) of a VTIMEZONE for `zone` valid over `[from, to]`.
pub(super) fn vtimezone(zone: Tz, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<String> {
    let mut lines = vec![
        "BEGIN:VTIMEZONE".to_owned(),
        format!("TZID:{}", zone.name()),
    ];
    for o in observances(zone, from, to) {
        let kind = if o.to.daylight {
            "DAYLIGHT"
        } else {
            "STANDARD"
        };
        // The onset is written in the local time in force just before it.
        let local = o.onset.naive_utc() + Duration::seconds(i64::from(o.from));
        lines.push(format!("BEGIN:{kind}"));
        lines.push(format!("DTSTART:{}", super::local_text(local)));
        lines.push(format!("TZOFFSETFROM:{}", offset_text(o.from)));
        lines.push(format!("TZOFFSETTO:{}", offset_text(o.to.offset)));
        if let Some(name) = &o.to.name {
            lines.push(format!("TZNAME:{}", super::escape(name)));
        }
        lines.push(format!("END:{kind}"));
    }
    lines.push("END:VTIMEZONE".to_owned());
    lines
}

/// A UTC-OFFSET value: `+0100`, `-0330`, `+002130` (seconds only when there are some).
fn offset_text(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    let (h, m, sec) = (s / 3600, s / 60 % 60, s % 60);
    if sec == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{sec:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn madrid_changes_on_the_last_sundays_of_march_and_october() {
        let madrid: Tz = "Europe/Madrid".parse().unwrap();
        let obs = observances(
            madrid,
            at("2027-01-01T00:00:00Z"),
            at("2027-12-31T00:00:00Z"),
        );
        let summary: Vec<(String, i32, i32, bool)> = obs
            .iter()
            .map(|o| (o.onset.to_rfc3339(), o.from, o.to.offset, o.to.daylight))
            .collect();
        assert_eq!(
            summary,
            [
                ("2027-01-01T00:00:00+00:00".into(), 3600, 3600, false),
                ("2027-03-28T01:00:00+00:00".into(), 3600, 7200, true),
                ("2027-10-31T01:00:00+00:00".into(), 7200, 3600, false),
            ]
        );
        let lines = vtimezone(
            madrid,
            at("2027-03-01T00:00:00Z"),
            at("2027-04-10T00:00:00Z"),
        );
        assert_eq!(
            lines,
            [
                "BEGIN:VTIMEZONE",
                "TZID:Europe/Madrid",
                "BEGIN:STANDARD",
                "DTSTART:20270301T010000",
                "TZOFFSETFROM:+0100",
                "TZOFFSETTO:+0100",
                "TZNAME:CET",
                "END:STANDARD",
                "BEGIN:DAYLIGHT",
                "DTSTART:20270328T020000",
                "TZOFFSETFROM:+0100",
                "TZOFFSETTO:+0200",
                "TZNAME:CEST",
                "END:DAYLIGHT",
                "END:VTIMEZONE",
            ]
        );
    }

    #[test]
    fn a_zone_without_changes_has_one_observance() {
        let obs = observances(
            chrono_tz::UTC,
            at("2026-01-01T00:00:00Z"),
            at("2028-01-01T00:00:00Z"),
        );
        assert_eq!(obs.len(), 1);
        assert_eq!((obs[0].from, obs[0].to.offset), (0, 0));
        let kolkata: Tz = "Asia/Kolkata".parse().unwrap();
        let lines = vtimezone(
            kolkata,
            at("2026-01-01T00:00:00Z"),
            at("2026-06-01T00:00:00Z"),
        );
        assert!(lines.contains(&"TZOFFSETTO:+0530".to_owned()), "{lines:?}");
    }

    #[test]
    fn southern_and_negative_zones() {
        // Santiago de Chile: summer time ends in April and starts in September.
        let santiago: Tz = "America/Santiago".parse().unwrap();
        let obs = observances(
            santiago,
            at("2026-01-01T00:00:00Z"),
            at("2026-12-31T00:00:00Z"),
        );
        assert_eq!(obs.len(), 3, "{obs:?}");
        assert_eq!((obs[1].from, obs[1].to.offset), (-3 * 3600, -4 * 3600));
        assert_eq!((obs[2].from, obs[2].to.offset), (-4 * 3600, -3 * 3600));
        assert_eq!(offset_text(-4 * 3600), "-0400");
        assert_eq!(offset_text(-(3 * 3600 + 30 * 60)), "-0330");
        assert_eq!(offset_text(1172), "+001932");
    }
}
