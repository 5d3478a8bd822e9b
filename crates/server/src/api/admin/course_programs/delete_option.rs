//! `DELETE /api/admin/course-programs/steps/options/{optionId}`

use axum::extract::State;
use axum::http::StatusCode;

use crate::error::ErrorBody;
use crate::extract::{AdminUser, ApiPath};
use crate::services::courses;
use crate::{App, AppError};

/// Detaches a group class from a step.
///
/// Refused with 409 `in_use` while a confirmed booking of the step sits in one of the class's
/// sessions.
#[utoipa::path(delete, path = "/api/admin/course-programs/steps/options/{optionId}", tag = "admin",
    params(("optionId" = i64, Path, description = "Option id")), security(("bearer" = [])),
    responses(
        (status = 204, description = "Detached"),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 404, description = "No such option", body = ErrorBody),
        (status = 409, description = "A confirmed booking depends on it (`in_use`)", body = ErrorBody),
    ))]
pub async fn delete_option(
    State(app): State<App>,
    _admin: AdminUser,
    ApiPath(option_id): ApiPath<i64>,
) -> Result<StatusCode, AppError> {
    courses::delete_option(&app, option_id).await?;
    Ok(StatusCode::NO_CONTENT)
}
