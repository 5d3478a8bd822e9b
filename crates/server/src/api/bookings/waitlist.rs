//! `POST /api/waitlists`, `GET /api/waitlists/me`, `DELETE /api/waitlists/{id}`

use aula_db::bookings::{self, WaitlistEntry};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::error::ErrorBody;
use crate::extract::{ApiJson, ApiPath, CurrentUser};
use crate::services::booking;
use crate::{App, AppError};

/// The session to wait for.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct JoinBody {
    pub session_id: i64,
}

/// A place in line.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WaitlistDto {
    pub id: i64,
    pub session_id: i64,
    /// 1 = next in line.
    pub position: i64,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

impl From<WaitlistEntry> for WaitlistDto {
    fn from(e: WaitlistEntry) -> Self {
        Self {
            id: e.id,
            session_id: e.session_id,
            position: e.position,
            created_at: e.created_at,
        }
    }
}

/// Your places.
#[derive(Debug, Serialize, ToSchema)]
pub struct WaitlistList {
    pub items: Vec<WaitlistDto>,
}

/// Joins the waiting list of a full session. When a seat frees, the first waiting student who
/// can take it is booked automatically with their recommended credit or course enrolment.
#[utoipa::path(post, path = "/api/waitlists", tag = "booking", request_body = JoinBody, security(("bearer" = [])),
    responses(
        (status = 201, description = "Your place", body = WaitlistDto),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 404, description = "No such session", body = ErrorBody),
        (status = 409, description = "`session_not_full`, `already_booked`, `duplicate` or `session_not_bookable`", body = ErrorBody),
    ))]
pub async fn join(
    State(app): State<App>,
    me: CurrentUser,
    ApiJson(b): ApiJson<JoinBody>,
) -> Result<(StatusCode, Json<WaitlistDto>), AppError> {
    let entry = booking::join_waitlist(&app, &me, b.session_id).await?;
    Ok((StatusCode::CREATED, Json(entry.into())))
}

/// Your places on waiting lists.
#[utoipa::path(get, path = "/api/waitlists/me", tag = "booking", security(("bearer" = [])),
    responses((status = 200, description = "Places", body = WaitlistList), (status = 401, description = "Not logged in", body = ErrorBody)))]
pub async fn mine(State(app): State<App>, me: CurrentUser) -> Result<Json<WaitlistList>, AppError> {
    let items = bookings::my_waitlist(&app.db, me.user.student_id)
        .await?
        .into_iter()
        .map(Into::into)
        .collect();
    Ok(Json(WaitlistList { items }))
}

/// Leaves a waiting list.
#[utoipa::path(delete, path = "/api/waitlists/{id}", tag = "booking", params(("id" = i64, Path, description = "Waitlist entry id")), security(("bearer" = [])),
    responses((status = 204, description = "Left"), (status = 401, description = "Not logged in", body = ErrorBody), (status = 404, description = "Not yours or no such entry", body = ErrorBody)))]
pub async fn leave(
    State(app): State<App>,
    me: CurrentUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<StatusCode, AppError> {
    bookings::leave_waitlist(&app.db, me.user.student_id, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
