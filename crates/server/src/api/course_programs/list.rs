//! `GET /api/course-programs`

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;

use crate::api::course_programs::dto::{PublicProgramDto, PublicProgramList};
use crate::i18n::Viewer;
use crate::services::courses;
use crate::{App, AppError};

/// The active course programs with the packages that sell them, in the request's language (a
/// program or package without a text in it shows its default text).
#[utoipa::path(get, path = "/api/course-programs", tag = "catalogue",
    responses((status = 200, description = "Active programs by id", body = PublicProgramList)))]
pub async fn list(State(app): State<App>, headers: HeaderMap) -> Result<Response, AppError> {
    let version = crate::cache::version(&app).await?;
    crate::cache::serve(&app, &headers, "course-programs", version, 0, || async {
        let items = courses::catalogue(&app, Viewer::current().lang)
            .await?
            .iter()
            .map(PublicProgramDto::from)
            .collect();
        Ok(PublicProgramList { items })
    })
    .await
}
