//! `GET /api/waitlists/me`

use aula_db::bookings;
use axum::Json;
use axum::extract::State;

use super::dto::WaitlistList;
use crate::error::ErrorBody;
use crate::extract::CurrentUser;
use crate::{App, AppError};

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
