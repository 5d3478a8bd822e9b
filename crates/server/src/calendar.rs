//! iCalendar (RFC 5545) documents for the calendar feeds: events in the zone they were scheduled
//! in, a VTIMEZONE for each zone used, TEXT escaping, and lines folded at 75 octets with CRLF.
//!
//! This module only writes text; its [`feed`] reads the rows and answers the HTTP requests.

pub mod feed;
mod zones;

use std::collections::BTreeMap;

use chrono::offset::LocalResult;
use chrono::{DateTime, Duration, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

/// Longest line in octets, CRLF not counted (RFC 5545 §3.1).
const LINE_OCTETS: usize = 75;

/// One VEVENT.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Stable across feeds: derived from the row, never from the token.
    pub uid: String,
    pub summary: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// The zone DTSTART and DTEND are written in.
    pub zone: Tz,
    pub cancelled: bool,
}

/// A whole VCALENDAR named `name`, stamped `stamp`, with the events in the order given.
pub fn render(name: &str, stamp: DateTime<Utc>, events: &[Event]) -> String {
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Aula//Calendar feed//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ] {
        push(&mut out, line);
    }
    push(&mut out, &format!("X-WR-CALNAME:{}", escape(name)));
    for (zone, first, last) in spans(events) {
        // A day of margin on each side: the offsets at every event time lie inside.
        for line in zones::vtimezone(zone, first - Duration::days(1), last + Duration::days(1)) {
            push(&mut out, &line);
        }
    }
    for e in events {
        push(&mut out, "BEGIN:VEVENT");
        push(&mut out, &format!("UID:{}", escape(&e.uid)));
        push(&mut out, &format!("DTSTAMP:{}", utc_text(stamp)));
        push(&mut out, &date_time("DTSTART", e.start, e.zone));
        push(&mut out, &date_time("DTEND", e.end, e.zone));
        push(&mut out, &format!("SUMMARY:{}", escape(&e.summary)));
        let status = if e.cancelled {
            "CANCELLED"
        } else {
            "CONFIRMED"
        };
        push(&mut out, &format!("STATUS:{status}"));
        push(&mut out, "END:VEVENT");
    }
    push(&mut out, "END:VCALENDAR");
    out
}

/// A zone and the earliest and latest instant written in it.
type Span = (Tz, DateTime<Utc>, DateTime<Utc>);

/// Each zone used, by name, with its span.
fn spans(events: &[Event]) -> Vec<Span> {
    let mut spans: BTreeMap<&str, Span> = BTreeMap::new();
    for e in events {
        let span = spans
            .entry(e.zone.name())
            .or_insert((e.zone, e.start, e.end));
        span.1 = span.1.min(e.start).min(e.end);
        span.2 = span.2.max(e.start).max(e.end);
    }
    spans.into_values().collect()
}

/// `NAME;TZID=zone:local` for `instant`. The second pass of a repeated local hour (clocks going
/// back) would read as the first one (RFC 5545 §3.3.5), so that instant is written in UTC.
fn date_time(name: &str, instant: DateTime<Utc>, zone: Tz) -> String {
    let local = instant.with_timezone(&zone).naive_local();
    let unambiguous = match zone.from_local_datetime(&local) {
        LocalResult::Single(_) => true,
        LocalResult::Ambiguous(first, _) => first.with_timezone(&Utc) == instant,
        LocalResult::None => false,
    };
    if unambiguous {
        format!("{name};TZID={}:{}", zone.name(), local_text(local))
    } else {
        format!("{name}:{}", utc_text(instant))
    }
}

/// A local DATE-TIME: `20270328T020000`.
fn local_text(t: NaiveDateTime) -> String {
    t.format("%Y%m%dT%H%M%S").to_string()
}

/// A UTC DATE-TIME: `20270328T010000Z`.
fn utc_text(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// A TEXT value escaped (RFC 5545 §3.3.11): backslash, semicolon, comma, and line breaks as `\n`.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            // Other control characters are not allowed in TEXT.
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A content line folded into lines of at most 75 octets (continuations start with a space, a
/// character's bytes are never split), each ending in CRLF.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 36 + 2);
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > LINE_OCTETS {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

fn push(out: &mut String, line: &str) {
    out.push_str(&fold(line));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn escapes_text() {
        assert_eq!(escape("a\\b;c,d"), "a\\\\b\\;c\\,d");
        assert_eq!(
            escape("one\ntwo\r\nthree\rfour"),
            "one\\ntwo\\nthree\\nfour"
        );
        assert_eq!(escape("tab\there"), "tabhere");
        assert_eq!(escape("Clase: español"), "Clase: español");
    }

    #[test]
    fn folds_at_75_octets_without_splitting_characters() {
        assert_eq!(fold("SUMMARY:short"), "SUMMARY:short\r\n");
        let long = format!("SUMMARY:{}", "x".repeat(200));
        let folded = fold(&long);
        let lines: Vec<&str> = folded.split_terminator("\r\n").collect();
        assert!(lines.iter().all(|l| l.len() <= 75), "{lines:?}");
        assert_eq!(lines[0].len(), 75);
        assert!(lines[1..].iter().all(|l| l.starts_with(' ')));
        let unfolded: String = folded.replace("\r\n ", "").replace("\r\n", "");
        assert_eq!(unfolded, long);

        // Two-octet characters: a line never ends inside one.
        let wide = format!("SUMMARY:{}", "ñ".repeat(100));
        let folded = fold(&wide);
        for line in folded.split_terminator("\r\n") {
            assert!(line.len() <= 75);
            assert!(std::str::from_utf8(line.as_bytes()).is_ok());
        }
        assert_eq!(folded.replace("\r\n ", "").trim_end(), wide);
        assert!(folded.ends_with("\r\n") && !folded.ends_with("\r\n\r\n"));
    }

    #[test]
    fn renders_events_in_their_zone_with_one_vtimezone_each() {
        let madrid: Tz = "Europe/Madrid".parse().unwrap();
        let event = |uid: &str, start: &str, zone: Tz, cancelled: bool| Event {
            uid: uid.into(),
            summary: "Conversation, B1; evenings".into(),
            start: at(start),
            end: at(start) + Duration::hours(1),
            zone,
            cancelled,
        };
        let events = [
            event("session-1@aula", "2027-03-22T17:00:00Z", madrid, false),
            event("session-2@aula", "2027-03-29T16:00:00Z", madrid, true),
            event(
                "booking-3@aula",
                "2027-03-29T09:00:00Z",
                chrono_tz::UTC,
                false,
            ),
        ];
        let ics = render("Aula", at("2027-03-01T00:00:00Z"), &events);
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        assert!(!ics.replace("\r\n", "").contains('\n'), "only CRLF breaks");
        assert_eq!(ics.matches("BEGIN:VTIMEZONE").count(), 2);
        assert_eq!(ics.matches("BEGIN:VEVENT").count(), 3);
        assert!(ics.contains("DTSTART;TZID=Europe/Madrid:20270322T180000\r\n"));
        assert!(ics.contains("DTSTART;TZID=Europe/Madrid:20270329T180000\r\n"));
        assert!(ics.contains("DTEND;TZID=Europe/Madrid:20270329T190000\r\n"));
        assert!(ics.contains("DTSTART;TZID=UTC:20270329T090000\r\n"));
        assert!(ics.contains("DTSTAMP:20270301T000000Z\r\n"));
        assert!(ics.contains("SUMMARY:Conversation\\, B1\\; evenings\r\n"));
        assert!(ics.contains("UID:session-2@aula\r\n"));
        assert_eq!(ics.matches("STATUS:CANCELLED").count(), 1);
        // The clock change between the two Madrid events is described.
        assert!(ics.contains(
            "BEGIN:DAYLIGHT\r\nDTSTART:20270328T020000\r\nTZOFFSETFROM:+0100\r\n\
             TZOFFSETTO:+0200\r\nTZNAME:CEST\r\nEND:DAYLIGHT\r\n"
        ));
    }

    #[test]
    fn the_second_pass_of_a_repeated_hour_is_written_in_utc() {
        let madrid: Tz = "Europe/Madrid".parse().unwrap();
        // 31 October 2027: 03:00 CEST becomes 02:00 CET, so 02:30 local happens twice.
        let first = date_time("DTSTART", at("2027-10-31T00:30:00Z"), madrid);
        let second = date_time("DTSTART", at("2027-10-31T01:30:00Z"), madrid);
        assert_eq!(first, "DTSTART;TZID=Europe/Madrid:20271031T023000");
        assert_eq!(second, "DTSTART:20271031T013000Z");
    }
}
