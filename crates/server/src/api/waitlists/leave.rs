//! `DELETE /api/waitlists/{id}`

use aula_db::bookings;
use axum::extract::State;
use axum::http::StatusCode;

use crate::error::ErrorBody;
use crate::extract::{ApiPath, CurrentUser};
use crate::{App, AppError};

/// Leaves a waiting list.
#[utoipa::path(delete, path = "/api/waitlists/{id}", tag = "booking", params(("id" = i64, Path, description = "Waitlist entry id")), security(("bearer" = [])),
    responses((status = 204, description = "Left"), (status = 401, description = "Not logged in", body = ErrorBody), (status = 404, description = "Not yours or no such entry", body = ErrorBody)))]
pub async fn leave(
    State(app): State<App>,
    me: CurrentUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<StatusCode, AppError> {
    bookings::leave_waitlist(&app.db, me.user.student_id, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
