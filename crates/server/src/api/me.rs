//! The current user.

pub mod calendar;
pub mod get;
pub mod update;
