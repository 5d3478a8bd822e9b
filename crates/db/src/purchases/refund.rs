//! Refunds that add up. A full refund, in the transaction that records it, cancels the purchase's
//! bookings of sessions that have not started (seats freed, waiting lists promoted), sets its open
//! and booked course steps CANCELLED and revokes every remaining credit; a partial one only records
//! the amount. A refund for a payment no purchase has yet waits in `pending_refunds` and is applied
//! when the purchase is created, so any order of events ends in the same state.

use aula_domain::credits::ServiceType;
use aula_domain::{BookingStatus, LedgerKind, SessionKind, StepStatus};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder, Set,
};

use super::Applied;
use crate::DbError;
use crate::bookings::{end_private_session, lock_session, promote_waitlist, release};
use crate::entities::{bookings, package_uses, pending_refunds, step_progress, student_packages};
use crate::ledger::balances;
use crate::packages::get as get_package;

/// How much of a payment has been refunded (cumulative) and how much was captured.
#[derive(Debug, Clone, Copy)]
pub(super) struct Amounts {
    pub refunded: i64,
    pub captured: i64,
}

impl Amounts {
    fn full(self) -> bool {
        self.refunded >= self.captured
    }
}

/// Applies a refund to the purchases of `payment_intent`, or keeps it for the purchase to come.
pub(super) async fn refund_payment(
    txn: &DatabaseTransaction,
    payment_intent: &str,
    amounts: Amounts,
    now: DateTime<Utc>,
) -> Result<Applied, DbError> {
    let targets = student_packages::Entity::find()
        .filter(student_packages::Column::PaymentIntentId.eq(payment_intent))
        .order_by_asc(student_packages::Column::Id)
        .all(txn)
        .await?;
    if targets.is_empty() {
        keep_pending(txn, payment_intent, amounts, now).await?;
        return Ok(Applied::RefundPending);
    }
    for sp in &targets {
        refund_purchase(txn, sp, amounts, now).await?;
    }
    Ok(Applied::Done)
}

/// Stores (or raises) the refund of a payment no purchase has yet.
async fn keep_pending(
    txn: &DatabaseTransaction,
    payment_intent: &str,
    amounts: Amounts,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let row = pending_refunds::ActiveModel {
        payment_intent_id: Set(payment_intent.to_owned()),
        amount_refunded: Set(amounts.refunded),
        amount_captured: Set(amounts.captured),
        received_at: Set(now),
    };
    pending_refunds::Entity::insert(row)
        .on_conflict(
            OnConflict::column(pending_refunds::Column::PaymentIntentId)
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(txn)
        .await?;
    // Refund events carry the running total: keep the largest.
    pending_refunds::Entity::update_many()
        .col_expr(
            pending_refunds::Column::AmountRefunded,
            Expr::value(amounts.refunded),
        )
        .col_expr(
            pending_refunds::Column::AmountCaptured,
            Expr::value(amounts.captured),
        )
        .filter(pending_refunds::Column::PaymentIntentId.eq(payment_intent))
        .filter(pending_refunds::Column::AmountRefunded.lt(amounts.refunded))
        .exec(txn)
        .await?;
    Ok(())
}

/// Removes and returns the refund waiting for `payment_intent`.
pub(super) async fn take_pending(
    txn: &DatabaseTransaction,
    payment_intent: &str,
) -> Result<Option<pending_refunds::Model>, DbError> {
    let found = pending_refunds::Entity::find_by_id(payment_intent.to_owned())
        .one(txn)
        .await?;
    if found.is_some() {
        pending_refunds::Entity::delete_by_id(payment_intent.to_owned())
            .exec(txn)
            .await?;
    }
    Ok(found)
}

/// Records the refunded amount on one purchase; a full refund also takes back what it bought.
pub(super) async fn refund_purchase(
    txn: &DatabaseTransaction,
    sp: &student_packages::Model,
    amounts: Amounts,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    student_packages::Entity::update_many()
        .col_expr(
            student_packages::Column::RefundedMinor,
            Expr::value(amounts.refunded),
        )
        .filter(student_packages::Column::Id.eq(sp.id))
        .filter(student_packages::Column::RefundedMinor.lt(amounts.refunded))
        .exec(txn)
        .await?;
    if !amounts.full() {
        return Ok(());
    }
    // The conditional update is the lock: a second full refund of the same purchase finds no row.
    let res = student_packages::Entity::update_many()
        .col_expr(student_packages::Column::RefundedAt, Expr::value(now))
        .filter(student_packages::Column::Id.eq(sp.id))
        .filter(student_packages::Column::RefundedAt.is_null())
        .exec(txn)
        .await?;
    if res.rows_affected == 0 {
        return Ok(());
    }
    let freed = cancel_future_bookings(txn, sp.id, now).await?;
    step_progress::Entity::update_many()
        .col_expr(
            step_progress::Column::Status,
            Expr::value(StepStatus::Cancelled.as_str()),
        )
        .col_expr(step_progress::Column::UpdatedAt, Expr::value(now))
        .filter(step_progress::Column::StudentPackageId.eq(sp.id))
        .filter(step_progress::Column::Status.is_in([
            StepStatus::Unbooked.as_str(),
            StepStatus::Booked.as_str(),
            StepStatus::Missed.as_str(),
        ]))
        .exec(txn)
        .await?;
    revoke_unused(txn, sp.id, sp.package_id, now).await?;
    // Only now, with the purchase spent, may freed seats go to the waiting lists.
    for session_id in freed {
        let session = lock_session(txn, session_id).await?;
        promote_waitlist(txn, &session, now).await?;
    }
    Ok(())
}

/// Cancels the purchase's CONFIRMED bookings of sessions that have not started, credits back to
/// the ledger (revoked right after); returns the GROUP sessions that gained a seat.
async fn cancel_future_bookings(
    txn: &DatabaseTransaction,
    student_package_id: i64,
    now: DateTime<Utc>,
) -> Result<Vec<i64>, DbError> {
    let held = bookings::Entity::find()
        .filter(bookings::Column::StudentPackageId.eq(student_package_id))
        .filter(bookings::Column::Status.eq(BookingStatus::Confirmed.as_str()))
        .order_by_asc(bookings::Column::SessionId)
        .all(txn)
        .await?;
    let mut freed = Vec::new();
    for booking in held {
        let session = lock_session(txn, booking.session_id).await?;
        if session.start_at <= now {
            continue;
        }
        let reason = Some("purchase refunded".to_owned());
        release(txn, &booking, &session, reason, false, true, now).await?;
        if session.kind() == SessionKind::Private {
            end_private_session(txn, &session, now).await?;
        } else {
            freed.push(session.id);
        }
    }
    Ok(freed)
}

/// Revokes every credit the purchase still has, so it leaves my-credits.
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
            .to_revoke(a.credits);
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
