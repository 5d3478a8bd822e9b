//! Creating a class: lock the teachers, check they are free, write the class, links and sessions.

use aula_domain::schedule::Interval;
use aula_domain::{Conflict, SessionKind, SessionStatus};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QuerySelect, Set,
};

use crate::availability::busy;
use crate::entities::{
    group_class_levels, group_class_teachers, group_classes, sessions, teachers,
};
use crate::{Db, DbError};

use super::{GroupClassRecord, NewGroupClass, load};

/// Takes the write lock on the teachers (a no-op update): on PostgreSQL their rows are locked until
/// commit, on SQLite the transaction becomes the one writer. Fails unless all are active teachers.
pub(super) async fn lock_teachers(
    txn: &DatabaseTransaction,
    ids: &[i64],
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let res = teachers::Entity::update_many()
        .col_expr(teachers::Column::UpdatedAt, Expr::value(now))
        .filter(teachers::Column::Id.is_in(ids.to_vec()))
        .filter(teachers::Column::RevokedAt.is_null())
        .filter(teachers::Column::IsActive.eq(true))
        .exec(txn)
        .await?;
    if res.rows_affected as usize != ids.len() {
        return Err(DbError::refused(
            Conflict::SlotUnavailable,
            "a teacher is inactive or no longer a teacher",
        ));
    }
    Ok(())
}

/// Refuses when any of `wanted` overlaps a SCHEDULED session of one of `teacher_ids` (other than
/// sessions of `except_class`).
pub(super) async fn check_free(
    txn: &DatabaseTransaction,
    teacher_ids: &[i64],
    wanted: &[Interval],
    except_class: Option<i64>,
) -> Result<(), DbError> {
    let (Some(from), Some(to)) = (
        wanted.iter().map(|i| i.start).min(),
        wanted.iter().map(|i| i.end).max(),
    ) else {
        return Ok(());
    };
    let own: Vec<i64> = match except_class {
        Some(c) => {
            sessions::Entity::find()
                .select_only()
                .column(sessions::Column::Id)
                .filter(sessions::Column::GroupClassId.eq(c))
                .into_tuple::<i64>()
                .all(txn)
                .await?
        }
        None => Vec::new(),
    };
    let busy = busy(txn, teacher_ids, from, to).await?;
    for (teacher, list) in busy {
        for b in list.iter().filter(|b| !own.contains(&b.session_id)) {
            if let Some(w) = wanted.iter().find(|w| w.overlaps(&b.interval)) {
                return Err(DbError::refused(
                    Conflict::SlotUnavailable,
                    format!(
                        "teacher {teacher} already teaches session {} overlapping {}",
                        b.session_id,
                        w.start.to_rfc3339()
                    ),
                ));
            }
        }
    }
    Ok(())
}

/// Creates the class, its links and its sessions.
pub async fn create(
    db: &Db,
    new: NewGroupClass,
    now: DateTime<Utc>,
) -> Result<GroupClassRecord, DbError> {
    let txn = db.begin().await?;
    lock_teachers(&txn, &new.teacher_ids, now).await?;
    check_free(&txn, &new.teacher_ids, &new.sessions, None).await?;
    let class = group_classes::ActiveModel {
        title: Set(new.title),
        description: Set(new.description),
        capacity_max: Set(new.capacity_max),
        recurrence: Set(new.recurrence),
        is_active: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    link_levels(&txn, class.id, &new.level_ids).await?;
    link_teachers(&txn, class.id, &new.teacher_ids, new.primary_teacher_id).await?;
    if !new.sessions.is_empty() {
        let rows = new.sessions.iter().map(|i| sessions::ActiveModel {
            kind: Set(SessionKind::Group.as_str().into()),
            status: Set(SessionStatus::Scheduled.as_str().into()),
            teacher_id: Set(new.primary_teacher_id),
            group_class_id: Set(Some(class.id)),
            start_at: Set(i.start),
            end_at: Set(i.end),
            capacity_max: Set(new.capacity_max),
            source_timezone: Set(new.source_timezone.clone()),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        });
        sessions::Entity::insert_many(rows).exec(&txn).await?;
    }
    let record = load(&txn, class.id).await?.ok_or(DbError::NotFound)?;
    txn.commit().await?;
    Ok(record)
}

pub(super) async fn link_levels(
    txn: &DatabaseTransaction,
    class_id: i64,
    level_ids: &[i64],
) -> Result<(), DbError> {
    group_class_levels::Entity::delete_many()
        .filter(group_class_levels::Column::GroupClassId.eq(class_id))
        .exec(txn)
        .await?;
    for l in level_ids {
        group_class_levels::ActiveModel {
            group_class_id: Set(class_id),
            level_id: Set(*l),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}

pub(super) async fn link_teachers(
    txn: &DatabaseTransaction,
    class_id: i64,
    teacher_ids: &[i64],
    primary: i64,
) -> Result<(), DbError> {
    group_class_teachers::Entity::delete_many()
        .filter(group_class_teachers::Column::GroupClassId.eq(class_id))
        .exec(txn)
        .await?;
    for t in teacher_ids {
        group_class_teachers::ActiveModel {
            group_class_id: Set(class_id),
            teacher_id: Set(*t),
            is_primary: Set(*t == primary),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}
