//! `GET /api/students/me/course-packages`

use axum::Json;
use axum::extract::State;

use crate::api::course_programs::dto::{CoursePackageDto, CoursePackageList};
use crate::error::ErrorBody;
use crate::extract::CurrentUser;
use crate::i18n::Viewer;
use crate::services::courses;
use crate::{App, AppError};

/// The courses of the student's unexpired, unrefunded packages, newest purchase first, with the
/// progress on each step.
#[utoipa::path(get, path = "/api/students/me/course-packages", tag = "buying", security(("bearer" = [])),
    responses(
        (status = 200, description = "The student's courses", body = CoursePackageList),
        (status = 401, description = "Not logged in", body = ErrorBody),
    ))]
pub async fn list(
    State(app): State<App>,
    me: CurrentUser,
) -> Result<Json<CoursePackageList>, AppError> {
    let items = courses::my_course_packages(&app, Viewer::current().lang, me.user.student_id)
        .await?
        .iter()
        .map(CoursePackageDto::from)
        .collect();
    Ok(Json(CoursePackageList { items }))
}
