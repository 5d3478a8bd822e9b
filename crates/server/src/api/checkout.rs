//! Buying a package.

pub mod create;
