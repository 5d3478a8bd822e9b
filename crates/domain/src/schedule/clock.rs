//! Wall-clock times of day, IANA time zones and the rule that turns a local time into an instant.

use std::fmt;

use chrono::{
    DateTime, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, TimeZone, Utc,
};
use chrono_tz::Tz;

use crate::DomainError;

/// Minutes in a day; `LocalTime` allows this value itself ("24:00", the end of the day).
pub(crate) const DAY_MINUTES: u16 = 1440;

/// Minutes since local midnight, 0..=1440 ("24:00" allowed, meaning end of day).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LocalTime(u16);

impl LocalTime {
    /// Local midnight at the start of the day.
    pub const MIDNIGHT: Self = Self(0);
    /// "24:00": local midnight at the end of the day.
    pub const END_OF_DAY: Self = Self(DAY_MINUTES);

    /// Parses "HH:MM" (two digits each, 00:00 to 24:00, minutes 00-59); the error is
    /// `(field, problem)` so callers can collect it under their own key.
    pub fn parse(field: &str, raw: &str) -> Result<Self, (String, crate::Problem)> {
        let bad = || (field.to_owned(), crate::Problem::new("time"));
        let bytes = raw.as_bytes();
        let digit = |i: usize| {
            bytes[i]
                .is_ascii_digit()
                .then(|| u16::from(bytes[i] - b'0'))
        };
        if bytes.len() != 5 || bytes[2] != b':' {
            return Err(bad());
        }
        let (Some(h1), Some(h2), Some(m1), Some(m2)) = (digit(0), digit(1), digit(3), digit(4))
        else {
            return Err(bad());
        };
        let (hours, minutes) = (h1 * 10 + h2, m1 * 10 + m2);
        if minutes > 59 {
            return Err(bad());
        }
        Self::from_minutes(hours * 60 + minutes).ok_or_else(bad)
    }

    /// The time `m` minutes after local midnight, when `m` is at most 1440.
    pub fn from_minutes(m: u16) -> Option<Self> {
        (m <= DAY_MINUTES).then_some(Self(m))
    }

    /// Minutes since local midnight.
    pub fn minutes(self) -> u16 {
        self.0
    }

    /// This time on `date`; "24:00" becomes midnight of the next day.
    pub fn on(self, date: NaiveDate) -> NaiveDateTime {
        date.and_time(NaiveTime::MIN) + TimeDelta::minutes(i64::from(self.0))
    }
}

impl fmt::Display for LocalTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

/// Parses an IANA time zone name such as "Europe/Madrid" (exact spelling).
pub fn parse_timezone(field: &'static str, raw: &str) -> Result<Tz, DomainError> {
    raw.parse::<Tz>()
        .map_err(|_| DomainError::invalid(field, crate::Problem::new("time-zone")))
}

/// The instant of a local wall-clock time in `tz`.
///
/// The rule: a local time that exists once is that instant. A local time inside a skipped hour
/// (spring forward) is moved to the first valid instant after the gap, i.e. the instant of the
/// clock change itself (02:30 on a 02:00→03:00 day becomes 03:00). A repeated hour (fall back) is
/// used once: the earlier occurrence. The result never decreases as `local` increases.
pub fn resolve_local(tz: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(at) => at.with_timezone(&Utc),
        LocalResult::Ambiguous(a, b) => a.min(b).with_timezone(&Utc),
        LocalResult::None => end_of_gap(tz, local),
    }
}

/// The earliest instant of `local` when it exists (the earlier one when repeated), else `None`.
pub(crate) fn existing_instant(tz: Tz, local: NaiveDateTime) -> Option<DateTime<Utc>> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(at) => Some(at.with_timezone(&Utc)),
        LocalResult::Ambiguous(a, b) => Some(a.min(b).with_timezone(&Utc)),
        LocalResult::None => None,
    }
}

/// The local date of an instant in `tz`.
pub(crate) fn local_date(tz: Tz, at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&tz).date_naive()
}

/// The clock change that skipped `local`: the first whole second whose local time is past it.
///
/// chrono-tz does not expose its transitions, so this bisects UTC seconds. UTC offsets stay
/// within ±26 hours, so the bracket starts before and ends after `local` in wall-clock terms.
fn end_of_gap(tz: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    let naive = local.and_utc().timestamp();
    let wall =
        |secs: i64| DateTime::from_timestamp(secs, 0).map(|at| at.with_timezone(&tz).naive_local());
    let (mut lo, mut hi) = (naive - 26 * 3600, naive + 26 * 3600);
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        match wall(mid) {
            Some(seen) if seen <= local => lo = mid,
            Some(_) => hi = mid,
            // Only at the very ends of chrono's range; fall back to reading the time as UTC.
            None => return local.and_utc(),
        }
    }
    DateTime::from_timestamp(hi, 0).unwrap_or_else(|| local.and_utc())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn parses_and_prints_times() {
        for (raw, minutes) in [
            ("00:00", 0),
            ("09:30", 570),
            ("23:59", 1439),
            ("24:00", 1440),
        ] {
            let t = LocalTime::parse("startTime", raw).unwrap();
            assert_eq!(t.minutes(), minutes);
            assert_eq!(t.to_string(), raw);
        }
    }

    #[test]
    fn rejects_malformed_times_naming_the_field() {
        for raw in [
            "", "9:00", "09:0", "0900", "24:01", "25:00", "12:60", "ab:cd", "09:00 ", "+9:00",
        ] {
            let (field, problem) = LocalTime::parse("rules[0].startTime", raw).unwrap_err();
            assert_eq!(field, "rules[0].startTime", "{raw}");
            assert_eq!(problem.key, "time", "{raw}");
        }
    }

    #[test]
    fn from_minutes_bounds() {
        assert_eq!(LocalTime::from_minutes(1440), Some(LocalTime::END_OF_DAY));
        assert_eq!(LocalTime::from_minutes(1441), None);
        assert_eq!(
            LocalTime::MIDNIGHT.on(NaiveDate::MIN),
            NaiveDate::MIN.and_time(NaiveTime::MIN)
        );
    }

    #[test]
    fn time_zones_parse_by_iana_name() {
        assert_eq!(
            parse_timezone("timezone", "Europe/Madrid"),
            Ok(Tz::Europe__Madrid)
        );
        assert_eq!(parse_timezone("timezone", "UTC"), Ok(Tz::UTC));
        let err = parse_timezone("timezone", "Mars/Olympus").unwrap_err();
        assert_eq!(
            err,
            DomainError::invalid("timezone", crate::Problem::new("time-zone"))
        );
    }

    #[test]
    fn skipped_times_move_to_the_end_of_the_gap() {
        let tz = Tz::Europe__Madrid;
        let change = resolve_local(tz, at("2026-03-29 03:00"));
        assert_eq!(change.to_rfc3339(), "2026-03-29T01:00:00+00:00");
        for skipped in ["2026-03-29 02:00", "2026-03-29 02:30", "2026-03-29 02:59"] {
            assert_eq!(resolve_local(tz, at(skipped)), change, "{skipped}");
        }
        let tz = Tz::America__New_York;
        let change = resolve_local(tz, at("2026-03-08 02:15"));
        assert_eq!(change.to_rfc3339(), "2026-03-08T07:00:00+00:00");
    }

    #[test]
    fn repeated_times_use_the_earlier_instant() {
        let tz = Tz::America__New_York;
        let first = resolve_local(tz, at("2026-11-01 01:30"));
        assert_eq!(first.to_rfc3339(), "2026-11-01T05:30:00+00:00");
        let tz = Tz::Europe__Madrid;
        let first = resolve_local(tz, at("2026-10-25 02:00"));
        assert_eq!(first.to_rfc3339(), "2026-10-25T00:00:00+00:00");
    }

    #[test]
    fn whole_day_skips_resolve_to_the_next_valid_instant() {
        // Samoa skipped 30 December 2011 entirely when it crossed the date line.
        let tz = Tz::Pacific__Apia;
        let got = resolve_local(tz, at("2011-12-30 12:00"));
        assert_eq!(got.with_timezone(&tz).naive_local(), at("2011-12-31 00:00"));
    }
}
