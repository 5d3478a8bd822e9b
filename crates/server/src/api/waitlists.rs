//! Waiting lists of full group sessions.

pub mod dto;
pub mod join;
pub mod leave;
pub mod mine;
