//! `GET /api/admin/course-programs/{id}`

use axum::Json;
use axum::extract::State;

use crate::api::course_programs::dto::ProgramDto;
use crate::error::ErrorBody;
use crate::extract::{AdminUser, ApiPath};
use crate::services::courses;
use crate::{App, AppError};

/// One course program, active or not, with its steps and options.
#[utoipa::path(get, path = "/api/admin/course-programs/{id}", tag = "admin",
    params(("id" = i64, Path, description = "Course program id")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The program", body = ProgramDto),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 404, description = "No such program (or deleted)", body = ErrorBody),
    ))]
pub async fn get(
    State(app): State<App>,
    _admin: AdminUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<ProgramDto>, AppError> {
    Ok(Json(ProgramDto::from(&courses::program(&app, id).await?)))
}
