//! `GET /api/me/calendar` and `POST /api/me/calendar/rotate`: the secret URL of the caller's
//! calendar feed.

use axum::Json;
use axum::extract::State;
use serde::Serialize;
use utoipa::ToSchema;

use crate::calendar::feed;
use crate::error::ErrorBody;
use crate::extract::CurrentUser;
use crate::{App, AppError};

/// Where a calendar application subscribes to the caller's lessons.
#[derive(Debug, Serialize, ToSchema)]
pub struct CalendarUrl {
    /// `<public URL>/calendar/{token}.ics`; whoever has it can read the feed.
    pub url: String,
}

/// The URL of the caller's iCalendar feed (bookings, and the sessions a teacher teaches, from 30
/// days ago on), the same on every call until rotated.
#[utoipa::path(get, path = "/api/me/calendar", tag = "accounts", security(("bearer" = [])),
    responses(
        (status = 200, description = "The feed's URL", body = CalendarUrl),
        (status = 401, description = "Not logged in", body = ErrorBody),
    ))]
pub async fn get(State(app): State<App>, me: CurrentUser) -> Result<Json<CalendarUrl>, AppError> {
    let url = feed::my_url(&app, me.user.id).await?;
    Ok(Json(CalendarUrl { url }))
}

/// Gives the caller's feed a new URL; the old one answers 404 from now on.
#[utoipa::path(post, path = "/api/me/calendar/rotate", tag = "accounts", security(("bearer" = [])),
    responses(
        (status = 200, description = "The feed's new URL", body = CalendarUrl),
        (status = 401, description = "Not logged in", body = ErrorBody),
    ))]
pub async fn rotate(
    State(app): State<App>,
    me: CurrentUser,
) -> Result<Json<CalendarUrl>, AppError> {
    let url = feed::rotate(&app, me.user.id).await?;
    Ok(Json(CalendarUrl { url }))
}
