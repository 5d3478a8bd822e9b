//! Waiting lists: join only a full session, leave, and dense positions by order of arrival.

use aula_domain::{Conflict, SessionKind};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};

use super::{active_booking, ensure_bookable, lock_session, seats_taken};
use crate::entities::waitlist_entries;
use crate::{Db, DbError};

/// A place on a waiting list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WaitlistEntry {
    pub id: i64,
    pub session_id: i64,
    pub student_id: i64,
    /// 1 = next in line.
    pub position: i64,
    pub created_at: DateTime<Utc>,
}

async fn position(
    conn: &impl ConnectionTrait,
    e: &waitlist_entries::Model,
) -> Result<i64, DbError> {
    Ok(waitlist_entries::Entity::find()
        .filter(waitlist_entries::Column::SessionId.eq(e.session_id))
        .filter(waitlist_entries::Column::Id.lte(e.id))
        .count(conn)
        .await? as i64)
}

/// Joins the waiting list of a full session (409 `session_not_full`, `already_booked`, `duplicate`).
pub async fn join_waitlist(
    db: &Db,
    student_id: i64,
    session_id: i64,
    now: DateTime<Utc>,
) -> Result<WaitlistEntry, DbError> {
    let txn = db.begin().await?;
    let session = lock_session(&txn, session_id).await?;
    if session.kind() != SessionKind::Group {
        return Err(DbError::refused(
            Conflict::SessionNotBookable,
            "only group sessions have a waiting list",
        ));
    }
    ensure_bookable(&session, now)?;
    if active_booking(&txn, session_id, student_id)
        .await?
        .is_some()
    {
        return Err(DbError::refused(
            Conflict::AlreadyBooked,
            "you already hold a seat in this session",
        ));
    }
    if seats_taken(&txn, session_id).await? < i64::from(session.capacity_max) {
        return Err(DbError::refused(
            Conflict::SessionNotFull,
            "the session has free seats: book one instead",
        ));
    }
    let entry = waitlist_entries::ActiveModel {
        session_id: Set(session_id),
        student_id: Set(student_id),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let position = position(&txn, &entry).await?;
    txn.commit().await?;
    Ok(WaitlistEntry {
        id: entry.id,
        session_id,
        student_id,
        position,
        created_at: entry.created_at,
    })
}

/// Leaves a waiting list (404 unless it is the student's own entry).
pub async fn leave_waitlist(db: &Db, student_id: i64, entry_id: i64) -> Result<(), DbError> {
    let res = waitlist_entries::Entity::delete_many()
        .filter(waitlist_entries::Column::Id.eq(entry_id))
        .filter(waitlist_entries::Column::StudentId.eq(student_id))
        .exec(db.writer())
        .await?;
    if res.rows_affected == 0 {
        return Err(DbError::NotFound);
    }
    Ok(())
}

/// The student's places, oldest first.
pub async fn my_waitlist(db: &Db, student_id: i64) -> Result<Vec<WaitlistEntry>, DbError> {
    let rows = waitlist_entries::Entity::find()
        .filter(waitlist_entries::Column::StudentId.eq(student_id))
        .order_by_asc(waitlist_entries::Column::Id)
        .all(db.reader())
        .await?;
    let mut out = Vec::new();
    for e in rows {
        out.push(WaitlistEntry {
            position: position(db.reader(), &e).await?,
            id: e.id,
            session_id: e.session_id,
            student_id: e.student_id,
            created_at: e.created_at,
        });
    }
    Ok(out)
}
