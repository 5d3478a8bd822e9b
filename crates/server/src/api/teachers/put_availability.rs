//! `PUT /api/teachers/me/availability`

use aula_domain::schedule::{AvailabilityInput, ExceptionInput, RuleInput, WeeklyAvailability};
use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::error::ErrorBody;
use crate::extract::{ApiJson, TeacherUser};
use crate::services::scheduling;
use crate::{App, AppError};

/// A weekly window in local wall-clock time.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RuleBody {
    /// ISO weekday, Monday = 1 … Sunday = 7.
    pub weekday: i64,
    /// `HH:MM` local time.
    pub start_time: String,
    /// `HH:MM` local time after the start (`24:00` = end of day).
    pub end_time: String,
}

/// A change on one local date: without times it covers the whole day.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ExceptionBody {
    /// `YYYY-MM-DD`, local date.
    pub date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_time: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_time: Option<String>,
    /// `false` (default) blocks the time; `true` adds an extra window (times required).
    #[serde(default)]
    pub available: bool,
}

/// A teacher's whole availability.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AvailabilityBody {
    /// IANA time zone of the rules, e.g. `Europe/Madrid`; saving also sets the teacher's zone.
    pub timezone: String,
    pub rules: Vec<RuleBody>,
    #[serde(default)]
    pub exceptions: Vec<ExceptionBody>,
}

impl From<&WeeklyAvailability> for AvailabilityBody {
    fn from(a: &WeeklyAvailability) -> Self {
        Self {
            timezone: a.timezone.name().to_owned(),
            rules: a
                .rules
                .iter()
                .map(|r| RuleBody {
                    weekday: i64::from(r.weekday),
                    start_time: r.start.to_string(),
                    end_time: r.end.to_string(),
                })
                .collect(),
            exceptions: a
                .exceptions
                .iter()
                .map(|e| ExceptionBody {
                    date: e.date.format("%Y-%m-%d").to_string(),
                    start_time: e.start.map(|t| t.to_string()),
                    end_time: e.end.map(|t| t.to_string()),
                    available: e.available,
                })
                .collect(),
        }
    }
}

impl From<AvailabilityBody> for AvailabilityInput {
    fn from(b: AvailabilityBody) -> Self {
        AvailabilityInput {
            timezone: b.timezone,
            rules: b
                .rules
                .into_iter()
                .map(|r| RuleInput {
                    weekday: r.weekday,
                    start_time: r.start_time,
                    end_time: r.end_time,
                })
                .collect(),
            exceptions: b
                .exceptions
                .into_iter()
                .map(|e| ExceptionInput {
                    date: e.date,
                    start_time: e.start_time,
                    end_time: e.end_time,
                    available: e.available,
                })
                .collect(),
        }
    }
}

/// Replaces the calling teacher's whole availability in one transaction.
///
/// Overlapping rules on one weekday, an end not after its start, an unknown zone or a date that is
/// not a date → 422 with `fields` naming each problem (e.g. `rules[1].endTime`).
#[utoipa::path(put, path = "/api/teachers/me/availability", tag = "teachers", request_body = AvailabilityBody, security(("bearer" = [])),
    responses(
        (status = 200, description = "The saved availability", body = AvailabilityBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not a teacher", body = ErrorBody),
        (status = 422, description = "A rule or exception breaks its rule", body = ErrorBody),
    ))]
pub async fn put_availability(
    State(app): State<App>,
    me: TeacherUser,
    ApiJson(body): ApiJson<AvailabilityBody>,
) -> Result<Json<AvailabilityBody>, AppError> {
    let avail = WeeklyAvailability::parse(body.into())?;
    let saved = scheduling::save_availability(&app, me.teacher_id, &avail).await?;
    Ok(Json(AvailabilityBody::from(&saved)))
}
