//! Incoming webhooks.

pub mod stripe;
