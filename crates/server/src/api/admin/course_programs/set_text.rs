//! `PUT /api/admin/course-programs/{id}/texts/{locale}`

use axum::Json;
use axum::extract::State;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::api::course_programs::dto::PublicProgramDto;
use crate::error::ErrorBody;
use crate::extract::{AdminUser, ApiJson, ApiPath};
use crate::services::texts::{self, TextInput};
use crate::{App, AppError};

/// A course program's texts in one language.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ProgramTextBody {
    /// 3-255 characters.
    pub title: String,
    /// At most 5000 characters; omitted, null or empty: none in this language.
    pub description: Option<String>,
}

/// Sets a course program's title and description in one language (`en` or `es`). Readers in
/// that language see them in place of the default texts (those given at creation); the answer
/// is the program as the catalogue shows it in that language.
#[utoipa::path(put, path = "/api/admin/course-programs/{id}/texts/{locale}", tag = "admin",
    request_body = ProgramTextBody,
    params(("id" = i64, Path, description = "Course program id"),
        ("locale" = String, Path, description = "`en` or `es`")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The program in that language", body = PublicProgramDto),
        (status = 400, description = "Malformed JSON", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 404, description = "No such program (or deleted)", body = ErrorBody),
        (status = 422, description = "An unknown `locale`, or a field breaks its rule", body = ErrorBody),
    ))]
pub async fn set_text(
    State(app): State<App>,
    _admin: AdminUser,
    ApiPath((id, locale)): ApiPath<(i64, String)>,
    ApiJson(b): ApiJson<ProgramTextBody>,
) -> Result<Json<PublicProgramDto>, AppError> {
    let input = TextInput {
        title: b.title,
        description: b.description,
    };
    let entry = texts::set_program_text(&app, id, &locale, input).await?;
    Ok(Json(PublicProgramDto::from(&entry)))
}
