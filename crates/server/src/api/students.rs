//! The logged-in student's own views (`/api/students/me/...`).

pub mod course_packages;
