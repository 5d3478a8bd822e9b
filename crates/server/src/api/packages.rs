//! Packages: the public catalogue and the student's credits.

pub mod catalogue;
pub mod dto;
pub mod my_credits;
