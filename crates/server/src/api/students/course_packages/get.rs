//! `GET /api/students/me/course-packages/{studentPackageId}`

use axum::Json;
use axum::extract::State;

use crate::api::course_programs::dto::CoursePackageDto;
use crate::error::ErrorBody;
use crate::extract::{ApiPath, CurrentUser};
use crate::i18n::Viewer;
use crate::services::courses;
use crate::{App, AppError};

/// The course of one of the student's packages with the progress on each step (also for an
/// expired or refunded package: refunded enrolments show their steps CANCELLED).
#[utoipa::path(get, path = "/api/students/me/course-packages/{studentPackageId}", tag = "buying",
    params(("studentPackageId" = i64, Path, description = "Student package id")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The course", body = CoursePackageDto),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 404, description = "Not the student's package, or it grants no course", body = ErrorBody),
    ))]
pub async fn get(
    State(app): State<App>,
    me: CurrentUser,
    ApiPath(student_package_id): ApiPath<i64>,
) -> Result<Json<CoursePackageDto>, AppError> {
    let course = courses::my_course_package(
        &app,
        Viewer::current().lang,
        me.user.student_id,
        student_package_id,
    )
    .await?;
    Ok(Json(CoursePackageDto::from(&course)))
}
