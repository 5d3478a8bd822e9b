//! `GET /api/availability`

use aula_domain::Problem;
use axum::Json;
use axum::extract::State;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::error::{ErrorBody, FieldErrors};
use crate::extract::ApiQuery;
use crate::services::scheduling;
use crate::{App, AppError};

/// Which teachers, when, and how long.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct SlotsQuery {
    /// Comma-separated teacher ids, e.g. `1,2`.
    pub teacher_ids: String,
    /// Start of the range (RFC 3339).
    #[serde(deserialize_with = "crate::api::input::instant")]
    pub from: DateTime<Utc>,
    /// End of the range (RFC 3339), at most 90 days after `from`.
    #[serde(deserialize_with = "crate::api::input::instant")]
    pub to: DateTime<Utc>,
    /// Slot length: 30-180 minutes in steps of 15 (default 60).
    pub duration_minutes: Option<i64>,
}

/// One bookable slot.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SlotDto {
    pub teacher_id: i64,
    pub start_at: DateTime<Utc>,
    pub end_at: DateTime<Utc>,
}

/// The slots, by start time.
#[derive(Debug, Serialize, ToSchema)]
pub struct SlotList {
    pub items: Vec<SlotDto>,
}

/// Bookable private slots: inside the teachers' weekly rules, outside exceptions, existing
/// sessions and the past, starting on the 30-minute grid of each teacher's local time.
#[utoipa::path(get, path = "/api/availability", tag = "catalogue", params(SlotsQuery),
    responses(
        (status = 200, description = "Free slots", body = SlotList),
        (status = 400, description = "A parameter does not parse", body = ErrorBody),
        (status = 422, description = "Range over 90 days, empty, or a bad duration or teacher id", body = ErrorBody),
    ))]
pub async fn slots(
    State(app): State<App>,
    ApiQuery(q): ApiQuery<SlotsQuery>,
) -> Result<Json<SlotList>, AppError> {
    let mut errors = FieldErrors::default();
    let ids: Result<Vec<i64>, _> = q
        .teacher_ids
        .split(',')
        .map(|s| s.trim().parse::<i64>())
        .collect();
    let ids = match ids {
        Ok(ids) if !ids.is_empty() && ids.len() <= 50 => ids,
        _ => {
            errors.add("teacherIds", Problem::new("teacher-ids").with("max", 50));
            Vec::new()
        }
    };
    let duration = q.duration_minutes.unwrap_or(60);
    if !(30..=180).contains(&duration) || duration % 15 != 0 {
        errors.add("durationMinutes", Problem::new("slot-minutes"));
    }
    if q.to <= q.from {
        errors.add("to", Problem::after("from"));
    } else if q.to - q.from > chrono::Duration::days(90) {
        errors.add("to", Problem::new("span-days").with("max", 90));
    }
    errors.finish()?;
    let found = scheduling::slots(&app, &ids, q.from, q.to, duration as u32).await?;
    let items = found
        .into_iter()
        .map(|(teacher_id, i)| SlotDto {
            teacher_id,
            start_at: i.start,
            end_at: i.end,
        })
        .collect();
    Ok(Json(SlotList { items }))
}
