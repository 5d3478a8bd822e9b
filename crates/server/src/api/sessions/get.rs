//! `GET /api/sessions/{id}`

use aula_db::sessions;
use axum::Json;
use axum::extract::State;

use crate::api::dto::SessionDto;
use crate::error::ErrorBody;
use crate::extract::ApiPath;
use crate::{App, AppError};

/// One session with its seats.
#[utoipa::path(get, path = "/api/sessions/{id}", tag = "classes", params(("id" = i64, Path, description = "Session id")),
    responses((status = 200, description = "The session", body = SessionDto), (status = 404, description = "No such session", body = ErrorBody)))]
pub async fn get(
    State(app): State<App>,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<SessionDto>, AppError> {
    let s = sessions::get(&app.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Json(SessionDto::from(&s)))
}
