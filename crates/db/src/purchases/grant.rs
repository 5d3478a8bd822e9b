//! Granting a paid checkout: once, only while it is open or already complete, only for the amount
//! and currency stored with it, and with any refund that arrived first applied at once.

use aula_domain::CheckoutStatus;
use aula_domain::credits::ServiceType;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, Set};

use super::refund::{Amounts, refund_purchase, take_pending};
use super::{Applied, seed_progress};
use crate::DbError;
use crate::entities::{checkout_sessions, student_packages};
use crate::packages::get as get_package;

/// What a paid event says was paid.
pub(super) struct Paid {
    pub payment_intent: Option<String>,
    pub amount_total: Option<i64>,
    pub currency: Option<String>,
}

/// Why a payment cannot be granted as it is, if it cannot.
fn mismatch(cs: &checkout_sessions::Model, paid: &Paid) -> Option<String> {
    let currency = paid.currency.as_deref().map(str::to_ascii_lowercase);
    if paid.amount_total == Some(cs.amount_minor) && currency.as_deref() == Some(&cs.currency) {
        return None;
    }
    Some(format!(
        "paid {} {} but the checkout asked for {} {}",
        paid.amount_total
            .map_or_else(|| "no amount".to_owned(), |a| a.to_string()),
        currency.unwrap_or_else(|| "no currency".to_owned()),
        cs.amount_minor,
        cs.currency
    ))
}

/// Creates the student package of a paid checkout session (once) and seeds course progress.
pub(super) async fn grant(
    txn: &DatabaseTransaction,
    checkout_id: &str,
    paid: Paid,
    now: DateTime<Utc>,
) -> Result<Applied, DbError> {
    // Locks the checkout row: a concurrent event for the same session waits here.
    let locked = checkout_sessions::Entity::update_many()
        .col_expr(checkout_sessions::Column::UpdatedAt, Expr::value(now))
        .filter(checkout_sessions::Column::Id.eq(checkout_id))
        .exec(txn)
        .await?;
    if locked.rows_affected == 0 {
        return Ok(Applied::Unknown);
    }
    let cs = checkout_sessions::Entity::find_by_id(checkout_id.to_owned())
        .one(txn)
        .await?
        .ok_or(DbError::NotFound)?;
    let granted = student_packages::Entity::find()
        .filter(student_packages::Column::CheckoutSessionId.eq(checkout_id))
        .one(txn)
        .await?;
    if granted.is_some() {
        return Ok(Applied::AlreadyGranted);
    }
    if cs.review_reason.is_some() || cs.status == CheckoutStatus::Expired.as_str() {
        return Ok(Applied::NotGrantable);
    }
    if let Some(reason) = mismatch(&cs, &paid) {
        checkout_sessions::Entity::update_many()
            .col_expr(
                checkout_sessions::Column::ReviewReason,
                Expr::value(reason.clone()),
            )
            .filter(checkout_sessions::Column::Id.eq(checkout_id))
            .exec(txn)
            .await?;
        return Ok(Applied::HeldForReview {
            checkout_id: checkout_id.to_owned(),
            reason,
        });
    }
    checkout_sessions::Entity::update_many()
        .col_expr(
            checkout_sessions::Column::Status,
            Expr::value(CheckoutStatus::Complete.as_str()),
        )
        .filter(checkout_sessions::Column::Id.eq(checkout_id))
        .exec(txn)
        .await?;
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
        payment_intent_id: Set(paid.payment_intent.clone()),
        amount_minor: Set(cs.amount_minor),
        currency: Set(cs.currency),
        refunded_at: Set(None),
        refunded_minor: Set(0),
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
    // The receipt, once per paid checkout.
    let receipt = serde_json::json!({"studentPackageId": sp.id});
    let mail = [(
        aula_domain::mail::MailKind::Receipt,
        receipt,
        now,
        Some(format!("receipt:{checkout_id}")),
    )];
    crate::outbox::enqueue_for_student(txn, cs.student_id, &mail, now).await?;
    if let Some(pi) = &paid.payment_intent
        && let Some(pending) = take_pending(txn, pi).await?
    {
        let amounts = Amounts {
            refunded: pending.amount_refunded,
            captured: pending.amount_captured,
        };
        refund_purchase(txn, &sp, amounts, now).await?;
    }
    Ok(Applied::Granted {
        student_package_id: sp.id,
    })
}
