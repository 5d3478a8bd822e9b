//! Administration routes (`/api/admin/...`, admin role).

pub mod users;
