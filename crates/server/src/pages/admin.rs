//! Back-office pages (`/admin/…`): a visitor is sent to log in, a user without the admin role gets
//! the 403 page (see `extract::PageAdmin`).

pub mod classes;
pub mod courses;
pub mod dashboard;
pub mod packages;
pub mod policy;
pub mod purchases;
pub mod users;
