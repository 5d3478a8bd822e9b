//! The booking core: seats, credits and course steps decided inside one transaction.
//!
//! Every write transaction starts by writing to the rows it decides on (a no-op update of the
//! session, teacher or purchase): on PostgreSQL that takes their row locks until commit, on
//! SQLite it makes the transaction the single writer at once. Counts and balances are read only
//! after those locks, so no seat, credit or course step can be taken twice; unique indexes (one
//! active booking per student and session, one progress row per step, one refund per use) stand
//! behind them.

mod attendance;
mod cancel;
mod create;
mod read;
mod reschedule;
mod waitlist;

pub use attendance::{Mark, attendance};
pub use cancel::{CancelOutcome, cancel, cancel_session};
pub(crate) use cancel::{end_private_session, promote_waitlist, release};
pub(crate) use create::BookingLane;
pub use create::{CreditRequest, StepRequest, Target, book_credit, book_step};
pub use read::{BookingFilter, RosterLine, first_start, get, list_for_student, roster};
pub use reschedule::reschedule;
pub use waitlist::{WaitlistEntry, join_waitlist, leave_waitlist, my_waitlist};

use aula_domain::booking;
use aula_domain::{BookingKind, BookingStatus};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};

use crate::DbError;
use crate::entities::{bookings, sessions};

/// A booking as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookingRecord {
    pub id: i64,
    pub session_id: i64,
    pub student_id: i64,
    pub status: BookingStatus,
    pub kind: BookingKind,
    pub student_package_id: Option<i64>,
    pub allowance_id: Option<i64>,
    pub course_step_id: Option<i64>,
    pub credits_cost: i32,
    pub rescheduled_count: i32,
    pub created_at: DateTime<Utc>,
}

impl From<bookings::Model> for BookingRecord {
    fn from(b: bookings::Model) -> Self {
        Self {
            id: b.id,
            session_id: b.session_id,
            student_id: b.student_id,
            status: b.status(),
            kind: b.kind(),
            student_package_id: b.student_package_id,
            allowance_id: b.allowance_id,
            course_step_id: b.course_step_id,
            credits_cost: b.credits_cost,
            rescheduled_count: b.rescheduled_count,
            created_at: b.created_at,
        }
    }
}

/// Who acts: a student (only on their own bookings, within the policy) or an admin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    Student(i64),
    Admin,
}

/// The booking as `actor` may act on it: 404 when missing or, for a student, not their own.
pub(crate) async fn visible_to(
    conn: &impl ConnectionTrait,
    id: i64,
    actor: Actor,
) -> Result<bookings::Model, DbError> {
    let found = bookings::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(DbError::NotFound)?;
    match actor {
        Actor::Student(s) if found.student_id != s => Err(DbError::NotFound),
        _ => Ok(found),
    }
}

/// 409 `booking_not_active` unless the booking is CONFIRMED.
pub(crate) fn ensure_active(b: &bookings::Model) -> Result<(), DbError> {
    Ok(booking::ensure_active(b.status())?)
}

/// Locks a session row for the rest of the transaction and returns it (404 when missing).
pub(crate) async fn lock_session(
    conn: &impl ConnectionTrait,
    id: i64,
) -> Result<sessions::Model, DbError> {
    // A write that changes nothing takes the row lock and answers the row: one statement.
    sessions::Entity::update_many()
        .col_expr(
            sessions::Column::CapacityMax,
            Expr::col(sessions::Column::CapacityMax).into(),
        )
        .filter(sessions::Column::Id.eq(id))
        .exec_with_returning(conn)
        .await?
        .pop()
        .ok_or(DbError::NotFound)
}

/// Seats of a locked session as one student sees them.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Seats {
    pub taken: i64,
    pub holds: bool,
}

impl Seats {
    /// The two columns [`Seats::of_row`] reads: the CONFIRMED bookings of the session `session`
    /// (an SQL expression) and those of them that are the student `student`'s, for a statement
    /// that runs under the session's lock.
    pub(crate) fn columns_sql(session: &str, student: &str) -> String {
        let confirmed = BookingStatus::Confirmed.as_str();
        format!(
            "(SELECT COUNT(*) FROM bookings b WHERE b.session_id = {session} \
               AND b.status = '{confirmed}') AS seats_taken, \
             (SELECT COUNT(*) FROM bookings b WHERE b.session_id = {session} \
               AND b.status = '{confirmed}' AND b.student_id = {student}) AS seats_mine"
        )
    }

    /// The seats in a row with the columns of [`Seats::columns_sql`].
    pub(crate) fn of_row(row: &sea_orm::QueryResult) -> Result<Self, DbError> {
        Ok(Self {
            taken: row.try_get("", "seats_taken")?,
            holds: row.try_get::<i64>("", "seats_mine")? > 0,
        })
    }

    /// 409 `already_booked` or `session_full`, as [`ensure_seat`].
    pub(crate) fn ensure(self, s: &sessions::Model) -> Result<(), DbError> {
        let taken = if self.holds { 0 } else { self.taken };
        Ok(booking::ensure_seat(self.holds, taken, s.capacity_max)?)
    }
}

/// 409 `session_not_bookable` unless the session is SCHEDULED and has not started.
pub(crate) fn ensure_bookable(s: &sessions::Model, now: DateTime<Utc>) -> Result<(), DbError> {
    Ok(booking::ensure_bookable(s.status(), s.start_at, now)?)
}

/// CONFIRMED bookings of a session.
pub(crate) async fn seats_taken(
    conn: &impl ConnectionTrait,
    session_id: i64,
) -> Result<i64, DbError> {
    Ok(bookings::Entity::find()
        .filter(bookings::Column::SessionId.eq(session_id))
        .filter(bookings::Column::Status.eq(BookingStatus::Confirmed.as_str()))
        .count(conn)
        .await? as i64)
}

/// The student's CONFIRMED booking of a session, if any.
pub(crate) async fn active_booking(
    conn: &impl ConnectionTrait,
    session_id: i64,
    student_id: i64,
) -> Result<Option<bookings::Model>, DbError> {
    Ok(bookings::Entity::find()
        .filter(bookings::Column::SessionId.eq(session_id))
        .filter(bookings::Column::StudentId.eq(student_id))
        .filter(bookings::Column::Status.eq(BookingStatus::Confirmed.as_str()))
        .one(conn)
        .await?)
}

/// 409 `already_booked` / `session_full` checks on a locked session.
pub(crate) async fn ensure_seat(
    conn: &impl ConnectionTrait,
    s: &sessions::Model,
    student_id: i64,
) -> Result<(), DbError> {
    use sea_orm::QuerySelect;
    use sea_orm::sea_query::Func;
    // Seats taken and whether one is the student's, in one statement.
    let (taken, mine): (i64, Option<i64>) = bookings::Entity::find()
        .select_only()
        .column_as(Expr::col(bookings::Column::Id).count(), "taken")
        .column_as(
            sea_orm::sea_query::SimpleExpr::from(Func::sum(
                Expr::case(bookings::Column::StudentId.eq(student_id), 1).finally(0),
            )),
            "mine",
        )
        .filter(bookings::Column::SessionId.eq(s.id))
        .filter(bookings::Column::Status.eq(BookingStatus::Confirmed.as_str()))
        .into_tuple()
        .one(conn)
        .await?
        .unwrap_or((0, None));
    let seats = Seats {
        taken,
        holds: mine.unwrap_or(0) > 0,
    };
    seats.ensure(s)
}

/// Maps the unique index on active seats to `already_booked`.
pub(crate) fn seat_taken(e: DbError) -> DbError {
    match e {
        DbError::Duplicate(_) => booking::already_booked().into(),
        other => other,
    }
}
