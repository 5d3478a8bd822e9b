//! Session administration.

pub mod cancel;
