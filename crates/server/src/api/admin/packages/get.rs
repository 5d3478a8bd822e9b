//! `GET /api/admin/packages/{id}`

use aula_db::packages;
use axum::Json;
use axum::extract::State;

use crate::api::packages::dto::PackageDto;
use crate::error::ErrorBody;
use crate::extract::{AdminUser, ApiPath};
use crate::{App, AppError};

/// One package.
#[utoipa::path(get, path = "/api/admin/packages/{id}", tag = "admin", params(("id" = i64, Path, description = "Package id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The package", body = PackageDto),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 404, description = "No such package", body = ErrorBody),
    ))]
pub async fn get(
    State(app): State<App>,
    _admin: AdminUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<PackageDto>, AppError> {
    let p = packages::get(&app.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Json(PackageDto::from(&p)))
}
