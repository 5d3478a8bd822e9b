//! Sessions (public reads).

pub mod compatible_credits;
pub mod get;
pub mod list;
