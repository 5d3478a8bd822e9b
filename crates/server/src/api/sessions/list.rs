//! `GET /api/sessions`

use aula_db::sessions::{self, SessionFilter};
use aula_domain::SessionKind;
use axum::Json;
use axum::extract::State;
use chrono::{DateTime, Utc};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use crate::api::dto::{SessionDto, SessionPage};
use crate::error::ErrorBody;
use crate::extract::ApiQuery;
use crate::{App, AppError};

/// Session type.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "UPPERCASE")]
pub enum SessionType {
    Private,
    Group,
}

/// Session status.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "UPPERCASE")]
pub enum SessionStatus {
    Scheduled,
    Cancelled,
    Completed,
}

/// Filters and paging; `from`/`to` select starts in `[from, to)`.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct SessionQuery {
    #[serde(rename = "type")]
    #[param(rename = "type")]
    pub kind: Option<SessionType>,
    pub status: Option<SessionStatus>,
    #[serde(default, deserialize_with = "crate::api::input::opt_instant")]
    pub from: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "crate::api::input::opt_instant")]
    pub to: Option<DateTime<Utc>>,
    pub level_id: Option<i64>,
    pub teacher_id: Option<i64>,
    pub group_class_id: Option<i64>,
    pub page: Option<i64>,
    /// 1-100 (default 20).
    pub page_size: Option<i64>,
}

/// Sessions by start time, filtered and paged.
#[utoipa::path(get, path = "/api/sessions", tag = "classes", params(SessionQuery),
    responses(
        (status = 200, description = "A page of sessions", body = SessionPage),
        (status = 400, description = "A parameter does not parse", body = ErrorBody),
        (status = 422, description = "Paging out of range", body = ErrorBody),
    ))]
pub async fn list(
    State(app): State<App>,
    ApiQuery(q): ApiQuery<SessionQuery>,
) -> Result<Json<SessionPage>, AppError> {
    let page = crate::api::dto::paging(q.page, q.page_size)?;
    let filter = SessionFilter {
        kind: q.kind.map(|k| match k {
            SessionType::Private => SessionKind::Private,
            SessionType::Group => SessionKind::Group,
        }),
        status: q.status.map(|s| match s {
            SessionStatus::Scheduled => aula_domain::SessionStatus::Scheduled,
            SessionStatus::Cancelled => aula_domain::SessionStatus::Cancelled,
            SessionStatus::Completed => aula_domain::SessionStatus::Completed,
        }),
        from: q.from,
        to: q.to,
        level_id: q.level_id,
        teacher_id: q.teacher_id,
        group_class_id: q.group_class_id,
    };
    let (rows, total) = sessions::list(&app.db, &filter, page).await?;
    Ok(Json(SessionPage {
        items: rows.iter().map(SessionDto::from).collect(),
        total,
        page: page.page,
        page_size: page.page_size,
    }))
}
