//! Checkout sessions and the effects of Stripe events, each event applied in one transaction that
//! first records its id (a unique index), so it takes effect once however often it arrives.

use aula_domain::credits::ServiceType;
use aula_domain::{CheckoutStatus, LedgerKind, StepStatus};
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    QueryOrder, Set,
};

use crate::entities::{
    checkout_sessions, course_steps, package_uses, step_progress, stripe_events, student_packages,
};
use crate::ledger::balances;
use crate::packages::get as get_package;
use crate::{Db, DbError};

/// A checkout session Aula created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckoutRecord {
    pub id: String,
    pub student_id: i64,
    pub package_id: i64,
    pub amount_minor: i64,
    pub currency: String,
    pub status: String,
    pub url: Option<String>,
}

/// Stores a new open checkout session.
pub async fn create_checkout(
    db: &Db,
    c: &CheckoutRecord,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    checkout_sessions::ActiveModel {
        id: Set(c.id.clone()),
        student_id: Set(c.student_id),
        package_id: Set(c.package_id),
        amount_minor: Set(c.amount_minor),
        currency: Set(c.currency.clone()),
        status: Set(CheckoutStatus::Open.as_str().into()),
        url: Set(c.url.clone()),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db.writer())
    .await?;
    Ok(())
}

/// A checkout session by id.
pub async fn checkout(db: &Db, id: &str) -> Result<Option<CheckoutRecord>, DbError> {
    Ok(checkout_sessions::Entity::find_by_id(id.to_owned())
        .one(db.reader())
        .await?
        .map(|c| CheckoutRecord {
            id: c.id,
            student_id: c.student_id,
            package_id: c.package_id,
            amount_minor: c.amount_minor,
            currency: c.currency,
            status: c.status,
            url: c.url,
        }))
}

/// The student package bought through a checkout session, if granted.
pub async fn package_of_checkout(db: &Db, checkout_id: &str) -> Result<Option<i64>, DbError> {
    Ok(student_packages::Entity::find()
        .filter(student_packages::Column::CheckoutSessionId.eq(checkout_id))
        .one(db.reader())
        .await?
        .map(|p| p.id))
}

/// What an event asks Aula to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// A checkout session was paid: grant its package once.
    CheckoutPaid {
        checkout_id: String,
        payment_intent: Option<String>,
    },
    /// A checkout session expired.
    CheckoutExpired { checkout_id: String },
    /// A payment was refunded in full: revoke the unused credits of what it bought.
    FullRefund { payment_intent: String },
    /// Nothing to do (only recorded).
    Nothing,
}

/// What applying an event did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Applied {
    /// The event id was seen before: nothing changed.
    Duplicate,
    /// A student package was created.
    Granted { student_package_id: i64 },
    /// The checkout's package already existed (another event for the same session).
    AlreadyGranted,
    /// The event names a checkout session or payment Aula does not know.
    Unknown,
    /// Expired, refunded or recorded.
    Done,
}

/// Applies one event atomically: the event id is recorded first, so a duplicate changes nothing.
pub async fn apply_event(
    db: &Db,
    event_id: &str,
    event_type: &str,
    effect: Effect,
    now: DateTime<Utc>,
) -> Result<Applied, DbError> {
    let txn = db.begin().await?;
    let recorded = stripe_events::ActiveModel {
        event_id: Set(event_id.to_owned()),
        event_type: Set(event_type.chars().take(100).collect()),
        received_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await;
    match recorded.map_err(DbError::from) {
        Ok(_) => {}
        Err(DbError::Duplicate(_)) => return Ok(Applied::Duplicate),
        Err(e) => return Err(e),
    }
    let applied = match effect {
        Effect::CheckoutPaid {
            checkout_id,
            payment_intent,
        } => grant(&txn, &checkout_id, payment_intent, now).await?,
        Effect::CheckoutExpired { checkout_id } => {
            checkout_sessions::Entity::update_many()
                .col_expr(
                    checkout_sessions::Column::Status,
                    Expr::value(CheckoutStatus::Expired.as_str()),
                )
                .col_expr(checkout_sessions::Column::UpdatedAt, Expr::value(now))
                .filter(checkout_sessions::Column::Id.eq(checkout_id))
                .filter(checkout_sessions::Column::Status.eq(CheckoutStatus::Open.as_str()))
                .exec(&txn)
                .await?;
            Applied::Done
        }
        Effect::FullRefund { payment_intent } => refund(&txn, &payment_intent, now).await?,
        Effect::Nothing => Applied::Done,
    };
    txn.commit().await?;
    Ok(applied)
}

/// Creates the student package of a paid checkout session (once) and seeds course progress.
async fn grant(
    txn: &DatabaseTransaction,
    checkout_id: &str,
    payment_intent: Option<String>,
    now: DateTime<Utc>,
) -> Result<Applied, DbError> {
    // Locks the checkout row: a concurrent event for the same session waits here.
    let locked = checkout_sessions::Entity::update_many()
        .col_expr(
            checkout_sessions::Column::Status,
            Expr::value(CheckoutStatus::Complete.as_str()),
        )
        .col_expr(checkout_sessions::Column::UpdatedAt, Expr::value(now))
        .filter(checkout_sessions::Column::Id.eq(checkout_id))
        .exec(txn)
        .await?;
    if locked.rows_affected == 0 {
        return Ok(Applied::Unknown);
    }
    let granted = student_packages::Entity::find()
        .filter(student_packages::Column::CheckoutSessionId.eq(checkout_id))
        .one(txn)
        .await?;
    if granted.is_some() {
        return Ok(Applied::AlreadyGranted);
    }
    let cs = checkout_sessions::Entity::find_by_id(checkout_id.to_owned())
        .one(txn)
        .await?
        .ok_or(DbError::NotFound)?;
    let package = get_package(txn, cs.package_id)
        .await?
        .ok_or(DbError::NotFound)?;
    let sp = student_packages::ActiveModel {
        student_id: Set(cs.student_id),
        package_id: Set(package.id),
        package_name: Set(package.name.clone()),
        purchased_at: Set(now),
        expires_at: Set(package
            .expires_in_days
            .map(|d| now + Duration::days(i64::from(d)))),
        checkout_session_id: Set(Some(checkout_id.to_owned())),
        payment_intent_id: Set(payment_intent),
        amount_minor: Set(cs.amount_minor),
        currency: Set(cs.currency),
        refunded_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    for a in package
        .allowances
        .iter()
        .filter(|a| a.service_type == ServiceType::Course)
    {
        let Some(program) = a.course_program_id else {
            continue;
        };
        seed_progress(txn, sp.id, program, now).await?;
    }
    Ok(Applied::Granted {
        student_package_id: sp.id,
    })
}

/// One UNBOOKED progress row per step of the program.
pub async fn seed_progress(
    conn: &impl ConnectionTrait,
    student_package_id: i64,
    program_id: i64,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    // Queues behind a concurrent "add step" or delete of the program, so no step is missed.
    crate::courses::hold_program(conn, program_id).await?;
    let steps = course_steps::Entity::find()
        .filter(course_steps::Column::CourseProgramId.eq(program_id))
        .order_by_asc(course_steps::Column::StepOrder)
        .all(conn)
        .await?;
    for s in steps {
        step_progress::ActiveModel {
            student_package_id: Set(student_package_id),
            course_step_id: Set(s.id),
            status: Set(StepStatus::Unbooked.as_str().into()),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(conn)
        .await?;
    }
    Ok(())
}

/// Marks the packages bought with `payment_intent` refunded and revokes their unused credits.
async fn refund(
    txn: &DatabaseTransaction,
    payment_intent: &str,
    now: DateTime<Utc>,
) -> Result<Applied, DbError> {
    let targets = student_packages::Entity::find()
        .filter(student_packages::Column::PaymentIntentId.eq(payment_intent))
        .filter(student_packages::Column::RefundedAt.is_null())
        .all(txn)
        .await?;
    if targets.is_empty() {
        return Ok(Applied::Unknown);
    }
    for sp in targets {
        // The conditional update is the lock: a second refund of the same package finds no row.
        let res = student_packages::Entity::update_many()
            .col_expr(student_packages::Column::RefundedAt, Expr::value(now))
            .filter(student_packages::Column::Id.eq(sp.id))
            .filter(student_packages::Column::RefundedAt.is_null())
            .exec(txn)
            .await?;
        if res.rows_affected == 0 {
            continue;
        }
        revoke_unused(txn, sp.id, sp.package_id, now).await?;
        step_progress::Entity::update_many()
            .col_expr(
                step_progress::Column::Status,
                Expr::value(StepStatus::Cancelled.as_str()),
            )
            .col_expr(step_progress::Column::UpdatedAt, Expr::value(now))
            .filter(step_progress::Column::StudentPackageId.eq(sp.id))
            .filter(step_progress::Column::Status.eq(StepStatus::Unbooked.as_str()))
            .exec(txn)
            .await?;
    }
    Ok(Applied::Done)
}

async fn revoke_unused(
    txn: &DatabaseTransaction,
    student_package_id: i64,
    package_id: i64,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let package = get_package(txn, package_id)
        .await?
        .ok_or(DbError::NotFound)?;
    let ledger = balances(txn, &[student_package_id]).await?;
    for a in package
        .allowances
        .iter()
        .filter(|a| a.service_type != ServiceType::Course)
    {
        let left = ledger
            .get(&(student_package_id, a.id))
            .copied()
            .unwrap_or_default()
            .remaining(a.credits);
        if left > 0 {
            package_uses::ActiveModel {
                student_package_id: Set(student_package_id),
                allowance_id: Set(a.id),
                kind: Set(LedgerKind::Revoke.as_str().into()),
                credits: Set(left as i32),
                note: Set(Some("purchase refunded".into())),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(txn)
            .await?;
        }
    }
    Ok(())
}
