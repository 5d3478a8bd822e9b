//! `GET /api/course-programs`

use axum::Json;
use axum::extract::State;

use crate::api::course_programs::dto::{PublicProgramDto, PublicProgramList};
use crate::services::courses;
use crate::{App, AppError};

/// The active course programs with the packages that sell them.
#[utoipa::path(get, path = "/api/course-programs", tag = "catalogue",
    responses((status = 200, description = "Active programs by id", body = PublicProgramList)))]
pub async fn list(State(app): State<App>) -> Result<Json<PublicProgramList>, AppError> {
    let items = courses::catalogue(&app)
        .await?
        .iter()
        .map(PublicProgramDto::from)
        .collect();
    Ok(Json(PublicProgramList { items }))
}
