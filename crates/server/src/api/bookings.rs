//! Bookings and attendance.

pub mod attendance;
pub mod can_modify;
pub mod cancel;
pub mod create;
pub mod dto;
pub mod get;
pub mod mine;
pub mod reschedule;
