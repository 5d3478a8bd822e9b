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

/// Adds to every operation the error answers the shared layers can give, so the document
/// describes every response the server sends: 400 and 422 for anything read from the request,
/// 404 for paths with ids, 401/403 for logins and roles, 413/415/403 for writes (body size, the
/// cookie's JSON and Origin rules), and 503 while the database is unreachable.
pub fn complete_responses(doc: &mut utoipa::openapi::OpenApi) {
    use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder};
    let error = |description: &str| {
        RefOr::T(
            ResponseBuilder::new()
                .description(description)
                .content(
                    "application/json",
                    ContentBuilder::new()
                        .schema(Some(Ref::from_schema_name("ErrorBody")))
                        .build(),
                )
                .build(),
        )
    };
    for (path, item) in doc.paths.paths.iter_mut() {
        let api = path.starts_with("/api/");
        let ops = [
            (false, item.get.as_mut()),
            (true, item.post.as_mut()),
            (true, item.put.as_mut()),
            (true, item.patch.as_mut()),
            (true, item.delete.as_mut()),
        ];
        for (writes, op) in ops {
            let Some(op) = op else { continue };
            let mut add = |code: &str, description: &str| {
                op.responses
                    .responses
                    .entry(code.to_owned())
                    .or_insert_with(|| error(description));
            };
            let reads_input =
                op.request_body.is_some() || op.parameters.as_ref().is_some_and(|p| !p.is_empty());
            if reads_input {
                add("400", "The request does not parse (`invalid_request`)");
                add("422", "A value is out of range (`validation_failed`)");
            }
            if path.contains('{') {
                add("404", "No such resource (`not_found`)");
            }
            if op.security.is_some() {
                add("401", "Not logged in (`unauthenticated`)");
                add("403", "The roles do not allow this (`forbidden`)");
            }
            if api && writes {
                add(
                    "403",
                    "Sent with the session cookie from another origin (`forbidden`)",
                );
                add("413", "The body is larger than 1 MiB (`payload_too_large`)");
                add(
                    "415",
                    "Sent with the session cookie but not as JSON (`unsupported_media_type`)",
                );
            }
            if api {
                add("503", "The database cannot be reached (`unavailable`)");
            }
        }
    }
}
