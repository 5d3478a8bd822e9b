//! `GET /api/admin/packages`

use aula_db::packages::{self, PackageFilter};
use axum::Json;
use axum::extract::State;

use crate::api::packages::dto::{PackageDto, PackageList};
use crate::error::ErrorBody;
use crate::extract::AdminUser;
use crate::{App, AppError};

/// Every package, active or not.
#[utoipa::path(get, path = "/api/admin/packages", tag = "admin", security(("bearer" = [])),
    responses(
        (status = 200, description = "Packages", body = PackageList),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
    ))]
pub async fn list(
    State(app): State<App>,
    _admin: AdminUser,
) -> Result<Json<PackageList>, AppError> {
    let items = packages::list(&app.db, &PackageFilter::default())
        .await?
        .iter()
        .map(PackageDto::from)
        .collect();
    Ok(Json(PackageList { items }))
}
