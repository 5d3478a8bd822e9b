//! The only crate that speaks SQL: connection set-up for SQLite and PostgreSQL, entities and
//! repositories that hand domain-shaped records to the server.

pub mod accounts;
pub mod auth_sessions;
pub mod availability;
pub mod bookings;
pub mod calendar;
mod connect;
pub mod courses;
pub mod dashboard;
pub(crate) mod entities;
mod error;
pub mod group_classes;
pub mod ledger;
pub mod levels;
pub mod outbox;
pub mod packages;
pub mod password_resets;
pub mod policies;
pub mod purchases;
mod reader;
pub mod sessions;
mod sql;
pub mod teachers;
pub mod texts;
pub mod versions;

pub use connect::{Backend, Db, redact};
pub use error::DbError;
pub(crate) use error::decode;
pub use reader::Reader;
