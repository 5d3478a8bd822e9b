//! Bookable slots: the weekly windows of a time range, cut on the local half-hour grid.

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, TimeDelta, Utc};

use super::clock::{existing_instant, local_date};
use super::{Interval, LocalTime, WeeklyAvailability, resolve_local};

/// Slot starts lie on this local grid: hh:00 and hh:30.
const GRID_MINUTES: u16 = 30;

/// A local wall-clock window on one date (from a rule or an available exception).
#[derive(Debug, Clone, Copy)]
struct Window {
    date: NaiveDate,
    start: LocalTime,
    end: LocalTime,
}

/// Intervals no slot may overlap, sorted by start, with the furthest end reached so far, so a
/// single binary search answers "does anything overlap this slot?".
struct Blockers {
    starts: Vec<DateTime<Utc>>,
    reach: Vec<DateTime<Utc>>,
}

impl Blockers {
    fn new(mut intervals: Vec<Interval>) -> Self {
        // Empty intervals overlap nothing, and would break the "furthest end" shortcut.
        intervals.retain(|i| i.start < i.end);
        intervals.sort_unstable();
        let mut reach: Vec<DateTime<Utc>> = Vec::with_capacity(intervals.len());
        for i in &intervals {
            reach.push(reach.last().map_or(i.end, |furthest| i.end.max(*furthest)));
        }
        let starts = intervals.iter().map(|i| i.start).collect();
        Self { starts, reach }
    }

    /// True when some blocker overlaps `slot` (half-open, touching is fine).
    fn hit(&self, slot: &Interval) -> bool {
        let starting_before_end = self.starts.partition_point(|s| *s < slot.end);
        starting_before_end > 0 && self.reach[starting_before_end - 1] > slot.start
    }
}

/// The bounds of one `slots` call.
struct Query {
    /// Later of `from` and `now`: no slot starts before it.
    earliest: DateTime<Utc>,
    /// No slot starts at or after it.
    to: DateTime<Utc>,
    duration: TimeDelta,
}

impl WeeklyAvailability {
    /// Bookable slots of `duration_minutes` whose start lies in [from, to), sorted by start.
    ///
    /// Rules are local wall-clock windows on their ISO weekday in `timezone`; an available
    /// exception adds a window on its date. Window ends resolve with [`resolve_local`], so a 09:00
    /// rule opens at 09:00 local on both sides of every clock change. Slot starts lie on the local
    /// half-hour grid (hh:00, hh:30); a grid time inside a skipped hour is left out and a repeated
    /// one gives one slot, at its earlier instant. The whole slot [start, start + duration), in
    /// elapsed time, lies inside one window, overlaps no `busy` interval (any order) and no
    /// unavailable exception (a whole local date without times, else its local interval), and
    /// starts no earlier than `now`.
    ///
    /// Cost: one pass over the local dates of the range, up to 48 grid times per window, and a
    /// binary search over the sorted busy intervals per grid time.
    pub fn slots(
        &self,
        busy: &[Interval],
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        now: DateTime<Utc>,
        duration_minutes: u32,
    ) -> Vec<Interval> {
        let earliest = from.max(now);
        if duration_minutes == 0 || earliest >= to {
            return Vec::new();
        }
        let query = Query {
            earliest,
            to,
            duration: TimeDelta::minutes(i64::from(duration_minutes)),
        };
        // Local dates are not monotonic in UTC (a fall back at midnight returns to the previous
        // date), so look at one spare date on each side.
        let tz = self.timezone;
        let first = local_date(tz, earliest)
            .pred_opt()
            .unwrap_or(NaiveDate::MIN);
        let last = local_date(tz, to).succ_opt().unwrap_or(NaiveDate::MAX);
        let (windows, blocked) = self.windows(first, last);
        let blockers = Blockers::new(busy.iter().copied().chain(blocked).collect());
        let mut slots = Vec::new();
        for window in &windows {
            self.cut(window, &query, &blockers, &mut slots);
        }
        // An available exception may repeat part of a rule's window.
        slots.sort_unstable();
        slots.dedup();
        slots
    }

    /// True when `slot` is exactly one of the slots [`Self::slots`] would return for some range
    /// containing its start (grid, window, busy, exceptions, not before `now`).
    pub fn offers(&self, busy: &[Interval], slot: Interval, now: DateTime<Utc>) -> bool {
        let minutes = slot.minutes();
        let Ok(duration) = u32::try_from(minutes) else {
            return false;
        };
        if slot.end - slot.start != TimeDelta::minutes(minutes) {
            return false;
        }
        // Grid starts are whole minutes, so a one-second range holds the only candidate.
        let to = slot.start + TimeDelta::seconds(1);
        self.slots(busy, slot.start, to, now, duration)
            .contains(&slot)
    }

    /// The windows of the local dates `first..=last`, and the intervals the unavailable
    /// exceptions of those dates block.
    fn windows(&self, first: NaiveDate, last: NaiveDate) -> (Vec<Window>, Vec<Interval>) {
        let mut windows = Vec::new();
        for date in first.iter_days().take_while(|d| *d <= last) {
            let weekday = date.weekday().number_from_monday();
            let rules = self
                .rules
                .iter()
                .filter(|r| u32::from(r.weekday) == weekday);
            windows.extend(rules.map(|r| Window {
                date,
                start: r.start,
                end: r.end,
            }));
        }
        let mut blocked = Vec::new();
        let dated = self
            .exceptions
            .iter()
            .filter(|e| (first..=last).contains(&e.date));
        for exception in dated {
            // Without times an exception covers its whole local date.
            let window = Window {
                date: exception.date,
                start: exception.start.unwrap_or(LocalTime::MIDNIGHT),
                end: exception.end.unwrap_or(LocalTime::END_OF_DAY),
            };
            if exception.available {
                windows.push(window);
            } else {
                let tz = self.timezone;
                let start = resolve_local(tz, window.start.on(window.date));
                blocked.push(Interval::new(
                    start,
                    resolve_local(tz, window.end.on(window.date)),
                ));
            }
        }
        (windows, blocked)
    }

    /// Pushes the slots of one window that meet the query and miss every blocker.
    fn cut(&self, window: &Window, query: &Query, blockers: &Blockers, out: &mut Vec<Interval>) {
        let tz = self.timezone;
        let opens = resolve_local(tz, window.start.on(window.date));
        let closes = resolve_local(tz, window.end.on(window.date));
        if closes < query.earliest + query.duration || opens >= query.to {
            return;
        }
        let midnight = window.date.and_time(NaiveTime::MIN);
        let mut minute = window.start.minutes().next_multiple_of(GRID_MINUTES);
        while minute < window.end.minutes() {
            let local = midnight + TimeDelta::minutes(i64::from(minute));
            minute += GRID_MINUTES;
            // A grid time inside a gap does not exist; a repeated one counts at its earlier instant.
            let Some(start) = existing_instant(tz, local) else {
                continue;
            };
            let slot = Interval::new(start, start + query.duration);
            // Instants never decrease along the grid, so nothing later fits either.
            if slot.end > closes || start >= query.to {
                break;
            }
            if start >= opens && start >= query.earliest && !blockers.hit(&slot) {
                out.push(slot);
            }
        }
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod dst_tests;

#[cfg(test)]
mod prop_tests;
