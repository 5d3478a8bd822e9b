//! Creating and changing group classes.

pub mod create;
pub mod update;
