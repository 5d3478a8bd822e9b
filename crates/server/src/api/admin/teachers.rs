//! Teachers' tier and active flag.

pub mod update;
