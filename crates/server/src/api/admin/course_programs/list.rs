//! `GET /api/admin/course-programs`

use axum::Json;
use axum::extract::State;

use crate::api::course_programs::dto::{ProgramDto, ProgramList};
use crate::error::ErrorBody;
use crate::extract::AdminUser;
use crate::services::courses;
use crate::{App, AppError};

/// Every course program that is not deleted, active or not, with steps and options.
#[utoipa::path(get, path = "/api/admin/course-programs", tag = "admin", security(("bearer" = [])),
    responses(
        (status = 200, description = "Programs by id", body = ProgramList),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
    ))]
pub async fn list(
    State(app): State<App>,
    _admin: AdminUser,
) -> Result<Json<ProgramList>, AppError> {
    let items = courses::programs(&app)
        .await?
        .iter()
        .map(ProgramDto::from)
        .collect();
    Ok(Json(ProgramList { items }))
}
