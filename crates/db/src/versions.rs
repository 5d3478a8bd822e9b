//! The catalogue's version: bumped by the database's triggers on every write of what the public
//! catalogue shows (see migration `m0004_data_versions`), read by every request that may answer
//! from a cache.

use std::collections::HashMap;

use sea_orm::{ConnectionTrait, Statement};

use crate::{Db, DbError};

/// The current catalogue version (one primary-key read).
pub async fn catalogue(db: &Db) -> Result<i64, DbError> {
    let row = db
        .reader()
        .query_one(Statement::from_string(
            db.db_backend(),
            "SELECT version FROM data_versions WHERE name = 'catalogue'",
        ))
        .await?;
    Ok(row
        .and_then(|r| r.try_get_by_index::<i64>(0).ok())
        .unwrap_or(0))
}

/// The catalogue version and the live seats of these sessions (booked CONFIRMED, waiting), in one
/// statement: what a cached course detail needs per request.
pub async fn catalogue_with_seats(
    db: &Db,
    session_ids: &[i64],
) -> Result<(i64, HashMap<i64, (i64, i64)>), DbError> {
    // The ids are numbers the server read itself: written into the text, no binding needed.
    let list = if session_ids.is_empty() {
        "NULL".to_owned()
    } else {
        session_ids
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(",")
    };
    let sql = format!(
        "SELECT 2 AS kind, 0 AS session_id, version AS n FROM data_versions WHERE name = 'catalogue' \
         UNION ALL SELECT 0, session_id, COUNT(*) FROM bookings \
           WHERE status = 'CONFIRMED' AND session_id IN ({list}) GROUP BY session_id \
         UNION ALL SELECT 1, session_id, COUNT(*) FROM waitlist_entries \
           WHERE session_id IN ({list}) GROUP BY session_id"
    );
    let rows = db
        .reader()
        .query_all(Statement::from_string(db.db_backend(), sql))
        .await?;
    let mut version = 0;
    let mut seats: HashMap<i64, (i64, i64)> = HashMap::new();
    for row in rows {
        let kind: i32 = row.try_get_by_index(0)?;
        let session: i64 = row.try_get_by_index(1)?;
        let n: i64 = row.try_get_by_index(2)?;
        match kind {
            2 => version = n,
            0 => seats.entry(session).or_default().0 = n,
            _ => seats.entry(session).or_default().1 = n,
        }
    }
    Ok((version, seats))
}
