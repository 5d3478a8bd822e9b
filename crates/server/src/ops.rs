//! Operations: health, readiness, metrics, request ids and the API documents.

pub mod docs;
pub mod health;
pub mod metrics;
pub mod request_id;
