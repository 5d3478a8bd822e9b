//! Sessions (public reads).

pub mod get;
pub mod list;
