//! Attendance: from the session's start, bookings become COMPLETED or NO_SHOW and course steps
//! COMPLETED or MISSED. Marking the same again changes nothing.

use aula_domain::{BookingKind, BookingStatus, Conflict, SessionStatus, StepStatus};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::{BookingRecord, lock_session};
use crate::entities::{bookings, step_progress};
use crate::{Db, DbError};

/// What the teacher saw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Attended,
    NoShow,
}

/// Records attendance for bookings of one session (409 `session_not_started` before its start).
pub async fn attendance(
    db: &Db,
    session_id: i64,
    items: &[(i64, Mark)],
    now: DateTime<Utc>,
) -> Result<Vec<BookingRecord>, DbError> {
    let txn = db.begin().await?;
    let session = lock_session(&txn, session_id).await?;
    if now < session.start_at {
        return Err(DbError::refused(
            Conflict::SessionNotStarted,
            "attendance can be taken from the session's start",
        ));
    }
    if session.status() == SessionStatus::Cancelled {
        return Err(DbError::refused(
            Conflict::SessionNotBookable,
            "the session was cancelled",
        ));
    }
    let mut out = Vec::new();
    for (i, (booking_id, mark)) in items.iter().enumerate() {
        let b = bookings::Entity::find_by_id(*booking_id)
            .one(&txn)
            .await?
            .filter(|b| b.session_id == session_id)
            .ok_or_else(|| DbError::Invalid {
                field: format!("items[{i}].bookingId"),
                problem: aula_domain::Problem::new("not-session-booking"),
            })?;
        if b.status() == BookingStatus::Cancelled {
            return Err(DbError::refused(
                Conflict::BookingNotActive,
                format!("booking {} was cancelled", b.id),
            ));
        }
        let attended = *mark == Mark::Attended;
        let status = if attended {
            BookingStatus::Completed
        } else {
            BookingStatus::NoShow
        };
        if b.status() != status {
            bookings::Entity::update_many()
                .col_expr(bookings::Column::Status, Expr::value(status.as_str()))
                .col_expr(bookings::Column::UpdatedAt, Expr::value(now))
                .filter(bookings::Column::Id.eq(b.id))
                .exec(&txn)
                .await?;
            if b.kind() == BookingKind::CourseStep {
                let completed = attended.then_some(now);
                let step = StepStatus::after_attendance(attended);
                step_progress::Entity::update_many()
                    .col_expr(step_progress::Column::Status, Expr::value(step.as_str()))
                    .col_expr(step_progress::Column::CompletedAt, Expr::value(completed))
                    .col_expr(step_progress::Column::UpdatedAt, Expr::value(now))
                    .filter(step_progress::Column::BookingId.eq(b.id))
                    .exec(&txn)
                    .await?;
            }
        }
        out.push(
            bookings::Entity::find_by_id(b.id)
                .one(&txn)
                .await?
                .ok_or(DbError::NotFound)?
                .into(),
        );
    }
    txn.commit().await?;
    Ok(out)
}
