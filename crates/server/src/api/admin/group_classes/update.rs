//! `PATCH /api/admin/group-classes/{id}`

use axum::Json;
use axum::extract::State;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::api::group_classes::dto::GroupClassDto;
use crate::error::ErrorBody;
use crate::extract::{AdminUser, ApiJson, ApiPath};
use crate::services::group_classes::{self, ClassPatch};
use crate::{App, AppError};

/// Fields to change; omitted ones stay. Capacity and teachers apply to upcoming sessions.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct UpdateClassBody {
    pub title: Option<String>,
    /// An empty string clears it.
    pub description: Option<String>,
    /// Never below the seats booked in an upcoming session (409 `capacity_below_booked`).
    pub capacity_max: Option<i64>,
    pub level_ids: Option<Vec<i64>>,
    pub teacher_ids: Option<Vec<i64>>,
    pub primary_teacher_id: Option<i64>,
    pub is_active: Option<bool>,
}

/// Edits a group class.
#[utoipa::path(patch, path = "/api/admin/group-classes/{id}", tag = "admin", request_body = UpdateClassBody,
    params(("id" = i64, Path, description = "Group class id")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The class", body = GroupClassDto),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 404, description = "No such class", body = ErrorBody),
        (status = 409, description = "Capacity below booked seats, or a new teacher is busy (`slot_unavailable`)", body = ErrorBody),
        (status = 422, description = "A field breaks its rule", body = ErrorBody),
    ))]
pub async fn update(
    State(app): State<App>,
    _admin: AdminUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(b): ApiJson<UpdateClassBody>,
) -> Result<Json<GroupClassDto>, AppError> {
    let patch = ClassPatch {
        title: b.title,
        description: b.description,
        capacity_max: b.capacity_max,
        level_ids: b.level_ids,
        teacher_ids: b.teacher_ids,
        primary_teacher_id: b.primary_teacher_id,
        is_active: b.is_active,
    };
    Ok(Json(group_classes::update(&app, id, patch).await?.into()))
}
