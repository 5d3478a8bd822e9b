//! `POST /api/bookings/{id}/cancel`

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::bookings::dto::BookingDto;
use crate::error::ErrorBody;
use crate::extract::{ApiPath, CurrentUser, parse_json};
use crate::services::booking;
use crate::{App, AppError};

/// Why (optional).
#[derive(Debug, Deserialize, ToSchema, Default)]
pub struct CancelBody {
    pub reason: Option<String>,
}

/// Where the credits went.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RefundedTo {
    pub student_package_id: i64,
    pub allowance_id: i64,
}

/// The cancelled booking and its refund.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CancelResult {
    pub booking: BookingDto,
    pub credits_refunded: i32,
    pub refunded_to: Option<RefundedTo>,
}

/// Cancels your booking until `cancellationDeadlineHours` before the start (admins: any time).
/// Credits go back to the allowance they came from; a course step goes back to UNBOOKED; a freed
/// seat goes to the first waiting student who can take it.
#[utoipa::path(post, path = "/api/bookings/{id}/cancel", tag = "booking", params(("id" = i64, Path, description = "Booking id")),
    request_body(content = CancelBody, description = "Optional"), security(("bearer" = [])),
    responses(
        (status = 200, description = "Cancelled", body = CancelResult),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 404, description = "Not yours or no such booking", body = ErrorBody),
        (status = 409, description = "`booking_not_active` or `cancellation_window_passed`", body = ErrorBody),
    ))]
pub async fn cancel(
    State(app): State<App>,
    me: CurrentUser,
    ApiPath(id): ApiPath<i64>,
    body: Bytes,
) -> Result<Json<CancelResult>, AppError> {
    let body: CancelBody = if body.iter().all(u8::is_ascii_whitespace) {
        CancelBody::default()
    } else {
        parse_json(&body)?
    };
    let out = booking::cancel(&app, &me, id, body.reason).await?;
    Ok(Json(CancelResult {
        booking: BookingDto::load(&app, out.booking).await?,
        credits_refunded: out.credits_refunded,
        refunded_to: out
            .refunded_to
            .map(|(student_package_id, allowance_id)| RefundedTo {
                student_package_id,
                allowance_id,
            }),
    }))
}
