//! `POST /api/admin/course-programs`

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::api::course_programs::dto::ProgramDto;
use crate::error::ErrorBody;
use crate::extract::{AdminUser, ApiJson};
use crate::services::courses::{self, ProgramInput};
use crate::{App, AppError};

/// A course program's fields (creation, and full replacement with `PUT`).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ProgramBody {
    /// 2-50 characters of `A-Z`, `0-9` and `-`, starting with a letter; unique.
    pub code: String,
    /// 3-255 characters.
    pub title: String,
    /// At most 5000 characters.
    pub description: Option<String>,
    /// IANA time zone; default `UTC`.
    pub timezone: Option<String>,
    /// Default true.
    pub is_active: Option<bool>,
    /// Levels the program is for.
    pub level_ids: Option<Vec<i64>>,
}

impl From<ProgramBody> for ProgramInput {
    fn from(b: ProgramBody) -> Self {
        Self {
            code: b.code,
            title: b.title,
            description: b.description,
            timezone: b.timezone,
            is_active: b.is_active,
            level_ids: b.level_ids,
        }
    }
}

/// Creates a course program.
#[utoipa::path(post, path = "/api/admin/course-programs", tag = "admin", request_body = ProgramBody, security(("bearer" = [])),
    responses(
        (status = 201, description = "The program", body = ProgramDto),
        (status = 400, description = "Malformed JSON", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 409, description = "The code is taken (`duplicate`), also by a deleted program", body = ErrorBody),
        (status = 422, description = "A field breaks its rule", body = ErrorBody),
    ))]
pub async fn create(
    State(app): State<App>,
    _admin: AdminUser,
    ApiJson(b): ApiJson<ProgramBody>,
) -> Result<(StatusCode, Json<ProgramDto>), AppError> {
    let program = courses::create_program(&app, b.into()).await?;
    Ok((StatusCode::CREATED, Json(ProgramDto::from(&program))))
}
