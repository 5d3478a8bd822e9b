//! The outbox: mails written in the transaction of the change that causes them, claimed by the
//! delivery worker with a lease (several server processes never hold the same mail), and marked
//! sent, logged, skipped, failed or due again.

use std::collections::HashMap;

use aula_domain::mail::{MAX_TRIES, MailKind, MailStatus, retry_delay};
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{ConnectionTrait, EntityTrait, FromQueryResult, QueryOrder, QuerySelect, Statement};

use crate::entities::outbox;
use crate::sql::param;
use crate::{Db, DbError, decode};

/// A mail to write: its kind, to whom, the values its text names, and when it is due.
#[derive(Debug, Clone)]
pub struct NewMail {
    pub kind: MailKind,
    pub user_id: i64,
    /// What the mail's text names (ids, amounts, a link's token), as JSON.
    pub payload: serde_json::Value,
    /// Not before this instant (reminders), else at once.
    pub due_at: DateTime<Utc>,
    /// At most one mail per key (a reminder per booking, a receipt per checkout).
    pub dedupe_key: Option<String>,
}

impl NewMail {
    /// A mail of `kind` to `user_id`, due at once.
    pub fn now(
        kind: MailKind,
        user_id: i64,
        payload: serde_json::Value,
        now: DateTime<Utc>,
    ) -> Self {
        Self {
            kind,
            user_id,
            payload,
            due_at: now,
            dedupe_key: None,
        }
    }

    /// The same mail, written only once for `key`.
    pub fn once(mut self, key: impl Into<String>) -> Self {
        self.dedupe_key = Some(key.into());
        self
    }

    /// The same mail, due at `at`.
    pub fn due(mut self, at: DateTime<Utc>) -> Self {
        self.due_at = at;
        self
    }
}

/// Writes a mail to the outbox on `c` (the caller's transaction, so the mail exists exactly when
/// the change that causes it does). A mail whose dedupe key was written before is not written again.
pub async fn enqueue<C: ConnectionTrait>(
    c: &C,
    mail: NewMail,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let one = [(mail.kind, mail.payload, mail.due_at, mail.dedupe_key)];
    write(c, To::User(mail.user_id), &one, now).await
}

/// Writes mails to the student `student_id` (to the user behind the student) on `c`, all in one
/// statement: the caller's transaction gets one more statement however many mails it writes.
/// `(kind, payload, due_at, dedupe_key)` per mail; a mail whose dedupe key was written before is
/// not written again.
pub async fn enqueue_for_student<C: ConnectionTrait>(
    c: &C,
    student_id: i64,
    mails: &[Mail],
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    write(c, To::Student(student_id), mails, now).await
}

/// Whom mails are written to: a user, or the user behind a student.
enum To {
    User(i64),
    Student(i64),
}

/// The one statement that writes mails to the outbox (see [`enqueue_for_student`]).
async fn write<C: ConnectionTrait>(
    c: &C,
    to: To,
    mails: &[Mail],
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let b = c.get_database_backend();
    if let Some((sql, values)) = write_statement(b, to, mails, now, 0) {
        c.execute(Statement::from_sql_and_values(b, sql, values))
            .await?;
    }
    Ok(())
}

/// `(kind, payload, due_at, dedupe_key)` of a mail to write.
type Mail = (MailKind, serde_json::Value, DateTime<Utc>, Option<String>);

/// The statement that writes `mails` (none when there is nothing to write), its parameters
/// numbered from `first + 1` on, so it can follow other statements sent with it in one call.
fn write_statement(
    b: sea_orm::DbBackend,
    to: To,
    mails: &[Mail],
    now: DateTime<Utc>,
    first: usize,
) -> Option<(String, Vec<sea_orm::Value>)> {
    if mails.is_empty() {
        return None;
    }
    let (id, user, table) = match to {
        To::User(id) => (id, "id", "users"),
        To::Student(id) => (id, "user_id", "students"),
    };
    let mut values: Vec<sea_orm::Value> = vec![id.into(), now.into()];
    let mut selects = Vec::new();
    for (kind, payload, due_at, key) in mails {
        let n = first + values.len();
        let (pk, pp, pd, pkey) = (
            param(b, n + 1),
            param(b, n + 2),
            param(b, n + 3),
            param(b, n + 4),
        );
        values.push(kind.as_str().into());
        values.push(payload.to_string().into());
        values.push((*due_at).into());
        values.push(key.clone().into());
        selects.push(format!(
            "SELECT CAST({pk} AS TEXT), {user}, CAST({pp} AS TEXT), CAST({pkey} AS TEXT), \
             'QUEUED', 0, {pd}, {now} FROM {table} WHERE id = {id}",
            now = param(b, first + 2),
            id = param(b, first + 1),
        ));
    }
    let sql = format!(
        "INSERT INTO outbox (kind, user_id, payload, dedupe_key, status, attempts, due_at, \
         created_at) {} ON CONFLICT (dedupe_key) DO NOTHING",
        selects.join(" UNION ALL ")
    );
    Some((sql, values))
}

/// A booking's confirmation (or, for a student taken off the waiting list, the mail saying so)
/// and its reminder 24 h before `start` when that is still ahead: one statement.
pub async fn booked<C: ConnectionTrait>(
    c: &C,
    student_id: i64,
    booking_id: i64,
    start: DateTime<Utc>,
    promoted: bool,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let mails = booked_mails(booking_id, start, promoted, now);
    write(c, To::Student(student_id), &mails, now).await
}

/// The statement [`booked`] sends for a new booking, its parameters numbered from `first + 1`
/// on: the caller sends it in one call with the booking's own statements.
pub(crate) fn booked_statement(
    b: sea_orm::DbBackend,
    student_id: i64,
    booking_id: i64,
    start: DateTime<Utc>,
    now: DateTime<Utc>,
    first: usize,
) -> Option<(String, Vec<sea_orm::Value>)> {
    let mails = booked_mails(booking_id, start, false, now);
    write_statement(b, To::Student(student_id), &mails, now, first)
}

/// A booking's confirmation (or waitlist promotion), and its reminder while that is ahead.
fn booked_mails(
    booking_id: i64,
    start: DateTime<Utc>,
    promoted: bool,
    now: DateTime<Utc>,
) -> Vec<Mail> {
    let payload = serde_json::json!({ "bookingId": booking_id });
    let kind = if promoted {
        MailKind::WaitlistPromoted
    } else {
        MailKind::BookingConfirmed
    };
    let mut mails = vec![(kind, payload.clone(), now, None)];
    let remind_at = start - aula_domain::mail::reminder_lead();
    if remind_at > now {
        let key = format!("reminder:{booking_id}");
        mails.push((MailKind::Reminder, payload, remind_at, Some(key)));
    }
    mails
}

/// A mail of the outbox with its recipient's address, language and zone.
#[derive(Debug, Clone)]
pub struct MailRecord {
    pub id: i64,
    pub kind: MailKind,
    pub user_id: i64,
    pub payload: serde_json::Value,
    pub status: MailStatus,
    /// Tries started so far.
    pub attempts: i32,
    pub due_at: DateTime<Utc>,
    pub subject: Option<String>,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub locale: Option<String>,
    pub timezone: Option<String>,
}

#[derive(FromQueryResult)]
struct Row {
    id: i64,
    kind: String,
    user_id: i64,
    payload: String,
    status: String,
    attempts: i32,
    due_at: DateTime<Utc>,
    subject: Option<String>,
    last_error: Option<String>,
    created_at: DateTime<Utc>,
    sent_at: Option<DateTime<Utc>>,
    email: String,
    first_name: String,
    last_name: String,
    locale: Option<String>,
    timezone: Option<String>,
}

impl From<Row> for MailRecord {
    fn from(r: Row) -> Self {
        Self {
            id: r.id,
            kind: decode(&r.kind),
            user_id: r.user_id,
            payload: serde_json::from_str(&r.payload).unwrap_or(serde_json::Value::Null),
            status: decode(&r.status),
            attempts: r.attempts,
            due_at: r.due_at,
            subject: r.subject,
            last_error: r.last_error,
            created_at: r.created_at,
            sent_at: r.sent_at,
            email: r.email,
            first_name: r.first_name,
            last_name: r.last_name,
            locale: r.locale,
            timezone: r.timezone,
        }
    }
}

const SELECT: &str = "SELECT o.id, o.kind, o.user_id, o.payload, o.status, o.attempts, o.due_at, \
    o.subject, o.last_error, o.created_at, o.sent_at, u.email, u.first_name, u.last_name, \
    u.locale, u.timezone FROM outbox o JOIN users u ON u.id = o.user_id";

/// Claims up to `limit` mails that are due (queued and due, or held by a worker whose lease ended:
/// a try cut off by a crash) for `lease`, counting a try each. Several processes claiming at once
/// never get the same mail: on PostgreSQL the rows are locked with `FOR UPDATE SKIP LOCKED`; on
/// SQLite the one writer claims.
pub async fn claim(
    db: &Db,
    now: DateTime<Utc>,
    lease: Duration,
    limit: u64,
) -> Result<Vec<MailRecord>, DbError> {
    let b = db.db_backend();
    let lock = match db.backend() {
        crate::Backend::Postgres => " FOR UPDATE SKIP LOCKED",
        crate::Backend::Sqlite => "",
    };
    let (p1, p2, p3) = (param(b, 1), param(b, 2), param(b, 3));
    let sql = format!(
        "UPDATE outbox SET status = 'SENDING', claimed_until = {p1}, attempts = attempts + 1 \
         WHERE id IN (SELECT id FROM outbox WHERE (status = 'QUEUED' AND due_at <= {p2}) \
         OR (status = 'SENDING' AND claimed_until <= {p2}) ORDER BY due_at, id LIMIT {p3}{lock}) \
         RETURNING id"
    );
    let txn = db.begin_writing().await?;
    let ids: Vec<i64> = txn
        .query_all(Statement::from_sql_and_values(
            b,
            sql,
            [(now + lease).into(), now.into(), (limit as i64).into()],
        ))
        .await?
        .into_iter()
        .filter_map(|r| r.try_get_by_index::<i64>(0).ok())
        .collect();
    txn.commit().await?;
    by_ids(db, &ids).await
}

async fn by_ids(db: &Db, ids: &[i64]) -> Result<Vec<MailRecord>, DbError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let b = db.db_backend();
    let sql = format!(
        "{SELECT} WHERE o.id IN ({}) ORDER BY o.id",
        crate::sql::ids_param(b, 1)
    );
    let values = [crate::sql::json_ids(ids.iter().copied())];
    let rows = Row::find_by_statement(Statement::from_sql_and_values(b, sql, values))
        .all(db.writer())
        .await?;
    Ok(rows.into_iter().map(MailRecord::from).collect())
}

/// Records a claimed mail as handed to the SMTP server, with the subject it went out with; a
/// `secret` in its payload (a reset link's token) is blanked in the same statement. Does nothing
/// when this worker no longer holds it.
pub async fn sent(
    db: &Db,
    id: i64,
    subject: &str,
    secret: bool,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let mut q = Query::update();
    q.table(outbox::Entity)
        .value(outbox::Column::Status, MailStatus::Sent.as_str())
        .value(outbox::Column::ClaimedUntil, Option::<DateTime<Utc>>::None)
        .value(outbox::Column::SentAt, now)
        .value(outbox::Column::LastError, Option::<String>::None)
        .value(outbox::Column::Subject, subject)
        .and_where(Expr::col(outbox::Column::Id).eq(id))
        .and_where(Expr::col(outbox::Column::Status).eq(MailStatus::Sending.as_str()));
    if secret {
        q.value(outbox::Column::Payload, "{}");
    }
    db.writer().execute(db.db_backend().build(&q)).await?;
    Ok(())
}

/// Records a failed try of a claimed mail: due again after the back-off, or FAILED after the
/// last try or at once when `permanent` (a 5xx answer).
pub async fn failed_try(
    db: &Db,
    id: i64,
    attempts: i32,
    error: &str,
    permanent: bool,
    now: DateTime<Utc>,
) -> Result<MailStatus, DbError> {
    let status = if permanent || attempts >= MAX_TRIES {
        MailStatus::Failed
    } else {
        MailStatus::Queued
    };
    let error: String = error.chars().take(500).collect();
    let q = Query::update()
        .table(outbox::Entity)
        .value(outbox::Column::Status, status.as_str())
        .value(outbox::Column::ClaimedUntil, Option::<DateTime<Utc>>::None)
        .value(outbox::Column::DueAt, now + retry_delay(attempts))
        .value(outbox::Column::LastError, error)
        .and_where(Expr::col(outbox::Column::Id).eq(id))
        .and_where(Expr::col(outbox::Column::Status).eq(MailStatus::Sending.as_str()))
        .to_owned();
    db.writer().execute(db.db_backend().build(&q)).await?;
    Ok(status)
}

/// The most recent mails, newest first (the admin's outbox page).
pub async fn recent(db: &Db, limit: u64) -> Result<Vec<MailRecord>, DbError> {
    let ids: Vec<i64> = outbox::Entity::find()
        .select_only()
        .column(outbox::Column::Id)
        .order_by_desc(outbox::Column::Id)
        .limit(limit)
        .into_tuple()
        .all(db.reader())
        .await?;
    let mut found = by_ids(db, &ids).await?;
    found.reverse();
    Ok(found)
}

/// Every mail to one user, oldest first (tests and support).
pub async fn of_user(db: &Db, user_id: i64) -> Result<Vec<MailRecord>, DbError> {
    let sql = format!(
        "{SELECT} WHERE o.user_id = {} ORDER BY o.id",
        param(db.db_backend(), 1)
    );
    let rows = Row::find_by_statement(Statement::from_sql_and_values(
        db.db_backend(),
        sql,
        [user_id.into()],
    ))
    .all(db.reader())
    .await?;
    Ok(rows.into_iter().map(MailRecord::from).collect())
}

/// Puts a FAILED mail back in the queue with its tries counted afresh (the admin's "Retry").
/// False when the mail is not failed.
pub async fn retry(db: &Db, id: i64, now: DateTime<Utc>) -> Result<bool, DbError> {
    let q = Query::update()
        .table(outbox::Entity)
        .value(outbox::Column::Status, MailStatus::Queued.as_str())
        .value(outbox::Column::Attempts, 0)
        .value(outbox::Column::DueAt, now)
        .and_where(Expr::col(outbox::Column::Id).eq(id))
        .and_where(Expr::col(outbox::Column::Status).eq(MailStatus::Failed.as_str()))
        .to_owned();
    let done = db.writer().execute(db.db_backend().build(&q)).await?;
    Ok(done.rows_affected() == 1)
}

/// What a mail about a booking names: its session and whether it still holds a seat.
#[derive(Debug, Clone, FromQueryResult)]
pub struct BookingFacts {
    pub booking_id: i64,
    pub booking_status: String,
    pub session_status: String,
    pub kind: String,
    pub start_at: DateTime<Utc>,
    pub end_at: DateTime<Utc>,
    /// The class title (none for a private lesson).
    pub title: Option<String>,
    pub teacher_first_name: String,
    pub teacher_last_name: String,
    /// The zone the session was scheduled in, if one was given.
    pub source_timezone: Option<String>,
}

/// The facts of these bookings for their mails, by booking id (one statement).
pub async fn booking_facts(
    db: &Db,
    booking_ids: &[i64],
) -> Result<HashMap<i64, BookingFacts>, DbError> {
    if booking_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let sql = format!(
        "SELECT b.id AS booking_id, b.status AS booking_status, s.status AS session_status, \
         s.type AS kind, s.start_at, s.end_at, g.title, u.first_name AS teacher_first_name, \
         u.last_name AS teacher_last_name, s.source_timezone FROM bookings b \
         JOIN sessions s ON s.id = b.session_id LEFT JOIN group_classes g ON g.id = s.group_class_id \
         JOIN teachers t ON t.id = s.teacher_id JOIN users u ON u.id = t.user_id \
         WHERE b.id IN ({})",
        crate::sql::ids_param(db.db_backend(), 1)
    );
    let values = [crate::sql::json_ids(booking_ids.iter().copied())];
    let rows = BookingFacts::find_by_statement(Statement::from_sql_and_values(
        db.db_backend(),
        sql,
        values,
    ))
    .all(db.reader())
    .await?;
    Ok(rows.into_iter().map(|f| (f.booking_id, f)).collect())
}

/// What a receipt names: the purchase.
#[derive(Debug, Clone, FromQueryResult)]
pub struct PurchaseFacts {
    pub student_package_id: i64,
    pub package_name: String,
    pub amount_minor: i64,
    pub currency: String,
    pub purchased_at: DateTime<Utc>,
    /// The purchase enrols in a course (the receipt links to the student's courses).
    pub courses: i64,
}

/// The facts of these purchases for their receipts, by student package id (one statement).
pub async fn purchase_facts(
    db: &Db,
    student_package_ids: &[i64],
) -> Result<HashMap<i64, PurchaseFacts>, DbError> {
    if student_package_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let sql = format!(
        "SELECT sp.id AS student_package_id, sp.package_name, sp.amount_minor, sp.currency, \
         sp.purchased_at, (SELECT COUNT(*) FROM package_allowances a \
         WHERE a.package_id = sp.package_id AND a.service_type = 'COURSE') AS courses \
         FROM student_packages sp WHERE sp.id IN ({})",
        crate::sql::ids_param(db.db_backend(), 1)
    );
    let values = [crate::sql::json_ids(student_package_ids.iter().copied())];
    let rows = PurchaseFacts::find_by_statement(Statement::from_sql_and_values(
        db.db_backend(),
        sql,
        values,
    ))
    .all(db.reader())
    .await?;
    Ok(rows
        .into_iter()
        .map(|f| (f.student_package_id, f))
        .collect())
}

/// Ends many claimed mails at once (logged or no longer needed), each with its subject: one
/// statement. Mails this worker no longer holds are left alone.
pub async fn finish_many(
    db: &Db,
    done: &[(i64, MailStatus, Option<String>)],
) -> Result<(), DbError> {
    if done.is_empty() {
        return Ok(());
    }
    let b = db.db_backend();
    let mut values: Vec<sea_orm::Value> = Vec::new();
    let mut status = String::from("CASE id");
    let mut subject = String::from("CASE id");
    // Every value is a parameter, so the text depends only on how many mails there are (one
    // prepared statement per batch size, not per batch).
    values.push(crate::sql::json_ids(done.iter().map(|d| d.0)));
    let ids = crate::sql::ids_param(b, 1);
    for (id, st, subj) in done {
        values.push((*id).into());
        let pid = param(b, values.len());
        values.push(st.as_str().into());
        status.push_str(&format!(" WHEN {pid} THEN {}", param(b, values.len())));
        values.push(subj.clone().into());
        subject.push_str(&format!(" WHEN {pid} THEN {}", param(b, values.len())));
    }
    let sql = format!(
        "UPDATE outbox SET status = {status} END, subject = {subject} END, claimed_until = NULL, \
         last_error = NULL WHERE status = 'SENDING' AND id IN ({ids})"
    );
    db.writer()
        .execute(Statement::from_sql_and_values(b, sql, values))
        .await?;
    Ok(())
}

/// Deletes mails that are done with (sent, logged, no longer needed) and were written before
/// `before`; failed mails stay for the admin. Returns how many.
pub async fn purge_done(db: &Db, before: DateTime<Utc>) -> Result<u64, DbError> {
    use sea_orm::{ColumnTrait, QueryFilter};
    let done = [MailStatus::Sent, MailStatus::Logged, MailStatus::Skipped].map(MailStatus::as_str);
    let deleted = outbox::Entity::delete_many()
        .filter(outbox::Column::Status.is_in(done))
        .filter(outbox::Column::CreatedAt.lt(before))
        .exec(db.writer())
        .await?;
    Ok(deleted.rows_affected)
}
