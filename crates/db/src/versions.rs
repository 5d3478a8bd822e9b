//! The catalogue's version: bumped by the database's triggers on every write of what the public
//! catalogue shows (see migration `m0004_data_versions`), read by every request that may answer
//! from a cache.

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
