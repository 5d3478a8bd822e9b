//! `GET /api/course-programs/{idOrCode}`

use axum::Json;
use axum::extract::State;

use crate::api::course_programs::dto::PublicProgramDetailDto;
use crate::error::ErrorBody;
use crate::extract::ApiPath;
use crate::services::courses;
use crate::{App, AppError};

/// One active course program with its steps, each step's active options and their upcoming
/// sessions with free seats.
#[utoipa::path(get, path = "/api/course-programs/{idOrCode}", tag = "catalogue",
    params(("idOrCode" = String, Path, description = "All digits: the program id; otherwise its code")),
    responses(
        (status = 200, description = "The program", body = PublicProgramDetailDto),
        (status = 404, description = "No such active program", body = ErrorBody),
    ))]
pub async fn get(
    State(app): State<App>,
    ApiPath(id_or_code): ApiPath<String>,
) -> Result<Json<PublicProgramDetailDto>, AppError> {
    let program = courses::public_program(&app, &id_or_code).await?;
    Ok(Json(PublicProgramDetailDto::from(&program)))
}
