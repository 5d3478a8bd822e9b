//! Every route in one place, with the layers every request passes through.

use std::any::Any;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::DefaultBodyLimit;
use axum::http::Request;
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::request_id::{PropagateRequestIdLayer, RequestId, SetRequestIdLayer};
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::api::{self, ApiDoc};
use crate::ops::request_id::{self, MakeId};
use crate::ops::{docs, health, metrics};
use crate::{App, AppError, pages, security};

/// Largest request body accepted (1 MiB); larger → 413.
pub const MAX_BODY_BYTES: usize = 1 << 20;

/// The documented routes: the API and the operations endpoints.
fn documented() -> OpenApiRouter<App> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(api::auth::register::register))
        .routes(routes!(api::auth::login::login))
        .routes(routes!(api::auth::logout::logout))
        .routes(routes!(api::auth::password_reset::request_reset))
        .routes(routes!(api::auth::password_reset::confirm_reset))
        .routes(routes!(api::me::get::me, api::me::update::update))
        .routes(routes!(api::me::calendar::get))
        .routes(routes!(api::me::calendar::rotate))
        .routes(routes!(api::levels::list::list))
        .routes(routes!(api::admin::users::list::list))
        .routes(routes!(api::admin::users::grant_role::grant_role))
        .routes(routes!(api::admin::users::revoke_role::revoke_role))
        .routes(routes!(api::teachers::list::list))
        .routes(routes!(api::teachers::get::get))
        .routes(routes!(api::teachers::update_profile::update_profile))
        .routes(routes!(
            api::teachers::get_availability::get_availability,
            api::teachers::put_availability::put_availability
        ))
        .routes(routes!(api::availability::slots::slots))
        .routes(routes!(api::admin::teachers::update::update))
        .routes(routes!(api::group_classes::list::list))
        .routes(routes!(api::group_classes::get::get))
        .routes(routes!(api::admin::group_classes::create::create))
        .routes(routes!(api::admin::group_classes::update::update))
        .routes(routes!(api::sessions::list::list))
        .routes(routes!(api::sessions::get::get))
        .routes(routes!(api::admin::sessions::cancel::cancel))
        .routes(routes!(api::policies::get::get))
        .routes(routes!(api::admin::policies::put::put))
        .routes(routes!(
            api::admin::packages::create::create,
            api::admin::packages::list::list
        ))
        .routes(routes!(api::admin::packages::get::get))
        .routes(routes!(api::admin::packages::activate::activate))
        .routes(routes!(api::admin::packages::activate::deactivate))
        .routes(routes!(api::admin::packages::set_text::set_text))
        .routes(routes!(api::packages::catalogue::catalogue))
        .routes(routes!(api::packages::my_credits::my_credits))
        .routes(routes!(
            api::sessions::compatible_credits::compatible_credits
        ))
        .routes(routes!(api::checkout::create::create))
        .routes(routes!(api::webhooks::stripe::stripe))
        .routes(routes!(
            api::admin::course_programs::create::create,
            api::admin::course_programs::list::list
        ))
        .routes(routes!(
            api::admin::course_programs::get::get,
            api::admin::course_programs::update::update,
            api::admin::course_programs::delete::delete
        ))
        .routes(routes!(api::admin::course_programs::add_step::add_step))
        .routes(routes!(
            api::admin::course_programs::reorder_steps::reorder_steps
        ))
        .routes(routes!(
            api::admin::course_programs::update_step::update_step,
            api::admin::course_programs::delete_step::delete_step
        ))
        .routes(routes!(api::admin::course_programs::add_option::add_option))
        .routes(routes!(api::admin::course_programs::set_text::set_text))
        .routes(routes!(
            api::admin::course_programs::delete_option::delete_option
        ))
        .routes(routes!(api::course_programs::list::list))
        .routes(routes!(api::course_programs::get::get))
        .routes(routes!(api::students::course_packages::list::list))
        .routes(routes!(api::students::course_packages::get::get))
        .routes(routes!(api::bookings::create::create))
        .routes(routes!(api::bookings::mine::mine))
        .routes(routes!(api::bookings::get::get))
        .routes(routes!(api::bookings::can_modify::can_modify))
        .routes(routes!(api::bookings::cancel::cancel))
        .routes(routes!(api::bookings::reschedule::reschedule))
        .routes(routes!(api::bookings::attendance::attendance))
        .routes(routes!(api::waitlists::join::join))
        .routes(routes!(api::waitlists::mine::mine))
        .routes(routes!(api::waitlists::leave::leave))
        .routes(routes!(health::healthz))
        .routes(routes!(health::readyz))
        .routes(routes!(health::metrics))
}

/// The OpenAPI 3.1 document generated from the handlers.
pub fn openapi() -> utoipa::openapi::OpenApi {
    let mut doc = documented().split_for_parts().1;
    api::complete_responses(&mut doc);
    doc
}

/// The whole application.
pub fn build(app: App) -> Router {
    build_with(app, Router::new())
}

/// The application with `extra` routes under the same layers (tests add a panicking route).
pub fn build_with(app: App, extra: Router<App>) -> Router {
    let (documented, mut doc) = documented().split_for_parts();
    api::complete_responses(&mut doc);
    let doc = Arc::new(
        doc.to_pretty_json()
            .unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}")),
    );
    Router::new()
        .merge(documented)
        .route("/api/openapi.json", get(move || std::future::ready(docs::json(doc.clone()))))
        .route("/api/docs", get(docs::page))
        .route("/", get(pages::home::show))
        .route("/login", get(pages::login::show).post(pages::login::submit))
        .route("/register", get(pages::register::show).post(pages::register::submit))
        .route("/password-reset", get(pages::password_reset::show).post(pages::password_reset::submit))
        .route("/password-reset/{token}", get(pages::password_reset::show_token).post(pages::password_reset::submit_token))
        .route("/logout", post(pages::logout::submit))
        .route("/schedule", get(pages::schedule::show))
        .route("/teachers/{id}", get(pages::teachers::show))
        .route("/teachers/{id}/book", get(pages::teachers::choose).post(pages::teachers::book))
        .route("/courses", get(pages::catalogue::list))
        .route("/courses/{code}", get(pages::catalogue::show))
        .route("/packages", get(pages::shop::catalogue))
        .route("/packages/{id}/buy", post(pages::shop::buy))
        .route("/checkout/success", get(pages::shop::success))
        .route("/checkout/cancel", get(pages::shop::cancel))
        .route("/checkout/dev/{id}", get(pages::shop::dev_page))
        .route("/checkout/dev/{id}/pay", post(pages::shop::dev_pay))
        .route("/checkout/dev/{id}/cancel", post(pages::shop::dev_cancel))
        .route("/me/credits", get(pages::shop::my_credits))
        .route("/me/bookings", get(pages::bookings::show))
        .route("/calendar/{file}", get(crate::calendar::feed::download))
        .route("/me/courses", get(pages::courses::show))
        .route("/me/courses/{sp}/steps/{step}/book", post(pages::courses::book))
        .route("/me/bookings/{id}/cancel", get(pages::bookings::confirm_page).post(pages::bookings::ask_cancel))
        .route("/me/bookings/{id}/cancel/confirm", post(pages::bookings::cancel))
        .route("/schedule/{id}/book", post(pages::bookings::book))
        .route("/schedule/{id}/wait", post(pages::bookings::wait))
        .route("/schedule/{id}/credit", get(pages::bookings::choose_credit).post(pages::bookings::confirm_credit))
        .route("/admin", get(pages::admin::dashboard::show))
        .route("/admin/purchases", get(pages::admin::purchases::show))
        .route("/admin/outbox", get(pages::admin::outbox::show))
        .route("/admin/outbox/{id}/retry", post(pages::admin::outbox::retry))
        .route("/admin/courses", get(pages::admin::courses::list).post(pages::admin::courses::create))
        .route("/admin/courses/new", get(pages::admin::courses::new_form))
        .route("/admin/packages", get(pages::admin::packages::list).post(pages::admin::packages::create))
        .route("/admin/packages/new", get(pages::admin::packages::new_form))
        .route("/admin/group-classes", get(pages::admin::classes::list).post(pages::admin::classes::create))
        .route("/admin/group-classes/new", get(pages::admin::classes::new_form))
        .route("/admin/group-classes/{id}", get(pages::admin::classes::show))
        .route("/admin/group-classes/{id}/sessions/{session}/cancel", post(pages::admin::classes::cancel_session))
        .route("/admin/group-classes/{id}/sessions", post(pages::admin::classes::add_session))
        .route("/admin/users", get(pages::admin::users::list))
        .route("/admin/users/{id}/{action}", post(pages::admin::users::act))
        .route("/admin/policy", get(pages::admin::policy::show).post(pages::admin::policy::save))
        .route("/admin/packages/{id}/{action}", post(pages::admin::packages::set_active))
        .route("/admin/packages/{id}", get(pages::admin::package::show).post(pages::admin::texts::save_package))
        .route("/admin/courses/{id}", get(pages::admin::courses::show).post(pages::admin::courses::save))
        .route("/admin/courses/{id}/texts", post(pages::admin::texts::save_course))
        .route("/admin/courses/{id}/steps", post(pages::admin::courses::add_step))
        .route("/admin/courses/{id}/steps/{step}", post(pages::admin::courses::edit_step))
        .route("/admin/courses/{id}/steps/{step}/{action}", post(pages::admin::courses::step_action))
        .route("/admin/courses/{id}/options/{option}/delete", post(pages::admin::courses::remove_option))
        .route("/teacher/sessions", get(pages::teacher_sessions::list))
        .route("/teacher/sessions/{id}", get(pages::teacher_sessions::show))
        .route("/teacher/sessions/{id}/attendance", post(pages::teacher_sessions::save))
        .route("/teacher/availability", get(pages::teacher_availability::show).post(pages::teacher_availability::submit))
        .merge(extra)
        .fallback(|| async { AppError::NotFound })
        .method_not_allowed_fallback(|| async { AppError::MethodNotAllowed })
        .layer(middleware::from_fn_with_state(app.clone(), security::guard))
        .layer(middleware::from_fn_with_state(app.clone(), crate::i18n::viewer_layer))
        .layer(CatchPanicLayer::custom(panic_response))
        .layer(middleware::from_fn_with_state(app.clone(), metrics::track))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(|req: &Request<Body>| {
                    let id = req.extensions().get::<RequestId>().and_then(|id| id.header_value().to_str().ok()).unwrap_or("-");
                    tracing::info_span!("request", request_id = %id, method = %req.method(), path = %logged_path(req.uri().path()))
                })
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(MakeId::default()))
        .layer(middleware::map_request(request_id::sanitize))
        .with_state(app)
}

/// The path as the request log writes it: the secret of a calendar feed or a password reset link
/// never reaches the logs.
fn logged_path(path: &str) -> std::borrow::Cow<'_, str> {
    for secret in ["/calendar/", "/password-reset/"] {
        if path.starts_with(secret) && path.len() > secret.len() {
            return format!("{secret}…").into();
        }
    }
    path.into()
}

/// A handler panicked: log it and answer the JSON 500 (never a dropped connection or a trace).
fn panic_response(err: Box<dyn Any + Send + 'static>) -> Response {
    let detail = err
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| err.downcast_ref::<&str>().copied())
        .unwrap_or("unknown panic");
    tracing::error!(panic = detail, "handler panicked");
    AppError::Internal(anyhow::anyhow!("handler panicked")).into_response()
}

/// Serves until `shutdown` resolves, then lets in-flight requests finish.
pub async fn serve(
    app: App,
    listener: tokio::net::TcpListener,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let router = build(app);
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}

#[cfg(test)]
mod tests {
    use super::logged_path;

    #[test]
    fn secrets_in_paths_never_reach_the_log() {
        assert_eq!(logged_path("/calendar/abc123.ics"), "/calendar/…");
        assert_eq!(logged_path("/password-reset/abc123"), "/password-reset/…");
        assert_eq!(logged_path("/password-reset"), "/password-reset");
        assert_eq!(logged_path("/api/me/calendar"), "/api/me/calendar");
    }
}
