//! `POST /api/admin/sessions/{id}/cancel`

use aula_db::sessions;
use axum::Json;
use axum::extract::State;

use crate::api::dto::SessionDto;
use crate::error::ErrorBody;
use crate::extract::{AdminUser, ApiPath};
use crate::{App, AppError};

/// Cancels a session with all its bookings: credits are refunded and course steps go back to
/// UNBOOKED (cancelling it again changes nothing).
#[utoipa::path(post, path = "/api/admin/sessions/{id}/cancel", tag = "admin", params(("id" = i64, Path, description = "Session id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The cancelled session", body = SessionDto),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 404, description = "No such session", body = ErrorBody),
        (status = 409, description = "Already completed (`session_not_bookable`)", body = ErrorBody),
    ))]
pub async fn cancel(
    State(app): State<App>,
    _admin: AdminUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<SessionDto>, AppError> {
    aula_db::bookings::cancel_session(&app.db, id, app.clock.now()).await?;
    let s = sessions::get(&app.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Json(SessionDto::from(&s)))
}
