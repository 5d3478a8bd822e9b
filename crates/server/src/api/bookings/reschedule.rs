//! `POST /api/bookings/{id}/reschedule`

use axum::Json;
use axum::extract::State;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::api::bookings::dto::{BookingDto, TargetBody};
use crate::error::ErrorBody;
use crate::extract::{ApiJson, ApiPath, CurrentUser};
use crate::services::booking;
use crate::{App, AppError};

/// `{sessionId}` or `{teacherId, startAt, endAt}`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RescheduleBody {
    #[serde(flatten)]
    pub target: TargetBody,
    #[serde(default)]
    pub confirm_cross_tier: bool,
}

/// Moves your booking in one transaction: the old one is cancelled and its credit or course step
/// moves to the new one. Inside `reschedulingDeadlineHours` or past `maxReschedulesPerBooking` →
/// 409 `reschedule_not_allowed`; the new session follows the rules of a new booking.
#[utoipa::path(post, path = "/api/bookings/{id}/reschedule", tag = "booking", params(("id" = i64, Path, description = "Booking id")),
    request_body = RescheduleBody, security(("bearer" = [])),
    responses(
        (status = 200, description = "The new booking", body = BookingDto),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 404, description = "Not yours or no such booking or session", body = ErrorBody),
        (status = 409, description = "`reschedule_not_allowed`, `booking_not_active`, or a booking rule of the new session", body = ErrorBody),
        (status = 422, description = "No target", body = ErrorBody),
    ))]
pub async fn reschedule(
    State(app): State<App>,
    me: CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(b): ApiJson<RescheduleBody>,
) -> Result<Json<BookingDto>, AppError> {
    let target = b.target.target()?;
    let moved = booking::reschedule(&app, &me, id, target, b.confirm_cross_tier).await?;
    Ok(Json(BookingDto::load(&app, moved).await?))
}
