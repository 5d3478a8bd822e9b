//! `PATCH /api/admin/teachers/{id}`

use aula_db::teachers;
use aula_domain::credits::TeacherTier;
use axum::Json;
use axum::extract::State;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::api::dto::TeacherDto;
use crate::error::{ErrorBody, FieldErrors};
use crate::extract::{AdminUser, ApiJson, ApiPath};
use crate::{App, AppError};

/// The admin's changes.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AdminTeacherBody {
    /// Pricing tier, 0-1000.
    pub tier: Option<i32>,
    /// An inactive teacher offers no availability and gets no new sessions.
    pub is_active: Option<bool>,
}

/// Sets a teacher's tier and active flag.
#[utoipa::path(patch, path = "/api/admin/teachers/{id}", tag = "admin", request_body = AdminTeacherBody,
    params(("id" = i64, Path, description = "Teacher id")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The teacher", body = TeacherDto),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 404, description = "No such teacher", body = ErrorBody),
        (status = 422, description = "Tier out of range", body = ErrorBody),
    ))]
pub async fn update(
    State(app): State<App>,
    _admin: AdminUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<AdminTeacherBody>,
) -> Result<Json<TeacherDto>, AppError> {
    let mut errors = FieldErrors::default();
    if let Some(t) = body.tier {
        errors.take(TeacherTier::parse("tier", i64::from(t)));
    }
    errors.finish()?;
    let t = teachers::admin_update(&app.db, id, body.tier, body.is_active, app.clock.now()).await?;
    Ok(Json(t.into()))
}
