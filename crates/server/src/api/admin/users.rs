//! Users and their roles.

pub mod grant_role;
pub mod list;
pub mod revoke_role;
