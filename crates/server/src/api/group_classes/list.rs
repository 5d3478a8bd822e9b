//! `GET /api/group-classes`

use aula_db::group_classes::{self, ClassFilter};
use axum::Json;
use axum::extract::State;
use chrono::{DateTime, Utc};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::api::group_classes::dto::{GroupClassDto, GroupClassList};
use crate::error::ErrorBody;
use crate::extract::ApiQuery;
use crate::services::scheduling::class_views;
use crate::{App, AppError};

/// Filters; `from`/`to` select classes with a session starting in `[from, to)`.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct ClassQuery {
    pub level_id: Option<i64>,
    pub teacher_id: Option<i64>,
    #[serde(default, deserialize_with = "crate::api::input::opt_instant")]
    pub from: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "crate::api::input::opt_instant")]
    pub to: Option<DateTime<Utc>>,
}

/// Active group classes, filtered by level, teacher and session dates.
#[utoipa::path(get, path = "/api/group-classes", tag = "classes", params(ClassQuery),
    responses((status = 200, description = "Classes", body = GroupClassList), (status = 400, description = "A parameter does not parse", body = ErrorBody)))]
pub async fn list(
    State(app): State<App>,
    ApiQuery(q): ApiQuery<ClassQuery>,
) -> Result<Json<GroupClassList>, AppError> {
    let filter = ClassFilter {
        level_id: q.level_id,
        teacher_id: q.teacher_id,
        from: q.from,
        to: q.to,
        active_only: true,
    };
    let classes = group_classes::list(&app.db, &filter).await?;
    let items = class_views(&app, classes)
        .await?
        .into_iter()
        .map(GroupClassDto::from)
        .collect();
    Ok(Json(GroupClassList { items }))
}
