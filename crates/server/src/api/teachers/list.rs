//! `GET /api/teachers`

use aula_db::teachers;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use serde::Serialize;
use utoipa::ToSchema;

use crate::api::dto::TeacherDto;
use crate::{App, AppError};

/// Active teachers.
#[derive(Debug, Serialize, ToSchema)]
pub struct TeacherList {
    pub items: Vec<TeacherDto>,
}

/// Lists the active teachers.
#[utoipa::path(get, path = "/api/teachers", tag = "catalogue", responses((status = 200, description = "Active teachers", body = TeacherList)))]
pub async fn list(State(app): State<App>, headers: HeaderMap) -> Result<Response, AppError> {
    let version = crate::cache::version(&app).await?;
    crate::cache::serve(&app, &headers, "teachers", version, 0, || async {
        let items = teachers::list(&app.db, false)
            .await?
            .into_iter()
            .map(TeacherDto::from)
            .collect();
        Ok(TeacherList { items })
    })
    .await
}
