//! The student's course enrolments with their step progress.

pub mod get;
pub mod list;
