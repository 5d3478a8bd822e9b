//! `POST /api/admin/course-programs/{id}/steps`

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::api::course_programs::dto::StepDto;
use crate::error::ErrorBody;
use crate::extract::{AdminUser, ApiJson, ApiPath};
use crate::services::courses::{self, StepInput};
use crate::{App, AppError};

/// A step's fields (creation, and full replacement with `PUT`).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct StepBody {
    /// 1-32767, unique in the program.
    pub step_order: i64,
    /// 1-100 characters, unique in the program, e.g. `SFZ-1`.
    pub label: String,
    /// 1-255 characters.
    pub title: String,
    /// At most 5000 characters.
    pub description: Option<String>,
    /// Default true.
    #[serde(default = "required_by_default")]
    pub is_required: bool,
}

fn required_by_default() -> bool {
    true
}

impl From<StepBody> for StepInput {
    fn from(b: StepBody) -> Self {
        Self {
            step_order: b.step_order,
            label: b.label,
            title: b.title,
            description: b.description,
            is_required: b.is_required,
        }
    }
}

/// Adds a step to a course program; students already enrolled get it as UNBOOKED.
#[utoipa::path(post, path = "/api/admin/course-programs/{id}/steps", tag = "admin", request_body = StepBody,
    params(("id" = i64, Path, description = "Course program id")), security(("bearer" = [])),
    responses(
        (status = 201, description = "The step", body = StepDto),
        (status = 400, description = "Malformed JSON", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 404, description = "No such program", body = ErrorBody),
        (status = 409, description = "Label or step order taken (`duplicate`)", body = ErrorBody),
        (status = 422, description = "A field breaks its rule", body = ErrorBody),
    ))]
pub async fn add_step(
    State(app): State<App>,
    _admin: AdminUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(b): ApiJson<StepBody>,
) -> Result<(StatusCode, Json<StepDto>), AppError> {
    let step = courses::add_step(&app, id, b.into()).await?;
    Ok((StatusCode::CREATED, Json(StepDto::from(&step))))
}
