//! `GET /api/bookings/me`

use aula_db::bookings::{self, BookingFilter};
use axum::Json;
use axum::extract::State;
use chrono::{DateTime, Utc};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::api::bookings::dto::{BookingDto, BookingList};
use crate::error::ErrorBody;
use crate::extract::{ApiQuery, CurrentUser};
use crate::{App, AppError};

/// Sessions starting in `[from, to)`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MineQuery {
    #[serde(default, deserialize_with = "crate::api::input::opt_instant")]
    pub from: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "crate::api::input::opt_instant")]
    pub to: Option<DateTime<Utc>>,
}

/// Your bookings of every status, by session start.
#[utoipa::path(get, path = "/api/bookings/me", tag = "booking", params(MineQuery), security(("bearer" = [])),
    responses((status = 200, description = "Bookings", body = BookingList), (status = 401, description = "Not logged in", body = ErrorBody)))]
pub async fn mine(
    State(app): State<App>,
    me: CurrentUser,
    ApiQuery(q): ApiQuery<MineQuery>,
) -> Result<Json<BookingList>, AppError> {
    let list = bookings::list_for_student(
        &app.db,
        me.user.student_id,
        &BookingFilter {
            from: q.from,
            to: q.to,
        },
    )
    .await?;
    Ok(Json(BookingList {
        items: BookingDto::load_all(&app, list).await?,
    }))
}
