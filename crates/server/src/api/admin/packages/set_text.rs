//! `PUT /api/admin/packages/{id}/texts/{locale}`

use axum::Json;
use axum::extract::State;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::api::packages::dto::PackageDto;
use crate::error::ErrorBody;
use crate::extract::{AdminUser, ApiJson, ApiPath};
use crate::services::texts::{self, TextInput};
use crate::{App, AppError};

/// A package's texts in one language.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PackageTextBody {
    /// 1-200 characters.
    pub name: String,
    /// At most 2000 characters; omitted, null or empty: none in this language.
    pub description: Option<String>,
}

/// Sets a package's name and description in one language (`en` or `es`). Readers in that
/// language see them in place of the default texts (those given at creation); the answer is the
/// package as the catalogue shows it in that language.
#[utoipa::path(put, path = "/api/admin/packages/{id}/texts/{locale}", tag = "admin",
    request_body = PackageTextBody,
    params(("id" = i64, Path, description = "Package id"),
        ("locale" = String, Path, description = "`en` or `es`")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The package in that language", body = PackageDto),
        (status = 400, description = "Malformed JSON", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 404, description = "No such package", body = ErrorBody),
        (status = 422, description = "An unknown `locale`, or a field breaks its rule", body = ErrorBody),
    ))]
pub async fn set_text(
    State(app): State<App>,
    _admin: AdminUser,
    ApiPath((id, locale)): ApiPath<(i64, String)>,
    ApiJson(b): ApiJson<PackageTextBody>,
) -> Result<Json<PackageDto>, AppError> {
    let input = TextInput {
        title: b.name,
        description: b.description,
    };
    let package = texts::set_package_text(&app, id, &locale, input).await?;
    Ok(Json(PackageDto::from(&package)))
}
