//! Teachers: public profiles, the teacher's own profile and weekly availability.

pub mod get;
pub mod get_availability;
pub mod list;
pub mod put_availability;
pub mod update_profile;
