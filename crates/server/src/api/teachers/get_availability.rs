//! `GET /api/teachers/me/availability`

use axum::Json;
use axum::extract::State;

use crate::api::teachers::put_availability::AvailabilityBody;
use crate::error::ErrorBody;
use crate::extract::TeacherUser;
use crate::services::scheduling;
use crate::{App, AppError};

/// The calling teacher's weekly rules and exceptions, in their time zone.
#[utoipa::path(get, path = "/api/teachers/me/availability", tag = "teachers", security(("bearer" = [])),
    responses(
        (status = 200, description = "The saved availability", body = AvailabilityBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not a teacher", body = ErrorBody),
    ))]
pub async fn get_availability(
    State(app): State<App>,
    me: TeacherUser,
) -> Result<Json<AvailabilityBody>, AppError> {
    let avail = scheduling::availability_of(&app, me.teacher_id).await?;
    Ok(Json(AvailabilityBody::from(&avail)))
}
