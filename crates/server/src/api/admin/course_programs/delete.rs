//! `DELETE /api/admin/course-programs/{id}`

use axum::extract::State;
use axum::http::StatusCode;

use crate::error::ErrorBody;
use crate::extract::{AdminUser, ApiPath};
use crate::services::courses;
use crate::{App, AppError};

/// Deletes a course program (softly: it leaves every list and its code stays taken).
///
/// Refused with 409 `in_use` while any student package grants it.
#[utoipa::path(delete, path = "/api/admin/course-programs/{id}", tag = "admin",
    params(("id" = i64, Path, description = "Course program id")), security(("bearer" = [])),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 404, description = "No such program (or already deleted)", body = ErrorBody),
        (status = 409, description = "Students are enrolled (`in_use`)", body = ErrorBody),
    ))]
pub async fn delete(
    State(app): State<App>,
    _admin: AdminUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<StatusCode, AppError> {
    courses::delete_program(&app, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
