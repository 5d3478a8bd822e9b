//! Buying: checkout sessions, and Stripe's webhook events applied exactly once.

use std::collections::BTreeMap;

use aula_db::packages;
use aula_db::purchases::{self, Applied, CheckoutRecord, Effect};
use aula_domain::Conflict;
use aula_payments::signature::{self, SignatureError};
use aula_payments::{CheckoutRequest, CheckoutSession, PaymentGateway, random_id};
use secrecy::ExposeSecret;
use serde_json::Value;

use crate::services::packages::provider;
use crate::{App, AppError};

/// Starts a Stripe Checkout for one package; nothing is granted until the webhook says paid.
#[tracing::instrument(skip_all, fields(student_id, package_id), err(level = "info"))]
pub async fn checkout(
    app: &App,
    student_id: i64,
    package_id: i64,
) -> Result<CheckoutSession, AppError> {
    let package = packages::get(&app.db, package_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !package.active {
        return Err(AppError::conflict(
            Conflict::PackageInactive,
            "this package is no longer sold",
        ));
    }
    let programs: Vec<i64> = package
        .allowances
        .iter()
        .filter_map(|a| a.course_program_id)
        .collect();
    if !programs.is_empty() {
        let alive = packages::existing_course_programs(&app.db, &programs).await?;
        if programs.iter().any(|p| !alive.contains(p)) {
            return Err(AppError::conflict(
                Conflict::PackageInactive,
                "the course this package sells is no longer offered",
            ));
        }
    }
    let price_id = package.stripe_price_id.clone().ok_or_else(|| {
        AppError::conflict(Conflict::PackageInactive, "this package has no price")
    })?;
    let base = &app.config.public_url;
    let req = CheckoutRequest {
        price_id,
        success_url: format!("{base}/checkout/success?session_id={{CHECKOUT_SESSION_ID}}"),
        cancel_url: format!("{base}/checkout/cancel?session_id={{CHECKOUT_SESSION_ID}}"),
        client_reference_id: student_id.to_string(),
        metadata: BTreeMap::from([
            ("package_id".to_owned(), package_id.to_string()),
            ("student_id".to_owned(), student_id.to_string()),
        ]),
        idempotency_key: random_id("checkout_"),
    };
    let session = app.payments.create_checkout(&req).await.map_err(provider)?;
    let record = CheckoutRecord {
        id: session.id.clone(),
        student_id,
        package_id,
        amount_minor: package.amount_minor,
        currency: package.currency.clone(),
        status: "open".into(),
        url: Some(session.url.clone()),
        review_reason: None,
    };
    purchases::create_checkout(&app.db, &record, app.clock.now()).await?;
    Ok(session)
}

/// Verifies and applies one webhook delivery. A bad signature → 400 and no effect; a failure
/// while applying → 500 with nothing written (the transaction rolls back), so Stripe retries.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn receive(
    app: &App,
    signature_header: Option<&str>,
    body: &[u8],
) -> Result<Applied, AppError> {
    let secret = app.config.webhook_secret.expose_secret();
    signature::verify(body, signature_header, secret, app.clock.now().timestamp()).map_err(
        |e| match e {
            SignatureError::Missing => {
                AppError::InvalidRequest("missing Stripe-Signature header".into())
            }
            other => AppError::InvalidRequest(format!("bad webhook signature: {other}")),
        },
    )?;
    let event: Value = serde_json::from_slice(body)
        .map_err(|e| AppError::InvalidRequest(format!("event is not JSON: {e}")))?;
    let id = event["id"]
        .as_str()
        .filter(|s| !s.is_empty())
        .ok_or_else(|| AppError::InvalidRequest("event without id".into()))?;
    let kind = event["type"].as_str().unwrap_or_default();
    let effect = effect_of(kind, &event["data"]["object"]);
    let applied = purchases::apply_event(&app.db, id, kind, effect, app.clock.now()).await?;
    if let Applied::HeldForReview {
        checkout_id,
        reason,
    } = &applied
    {
        tracing::error!(
            event_id = id,
            checkout_id = %checkout_id,
            reason = %reason,
            "payment held for review: nothing granted"
        );
    } else {
        tracing::info!(event_id = id, event_type = kind, ?applied, "stripe event");
    }
    Ok(applied)
}

/// What an event asks for; unknown types and unpaid sessions ask for nothing.
pub fn effect_of(kind: &str, object: &Value) -> Effect {
    let str_or_id = |v: &Value| {
        v.as_str()
            .map(str::to_owned)
            .or_else(|| v["id"].as_str().map(str::to_owned))
    };
    let checkout_id = object["id"].as_str().map(str::to_owned);
    let paid = |id: String| Effect::CheckoutPaid {
        checkout_id: id,
        payment_intent: str_or_id(&object["payment_intent"]),
        amount_total: object["amount_total"].as_i64(),
        currency: object["currency"].as_str().map(str::to_owned),
    };
    match (kind, checkout_id) {
        ("checkout.session.completed", Some(id)) if object["payment_status"] == "paid" => paid(id),
        ("checkout.session.async_payment_succeeded", Some(id)) => paid(id),
        ("checkout.session.expired", Some(id)) => Effect::CheckoutExpired { checkout_id: id },
        ("charge.refunded", _) => {
            let refunded = object["amount_refunded"].as_i64().unwrap_or(0);
            // Stripe's charges carry `amount_captured`; older ones only `amount`.
            let captured = object["amount_captured"]
                .as_i64()
                .or_else(|| object["amount"].as_i64())
                .filter(|a| *a > 0);
            let captured = match captured {
                Some(c) => c,
                // No amount to compare with: only an explicit `refunded: true` is full.
                None if object["refunded"] == true => refunded.max(1),
                None => i64::MAX,
            };
            match str_or_id(&object["payment_intent"]) {
                Some(pi) if refunded > 0 => Effect::Refund {
                    payment_intent: pi,
                    amount_refunded: refunded,
                    amount_captured: captured,
                },
                _ => Effect::Nothing,
            }
        }
        _ => Effect::Nothing,
    }
}

/// The dev checkout's Pay (or Cancel) button: builds the event Stripe would send, signs it with
/// the webhook secret and hands it to the same [`receive`] the webhook endpoint uses.
pub async fn dev_settle(
    app: &App,
    checkout_id: &str,
    pay: bool,
) -> Result<CheckoutRecord, AppError> {
    if !app.payments.is_dev() {
        return Err(AppError::NotFound);
    }
    let cs = purchases::checkout(&app.db, checkout_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let now = app.clock.now().timestamp();
    let (kind, status, payment) = if pay {
        ("checkout.session.completed", "complete", "paid")
    } else {
        ("checkout.session.expired", "expired", "unpaid")
    };
    let event = serde_json::json!({
        "id": random_id("evt_dev_"),
        "object": "event",
        "type": kind,
        "created": now,
        "data": {"object": {
            "id": cs.id, "object": "checkout.session", "mode": "payment", "status": status, "payment_status": payment,
            "client_reference_id": cs.student_id.to_string(), "metadata": {"package_id": cs.package_id.to_string()},
            "amount_total": cs.amount_minor, "currency": cs.currency,
            "payment_intent": if pay { Value::from(random_id("pi_dev_")) } else { Value::Null },
        }},
    });
    let body = serde_json::to_vec(&event).map_err(|e| AppError::Internal(e.into()))?;
    let header = signature::sign(&body, app.config.webhook_secret.expose_secret(), now);
    receive(app, Some(&header), &body).await?;
    Ok(cs)
}
