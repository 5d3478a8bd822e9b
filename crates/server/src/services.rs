//! Use-cases shared by the API, the pages and the command line.

pub mod accounts;
pub mod auth;
pub mod booking;
pub mod courses;
pub mod credits;
pub mod fields;
pub mod group_classes;
pub mod login_limit;
pub mod packages;
pub mod password;
pub mod password_reset;
pub mod purchases;
pub mod scheduling;
pub mod texts;
