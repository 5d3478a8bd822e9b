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
    let sql = format!(
        "SELECT 3 AS kind, 0 AS id, version AS n, NULL AS title FROM data_versions \
         WHERE name = 'catalogue' UNION ALL {seats}",
        seats = crate::sessions::seats_sql(&crate::sql::id_list(session_ids.iter().copied()))
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
            3 => version = n,
            0 => seats.entry(session).or_default().0 = n,
            _ => seats.entry(session).or_default().1 = n,
        }
    }
    Ok((version, seats))
}
