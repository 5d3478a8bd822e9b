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
