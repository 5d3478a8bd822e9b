//! `POST /api/sessions/{id}/attendance`

use aula_db::bookings::Mark;
use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::bookings::dto::{BookingDto, BookingList};
use crate::error::ErrorBody;
use crate::extract::{ApiJson, ApiPath, CurrentUser};
use crate::services::booking;
use crate::{App, AppError};

/// What happened.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AttendanceStatus {
    Attended,
    NoShow,
}

/// One booking's attendance.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AttendanceItem {
    pub booking_id: i64,
    pub status: AttendanceStatus,
}

/// The bookings to mark.
#[derive(Debug, Deserialize, ToSchema)]
pub struct AttendanceBody {
    pub items: Vec<AttendanceItem>,
}

/// Records attendance (the session's teacher or an admin), from the session's start: bookings
/// become COMPLETED or NO_SHOW and course steps COMPLETED or MISSED. Repeating changes nothing.
#[utoipa::path(post, path = "/api/sessions/{id}/attendance", tag = "booking", params(("id" = i64, Path, description = "Session id")),
    request_body = AttendanceBody, security(("bearer" = [])),
    responses(
        (status = 200, description = "The marked bookings", body = BookingList),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not this session's teacher nor an admin", body = ErrorBody),
        (status = 404, description = "No such session", body = ErrorBody),
        (status = 409, description = "`session_not_started` or `booking_not_active`", body = ErrorBody),
        (status = 422, description = "A booking of another session", body = ErrorBody),
    ))]
pub async fn attendance(
    State(app): State<App>,
    me: CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(b): ApiJson<AttendanceBody>,
) -> Result<Json<BookingList>, AppError> {
    if b.items.is_empty() || b.items.len() > 500 {
        return Err(AppError::field(
            "items",
            aula_domain::Problem::new("attendance-count").with("max", 500),
        ));
    }
    let items: Vec<(i64, Mark)> = b
        .items
        .iter()
        .map(|i| {
            (
                i.booking_id,
                match i.status {
                    AttendanceStatus::Attended => Mark::Attended,
                    AttendanceStatus::NoShow => Mark::NoShow,
                },
            )
        })
        .collect();
    let marked = booking::attendance(&app, &me, id, &items).await?;
    let items: Vec<BookingDto> = BookingDto::load_all(&app, marked).await?;
    Ok(Json(BookingList { items }))
}
