//! Package administration.

pub mod activate;
pub mod create;
pub mod get;
pub mod list;
