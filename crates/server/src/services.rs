//! Use-cases shared by the API, the pages and the command line.

pub mod accounts;
pub mod auth;
pub mod group_classes;
pub mod login_limit;
pub mod password;
pub mod scheduling;
