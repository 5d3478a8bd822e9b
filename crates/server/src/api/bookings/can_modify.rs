//! `GET /api/bookings/{id}/can-modify`

use axum::Json;
use axum::extract::State;
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::ErrorBody;
use crate::extract::{ApiPath, CurrentUser};
use crate::services::booking;
use crate::{App, AppError};

/// What the policy allows now.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CanModifyDto {
    pub can_cancel: bool,
    pub can_reschedule: bool,
    pub reason: Option<String>,
    /// Last moment to cancel.
    pub deadline: DateTime<Utc>,
}

/// Whether your booking may be cancelled or rescheduled now.
#[utoipa::path(get, path = "/api/bookings/{id}/can-modify", tag = "booking", params(("id" = i64, Path, description = "Booking id")), security(("bearer" = [])),
    responses((status = 200, description = "The policy for this booking", body = CanModifyDto), (status = 401, description = "Not logged in", body = ErrorBody), (status = 404, description = "Not yours or no such booking", body = ErrorBody)))]
pub async fn can_modify(
    State(app): State<App>,
    me: CurrentUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<CanModifyDto>, AppError> {
    let c = booking::can_modify(&app, &me, id).await?;
    Ok(Json(CanModifyDto {
        can_cancel: c.can_cancel,
        can_reschedule: c.can_reschedule,
        reason: c.reason.map(|p| crate::i18n::Viewer::current().problem(&p)),
        deadline: c.deadline,
    }))
}
