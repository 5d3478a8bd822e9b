//! Reading bookings.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use super::BookingRecord;
use crate::DbError;
use crate::entities::{bookings, sessions};
use crate::reader::Reader;

/// One booking.
pub async fn get(conn: &impl Reader, id: i64) -> Result<Option<BookingRecord>, DbError> {
    let conn = conn.conn();
    Ok(bookings::Entity::find_by_id(id)
        .one(conn)
        .await?
        .map(Into::into))
}

/// Filters of a student's bookings; `from`/`to` select sessions starting in `[from, to)`.
#[derive(Debug, Default, Clone)]
pub struct BookingFilter {
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
}

/// A student's bookings, by session start then id.
pub async fn list_for_student(
    conn: &impl Reader,
    student_id: i64,
    f: &BookingFilter,
) -> Result<Vec<BookingRecord>, DbError> {
    let conn = conn.conn();
    let mut q = bookings::Entity::find().filter(bookings::Column::StudentId.eq(student_id));
    if f.from.is_some() || f.to.is_some() {
        let mut s = Query::select();
        s.column(sessions::Column::Id).from(sessions::Entity);
        if let Some(from) = f.from {
            s.and_where(sessions::Column::StartAt.gte(from));
        }
        if let Some(to) = f.to {
            s.and_where(sessions::Column::StartAt.lt(to));
        }
        q = q.filter(bookings::Column::SessionId.in_subquery(s.to_owned()));
    }
    let rows = q.order_by_asc(bookings::Column::Id).all(conn).await?;
    let ids: Vec<i64> = rows.iter().map(|b| b.session_id).collect();
    let starts: std::collections::HashMap<i64, DateTime<Utc>> = sessions::Entity::find()
        .filter(sessions::Column::Id.is_in(ids))
        .all(conn)
        .await?
        .into_iter()
        .map(|s| (s.id, s.start_at))
        .collect();
    let mut out: Vec<BookingRecord> = rows.into_iter().map(Into::into).collect();
    out.sort_by_key(|b| (starts.get(&b.session_id).copied(), b.id));
    Ok(out)
}

/// The earliest session start along a booking's reschedule chain (its own start when it was never
/// rescheduled). A student's cancellation deadline counts from it, so moving a booking cannot be
/// used to escape the deadline of the session it was first booked for.
pub async fn first_start(
    conn: &impl Reader,
    booking_id: i64,
) -> Result<Option<DateTime<Utc>>, DbError> {
    let conn = conn.conn();
    let mut earliest: Option<DateTime<Utc>> = None;
    let mut next = Some(booking_id);
    // A booking is moved at most 10 times (the policy's limit); the bound only guards the loop.
    for _ in 0..64 {
        let Some(id) = next else { break };
        let Some(b) = bookings::Entity::find_by_id(id).one(conn).await? else {
            break;
        };
        if let Some(s) = sessions::Entity::find_by_id(b.session_id).one(conn).await? {
            earliest = Some(earliest.map_or(s.start_at, |e| e.min(s.start_at)));
        }
        next = b.rescheduled_from_id;
    }
    Ok(earliest)
}

/// One line of a session's roster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterLine {
    pub booking_id: i64,
    /// First name, a space, last name.
    pub student_name: String,
    pub status: aula_domain::BookingStatus,
}

/// The bookings of a session that are not cancelled, with the students' names, in booking order
/// (three queries whatever the size of the class).
pub async fn roster(conn: &impl Reader, session_id: i64) -> Result<Vec<RosterLine>, DbError> {
    use crate::entities::{students, users};
    use std::collections::HashMap;
    let conn = conn.conn();
    let rows = bookings::Entity::find()
        .filter(bookings::Column::SessionId.eq(session_id))
        .filter(bookings::Column::Status.ne(aula_domain::BookingStatus::Cancelled.as_str()))
        .order_by_asc(bookings::Column::Id)
        .all(conn)
        .await?;
    let students: HashMap<i64, i64> = students::Entity::find()
        .filter(students::Column::Id.is_in(rows.iter().map(|b| b.student_id).collect::<Vec<_>>()))
        .all(conn)
        .await?
        .into_iter()
        .map(|s| (s.id, s.user_id))
        .collect();
    let names: HashMap<i64, String> = users::Entity::find()
        .filter(users::Column::Id.is_in(students.values().copied().collect::<Vec<_>>()))
        .all(conn)
        .await?
        .into_iter()
        .map(|u| (u.id, format!("{} {}", u.first_name, u.last_name)))
        .collect();
    Ok(rows
        .into_iter()
        .map(|b| RosterLine {
            booking_id: b.id,
            student_name: students
                .get(&b.student_id)
                .and_then(|u| names.get(u))
                .cloned()
                .unwrap_or_default(),
            status: b.status(),
        })
        .collect())
}
