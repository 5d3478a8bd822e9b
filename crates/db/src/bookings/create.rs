//! New bookings: a session paid with credits, a private lesson from a free slot, a course step.

use aula_domain::credits::{self, AllowanceTerms, Ledger, PurchaseState, SessionTerms};
use aula_domain::schedule::Interval;
use aula_domain::{
    BookingKind, BookingStatus, Conflict, LedgerKind, SessionKind, SessionStatus, StepStatus,
};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    Set,
};

use super::{BookingRecord, Seats, ensure_bookable, ensure_seat, lock_session, seat_taken};
use crate::entities::{
    bookings, course_step_options, course_steps, package_allowances, package_uses, sessions,
    step_progress, student_packages, teachers,
};
use crate::packages::allowance as allowance_record;
use crate::{Db, DbError, availability};

/// What to book with credits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// An existing session.
    Session(i64),
    /// A new PRIVATE session from a teacher's free slot.
    NewPrivate {
        teacher_id: i64,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    },
}

/// Paying with one allowance of one purchase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CreditRequest {
    pub student_id: i64,
    pub student_package_id: i64,
    pub allowance_id: i64,
    pub confirm_cross_tier: bool,
}

/// Booking a course step in one session of one of its options.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StepRequest {
    pub student_id: i64,
    pub session_id: i64,
    pub course_step_id: i64,
    pub student_package_id: Option<i64>,
}

/// Books with credits in one transaction.
pub async fn book_credit(
    db: &Db,
    target: Target,
    req: CreditRequest,
    now: DateTime<Utc>,
) -> Result<BookingRecord, DbError> {
    if let (Target::Session(id), crate::Backend::Sqlite) = (target, db.backend()) {
        // The lock, the seat count and the credit facts in one call, the writes in another.
        // Not on PostgreSQL: a statement that waited for the row lock still reads with the
        // snapshot it began with, so the count must come from the next statement, which sees
        // the rows committed first.
        return book_session_sqlite(db, id, req, now).await;
    }
    // Both targets begin with a row lock (a write): the write lock is taken by it.
    let txn = db.begin_writing().await?;
    let session = match target {
        Target::Session(id) => lock_session(&txn, id).await?,
        Target::NewPrivate {
            teacher_id,
            start,
            end,
        } => new_private_session_in(&txn, teacher_id, Interval::new(start, end), now).await?,
    };
    let student_id = req.student_id;
    let booking = book_credit_in(&txn, &session, req, now, None).await?;
    crate::outbox::booked(&txn, student_id, booking.id, session.start_at, false, now).await?;
    txn.commit().await?;
    Ok(booking)
}

/// A credit booking of an existing session on SQLite, in two calls to the writer connection:
/// `BEGIN IMMEDIATE`, the session locked with its seats, the credit facts and the next booking id;
/// then the booking, its ledger row, its mails and `COMMIT`. The rules run between the two.
///
/// The transaction holds the database's write lock from its first statement on and every other
/// writer queues behind it, so each call saved (a hop to the connection's thread and back, which
/// is most of a booking's time on SQLite) shortens that queue: a SeaORM transaction needs four
/// (its BEGIN and COMMIT are calls of their own). The booking is written by the booking lane
/// ([`BookingLane`]), so nothing stops it halfway (a request that goes away would otherwise leave
/// the connection inside its transaction); any error rolls back whatever ran.
async fn book_session_sqlite(
    db: &Db,
    session_id: i64,
    req: CreditRequest,
    now: DateTime<Utc>,
) -> Result<BookingRecord, DbError> {
    let gone = || DbError::Other(sea_orm::DbErr::Custom("the booking lane stopped".into()));
    let (reply, answer) = tokio::sync::oneshot::channel();
    db.booking_lane()
        .ok_or_else(gone)?
        .jobs
        .send(LaneJob {
            session_id,
            req,
            now,
            reply,
        })
        .map_err(|_| gone())?;
    answer.await.map_err(|_| gone())?
}

/// SQLite: the credit bookings of existing sessions, written one after the other by one task on
/// the writer connection. The task keeps the connection while bookings wait (up to
/// [`LANE_RUN`] of them, then it lets other writers in), instead of taking it from the pool and
/// giving it back for each (sqlx tests a connection with a call to its thread every time it goes
/// back, and the next writer waits for that).
pub(crate) struct BookingLane {
    jobs: tokio::sync::mpsc::UnboundedSender<LaneJob>,
}

/// Bookings written in a row before the lane gives the writer connection back.
const LANE_RUN: usize = 32;

/// One booking for the lane, and where its answer goes.
struct LaneJob {
    session_id: i64,
    req: CreditRequest,
    now: DateTime<Utc>,
    reply: tokio::sync::oneshot::Sender<Result<BookingRecord, DbError>>,
}

impl std::fmt::Debug for BookingLane {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("BookingLane")
    }
}

impl BookingLane {
    /// Starts the lane's task on `pool` (the writer's); it ends when the last handle is dropped.
    pub(crate) fn start(
        pool: sea_orm::sqlx::SqlitePool,
        statements: crate::connect::Statements,
    ) -> Self {
        let (jobs, mut waiting) = tokio::sync::mpsc::unbounded_channel::<LaneJob>();
        tokio::spawn(async move {
            while let Some(first) = waiting.recv().await {
                let mut conn = match pool.acquire().await {
                    Ok(conn) => conn,
                    Err(e) => {
                        let _ = first.reply.send(Err(sqlx_error(e)));
                        continue;
                    }
                };
                let mut next = Some(first);
                let mut written = 0;
                while let Some(job) = next.take() {
                    let booked =
                        book_session_on(&mut conn, &statements, job.session_id, job.req, job.now)
                            .await;
                    if booked.is_err() {
                        // Fails harmlessly when the transaction never began.
                        let _ = sea_orm::sqlx::query("ROLLBACK").execute(&mut *conn).await;
                    }
                    let _ = job.reply.send(booked);
                    written += 1;
                    if written < LANE_RUN {
                        next = waiting.try_recv().ok();
                    }
                }
            }
        });
        Self { jobs }
    }
}

/// The two calls of [`book_session_sqlite`] on its connection.
async fn book_session_on(
    conn: &mut sea_orm::sqlx::SqliteConnection,
    statements: &crate::connect::Statements,
    session_id: i64,
    req: CreditRequest,
    now: DateTime<Utc>,
) -> Result<BookingRecord, DbError> {
    use sea_orm::{FromQueryResult, QueryResult};
    let confirmed = BookingStatus::Confirmed.as_str();
    // Parameters: 1 session, 2 student, 3 purchase, 4 allowance. Under the write lock nothing
    // else inserts a booking, so the next id is the one AUTOINCREMENT would give.
    let lock = format!(
        "BEGIN IMMEDIATE; \
         UPDATE sessions SET capacity_max = capacity_max WHERE id = ?1 RETURNING *, \
         'session' AS part, {seats}, \
         MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'bookings'), 0), \
           COALESCE((SELECT MAX(id) FROM bookings), 0)) + 1 AS next_booking_id; {facts}",
        seats = Seats::columns_sql("sessions.id", "?2"),
        facts = credit_facts_sql(
            sea_orm::DbBackend::Sqlite,
            FactsParams {
                student_package: 3,
                allowance: 4,
                student: Some(2),
                teacher: "(SELECT teacher_id FROM sessions WHERE id = ?1)".into(),
            },
        )
    );
    let values = [
        sea_orm::Value::from(session_id),
        sea_orm::Value::from(req.student_id),
        sea_orm::Value::from(req.student_package_id),
        sea_orm::Value::from(req.allowance_id),
    ];
    statements.note(&lock, &values);
    let rows: Vec<QueryResult> = bind(sea_orm::sqlx::query(&lock), &values)?
        .fetch_all(&mut *conn)
        .await
        .map_err(sqlx_error)?
        .into_iter()
        .map(QueryResult::from)
        .collect();
    let (locked, credit): (Vec<_>, Vec<_>) = rows.iter().partition(|r| {
        r.try_get::<String>("", "part")
            .is_ok_and(|p| p == "session")
    });
    // The rules in their order: the session, its seats, then the credit.
    let row = locked.first().ok_or(DbError::NotFound)?;
    let session = sessions::Model::from_query_result(row, "")?;
    ensure_bookable(&session, now)?;
    Seats::of_row(row)?.ensure(&session)?;
    let booking_id: i64 = row.try_get("", "next_booking_id")?;
    let (allowance, teacher_tier, ledger, sp) =
        credit_facts_of(credit.first().ok_or(DbError::NotFound)?, true)?;
    let sp = sp.ok_or(DbError::NotFound)?;
    let cost = credit_cost(&session, req, &sp, &allowance, teacher_tier, ledger, now)?;

    // Parameters: 1 booking, 2 session, 3 student, 4 purchase, 5 allowance, 6 cost, 7 now;
    // the mails' from 8 on.
    let mut write = format!(
        "INSERT INTO bookings (id, session_id, student_id, status, kind, student_package_id, \
           allowance_id, course_step_id, credits_cost, rescheduled_count, rescheduled_from_id, \
           cancelled_by_student, created_at, updated_at) \
         VALUES (?1, ?2, ?3, '{confirmed}', '{credit}', ?4, ?5, NULL, ?6, 0, NULL, FALSE, ?7, ?7) \
         RETURNING *; \
         INSERT INTO package_uses (student_package_id, allowance_id, kind, credits, booking_id, \
           session_id, created_at) VALUES (?4, ?5, '{spend}', ?6, ?1, ?2, ?7)",
        credit = BookingKind::Credit.as_str(),
        spend = LedgerKind::Use.as_str(),
    );
    let mut values = vec![
        sea_orm::Value::from(booking_id),
        sea_orm::Value::from(session.id),
        sea_orm::Value::from(req.student_id),
        sea_orm::Value::from(req.student_package_id),
        sea_orm::Value::from(req.allowance_id),
        sea_orm::Value::from(cost),
        sea_orm::Value::from(now),
    ];
    if let Some((mails, more)) = crate::outbox::booked_statement(
        sea_orm::DbBackend::Sqlite,
        req.student_id,
        booking_id,
        session.start_at,
        now,
        values.len(),
    ) {
        write.push_str("; ");
        write.push_str(&mails);
        values.extend(more);
    }
    write.push_str("; COMMIT");
    statements.note(&write, &values);
    let rows = bind(sea_orm::sqlx::query(&write), &values)?
        .fetch_all(&mut *conn)
        .await
        .map_err(|e| seat_taken(sqlx_error(e)))?;
    let row = QueryResult::from(rows.into_iter().next().ok_or(DbError::NotFound)?);
    Ok(bookings::Model::from_query_result(&row, "")
        .map_err(DbError::from)?
        .into())
}

/// A query with these values bound in order (the kinds the booking path sends).
fn bind<'q>(
    mut query: sea_orm::sqlx::query::Query<
        'q,
        sea_orm::sqlx::Sqlite,
        sea_orm::sqlx::sqlite::SqliteArguments<'q>,
    >,
    values: &[sea_orm::Value],
) -> Result<
    sea_orm::sqlx::query::Query<
        'q,
        sea_orm::sqlx::Sqlite,
        sea_orm::sqlx::sqlite::SqliteArguments<'q>,
    >,
    DbError,
> {
    use sea_orm::Value;
    for v in values {
        query = match v {
            Value::BigInt(x) => query.bind(*x),
            Value::Int(x) => query.bind(*x),
            Value::Bool(x) => query.bind(*x),
            Value::String(x) => query.bind(x.as_deref().cloned()),
            Value::ChronoDateTimeUtc(x) => query.bind(x.as_deref().copied()),
            other => {
                return Err(DbError::Other(sea_orm::DbErr::Custom(format!(
                    "cannot bind {other:?} on the booking path"
                ))));
            }
        };
    }
    Ok(query)
}

/// An error of a statement sent without SeaORM, as SeaORM would report it (so a unique index
/// is `Duplicate` and an unreachable database `Unavailable`).
fn sqlx_error(e: sea_orm::sqlx::Error) -> DbError {
    sea_orm::DbErr::Query(sea_orm::RuntimeErr::SqlxError(e)).into()
}

/// Creates a PRIVATE session in a free slot of the teacher (409 `slot_unavailable` otherwise).
pub(crate) async fn new_private_session_in(
    txn: &DatabaseTransaction,
    teacher_id: i64,
    slot: Interval,
    now: DateTime<Utc>,
) -> Result<sessions::Model, DbError> {
    let unavailable = || {
        DbError::refused(
            Conflict::SlotUnavailable,
            "the teacher is not available at that time",
        )
    };
    // Locks the teacher: private bookings and class changes of one teacher queue here.
    let locked = teachers::Entity::update_many()
        .col_expr(
            teachers::Column::Tier,
            Expr::col(teachers::Column::Tier).into(),
        )
        .filter(teachers::Column::Id.eq(teacher_id))
        .filter(teachers::Column::RevokedAt.is_null())
        .filter(teachers::Column::IsActive.eq(true))
        .exec(txn)
        .await?;
    if locked.rows_affected == 0 {
        return Err(unavailable());
    }
    let avail = availability::load_many_in(txn, &[teacher_id])
        .await?
        .remove(&teacher_id)
        .ok_or_else(unavailable)?;
    let busy: Vec<Interval> = availability::busy(txn, &[teacher_id], slot.start, slot.end)
        .await?
        .remove(&teacher_id)
        .unwrap_or_default()
        .into_iter()
        .map(|b| b.interval)
        .collect();
    if !avail.offers(&busy, slot, now) {
        return Err(unavailable());
    }
    let session = sessions::ActiveModel {
        kind: Set(SessionKind::Private.as_str().into()),
        status: Set(SessionStatus::Scheduled.as_str().into()),
        teacher_id: Set(teacher_id),
        group_class_id: Set(None),
        start_at: Set(slot.start),
        end_at: Set(slot.end),
        capacity_max: Set(1),
        source_timezone: Set(Some(avail.timezone.name().to_owned())),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(session)
}

/// The credit rules on a locked session, then the booking and its ledger row.
pub(crate) async fn book_credit_in(
    txn: &DatabaseTransaction,
    session: &sessions::Model,
    req: CreditRequest,
    now: DateTime<Utc>,
    from: Option<&bookings::Model>,
) -> Result<BookingRecord, DbError> {
    ensure_bookable(session, now)?;
    if txn.get_database_backend() == sea_orm::DbBackend::Postgres {
        let sp = seats_and_purchase_pg(txn, session, req).await?;
        // The allowance, the session teacher's tier and the allowance's ledger, in one
        // statement after the purchase's lock, so the ledger holds every spend before this one.
        let (allowance, tier, ledger, _) =
            allowance_tier_and_ledger(txn, false, req, session.teacher_id).await?;
        let cost = credit_cost(session, req, &sp, &allowance, tier, ledger, now)?;
        return insert_credit_booking_pg(txn, session, req, cost, now, from).await;
    }
    ensure_seat(txn, session, req.student_id).await?;
    let cost = check_credit(txn, session, req, now).await?;
    let booking = insert_booking(
        txn,
        session,
        req.student_id,
        BookingKind::Credit,
        Some(req.student_package_id),
        Some(req.allowance_id),
        None,
        cost,
        now,
        from,
    )
    .await?;
    let spend = package_uses::ActiveModel {
        student_package_id: Set(req.student_package_id),
        allowance_id: Set(req.allowance_id),
        kind: Set(LedgerKind::Use.as_str().into()),
        credits: Set(cost),
        booking_id: Set(Some(booking.id)),
        session_id: Set(Some(session.id)),
        created_at: Set(now),
        ..Default::default()
    };
    // Nothing of the row is needed back: one statement.
    package_uses::Entity::insert(spend)
        .exec_without_returning(txn)
        .await?;
    Ok(booking)
}

/// The booking and its ledger row in one statement (PostgreSQL writes both from one `WITH`).
async fn insert_credit_booking_pg(
    txn: &DatabaseTransaction,
    session: &sessions::Model,
    req: CreditRequest,
    cost: i32,
    now: DateTime<Utc>,
    from: Option<&bookings::Model>,
) -> Result<BookingRecord, DbError> {
    use sea_orm::{FromQueryResult, Statement, Value};
    let sql = format!(
        "WITH b AS (INSERT INTO bookings (session_id, student_id, status, kind, student_package_id, \
           allowance_id, course_step_id, credits_cost, rescheduled_count, rescheduled_from_id, \
           cancelled_by_student, created_at, updated_at) \
           VALUES ($1, $2, '{confirmed}', '{credit}', $3, $4, NULL, $5, $6, $7, FALSE, $8, $8) \
           RETURNING *), \
         u AS (INSERT INTO package_uses (student_package_id, allowance_id, kind, credits, \
           booking_id, session_id, created_at) \
           SELECT b.student_package_id, b.allowance_id, '{spend}', b.credits_cost, b.id, \
           b.session_id, b.created_at FROM b) \
         SELECT * FROM b",
        confirmed = BookingStatus::Confirmed.as_str(),
        credit = BookingKind::Credit.as_str(),
        spend = LedgerKind::Use.as_str(),
    );
    let values = [
        Value::from(session.id),
        Value::from(req.student_id),
        Value::from(req.student_package_id),
        Value::from(req.allowance_id),
        Value::from(cost),
        Value::from(from.map_or(0, |b| b.rescheduled_count + 1)),
        Value::from(from.map(|b| b.id)),
        Value::from(now),
    ];
    let row = txn
        .query_one(Statement::from_sql_and_values(
            sea_orm::DbBackend::Postgres,
            sql,
            values,
        ))
        .await
        .map_err(|e| seat_taken(e.into()))?
        .ok_or(DbError::NotFound)?;
    Ok(bookings::Model::from_query_result(&row, "")
        .map_err(DbError::from)?
        .into())
}

/// PostgreSQL, in one statement on a locked session: its seats taken (and whether one is the
/// student's), checked (409 `already_booked` or `session_full`), and the purchase locked and read
/// back (404 unless it is the student's). Two bookings paid from one purchase queue on its lock,
/// so its credits are spent once. The count may use the statement's snapshot from before a wait
/// for the purchase: every change to this session's seats takes the session's lock, held here.
async fn seats_and_purchase_pg(
    txn: &DatabaseTransaction,
    session: &sessions::Model,
    req: CreditRequest,
) -> Result<student_packages::Model, DbError> {
    use sea_orm::{FromQueryResult, Statement, Value};
    let sql = format!(
        "WITH sp AS (UPDATE student_packages SET currency = currency \
           WHERE id = $1 AND student_id = $2 RETURNING *) \
         SELECT {seats}, sp.id AS found, {purchase} \
         FROM (SELECT 1) one LEFT JOIN sp ON TRUE",
        seats = Seats::columns_sql("$3", "$2"),
        purchase = crate::sql::columns::<student_packages::Column>("sp"),
    );
    let values = [
        Value::from(req.student_package_id),
        Value::from(req.student_id),
        Value::from(session.id),
    ];
    let row = txn
        .query_one(Statement::from_sql_and_values(
            sea_orm::DbBackend::Postgres,
            sql,
            values,
        ))
        .await?
        .ok_or(DbError::NotFound)?;
    Seats::of_row(&row)?.ensure(session)?;
    if row.try_get::<Option<i64>>("", "found")?.is_none() {
        return Err(DbError::NotFound);
    }
    Ok(student_packages::Model::from_query_result(&row, "sp_")?)
}

/// SQLite: reads the purchase, allowance and ledger (this transaction holds the database's
/// write lock since its first statement, so the purchase needs no lock of its own) and returns
/// the cost in credits.
async fn check_credit(
    txn: &DatabaseTransaction,
    session: &sessions::Model,
    req: CreditRequest,
    now: DateTime<Utc>,
) -> Result<i32, DbError> {
    let (allowance, teacher_tier, ledger, sp) =
        allowance_tier_and_ledger(txn, true, req, session.teacher_id).await?;
    let sp = sp.ok_or(DbError::NotFound)?;
    credit_cost(session, req, &sp, &allowance, teacher_tier, ledger, now)
}

/// The credit rules on facts read under the locks: the allowance belongs to the purchase (404
/// otherwise), the purchase is usable, the allowance can pay for the session, and enough is
/// left. Returns the cost in credits.
fn credit_cost(
    session: &sessions::Model,
    req: CreditRequest,
    sp: &student_packages::Model,
    allowance: &package_allowances::Model,
    teacher_tier: i32,
    ledger: Ledger,
    now: DateTime<Utc>,
) -> Result<i32, DbError> {
    let allowance = Some(allowance)
        .filter(|a| a.package_id == sp.package_id)
        .map(allowance_record)
        .ok_or(DbError::NotFound)?;
    let cost = credits::charge(
        PurchaseState {
            expires_at: sp.expires_at,
            refunded: sp.refunded_at.is_some(),
        },
        AllowanceTerms {
            service_type: allowance.service_type,
            teacher_tier: allowance.teacher_tier,
            credit_unit_minutes: allowance.credit_unit_minutes,
        },
        SessionTerms {
            kind: session.kind(),
            teacher_tier,
            minutes: (session.end_at - session.start_at).num_minutes(),
        },
        req.confirm_cross_tier,
        now,
    )?;
    let left = ledger.remaining(allowance.credits);
    credits::ensure_balance(left, cost)?;
    Ok(cost)
}

/// An allowance, the session teacher's tier, the allowance's ledger and (when asked) the purchase.
type CreditFacts = (
    package_allowances::Model,
    i32,
    Ledger,
    Option<student_packages::Model>,
);

/// An allowance row, the tier of a teacher (0 when unknown) and the allowance's ledger within one
/// purchase: one statement on the booking path. `with_purchase` also reads the purchase in it
/// (`None` unless asked), which must be the student's.
async fn allowance_tier_and_ledger(
    txn: &DatabaseTransaction,
    with_purchase: bool,
    req: CreditRequest,
    teacher_id: i64,
) -> Result<CreditFacts, DbError> {
    use sea_orm::{Statement, Value};
    let backend = txn.get_database_backend();
    let sql = credit_facts_sql(
        backend,
        FactsParams {
            student_package: 1,
            allowance: 3,
            student: with_purchase.then_some(4),
            teacher: crate::sql::param(backend, 2),
        },
    );
    let mut values = vec![
        Value::from(req.student_package_id),
        Value::from(teacher_id),
        Value::from(req.allowance_id),
    ];
    if with_purchase {
        values.push(Value::from(req.student_id));
    }
    let stmt = Statement::from_sql_and_values(backend, sql, values);
    let row = txn.query_one(stmt).await?.ok_or(DbError::NotFound)?;
    credit_facts_of(&row, with_purchase)
}

/// Where the credit facts statement finds its inputs: parameter numbers, and the session's
/// teacher as an SQL expression.
struct FactsParams {
    student_package: usize,
    allowance: usize,
    /// The student, when the purchase is read too (it must be theirs).
    student: Option<usize>,
    teacher: String,
}

/// The statement of [`allowance_tier_and_ledger`].
fn credit_facts_sql(backend: sea_orm::DbBackend, at: FactsParams) -> String {
    let p = |n: usize| crate::sql::param(backend, n);
    let columns = crate::sql::columns::<package_allowances::Column>("a");
    let sum = |kind: LedgerKind| {
        format!(
            "COALESCE((SELECT SUM(credits) FROM package_uses WHERE student_package_id = {} \
             AND allowance_id = a.id AND kind = '{}'), 0)",
            p(at.student_package),
            kind.as_str()
        )
    };
    let (purchase, from) = match at.student {
        None => (
            String::new(),
            "package_allowances a WHERE a.id = ".to_owned(),
        ),
        Some(student) => (
            format!(
                ", {}",
                crate::sql::columns::<student_packages::Column>("sp")
            ),
            format!(
                "student_packages sp JOIN package_allowances a ON sp.id = {} AND sp.student_id = {} \
                 WHERE a.id = ",
                p(at.student_package),
                p(student)
            ),
        ),
    };
    format!(
        "SELECT {columns}, COALESCE((SELECT tier FROM teachers WHERE id = {teacher}), 0) AS tier, \
         {used} AS used, {refunded} AS refunded, {revoked} AS revoked{purchase} \
         FROM {from}{allowance}",
        teacher = at.teacher,
        allowance = p(at.allowance),
        used = sum(LedgerKind::Use),
        refunded = sum(LedgerKind::Refund),
        revoked = sum(LedgerKind::Revoke),
    )
}

/// The facts in a row of [`credit_facts_sql`].
fn credit_facts_of(
    row: &sea_orm::QueryResult,
    with_purchase: bool,
) -> Result<CreditFacts, DbError> {
    use sea_orm::FromQueryResult;
    let ledger = Ledger {
        used: row.try_get("", "used")?,
        refunded: row.try_get("", "refunded")?,
        revoked: row.try_get("", "revoked")?,
    };
    let purchase = if with_purchase {
        Some(student_packages::Model::from_query_result(row, "sp_")?)
    } else {
        None
    };
    Ok((
        package_allowances::Model::from_query_result(row, "a_")?,
        row.try_get("", "tier")?,
        ledger,
        purchase,
    ))
}

#[expect(clippy::too_many_arguments, reason = "one row's columns")]
async fn insert_booking(
    txn: &DatabaseTransaction,
    session: &sessions::Model,
    student_id: i64,
    kind: BookingKind,
    student_package_id: Option<i64>,
    allowance_id: Option<i64>,
    course_step_id: Option<i64>,
    cost: i32,
    now: DateTime<Utc>,
    from: Option<&bookings::Model>,
) -> Result<BookingRecord, DbError> {
    let row = bookings::ActiveModel {
        session_id: Set(session.id),
        student_id: Set(student_id),
        status: Set(BookingStatus::Confirmed.as_str().into()),
        kind: Set(kind.as_str().into()),
        student_package_id: Set(student_package_id),
        allowance_id: Set(allowance_id),
        course_step_id: Set(course_step_id),
        credits_cost: Set(cost),
        rescheduled_count: Set(from.map_or(0, |b| b.rescheduled_count + 1)),
        rescheduled_from_id: Set(from.map(|b| b.id)),
        cancelled_by_student: Set(false),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await
    .map_err(|e| seat_taken(e.into()))?;
    Ok(row.into())
}

/// Books a course step in one transaction.
pub async fn book_step(
    db: &Db,
    req: StepRequest,
    now: DateTime<Utc>,
) -> Result<BookingRecord, DbError> {
    let txn = db.begin().await?;
    let session = lock_session(&txn, req.session_id).await?;
    let student_id = req.student_id;
    let booking = book_step_in(&txn, &session, req, now, None).await?;
    crate::outbox::booked(&txn, student_id, booking.id, session.start_at, false, now).await?;
    txn.commit().await?;
    Ok(booking)
}

/// The course-step rules on a locked session: enrolment, option, step state, seat. No credit is
/// spent; the progress row becomes BOOKED.
pub(crate) async fn book_step_in(
    txn: &DatabaseTransaction,
    session: &sessions::Model,
    req: StepRequest,
    now: DateTime<Utc>,
    from: Option<&bookings::Model>,
) -> Result<BookingRecord, DbError> {
    ensure_bookable(session, now)?;
    let step = course_steps::Entity::find_by_id(req.course_step_id)
        .one(txn)
        .await?
        .ok_or(DbError::NotFound)?;
    let progress = enrolment(txn, req.student_id, step.id, req.student_package_id, now).await?;
    let is_option = course_step_options::Entity::find()
        .filter(course_step_options::Column::CourseStepId.eq(step.id))
        .filter(course_step_options::Column::IsActive.eq(true))
        .filter(course_step_options::Column::GroupClassId.eq(session.group_class_id.unwrap_or(-1)))
        .one(txn)
        .await?
        .is_some();
    if !is_option {
        return Err(DbError::Invalid {
            field: "sessionId".into(),
            problem: aula_domain::Problem::new("not-step-session"),
        });
    }
    // Claims the step: a concurrent booking of the same step finds it no longer open.
    let claimed = step_progress::Entity::update_many()
        .col_expr(step_progress::Column::UpdatedAt, Expr::value(now))
        .filter(step_progress::Column::Id.eq(progress.id))
        .filter(
            step_progress::Column::Status
                .is_in([StepStatus::Unbooked.as_str(), StepStatus::Missed.as_str()]),
        )
        .exec(txn)
        .await?;
    if claimed.rows_affected == 0 {
        return Err(DbError::refused(
            Conflict::StepAlreadyBooked,
            format!(
                "step {} is already {}",
                step.label,
                progress.status.to_lowercase()
            ),
        ));
    }
    ensure_seat(txn, session, req.student_id).await?;
    let booking = insert_booking(
        txn,
        session,
        req.student_id,
        BookingKind::CourseStep,
        Some(progress.student_package_id),
        None,
        Some(step.id),
        0,
        now,
        from,
    )
    .await?;
    step_progress::Entity::update_many()
        .col_expr(
            step_progress::Column::Status,
            Expr::value(StepStatus::Booked.as_str()),
        )
        .col_expr(step_progress::Column::BookingId, Expr::value(booking.id))
        .col_expr(step_progress::Column::SessionId, Expr::value(session.id))
        .col_expr(step_progress::Column::BookedAt, Expr::value(now))
        .col_expr(
            step_progress::Column::CompletedAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(step_progress::Column::Id.eq(progress.id))
        .exec(txn)
        .await?;
    Ok(booking)
}

/// The student's progress row for the step in a usable purchase of the program (409
/// `not_enrolled` without one); an open step is preferred when several purchases grant it.
async fn enrolment(
    txn: &DatabaseTransaction,
    student_id: i64,
    step_id: i64,
    wanted: Option<i64>,
    now: DateTime<Utc>,
) -> Result<step_progress::Model, DbError> {
    let mut packages = student_packages::Entity::find()
        .filter(student_packages::Column::StudentId.eq(student_id))
        .filter(student_packages::Column::RefundedAt.is_null())
        .all(txn)
        .await?;
    packages.retain(|p| p.expires_at.is_none_or(|e| e > now) && wanted.is_none_or(|w| w == p.id));
    let ids: Vec<i64> = packages.iter().map(|p| p.id).collect();
    let mut rows = step_progress::Entity::find()
        .filter(step_progress::Column::StudentPackageId.is_in(ids))
        .filter(step_progress::Column::CourseStepId.eq(step_id))
        .all(txn)
        .await?;
    rows.retain(|r| r.status() != StepStatus::Cancelled);
    rows.sort_by_key(|r| (!r.status().is_open(), r.student_package_id));
    rows.into_iter().next().ok_or_else(|| {
        DbError::refused(
            Conflict::NotEnrolled,
            "you are not enrolled in this course program",
        )
    })
}
