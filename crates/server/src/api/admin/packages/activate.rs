//! `POST /api/admin/packages/{id}/activate` and `/deactivate`

use axum::Json;
use axum::extract::State;

use crate::api::packages::dto::PackageDto;
use crate::error::ErrorBody;
use crate::extract::{AdminUser, ApiPath};
use crate::services::packages;
use crate::{App, AppError};

/// Puts a package back on sale (and its Stripe product).
#[utoipa::path(post, path = "/api/admin/packages/{id}/activate", tag = "admin", params(("id" = i64, Path, description = "Package id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The package", body = PackageDto),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 404, description = "No such package", body = ErrorBody),
    ))]
pub async fn activate(
    State(app): State<App>,
    _admin: AdminUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<PackageDto>, AppError> {
    Ok(Json(PackageDto::from(
        &packages::set_active(&app, id, true).await?,
    )))
}

/// Takes a package off sale (and deactivates its Stripe product); bought credits stay usable.
#[utoipa::path(post, path = "/api/admin/packages/{id}/deactivate", tag = "admin", params(("id" = i64, Path, description = "Package id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The package", body = PackageDto),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 404, description = "No such package", body = ErrorBody),
    ))]
pub async fn deactivate(
    State(app): State<App>,
    _admin: AdminUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<PackageDto>, AppError> {
    Ok(Json(PackageDto::from(
        &packages::set_active(&app, id, false).await?,
    )))
}
