//! The JSON API of api.md: one handler per file, grouped by resource.

pub mod admin;
pub mod auth;
pub mod availability;
pub mod bookings;
pub mod checkout;
pub mod course_programs;
pub mod dto;
pub mod group_classes;
pub mod input;
pub mod levels;
pub mod me;
pub mod packages;
pub mod policies;
pub mod sessions;
pub mod students;
pub mod teachers;
pub mod waitlists;
pub mod webhooks;

use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};

/// The document's header; paths are collected from the handlers by the router.
#[derive(OpenApi)]
#[openapi(
    info(title = "Aula API", description = "Teachers, classes, packages, bookings and course programs of a language school."),
    modifiers(&BearerAuth),
    // Enums used only in query parameters are referenced there but not collected by the handlers.
    components(schemas(
        crate::api::sessions::list::SessionType,
        crate::api::sessions::list::SessionStatus,
        crate::api::admin::users::list::RoleFilter
    )),
    tags(
        (name = "accounts", description = "Registration, login and the current user"),
        (name = "admin", description = "Administration (admin role)"),
        (name = "catalogue", description = "Public reference data"),
        (name = "teachers", description = "The teacher's own profile and availability (teacher role)"),
        (name = "classes", description = "Group classes and sessions"),
        (name = "buying", description = "Checkout, webhooks and credit balances"),
        (name = "booking", description = "Bookings, cancellation, rescheduling, attendance and waitlists"),
        (name = "operations", description = "Health, readiness and metrics"),
    )
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
        );
    }
}
