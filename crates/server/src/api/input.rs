//! Request values checked while they are read: every instant lies in [2000-01-01, 2100-01-01).
//! Use with `#[serde(deserialize_with = "…")]`; the JSON and query extractors turn the marked error
//! into a 422 naming the field, anything that does not parse stays a 400.

use aula_domain::Problem;
use aula_domain::schedule::{instant_in_range, out_of_range as range_problem};
use chrono::{DateTime, Utc};
use serde::de::Error;
use serde::{Deserialize, Deserializer};

/// Marks a deserialisation error as "out of range" (422), not "malformed" (400).
pub const RANGE_MARK: &str = "aula-out-of-range";

fn checked<E: Error>(t: DateTime<Utc>) -> Result<DateTime<Utc>, E> {
    if instant_in_range(t) {
        Ok(t)
    } else {
        Err(E::custom(RANGE_MARK))
    }
}

/// An RFC 3339 instant in the planning range.
pub fn instant<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
    checked(DateTime::<Utc>::deserialize(d)?)
}

/// An optional RFC 3339 instant in the planning range.
pub fn opt_instant<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime<Utc>>, D::Error> {
    Option::<DateTime<Utc>>::deserialize(d)?
        .map(checked)
        .transpose()
}

/// The field and problem of an out-of-range error, if `message` is one.
pub fn out_of_range(path: &str, message: &str) -> Option<(String, Problem)> {
    message
        .contains(RANGE_MARK)
        .then(|| (path.to_owned(), range_problem()))
}
