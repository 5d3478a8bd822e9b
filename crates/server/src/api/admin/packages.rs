//! Package administration.

pub mod activate;
pub mod create;
pub mod get;
pub mod list;
pub mod set_text;
