//! The public course catalogue; the DTOs shared with the admin and student views.

pub mod dto;
pub mod get;
pub mod list;
