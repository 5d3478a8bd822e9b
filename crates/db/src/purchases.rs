//! Checkout sessions and the effects of Stripe events, each event applied in one transaction that
//! first records its id (a unique index), so it takes effect once however often it arrives.

use aula_domain::CheckoutStatus;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QuerySelect, Set};

use crate::entities::{checkout_sessions, stripe_events, student_packages};
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
    /// Set when the payment did not match the price: held for review, never granted.
    pub review_reason: Option<String>,
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
        review_reason: Set(None),
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
            review_reason: c.review_reason,
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

mod admin;
mod grant;
mod progress;
mod refund;

pub use admin::{PurchaseLine, recent};
pub use progress::seed_progress;

/// What an event asks Aula to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// A checkout session was paid: grant its package once, when the amount and currency paid are
    /// the ones stored with the checkout.
    CheckoutPaid {
        checkout_id: String,
        payment_intent: Option<String>,
        /// `amount_total` of the event, in minor units.
        amount_total: Option<i64>,
        /// `currency` of the event.
        currency: Option<String>,
    },
    /// A checkout session expired (or was cancelled on the dev checkout): never granted.
    CheckoutExpired { checkout_id: String },
    /// A charge was refunded, `amount_refunded` (cumulative) of `amount_captured`.
    Refund {
        payment_intent: String,
        amount_refunded: i64,
        amount_captured: i64,
    },
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
    /// The paid amount or currency differ from the checkout's: nothing granted, held for review.
    HeldForReview { checkout_id: String, reason: String },
    /// The checkout expired, was cancelled or is held for review: nothing granted.
    NotGrantable,
    /// The event names a checkout session Aula does not know.
    Unknown,
    /// A refund for a payment no purchase has yet: kept until the purchase is made.
    RefundPending,
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
    // A re-delivery is answered from a read, without queueing for the write lock; the unique
    // event id below still decides a race between two first deliveries.
    let seen = stripe_events::Entity::find()
        .select_only()
        .column(stripe_events::Column::Id)
        .filter(stripe_events::Column::EventId.eq(event_id))
        .into_tuple::<i64>()
        .one(db.reader())
        .await?;
    if seen.is_some() {
        return Ok(Applied::Duplicate);
    }
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
            amount_total,
            currency,
        } => {
            let paid = grant::Paid {
                payment_intent,
                amount_total,
                currency,
            };
            grant::grant(&txn, &checkout_id, paid, now).await?
        }
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
        Effect::Refund {
            payment_intent,
            amount_refunded,
            amount_captured,
        } => {
            let amounts = refund::Amounts {
                refunded: amount_refunded,
                captured: amount_captured,
            };
            refund::refund_payment(&txn, &payment_intent, amounts, now).await?
        }
        Effect::Nothing => Applied::Done,
    };
    txn.commit().await?;
    Ok(applied)
}
