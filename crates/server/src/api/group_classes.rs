//! Group classes (public reads).

pub mod dto;
pub mod get;
pub mod list;
