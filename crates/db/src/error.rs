//! Database failures, with the ones a caller can act on told apart.

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
    /// A rule checked inside the transaction refused the change (`code` as in api.md).
    #[error("{message}")]
    Conflict { code: &'static str, message: String },
    /// A field of the request breaks a rule only the database can check (422).
    #[error("{field}: {problem}")]
    Invalid { field: String, problem: String },
    /// The row asked for does not exist.
    #[error("not found")]
    NotFound,
    /// Anything else: connection, syntax, I/O.
    #[error(transparent)]
    Other(DbErr),
}

impl From<DbErr> for DbError {
    fn from(err: DbErr) -> Self {
        match err.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(msg)) => DbError::Duplicate(msg),
            Some(SqlErr::ForeignKeyConstraintViolation(msg)) => DbError::ForeignKey(msg),
            _ => DbError::Other(err),
        }
    }
}

impl DbError {
    /// A refused change with an api.md conflict code.
    pub fn conflict(code: &'static str, message: impl Into<String>) -> Self {
        DbError::Conflict {
            code,
            message: message.into(),
        }
    }
}
