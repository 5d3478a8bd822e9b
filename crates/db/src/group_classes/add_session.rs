//! Adding one session to a class: lock the class and its teachers, check the teachers are free,
//! write a SCHEDULED GROUP session taught by the primary teacher.

use aula_domain::schedule::Interval;
use aula_domain::{Conflict, SessionKind, SessionStatus};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

use crate::entities::{group_class_teachers, group_classes, sessions};
use crate::{Db, DbError};

use super::create::{check_free, lock_teachers};

/// Adds a SCHEDULED GROUP session at `at` to class `class_id`, with the class's capacity, taught by
/// its primary teacher; `source_timezone` is the zone the time was given in. Refuses (409
/// `slot_unavailable`) when one of the class's teachers is inactive or teaches another session
/// then (the class's own sessions included). Returns the new session's id.
pub async fn add_session(
    db: &Db,
    class_id: i64,
    at: Interval,
    source_timezone: Option<String>,
    now: DateTime<Utc>,
) -> Result<i64, DbError> {
    let txn = db.begin().await?;
    // Touch the class first: a concurrent change of its capacity or teachers waits for this one.
    let touched = group_classes::Entity::update_many()
        .col_expr(group_classes::Column::UpdatedAt, Expr::value(now))
        .filter(group_classes::Column::Id.eq(class_id))
        .exec(&txn)
        .await?;
    if touched.rows_affected == 0 {
        return Err(DbError::NotFound);
    }
    let class = group_classes::Entity::find_by_id(class_id)
        .one(&txn)
        .await?
        .ok_or(DbError::NotFound)?;
    let links = group_class_teachers::Entity::find()
        .filter(group_class_teachers::Column::GroupClassId.eq(class_id))
        .all(&txn)
        .await?;
    let teacher_ids: Vec<i64> = links.iter().map(|l| l.teacher_id).collect();
    let Some(primary) = links
        .iter()
        .find(|l| l.is_primary)
        .or_else(|| links.first())
        .map(|l| l.teacher_id)
    else {
        return Err(DbError::refused(
            Conflict::SlotUnavailable,
            "the class has no teacher",
        ));
    };
    lock_teachers(&txn, &teacher_ids, now).await?;
    check_free(&txn, &teacher_ids, &[at], None).await?;
    let session = sessions::ActiveModel {
        kind: Set(SessionKind::Group.as_str().into()),
        status: Set(SessionStatus::Scheduled.as_str().into()),
        teacher_id: Set(primary),
        group_class_id: Set(Some(class_id)),
        start_at: Set(at.start),
        end_at: Set(at.end),
        capacity_max: Set(class.capacity_max),
        source_timezone: Set(source_timezone),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(session.id)
}
