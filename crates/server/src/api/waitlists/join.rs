//! `POST /api/waitlists`

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;

use super::dto::{JoinBody, WaitlistDto};
use crate::error::ErrorBody;
use crate::extract::{ApiJson, CurrentUser};
use crate::services::booking;
use crate::{App, AppError};

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
