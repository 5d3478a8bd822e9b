//! `GET /api/bookings/{id}`

use axum::Json;
use axum::extract::State;

use crate::api::bookings::dto::BookingDto;
use crate::error::ErrorBody;
use crate::extract::{ApiPath, CurrentUser};
use crate::services::booking;
use crate::{App, AppError};

/// One of your bookings (any booking for an admin).
#[utoipa::path(get, path = "/api/bookings/{id}", tag = "booking", params(("id" = i64, Path, description = "Booking id")), security(("bearer" = [])),
    responses((status = 200, description = "The booking", body = BookingDto), (status = 401, description = "Not logged in", body = ErrorBody), (status = 404, description = "Not yours or no such booking", body = ErrorBody)))]
pub async fn get(
    State(app): State<App>,
    me: CurrentUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<BookingDto>, AppError> {
    let b = booking::visible(&app, &me, id).await?;
    Ok(Json(BookingDto::load(&app, b).await?))
}
