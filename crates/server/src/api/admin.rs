//! Administration routes (`/api/admin/...`, admin role).

pub mod course_programs;
pub mod group_classes;
pub mod packages;
pub mod policies;
pub mod sessions;
pub mod teachers;
pub mod users;
