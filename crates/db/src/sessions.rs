//! Sessions and their read model: seats booked, seats free and the waiting list, from the tables.

use std::collections::HashMap;

use aula_domain::Page;
use aula_domain::{BookingStatus, SessionKind, SessionStatus};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Query;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use crate::entities::{group_class_levels, group_class_teachers, sessions};
use crate::reader::Reader;
use crate::{Db, DbError};

/// A session with its counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionView {
    pub id: i64,
    pub kind: SessionKind,
    pub status: SessionStatus,
    pub start_at: DateTime<Utc>,
    pub end_at: DateTime<Utc>,
    pub teacher_id: i64,
    pub group_class_id: Option<i64>,
    pub title: Option<String>,
    pub capacity_max: i32,
    pub booked_count: i64,
    pub waitlist_count: i64,
}

impl SessionView {
    /// Seats still free (never negative).
    pub fn available_spots(&self) -> i64 {
        (i64::from(self.capacity_max) - self.booked_count).max(0)
    }
}

/// Filters of the session list; `from`/`to` select starts in `[from, to)`.
#[derive(Debug, Default, Clone)]
pub struct SessionFilter {
    pub kind: Option<SessionKind>,
    pub status: Option<SessionStatus>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    pub level_id: Option<i64>,
    pub teacher_id: Option<i64>,
    pub group_class_id: Option<i64>,
}

fn condition(f: &SessionFilter) -> Condition {
    let mut c = Condition::all();
    if let Some(k) = f.kind {
        c = c.add(sessions::Column::Kind.eq(k.as_str()));
    }
    if let Some(s) = f.status {
        c = c.add(sessions::Column::Status.eq(s.as_str()));
    }
    if let Some(from) = f.from {
        c = c.add(sessions::Column::StartAt.gte(from));
    }
    if let Some(to) = f.to {
        c = c.add(sessions::Column::StartAt.lt(to));
    }
    if let Some(g) = f.group_class_id {
        c = c.add(sessions::Column::GroupClassId.eq(g));
    }
    if let Some(level) = f.level_id {
        let classes = Query::select()
            .column(group_class_levels::Column::GroupClassId)
            .from(group_class_levels::Entity)
            .and_where(group_class_levels::Column::LevelId.eq(level))
            .to_owned();
        c = c.add(sessions::Column::GroupClassId.in_subquery(classes));
    }
    if let Some(t) = f.teacher_id {
        let classes = Query::select()
            .column(group_class_teachers::Column::GroupClassId)
            .from(group_class_teachers::Entity)
            .and_where(group_class_teachers::Column::TeacherId.eq(t))
            .to_owned();
        c = c.add(
            Condition::any()
                .add(sessions::Column::TeacherId.eq(t))
                .add(sessions::Column::GroupClassId.in_subquery(classes)),
        );
    }
    c
}

/// One page of sessions by start time, and the total.
pub async fn list(
    db: &Db,
    filter: &SessionFilter,
    page: Page,
) -> Result<(Vec<SessionView>, u64), DbError> {
    let q = sessions::Entity::find().filter(condition(filter));
    let total = q.clone().count(db.reader()).await?;
    let rows = q
        .order_by_asc(sessions::Column::StartAt)
        .order_by_asc(sessions::Column::Id)
        .offset(page.offset())
        .limit(page.page_size)
        .all(db.reader())
        .await?;
    Ok((views(db.reader(), rows).await?, total))
}

/// Every session matching `filter`, by start time (for bounded ranges only).
pub async fn list_all(
    conn: &impl Reader,
    filter: &SessionFilter,
) -> Result<Vec<SessionView>, DbError> {
    let conn = conn.conn();
    let rows = sessions::Entity::find()
        .filter(condition(filter))
        .order_by_asc(sessions::Column::StartAt)
        .order_by_asc(sessions::Column::Id)
        .all(conn)
        .await?;
    views(conn, rows).await
}

/// One session.
pub async fn get(conn: &impl Reader, id: i64) -> Result<Option<SessionView>, DbError> {
    use sea_orm::{FromQueryResult, Statement, Value};
    let conn = conn.conn();
    let backend = conn.get_database_backend();
    let sql = format!(
        "SELECT {s}, \
         (SELECT COUNT(*) FROM bookings b WHERE b.session_id = s.id AND b.status = '{confirmed}') \
           AS booked, \
         (SELECT COUNT(*) FROM waitlist_entries w WHERE w.session_id = s.id) AS waiting, \
         (SELECT g.title FROM group_classes g WHERE g.id = s.group_class_id) AS title \
         FROM sessions s WHERE s.id = {p1}",
        s = crate::sql::columns::<sessions::Column>("s"),
        confirmed = BookingStatus::Confirmed.as_str(),
        p1 = crate::sql::param(backend, 1),
    );
    let stmt = Statement::from_sql_and_values(backend, sql, [Value::from(id)]);
    let Some(row) = conn.query_one(stmt).await? else {
        return Ok(None);
    };
    Ok(Some(view(
        sessions::Model::from_query_result(&row, "s_")?,
        row.try_get("", "booked")?,
        row.try_get("", "waiting")?,
        row.try_get("", "title")?,
    )))
}

/// The sessions with these ids, with their counts (four queries whatever the number).
pub async fn by_ids(conn: &impl Reader, ids: &[i64]) -> Result<Vec<SessionView>, DbError> {
    let conn = conn.conn();
    let rows = sessions::Entity::find()
        .filter(sessions::Column::Id.is_in(ids.iter().copied()))
        .all(conn)
        .await?;
    views(conn, rows).await
}

/// The sessions of these group classes, by start, with their counts (four queries); with
/// `upcoming_from`, only the SCHEDULED ones starting then or later.
pub async fn of_classes(
    conn: &impl Reader,
    class_ids: &[i64],
    upcoming_from: Option<DateTime<Utc>>,
) -> Result<Vec<SessionView>, DbError> {
    let conn = conn.conn();
    let mut q = sessions::Entity::find()
        .filter(sessions::Column::GroupClassId.is_in(class_ids.iter().copied()));
    if let Some(from) = upcoming_from {
        q = q
            .filter(sessions::Column::Status.eq(SessionStatus::Scheduled.as_str()))
            .filter(sessions::Column::StartAt.gte(from));
    }
    let rows = q
        .order_by_asc(sessions::Column::StartAt)
        .order_by_asc(sessions::Column::Id)
        .all(conn)
        .await?;
    views(conn, rows).await
}

/// The `UNION ALL` parts that count, for the sessions in `ids` (an [`crate::sql::ids_param`]),
/// the seats booked (kind 0) and the students waiting (kind 1): rows `(kind, id, n, NULL)`.
pub(crate) fn seats_sql(ids: &str) -> String {
    format!(
        "SELECT 0 AS kind, session_id AS id, COUNT(*) AS n, NULL AS title FROM bookings \
           WHERE status = '{confirmed}' AND session_id IN ({ids}) GROUP BY session_id \
         UNION ALL SELECT 1, session_id, COUNT(*), NULL FROM waitlist_entries \
           WHERE session_id IN ({ids}) GROUP BY session_id",
        confirmed = BookingStatus::Confirmed.as_str()
    )
}

/// Adds counts and class titles to session rows, in one statement.
pub async fn views(
    conn: &impl Reader,
    rows: Vec<sessions::Model>,
) -> Result<Vec<SessionView>, DbError> {
    let conn = conn.conn();
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    // Seats, waiting lists and class titles in one statement, the ids as two parameters.
    let backend = conn.get_database_backend();
    let sql = format!(
        "{seats} UNION ALL SELECT 2, id, 0, title FROM group_classes WHERE id IN ({classes})",
        seats = seats_sql(&crate::sql::ids_param(backend, 1)),
        classes = crate::sql::ids_param(backend, 2),
    );
    let values = [
        crate::sql::json_ids(rows.iter().map(|s| s.id)),
        crate::sql::json_ids(rows.iter().filter_map(|s| s.group_class_id)),
    ];
    let mut booked: HashMap<i64, i64> = HashMap::new();
    let mut waiting: HashMap<i64, i64> = HashMap::new();
    let mut titles: HashMap<i64, String> = HashMap::new();
    for row in conn
        .query_all(sea_orm::Statement::from_sql_and_values(
            backend, sql, values,
        ))
        .await?
    {
        let kind: i32 = row.try_get_by_index(0)?;
        let id: i64 = row.try_get_by_index(1)?;
        match kind {
            0 => {
                booked.insert(id, row.try_get_by_index(2)?);
            }
            1 => {
                waiting.insert(id, row.try_get_by_index(2)?);
            }
            _ => {
                if let Some(t) = row.try_get_by_index::<Option<String>>(3)? {
                    titles.insert(id, t);
                }
            }
        }
    }
    Ok(rows
        .into_iter()
        .map(|s| {
            let (booked, waiting) = (
                booked.get(&s.id).copied().unwrap_or(0),
                waiting.get(&s.id).copied().unwrap_or(0),
            );
            let title = s.group_class_id.and_then(|g| titles.get(&g).cloned());
            view(s, booked, waiting, title)
        })
        .collect())
}

/// A session row with its counts and class title.
fn view(s: sessions::Model, booked: i64, waiting: i64, title: Option<String>) -> SessionView {
    SessionView {
        booked_count: booked,
        waitlist_count: waiting,
        title,
        id: s.id,
        kind: s.kind(),
        status: s.status(),
        start_at: s.start_at,
        end_at: s.end_at,
        teacher_id: s.teacher_id,
        group_class_id: s.group_class_id,
        capacity_max: s.capacity_max,
    }
}
