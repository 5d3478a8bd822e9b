//! `POST /api/admin/course-programs/steps/{stepId}/options`

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::api::course_programs::dto::OptionDto;
use crate::error::ErrorBody;
use crate::extract::{AdminUser, ApiJson, ApiPath};
use crate::services::courses;
use crate::{App, AppError};

/// The group class to attach.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct OptionBody {
    pub group_class_id: i64,
}

/// Attaches a group class to a step: its sessions can then be booked for the step.
#[utoipa::path(post, path = "/api/admin/course-programs/steps/{stepId}/options", tag = "admin", request_body = OptionBody,
    params(("stepId" = i64, Path, description = "Step id")), security(("bearer" = [])),
    responses(
        (status = 201, description = "The option", body = OptionDto),
        (status = 400, description = "Malformed JSON", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 404, description = "No such step", body = ErrorBody),
        (status = 409, description = "The class is already an option of the step (`duplicate`)", body = ErrorBody),
        (status = 422, description = "No such group class", body = ErrorBody),
    ))]
pub async fn add_option(
    State(app): State<App>,
    _admin: AdminUser,
    ApiPath(step_id): ApiPath<i64>,
    ApiJson(b): ApiJson<OptionBody>,
) -> Result<(StatusCode, Json<OptionDto>), AppError> {
    let option = courses::add_option(&app, step_id, b.group_class_id).await?;
    Ok((StatusCode::CREATED, Json(OptionDto::from(&option))))
}
