//! SeaORM entities, one module per table. Only this crate sees them.

pub mod admins;
pub mod auth_sessions;
pub mod levels;
pub mod students;
pub mod teachers;
pub mod users;
