//! Attaching group classes to a step as its options, and detaching them.

use std::collections::HashMap;

use aula_domain::{BookingKind, BookingStatus, SessionStatus};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

use super::{OptionRecord, in_use, lock_program, program_of_option, program_of_step};
use crate::entities::{bookings, course_step_options as options, group_classes, sessions};
use crate::{Db, DbError};

pub(super) fn option_record(o: &options::Model, titles: &HashMap<i64, String>) -> OptionRecord {
    OptionRecord {
        id: o.id,
        step_id: o.course_step_id,
        group_class_id: o.group_class_id,
        title: titles.get(&o.group_class_id).cloned().unwrap_or_default(),
        is_active: o.is_active,
    }
}

/// Attaches a group class to a step. Already attached → `Duplicate`.
pub async fn add_option(
    db: &Db,
    step_id: i64,
    group_class_id: i64,
    now: DateTime<Utc>,
) -> Result<OptionRecord, DbError> {
    let txn = db.begin().await?;
    lock_program(&txn, program_of_step(step_id), now).await?;
    let o = options::ActiveModel {
        course_step_id: Set(step_id),
        group_class_id: Set(group_class_id),
        is_active: Set(true),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let titles: HashMap<i64, String> = group_classes::Entity::find_by_id(group_class_id)
        .all(&txn)
        .await?
        .into_iter()
        .map(|g| (g.id, g.title))
        .collect();
    txn.commit().await?;
    Ok(option_record(&o, &titles))
}

/// Detaches an option; 409 `in_use` while a CONFIRMED booking of its step sits in a session of
/// its group class. The class's scheduled sessions are locked first, as a booking locks its
/// session: a booking in flight commits first and is counted, or waits and finds no option.
pub async fn delete_option(db: &Db, option_id: i64, now: DateTime<Utc>) -> Result<(), DbError> {
    let txn = db.begin().await?;
    lock_program(&txn, program_of_option(option_id), now).await?;
    let o = options::Entity::find_by_id(option_id)
        .one(&txn)
        .await?
        .ok_or(DbError::NotFound)?;
    sessions::Entity::update_many()
        .col_expr(
            sessions::Column::CapacityMax,
            Expr::col(sessions::Column::CapacityMax).into(),
        )
        .filter(sessions::Column::GroupClassId.eq(o.group_class_id))
        .filter(sessions::Column::Status.eq(SessionStatus::Scheduled.as_str()))
        .exec(&txn)
        .await?;
    options::Entity::delete_by_id(option_id).exec(&txn).await?;
    let class_sessions = Query::select()
        .column(sessions::Column::Id)
        .from(sessions::Entity)
        .and_where(sessions::Column::GroupClassId.eq(o.group_class_id))
        .to_owned();
    let booked = bookings::Entity::find()
        .filter(bookings::Column::CourseStepId.eq(o.course_step_id))
        .filter(bookings::Column::Kind.eq(BookingKind::CourseStep.as_str()))
        .filter(bookings::Column::Status.eq(BookingStatus::Confirmed.as_str()))
        .filter(bookings::Column::SessionId.in_subquery(class_sessions))
        .count(&txn)
        .await?;
    if booked > 0 {
        return Err(in_use(format!(
            "{booked} confirmed booking(s) of this step are in sessions of this class"
        )));
    }
    txn.commit().await?;
    Ok(())
}
