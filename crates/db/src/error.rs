//! Database failures, with the ones a caller can act on told apart.

use aula_domain::{Conflict, Problem, Refusal, StoredName};
use sea_orm::{DbErr, SqlErr};

/// What went wrong talking to the database.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// A unique index refused the write (a value already taken).
    #[error("unique constraint violated: {0}")]
    Duplicate(String),
    /// A referenced row is missing, or a row is still referenced.
    #[error("foreign key constraint violated: {0}")]
    ForeignKey(String),
    /// A rule checked inside the transaction refused the change.
    #[error(transparent)]
    Refused(#[from] Refusal),
    /// A field of the request breaks a rule only the database can check (422).
    #[error("{field}: {problem}")]
    Invalid { field: String, problem: Problem },
    /// The row asked for does not exist.
    #[error("not found")]
    NotFound,
    /// The database cannot be reached (connection refused or lost, no connection free in time).
    #[error("the database is unavailable: {0}")]
    Unavailable(DbErr),
    /// Anything else: syntax, a broken row.
    #[error(transparent)]
    Other(DbErr),
}

impl From<DbErr> for DbError {
    fn from(err: DbErr) -> Self {
        match err.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(msg)) => DbError::Duplicate(msg),
            Some(SqlErr::ForeignKeyConstraintViolation(msg)) => DbError::ForeignKey(msg),
            _ if unreachable(&err) => DbError::Unavailable(err),
            _ => DbError::Other(err),
        }
    }
}

/// True when the error says the database could not be reached, not that a statement failed.
fn unreachable(err: &DbErr) -> bool {
    use sea_orm::RuntimeErr;
    use sea_orm::sqlx::Error as Sqlx;
    match err {
        DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => true,
        DbErr::Exec(RuntimeErr::SqlxError(e)) | DbErr::Query(RuntimeErr::SqlxError(e)) => matches!(
            e,
            Sqlx::Io(_)
                | Sqlx::PoolTimedOut
                | Sqlx::PoolClosed
                | Sqlx::WorkerCrashed
                | Sqlx::Tls(_)
        ),
        _ => false,
    }
}

impl DbError {
    /// A change refused by a rule of the school.
    pub fn refused(code: Conflict, message: impl Into<String>) -> Self {
        DbError::Refused(Refusal::new(code, message))
    }
}

/// Reads a stored name. The schema's CHECK constraints keep each column to its set; a value
/// outside it (a hand-edited row) is logged and read as the first name of the set.
pub(crate) fn decode<T: StoredName + std::fmt::Debug>(raw: &str) -> T {
    T::parse(raw).unwrap_or_else(|| {
        tracing::error!(value = raw, "unknown stored name");
        T::ALL[0]
    })
}
