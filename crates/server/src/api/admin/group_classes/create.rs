//! `POST /api/admin/group-classes`

use aula_domain::schedule::RecurrenceInput;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use serde::Deserialize;
use utoipa::ToSchema;

use crate::api::group_classes::dto::GroupClassDto;
use crate::error::ErrorBody;
use crate::extract::{AdminUser, ApiJson};
use crate::services::group_classes::{self, NewClassInput};
use crate::{App, AppError};

/// One explicit session.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SessionTimes {
    #[serde(deserialize_with = "crate::api::input::instant")]
    pub start_at: DateTime<Utc>,
    #[serde(deserialize_with = "crate::api::input::instant")]
    pub end_at: DateTime<Utc>,
}

/// A weekly recurrence in a time zone; each session keeps its local start time across clock changes.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RecurrenceBody {
    /// IANA zone, e.g. `Europe/Madrid`.
    pub timezone: String,
    /// ISO weekdays, Monday = 1.
    pub weekdays: Vec<i64>,
    /// Local start time `HH:MM`.
    pub start_time: String,
    /// 15-480.
    pub duration_minutes: i64,
    /// First local date `YYYY-MM-DD`.
    pub start_date: String,
    /// Last local date, inclusive, at most 366 days after the first.
    pub end_date: String,
}

/// A new group class.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CreateClassBody {
    pub title: String,
    pub description: Option<String>,
    /// 1-500 seats.
    pub capacity_max: i64,
    /// Levels of the class (default none).
    #[serde(default)]
    pub level_ids: Vec<i64>,
    /// Active teachers of the class.
    pub teacher_ids: Vec<i64>,
    /// One of `teacherIds` (default: the first); it teaches the sessions.
    pub primary_teacher_id: Option<i64>,
    #[serde(default)]
    pub sessions: Vec<SessionTimes>,
    pub recurrence: Option<RecurrenceBody>,
}

/// Creates a group class with explicit sessions and/or a weekly recurrence.
///
/// Sessions that overlap each other or another session of one of the teachers → 409 `slot_unavailable`.
#[utoipa::path(post, path = "/api/admin/group-classes", tag = "admin", request_body = CreateClassBody, security(("bearer" = [])),
    responses(
        (status = 201, description = "The class with its sessions", body = GroupClassDto),
        (status = 400, description = "Malformed JSON", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 409, description = "A teacher is not free (`slot_unavailable`)", body = ErrorBody),
        (status = 422, description = "A field breaks its rule", body = ErrorBody),
    ))]
pub async fn create(
    State(app): State<App>,
    _admin: AdminUser,
    ApiJson(b): ApiJson<CreateClassBody>,
) -> Result<(StatusCode, Json<GroupClassDto>), AppError> {
    let input = NewClassInput {
        title: b.title,
        description: b.description,
        capacity_max: b.capacity_max,
        level_ids: b.level_ids,
        teacher_ids: b.teacher_ids,
        primary_teacher_id: b.primary_teacher_id,
        sessions: b
            .sessions
            .into_iter()
            .map(|s| (s.start_at, s.end_at))
            .collect(),
        recurrence: b.recurrence.map(|r| RecurrenceInput {
            timezone: r.timezone,
            weekdays: r.weekdays,
            start_time: r.start_time,
            duration_minutes: r.duration_minutes,
            start_date: r.start_date,
            end_date: r.end_date,
        }),
    };
    let view = group_classes::create(&app, input).await?;
    Ok((StatusCode::CREATED, Json(view.into())))
}
