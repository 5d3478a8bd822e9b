//! Calendar feeds: the secret token of each user's feed and the rows a feed lists, read in a fixed
//! number of statements however many bookings and sessions there are.

use aula_domain::{BookingStatus, SessionStatus};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QuerySelect,
    Statement, Value,
};

use crate::accounts::{self, UserRecord};
use crate::entities::users;
use crate::sql::param;
use crate::{Db, DbError, decode};

/// The user's feed token, storing `fresh` first when the user has none yet. Two first calls at
/// once agree: only the write that finds the column empty lands, and both read back the winner.
pub async fn ensure_token(db: &Db, user_id: i64, fresh: &str) -> Result<String, DbError> {
    if let Some(token) = token_of(db.reader(), user_id).await? {
        return Ok(token);
    }
    let q = Query::update()
        .table(users::Entity)
        .value(users::Column::CalendarToken, fresh)
        .and_where(Expr::col(users::Column::Id).eq(user_id))
        .and_where(Expr::col(users::Column::CalendarToken).is_null())
        .to_owned();
    db.writer().execute(db.db_backend().build(&q)).await?;
    // Read where the write ran, so the answer is the stored token whoever wrote it.
    token_of(db.writer(), user_id)
        .await?
        .ok_or(DbError::NotFound)
}

/// Replaces the user's feed token with `fresh`: the old one stops matching at once.
pub async fn rotate_token(db: &Db, user_id: i64, fresh: &str) -> Result<(), DbError> {
    let q = Query::update()
        .table(users::Entity)
        .value(users::Column::CalendarToken, fresh)
        .and_where(Expr::col(users::Column::Id).eq(user_id))
        .to_owned();
    let done = db.writer().execute(db.db_backend().build(&q)).await?;
    if done.rows_affected() == 1 {
        Ok(())
    } else {
        Err(DbError::NotFound)
    }
}

async fn token_of(conn: &impl ConnectionTrait, user_id: i64) -> Result<Option<String>, DbError> {
    let token: Option<Option<String>> = users::Entity::find_by_id(user_id)
        .select_only()
        .column(users::Column::CalendarToken)
        .into_tuple()
        .one(conn)
        .await?;
    Ok(token.flatten())
}

/// The user whose feed has this token.
pub async fn owner(db: &Db, token: &str) -> Result<Option<UserRecord>, DbError> {
    let id: Option<i64> = users::Entity::find()
        .select_only()
        .column(users::Column::Id)
        .filter(users::Column::CalendarToken.eq(token))
        .into_tuple()
        .one(db.reader())
        .await?;
    match id {
        Some(id) => accounts::find_by_id(db, id).await,
        None => Ok(None),
    }
}

/// One line of a feed: a session the user booked (with the booking) or teaches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarEntry {
    /// The booking's id and status; `None` for a session the user teaches.
    pub booking: Option<(i64, BookingStatus)>,
    pub session_id: i64,
    pub session_status: SessionStatus,
    pub start_at: DateTime<Utc>,
    pub end_at: DateTime<Utc>,
    /// The IANA zone the session was scheduled in, when known.
    pub source_timezone: Option<String>,
    /// The group class's title; `None` for a private lesson.
    pub title: Option<String>,
    /// First and last name of the session's teacher.
    pub teacher_name: String,
}

#[derive(FromQueryResult)]
struct Row {
    booking_id: Option<i64>,
    booking_status: Option<String>,
    session_id: i64,
    session_status: String,
    start_at: DateTime<Utc>,
    end_at: DateTime<Utc>,
    source_timezone: Option<String>,
    title: Option<String>,
    first_name: Option<String>,
    last_name: Option<String>,
}

impl From<Row> for CalendarEntry {
    fn from(r: Row) -> Self {
        let name = format!(
            "{} {}",
            r.first_name.unwrap_or_default(),
            r.last_name.unwrap_or_default()
        );
        Self {
            booking: r
                .booking_id
                .zip(r.booking_status.as_deref().map(decode::<BookingStatus>)),
            session_id: r.session_id,
            session_status: decode(&r.session_status),
            start_at: r.start_at,
            end_at: r.end_at,
            source_timezone: r.source_timezone,
            title: r.title,
            teacher_name: name.trim().to_owned(),
        }
    }
}

/// The session columns every line reads, with the class title and the teacher's name.
const COLUMNS: &str = "s.id AS session_id, s.status AS session_status, s.start_at, s.end_at, \
    s.source_timezone, g.title, u.first_name, u.last_name";

/// The joins behind [`COLUMNS`], from `sessions s`.
const JOINS: &str = "LEFT JOIN group_classes g ON g.id = s.group_class_id \
    LEFT JOIN teachers t ON t.id = s.teacher_id LEFT JOIN users u ON u.id = t.user_id";

/// Every booking of the student whose session starts at `from` or later (all statuses: a booking
/// is CONFIRMED when made, so each one is or was), and for a teacher every session they teach
/// (their own, and those of the group classes they teach) from then on: one statement each.
pub async fn entries(
    db: &Db,
    student_id: i64,
    teacher_id: Option<i64>,
    from: DateTime<Utc>,
) -> Result<Vec<CalendarEntry>, DbError> {
    let b = db.db_backend();
    let (p1, p2) = (param(b, 1), param(b, 2));
    let booked = format!(
        "SELECT b.id AS booking_id, b.status AS booking_status, {COLUMNS} \
         FROM bookings b JOIN sessions s ON s.id = b.session_id {JOINS} \
         WHERE b.student_id = {p1} AND s.start_at >= {p2} ORDER BY s.start_at, b.id"
    );
    let mut out = read(db, booked, student_id, from).await?;
    if let Some(teacher_id) = teacher_id {
        let taught = format!(
            "SELECT CAST(NULL AS BIGINT) AS booking_id, CAST(NULL AS TEXT) AS booking_status, {COLUMNS} \
              FROM sessions s {JOINS} \
             WHERE s.start_at >= {p2} AND (s.teacher_id = {p1} OR s.group_class_id IN \
               (SELECT group_class_id FROM group_class_teachers WHERE teacher_id = {p1})) \
             ORDER BY s.start_at, s.id"
        );
        out.extend(read(db, taught, teacher_id, from).await?);
    }
    Ok(out)
}

async fn read(
    db: &Db,
    sql: String,
    id: i64,
    from: DateTime<Utc>,
) -> Result<Vec<CalendarEntry>, DbError> {
    let stmt =
        Statement::from_sql_and_values(db.db_backend(), sql, [Value::from(id), Value::from(from)]);
    let rows = Row::find_by_statement(stmt).all(db.reader()).await?;
    Ok(rows.into_iter().map(CalendarEntry::from).collect())
}
