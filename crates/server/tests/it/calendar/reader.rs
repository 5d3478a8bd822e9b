//! Reading a feed as a calendar application would: the `ical` crate parses it, and each local
//! DTSTART/DTEND is resolved against the feed's own VTIMEZONE.

use chrono::{DateTime, NaiveDateTime, Utc};
use ical::parser::ical::component::{IcalCalendar, IcalTimeZone};
use ical::property::Property;

fn prop<'a>(props: &'a [Property], name: &str) -> Option<&'a Property> {
    props.iter().find(|p| p.name == name)
}

pub(super) fn value<'a>(props: &'a [Property], name: &str) -> &'a str {
    prop(props, name)
        .and_then(|p| p.value.as_deref())
        .unwrap_or_else(|| panic!("{name} missing"))
}

fn param<'a>(p: &'a Property, name: &str) -> Option<&'a str> {
    p.params
        .as_ref()?
        .iter()
        .find(|(n, _)| n == name)
        .and_then(|(_, v)| v.first().map(String::as_str))
}

pub(super) fn local(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y%m%dT%H%M%S").expect("a local DATE-TIME")
}

/// `+0200` → seconds east of UTC.
fn offset(text: &str) -> i64 {
    let sign = if text.starts_with('-') { -1 } else { 1 };
    let (h, m): (i64, i64) = (text[1..3].parse().unwrap(), text[3..5].parse().unwrap());
    sign * (h * 3600 + m * 60)
}

/// A local time in a VTIMEZONE → UTC: the TZOFFSETTO of the latest observance starting at or
/// before it.
fn resolve(zone: &IcalTimeZone, at: NaiveDateTime) -> DateTime<Utc> {
    let observance = zone
        .transitions
        .iter()
        .map(|o| {
            (
                local(value(&o.properties, "DTSTART")),
                offset(value(&o.properties, "TZOFFSETTO")),
            )
        })
        .filter(|(start, _)| *start <= at)
        .max_by_key(|(start, _)| *start)
        .expect("an observance in force");
    (at - chrono::Duration::seconds(observance.1)).and_utc()
}

/// One VEVENT as read: UID, SUMMARY, STATUS, the TZID and local start, and the UTC start.
#[derive(Debug)]
pub(super) struct Seen {
    pub(super) uid: String,
    pub(super) summary: String,
    pub(super) status: String,
    pub(super) zone: String,
    pub(super) local_start: NaiveDateTime,
    pub(super) start: DateTime<Utc>,
    pub(super) end: DateTime<Utc>,
}

fn instant(cal: &IcalCalendar, p: &Property) -> (String, NaiveDateTime, DateTime<Utc>) {
    let text = p.value.as_deref().expect("a value");
    let zone = param(p, "TZID").expect("a TZID").to_owned();
    let tz = cal
        .timezones
        .iter()
        .find(|z| value(&z.properties, "TZID") == zone)
        .unwrap_or_else(|| panic!("a VTIMEZONE for {zone}"));
    (zone.clone(), local(text), resolve(tz, local(text)))
}

pub(super) fn events(cal: &IcalCalendar) -> Vec<Seen> {
    cal.events
        .iter()
        .map(|e| {
            let (zone, local_start, start) = instant(cal, prop(&e.properties, "DTSTART").unwrap());
            let (end_zone, _, end) = instant(cal, prop(&e.properties, "DTEND").unwrap());
            assert_eq!(zone, end_zone);
            assert!(value(&e.properties, "DTSTAMP").ends_with('Z'));
            Seen {
                uid: value(&e.properties, "UID").to_owned(),
                summary: value(&e.properties, "SUMMARY").to_owned(),
                status: value(&e.properties, "STATUS").to_owned(),
                zone,
                local_start,
                start,
                end,
            }
        })
        .collect()
}
