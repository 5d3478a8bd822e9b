//! `GET /api/teachers/{id}`

use aula_db::teachers;
use axum::Json;
use axum::extract::State;

use crate::api::dto::TeacherDto;
use crate::error::ErrorBody;
use crate::extract::ApiPath;
use crate::{App, AppError};

/// One teacher's public profile.
#[utoipa::path(get, path = "/api/teachers/{id}", tag = "catalogue", params(("id" = i64, Path, description = "Teacher id")),
    responses((status = 200, description = "The teacher", body = TeacherDto), (status = 404, description = "No such teacher", body = ErrorBody)))]
pub async fn get(
    State(app): State<App>,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<TeacherDto>, AppError> {
    let t = teachers::get(&app.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Json(t.into()))
}
