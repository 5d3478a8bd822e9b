//! The booking as the API shows it.

use aula_db::bookings::BookingRecord;
use aula_db::sessions;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::dto::SessionDto;
use crate::{App, AppError};

/// A seat of a student in a session.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct BookingDto {
    pub id: i64,
    pub session_id: i64,
    pub student_id: i64,
    /// `CONFIRMED`, `CANCELLED`, `COMPLETED` or `NO_SHOW`.
    pub status: String,
    /// `CREDIT` or `COURSE_STEP`.
    pub kind: String,
    pub student_package_id: Option<i64>,
    pub allowance_id: Option<i64>,
    pub course_step_id: Option<i64>,
    /// Credits spent (0 for a course step).
    pub credits_cost: i32,
    pub rescheduled_count: i32,
    pub created_at: DateTime<Utc>,
    pub session: Option<SessionDto>,
}

impl BookingDto {
    /// The booking with its session read model.
    pub async fn load(app: &App, b: BookingRecord) -> Result<Self, AppError> {
        let session = sessions::get(&app.db, b.session_id)
            .await?
            .map(|s| SessionDto::from(&s));
        Ok(Self::with_session(b, session))
    }

    fn with_session(b: BookingRecord, session: Option<SessionDto>) -> Self {
        Self {
            id: b.id,
            session_id: b.session_id,
            student_id: b.student_id,
            status: b.status.as_str().to_owned(),
            kind: b.kind.as_str().to_owned(),
            student_package_id: b.student_package_id,
            allowance_id: b.allowance_id,
            course_step_id: b.course_step_id,
            credits_cost: b.credits_cost,
            rescheduled_count: b.rescheduled_count,
            created_at: b.created_at,
            session,
        }
    }

    /// Several bookings with their sessions, read in one go.
    pub async fn load_all(app: &App, list: Vec<BookingRecord>) -> Result<Vec<Self>, AppError> {
        let ids: Vec<i64> = list.iter().map(|b| b.session_id).collect();
        let by_id: std::collections::HashMap<i64, SessionDto> = sessions::by_ids(&app.db, &ids)
            .await?
            .iter()
            .map(|s| (s.id, SessionDto::from(s)))
            .collect();
        Ok(list
            .into_iter()
            .map(|b| {
                let session = by_id.get(&b.session_id).cloned();
                Self::with_session(b, session)
            })
            .collect())
    }
}

/// A list of bookings.
#[derive(Debug, Serialize, ToSchema)]
pub struct BookingList {
    pub items: Vec<BookingDto>,
}

/// Where to move a booking (or what to book): an existing session, or a new private slot.
#[derive(Debug, Deserialize, ToSchema, Default)]
#[serde(rename_all = "camelCase")]
pub struct TargetBody {
    pub session_id: Option<i64>,
    pub teacher_id: Option<i64>,
    pub start_at: Option<DateTime<Utc>>,
    pub end_at: Option<DateTime<Utc>>,
}

impl TargetBody {
    /// The target, or 422 naming what is missing.
    pub fn target(&self) -> Result<aula_db::bookings::Target, AppError> {
        use aula_db::bookings::Target;
        use aula_domain::Problem;
        use aula_domain::schedule::{instant_in_range, out_of_range};
        // Flattened into the request body, so checked here rather than while reading.
        for (field, t) in [("startAt", self.start_at), ("endAt", self.end_at)] {
            if t.is_some_and(|t| !instant_in_range(t)) {
                return Err(AppError::field(field, out_of_range()));
            }
        }
        match (self.session_id, self.teacher_id, self.start_at, self.end_at) {
            (Some(id), None, None, None) => Ok(Target::Session(id)),
            (None, Some(teacher_id), Some(start), Some(end)) => Ok(Target::NewPrivate {
                teacher_id,
                start,
                end,
            }),
            (None, Some(_), _, _) => Err(AppError::field(
                "startAt",
                Problem::new("times-with-teacher"),
            )),
            _ => Err(AppError::field("sessionId", Problem::new("booking-target"))),
        }
    }
}
