//! `PUT /api/admin/course-programs/{id}`

use axum::Json;
use axum::extract::State;

use crate::api::admin::course_programs::create::ProgramBody;
use crate::api::course_programs::dto::ProgramDto;
use crate::error::ErrorBody;
use crate::extract::{AdminUser, ApiJson, ApiPath};
use crate::services::courses;
use crate::{App, AppError};

/// Replaces a course program's fields and levels; omitted fields take their defaults, as on
/// creation. Steps are changed through their own routes.
#[utoipa::path(put, path = "/api/admin/course-programs/{id}", tag = "admin", request_body = ProgramBody,
    params(("id" = i64, Path, description = "Course program id")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The program", body = ProgramDto),
        (status = 400, description = "Malformed JSON", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 404, description = "No such program (or deleted)", body = ErrorBody),
        (status = 409, description = "The code is taken (`duplicate`)", body = ErrorBody),
        (status = 422, description = "A field breaks its rule", body = ErrorBody),
    ))]
pub async fn update(
    State(app): State<App>,
    _admin: AdminUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(b): ApiJson<ProgramBody>,
) -> Result<Json<ProgramDto>, AppError> {
    let program = courses::update_program(&app, id, b.into()).await?;
    Ok(Json(ProgramDto::from(&program)))
}
