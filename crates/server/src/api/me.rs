//! The current user.

pub mod get;
pub mod update;
