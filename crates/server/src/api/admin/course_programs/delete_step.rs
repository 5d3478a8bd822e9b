//! `DELETE /api/admin/course-programs/steps/{stepId}`

use axum::extract::State;
use axum::http::StatusCode;

use crate::error::ErrorBody;
use crate::extract::{AdminUser, ApiPath};
use crate::services::courses;
use crate::{App, AppError};

/// Deletes a step with its options.
///
/// Refused with 409 `in_use` while students' progress rows or bookings point at it.
#[utoipa::path(delete, path = "/api/admin/course-programs/steps/{stepId}", tag = "admin",
    params(("stepId" = i64, Path, description = "Step id")), security(("bearer" = [])),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 404, description = "No such step", body = ErrorBody),
        (status = 409, description = "Students depend on it (`in_use`)", body = ErrorBody),
    ))]
pub async fn delete_step(
    State(app): State<App>,
    _admin: AdminUser,
    ApiPath(step_id): ApiPath<i64>,
) -> Result<StatusCode, AppError> {
    courses::delete_step(&app, step_id).await?;
    Ok(StatusCode::NO_CONTENT)
}
