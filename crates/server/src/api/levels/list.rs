//! `GET /api/levels`

use aula_db::levels;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use serde::Serialize;
use utoipa::ToSchema;

use crate::{App, AppError};

/// A CEFR level.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct LevelDto {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub sort_order: i32,
}

/// The level list.
#[derive(Debug, Serialize, ToSchema)]
pub struct LevelList {
    pub items: Vec<LevelDto>,
}

/// Every level, ordered by `sortOrder`.
#[utoipa::path(get, path = "/api/levels", tag = "catalogue",
    responses((status = 200, description = "Levels", body = LevelList)))]
pub async fn list(State(app): State<App>, headers: HeaderMap) -> Result<Response, AppError> {
    let version = crate::cache::version(&app).await?;
    crate::cache::serve(&app, &headers, "levels", version, 0, || async {
        let items = levels::list(&app.db)
            .await?
            .into_iter()
            .map(|l| LevelDto {
                id: l.id,
                code: l.code,
                name: l.name,
                sort_order: l.sort_order,
            })
            .collect();
        Ok(LevelList { items })
    })
    .await
}
