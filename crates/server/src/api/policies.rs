//! The cancellation policy.

pub mod get;
