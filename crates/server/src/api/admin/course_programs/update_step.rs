//! `PUT /api/admin/course-programs/steps/{stepId}`

use axum::Json;
use axum::extract::State;

use crate::api::admin::course_programs::add_step::StepBody;
use crate::api::course_programs::dto::StepDto;
use crate::error::ErrorBody;
use crate::extract::{AdminUser, ApiJson, ApiPath};
use crate::services::courses;
use crate::{App, AppError};

/// Replaces a step's fields.
#[utoipa::path(put, path = "/api/admin/course-programs/steps/{stepId}", tag = "admin", request_body = StepBody,
    params(("stepId" = i64, Path, description = "Step id")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The step", body = StepDto),
        (status = 400, description = "Malformed JSON", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 404, description = "No such step", body = ErrorBody),
        (status = 409, description = "Label or step order taken (`duplicate`)", body = ErrorBody),
        (status = 422, description = "A field breaks its rule", body = ErrorBody),
    ))]
pub async fn update_step(
    State(app): State<App>,
    _admin: AdminUser,
    ApiPath(step_id): ApiPath<i64>,
    ApiJson(b): ApiJson<StepBody>,
) -> Result<Json<StepDto>, AppError> {
    let step = courses::update_step(&app, step_id, b.into()).await?;
    Ok(Json(StepDto::from(&step)))
}
