//! Changing a class: capacity, levels, teachers and the active flag in one transaction.

use aula_domain::schedule::Interval;
use aula_domain::{BookingStatus, Conflict, SessionStatus};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QuerySelect, Set};

use crate::entities::{bookings, group_classes, sessions};
use crate::{Db, DbError};

use super::create::{check_free, link_levels, link_teachers, lock_teachers};
use super::{GroupClassRecord, load};

/// Changes to a class; `None` leaves a field as it is.
#[derive(Debug, Default, Clone)]
pub struct ClassChanges {
    pub title: Option<String>,
    pub description: Option<Option<String>>,
    pub capacity_max: Option<i32>,
    pub level_ids: Option<Vec<i64>>,
    /// New teachers and their primary.
    pub teachers: Option<(Vec<i64>, i64)>,
    pub is_active: Option<bool>,
}

/// Applies changes; capacity never below the seats booked in an upcoming session (409), new
/// teachers must be free for the class's upcoming sessions (409 `slot_unavailable`).
pub async fn update(
    db: &Db,
    id: i64,
    ch: ClassChanges,
    now: DateTime<Utc>,
) -> Result<GroupClassRecord, DbError> {
    let txn = db.begin().await?;
    let touched = group_classes::Entity::update_many()
        .col_expr(group_classes::Column::UpdatedAt, Expr::value(now))
        .filter(group_classes::Column::Id.eq(id))
        .exec(&txn)
        .await?;
    if touched.rows_affected == 0 {
        return Err(DbError::NotFound);
    }
    let upcoming = sessions::Entity::find()
        .filter(sessions::Column::GroupClassId.eq(id))
        .filter(sessions::Column::Status.eq(SessionStatus::Scheduled.as_str()))
        .filter(sessions::Column::EndAt.gt(now))
        .all(&txn)
        .await?;
    let upcoming_ids: Vec<i64> = upcoming.iter().map(|s| s.id).collect();
    if let Some(cap) = ch.capacity_max {
        // Lock the sessions before counting (a booking locks its session the same way), so no
        // booking slips in between the count and the new capacity.
        sessions::Entity::update_many()
            .col_expr(
                sessions::Column::CapacityMax,
                Expr::col(sessions::Column::CapacityMax).into(),
            )
            .filter(sessions::Column::Id.is_in(upcoming_ids.clone()))
            .exec(&txn)
            .await?;
        let most = bookings::Entity::find()
            .select_only()
            .column_as(Expr::col(bookings::Column::Id).count(), "n")
            .filter(bookings::Column::SessionId.is_in(upcoming_ids.clone()))
            .filter(bookings::Column::Status.eq(BookingStatus::Confirmed.as_str()))
            .group_by(bookings::Column::SessionId)
            .into_tuple::<i64>()
            .all(&txn)
            .await?
            .into_iter()
            .max()
            .unwrap_or(0);
        if i64::from(cap) < most {
            return Err(DbError::refused(
                Conflict::CapacityBelowBooked,
                format!("an upcoming session already has {most} seats booked"),
            ));
        }
        sessions::Entity::update_many()
            .col_expr(sessions::Column::CapacityMax, Expr::value(cap))
            .filter(sessions::Column::Id.is_in(upcoming_ids.clone()))
            .exec(&txn)
            .await?;
        // New seats go to the waiting students, as freed seats do.
        for id in &upcoming_ids {
            let session = crate::bookings::lock_session(&txn, *id).await?;
            crate::bookings::promote_waitlist(&txn, &session, now).await?;
        }
    }
    if let Some((teacher_ids, primary)) = &ch.teachers {
        lock_teachers(&txn, teacher_ids, now).await?;
        let wanted: Vec<Interval> = upcoming
            .iter()
            .map(|s| Interval::new(s.start_at, s.end_at))
            .collect();
        check_free(&txn, teacher_ids, &wanted, Some(id)).await?;
        link_teachers(&txn, id, teacher_ids, *primary).await?;
        sessions::Entity::update_many()
            .col_expr(sessions::Column::TeacherId, Expr::value(*primary))
            .filter(sessions::Column::Id.is_in(upcoming_ids))
            .exec(&txn)
            .await?;
    }
    if let Some(level_ids) = &ch.level_ids {
        link_levels(&txn, id, level_ids).await?;
    }
    let class = group_classes::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(DbError::NotFound)?;
    let mut class: group_classes::ActiveModel = class.into();
    if let Some(t) = ch.title {
        class.title = Set(t);
    }
    if let Some(d) = ch.description {
        class.description = Set(d);
    }
    if let Some(c) = ch.capacity_max {
        class.capacity_max = Set(c);
    }
    if let Some(a) = ch.is_active {
        class.is_active = Set(a);
    }
    class.update(&txn).await?;
    let record = load(&txn, id).await?.ok_or(DbError::NotFound)?;
    txn.commit().await?;
    Ok(record)
}
