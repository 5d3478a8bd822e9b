//! Course programs over HTTP: administration, the public catalogue and the student's course
//! packages.

pub mod admin_add_option;
pub mod admin_add_step;
pub mod admin_create;
pub mod admin_delete;
pub mod admin_delete_option;
pub mod admin_delete_step;
pub mod admin_get;
pub mod admin_list;
pub mod admin_reorder_steps;
pub mod admin_update;
pub mod admin_update_step;
pub mod dto;
pub mod my_course_package;
pub mod my_course_packages;
pub mod public_get;
pub mod public_list;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::App;

/// The documented routes of course programs, one `routes!` per path.
pub fn router() -> OpenApiRouter<App> {
    OpenApiRouter::new()
        .routes(routes!(admin_create::create, admin_list::list))
        .routes(routes!(
            admin_get::get,
            admin_update::update,
            admin_delete::delete
        ))
        .routes(routes!(admin_add_step::add_step))
        .routes(routes!(admin_reorder_steps::reorder_steps))
        .routes(routes!(
            admin_update_step::update_step,
            admin_delete_step::delete_step
        ))
        .routes(routes!(admin_add_option::add_option))
        .routes(routes!(admin_delete_option::delete_option))
        .routes(routes!(public_list::list))
        .routes(routes!(public_get::get))
        .routes(routes!(my_course_packages::list))
        .routes(routes!(my_course_package::get))
}
