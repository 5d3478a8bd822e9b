//! `GET /api/group-classes/{id}`

use aula_db::group_classes;
use axum::Json;
use axum::extract::State;

use crate::api::group_classes::dto::GroupClassDto;
use crate::error::ErrorBody;
use crate::extract::ApiPath;
use crate::services::scheduling::class_view;
use crate::{App, AppError};

/// One group class with its sessions.
#[utoipa::path(get, path = "/api/group-classes/{id}", tag = "classes", params(("id" = i64, Path, description = "Group class id")),
    responses((status = 200, description = "The class", body = GroupClassDto), (status = 404, description = "No such class", body = ErrorBody)))]
pub async fn get(
    State(app): State<App>,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<GroupClassDto>, AppError> {
    let class = group_classes::load(&app.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Json(class_view(&app, class).await?.into()))
}
