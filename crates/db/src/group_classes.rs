//! Group classes: levels, teachers (one primary) and their GROUP sessions, created and changed in
//! one transaction that first locks the teachers it decides on.

use crate::reader::Reader;
use aula_domain::{BookingStatus, Conflict, SessionKind, SessionStatus};

use aula_domain::schedule::Interval;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseTransaction, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};

use crate::availability::busy;
use crate::entities::{
    bookings, group_class_levels, group_class_teachers, group_classes, levels, sessions, teachers,
};
use crate::levels::Level;
use crate::{Db, DbError};

/// A class with its levels and teachers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupClassRecord {
    pub id: i64,
    pub title: String,
    pub description: Option<String>,
    pub capacity_max: i32,
    pub is_active: bool,
    pub recurrence: Option<String>,
    pub levels: Vec<Level>,
    /// (teacher id, is primary), primary first.
    pub teachers: Vec<(i64, bool)>,
}

impl GroupClassRecord {
    /// The primary teacher.
    pub fn primary_teacher_id(&self) -> Option<i64> {
        self.teachers.iter().find(|(_, p)| *p).map(|(t, _)| *t)
    }
}

/// A new class, already validated.
#[derive(Debug, Clone)]
pub struct NewGroupClass {
    pub title: String,
    pub description: Option<String>,
    pub capacity_max: i32,
    pub level_ids: Vec<i64>,
    pub teacher_ids: Vec<i64>,
    pub primary_teacher_id: i64,
    pub recurrence: Option<String>,
    pub source_timezone: Option<String>,
    pub sessions: Vec<Interval>,
}

/// Takes the write lock on the teachers (a no-op update): on PostgreSQL their rows are locked until
/// commit, on SQLite the transaction becomes the one writer. Fails unless all are active teachers.
async fn lock_teachers(
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
async fn check_free(
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

async fn link_levels(
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

async fn link_teachers(
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

/// One class with levels and teachers.
pub async fn load(conn: &impl Reader, id: i64) -> Result<Option<GroupClassRecord>, DbError> {
    let conn = conn.conn();
    let Some(class) = group_classes::Entity::find_by_id(id).one(conn).await? else {
        return Ok(None);
    };
    Ok(with_links(conn, vec![class]).await?.pop())
}

async fn with_links(
    conn: &impl ConnectionTrait,
    classes: Vec<group_classes::Model>,
) -> Result<Vec<GroupClassRecord>, DbError> {
    let ids: Vec<i64> = classes.iter().map(|c| c.id).collect();
    let level_links = group_class_levels::Entity::find()
        .filter(group_class_levels::Column::GroupClassId.is_in(ids.clone()))
        .all(conn)
        .await?;
    let all_levels = levels::Entity::find()
        .order_by_asc(levels::Column::SortOrder)
        .all(conn)
        .await?;
    let teacher_links = group_class_teachers::Entity::find()
        .filter(group_class_teachers::Column::GroupClassId.is_in(ids))
        .order_by_desc(group_class_teachers::Column::IsPrimary)
        .order_by_asc(group_class_teachers::Column::Id)
        .all(conn)
        .await?;
    Ok(classes
        .into_iter()
        .map(|c| GroupClassRecord {
            levels: all_levels
                .iter()
                .filter(|l| {
                    level_links
                        .iter()
                        .any(|k| k.group_class_id == c.id && k.level_id == l.id)
                })
                .map(|l| Level {
                    id: l.id,
                    code: l.code.clone(),
                    name: l.name.clone(),
                    sort_order: l.sort_order,
                })
                .collect(),
            teachers: teacher_links
                .iter()
                .filter(|k| k.group_class_id == c.id)
                .map(|k| (k.teacher_id, k.is_primary))
                .collect(),
            id: c.id,
            title: c.title,
            description: c.description,
            capacity_max: c.capacity_max,
            is_active: c.is_active,
            recurrence: c.recurrence,
        })
        .collect())
}

/// Filters of the class list.
#[derive(Debug, Default, Clone)]
pub struct ClassFilter {
    pub level_id: Option<i64>,
    pub teacher_id: Option<i64>,
    /// Classes with a session starting in `[from, to)`.
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    pub active_only: bool,
}

/// Classes matching the filter, by id.
pub async fn list(db: &Db, f: &ClassFilter) -> Result<Vec<GroupClassRecord>, DbError> {
    let mut c = Condition::all();
    if f.active_only {
        c = c.add(group_classes::Column::IsActive.eq(true));
    }
    if let Some(level) = f.level_id {
        let q = Query::select()
            .column(group_class_levels::Column::GroupClassId)
            .from(group_class_levels::Entity)
            .and_where(group_class_levels::Column::LevelId.eq(level))
            .to_owned();
        c = c.add(group_classes::Column::Id.in_subquery(q));
    }
    if let Some(t) = f.teacher_id {
        let q = Query::select()
            .column(group_class_teachers::Column::GroupClassId)
            .from(group_class_teachers::Entity)
            .and_where(group_class_teachers::Column::TeacherId.eq(t))
            .to_owned();
        c = c.add(group_classes::Column::Id.in_subquery(q));
    }
    if f.from.is_some() || f.to.is_some() {
        let mut q = Query::select();
        q.column(sessions::Column::GroupClassId)
            .from(sessions::Entity)
            .and_where(sessions::Column::GroupClassId.is_not_null());
        if let Some(from) = f.from {
            q.and_where(sessions::Column::StartAt.gte(from));
        }
        if let Some(to) = f.to {
            q.and_where(sessions::Column::StartAt.lt(to));
        }
        c = c.add(group_classes::Column::Id.in_subquery(q.to_owned()));
    }
    let rows = group_classes::Entity::find()
        .filter(c)
        .order_by_asc(group_classes::Column::Id)
        .all(db.reader())
        .await?;
    with_links(db.reader(), rows).await
}

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

/// Which of `ids` are levels.
pub async fn existing_levels(db: &Db, ids: &[i64]) -> Result<Vec<i64>, DbError> {
    Ok(levels::Entity::find()
        .select_only()
        .column(levels::Column::Id)
        .filter(levels::Column::Id.is_in(ids.to_vec()))
        .into_tuple::<i64>()
        .all(db.reader())
        .await?)
}
