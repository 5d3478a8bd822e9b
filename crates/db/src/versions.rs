//! The versions the database keeps: the catalogue's, bumped by its triggers on every write of
//! what the public catalogue shows (migration `m0004_data_versions`), and the accounts', bumped on
//! every write that changes what a session token stands for (`m0007_accounts_version`), and each
//! student's credits version (`m0008_ledger_versions`). Read by every request that may answer
//! from memory.

use std::collections::HashMap;

use sea_orm::{ConnectionTrait, Statement};

use crate::{Db, DbError};

/// The versions the database keeps (see migrations `m0004_data_versions` and
/// `m0007_accounts_version`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Versions {
    /// What the public catalogue shows.
    pub catalogue: i64,
    /// What a session token stands for (sessions, users, roles).
    pub accounts: i64,
}

/// Both versions now (one read of two primary keys).
pub async fn current(db: &Db) -> Result<Versions, DbError> {
    let rows = db
        .reader()
        .query_all(Statement::from_string(
            db.db_backend(),
            "SELECT name, version FROM data_versions WHERE name IN ('catalogue', 'accounts')",
        ))
        .await?;
    let mut out = Versions::default();
    for row in rows {
        let name: String = row.try_get_by_index(0)?;
        let version: i64 = row.try_get_by_index(1)?;
        match name.as_str() {
            "catalogue" => out.catalogue = version,
            _ => out.accounts = version,
        }
    }
    Ok(out)
}

/// The catalogue version and the live seats of these sessions (booked CONFIRMED, waiting), in one
/// statement: what a cached course detail needs per request.
pub async fn catalogue_with_seats(
    db: &Db,
    session_ids: &[i64],
) -> Result<(i64, HashMap<i64, (i64, i64)>), DbError> {
    // The ids travel as one parameter: the detail requests that share this read ask for ever
    // different sets of sessions, and each distinct text would be one more prepared statement
    // kept per connection.
    let backend = db.db_backend();
    let sql = format!(
        "SELECT 3 AS kind, 0 AS id, version AS n, NULL AS title FROM data_versions \
         WHERE name = 'catalogue' UNION ALL {seats}",
        seats = crate::sessions::seats_sql(&crate::sql::ids_param(backend, 1))
    );
    let rows = db
        .reader()
        .query_all(Statement::from_sql_and_values(
            backend,
            sql,
            [crate::sql::json_ids(session_ids.iter().copied())],
        ))
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

/// The catalogue version and the credits version of each of these students (migration
/// `m0008_ledger_versions`; a student without one is not in the map, which reads as 0), in one
/// statement: what a student's credits kept in memory are checked against.
pub async fn catalogue_with_credits(
    db: &Db,
    student_ids: &[i64],
) -> Result<(i64, HashMap<i64, i64>), DbError> {
    use sea_orm::Value;
    let backend = db.db_backend();
    let sql = format!(
        "SELECT -1 AS student_id, version FROM data_versions WHERE name = 'catalogue' \
         UNION ALL SELECT student_id, version FROM ledger_versions WHERE student_id IN ({ids})",
        ids = crate::sql::ids_param(backend, 1)
    );
    let values: [Value; 1] = [crate::sql::json_ids(student_ids.iter().copied())];
    let rows = db
        .reader()
        .query_all(Statement::from_sql_and_values(backend, sql, values))
        .await?;
    let mut catalogue = 0;
    let mut out = HashMap::new();
    for row in rows {
        let student: i64 = row.try_get_by_index(0)?;
        let version: i64 = row.try_get_by_index(1)?;
        if student == -1 {
            catalogue = version;
        } else {
            out.insert(student, version);
        }
    }
    Ok((catalogue, out))
}
