//! Course programs, their steps and options (`/api/admin/course-programs/...`).

pub mod add_option;
pub mod add_step;
pub mod create;
pub mod delete;
pub mod delete_option;
pub mod delete_step;
pub mod get;
pub mod list;
pub mod reorder_steps;
pub mod set_text;
pub mod update;
pub mod update_step;
