//! Half-open UTC intervals and the overlap checks the schedule is built on.

use chrono::{DateTime, Utc};

/// A half-open UTC interval [start, end).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Interval {
    /// First instant inside the interval.
    pub start: DateTime<Utc>,
    /// First instant after the interval.
    pub end: DateTime<Utc>,
}

impl Interval {
    /// The interval [start, end); callers pass `start <= end` (an empty interval overlaps nothing).
    pub fn new(start: DateTime<Utc>, end: DateTime<Utc>) -> Self {
        Self { start, end }
    }

    /// True when the two intervals share an instant; touching ends (`a.end == b.start`) do not.
    pub fn overlaps(&self, other: &Interval) -> bool {
        self.start.max(other.start) < self.end.min(other.end)
    }

    /// Elapsed whole minutes from start to end.
    pub fn minutes(&self) -> i64 {
        (self.end - self.start).num_minutes()
    }
}

/// First pair (i, j), i < j, of overlapping intervals, if any (smallest `i`, then smallest `j`).
pub fn find_overlap(intervals: &[Interval]) -> Option<(usize, usize)> {
    // Most calls find nothing: prove that with one sorted sweep before the quadratic search
    // that is needed only to name the *first* pair.
    let mut order: Vec<&Interval> = intervals.iter().filter(|i| i.start < i.end).collect();
    order.sort_unstable();
    let mut reach: Option<DateTime<Utc>> = None;
    let any = order.iter().any(|i| {
        let hit = reach.is_some_and(|end| i.start < end);
        reach = Some(reach.map_or(i.end, |end| end.max(i.end)));
        hit
    });
    if !any {
        return None;
    }
    (0..intervals.len()).find_map(|i| {
        (i + 1..intervals.len())
            .find(|&j| intervals[i].overlaps(&intervals[j]))
            .map(|j| (i, j))
    })
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn iv(start_hour: u32, end_hour: u32) -> Interval {
        let at = |h: u32| Utc.with_ymd_and_hms(2026, 1, 5, h, 0, 0).unwrap();
        Interval::new(at(start_hour), at(end_hour))
    }

    #[test]
    fn touching_intervals_do_not_overlap() {
        assert!(!iv(9, 10).overlaps(&iv(10, 11)));
        assert!(!iv(10, 11).overlaps(&iv(9, 10)));
        assert!(iv(9, 11).overlaps(&iv(10, 12)));
        assert!(iv(9, 12).overlaps(&iv(10, 11)));
        assert!(
            !iv(10, 10).overlaps(&iv(9, 12)),
            "empty intervals overlap nothing"
        );
        assert_eq!(iv(9, 11).minutes(), 120);
    }

    #[test]
    fn finds_the_first_overlapping_pair() {
        assert_eq!(find_overlap(&[]), None);
        assert_eq!(find_overlap(&[iv(9, 10), iv(10, 11), iv(11, 12)]), None);
        assert_eq!(
            find_overlap(&[iv(13, 15), iv(9, 10), iv(14, 16), iv(9, 11)]),
            Some((0, 2))
        );
        assert_eq!(
            find_overlap(&[iv(9, 10), iv(12, 13), iv(12, 14), iv(9, 11)]),
            Some((0, 3))
        );
        assert_eq!(find_overlap(&[iv(8, 20), iv(10, 10)]), None);
    }
}
