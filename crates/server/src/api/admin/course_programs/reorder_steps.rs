//! `PUT /api/admin/course-programs/{id}/steps/order`

use axum::Json;
use axum::extract::State;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::api::course_programs::dto::ProgramDto;
use crate::error::ErrorBody;
use crate::extract::{AdminUser, ApiJson, ApiPath};
use crate::services::courses;
use crate::{App, AppError};

/// The program's steps in their new order.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct StepOrderBody {
    /// Every step id of the program, once each.
    pub step_ids: Vec<i64>,
}

/// Reorders a program's steps: they are renumbered 1..n in the order given, in one transaction.
#[utoipa::path(put, path = "/api/admin/course-programs/{id}/steps/order", tag = "admin", request_body = StepOrderBody,
    params(("id" = i64, Path, description = "Course program id")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The program with its steps in the new order", body = ProgramDto),
        (status = 400, description = "Malformed JSON", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 404, description = "No such program", body = ErrorBody),
        (status = 422, description = "`stepIds` is not exactly the program's steps", body = ErrorBody),
    ))]
pub async fn reorder_steps(
    State(app): State<App>,
    _admin: AdminUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(b): ApiJson<StepOrderBody>,
) -> Result<Json<ProgramDto>, AppError> {
    let program = courses::reorder_steps(&app, id, &b.step_ids).await?;
    Ok(Json(ProgramDto::from(&program)))
}
