//! Saving the cancellation policy.

pub mod put;
