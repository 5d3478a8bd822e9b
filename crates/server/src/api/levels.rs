//! Levels (A1-C2).

pub mod list;
