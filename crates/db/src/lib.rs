//! The only crate that speaks SQL: connection set-up for SQLite and PostgreSQL, entities and
//! repositories that hand domain-shaped records to the server.

pub mod accounts;
pub mod auth_sessions;
mod connect;
pub mod entities;
mod error;
pub mod levels;

pub use connect::{Backend, Db, redact};
pub use error::DbError;
pub use sea_orm::DatabaseConnection;
