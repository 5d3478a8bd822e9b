//! The current user.

pub mod get;
