//! Group classes: levels, teachers (one primary) and their GROUP sessions, created and changed in
//! one transaction that first locks the teachers it decides on.

use aula_domain::schedule::Interval;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Query;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

use crate::entities::{group_class_levels, group_class_teachers, group_classes, levels, sessions};
use crate::levels::Level;
use crate::reader::Reader;
use crate::{Db, DbError};

mod add_session;
mod create;
mod update;

pub use add_session::add_session;
pub use create::create;
pub use update::{ClassChanges, update};

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
