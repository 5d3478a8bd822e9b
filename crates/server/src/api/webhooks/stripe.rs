//! `POST /api/webhooks/stripe`

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::ErrorBody;
use crate::services::purchases;
use crate::{App, AppError};

/// The acknowledgement Stripe expects.
#[derive(Debug, Serialize, ToSchema)]
pub struct Received {
    pub received: bool,
}

/// Receives Stripe events, verified by `Stripe-Signature` on the raw body before parsing.
///
/// Each event is applied once in one transaction (its id is recorded with a unique index), so
/// duplicates and concurrent deliveries change nothing more. Unknown types and unknown checkout
/// sessions are acknowledged and ignored.
#[utoipa::path(post, path = "/api/webhooks/stripe", tag = "buying", request_body(content = String, content_type = "application/json"),
    params(("Stripe-Signature" = String, Header, description = "t=<unix>,v1=<HMAC-SHA256>", pattern = r"^[ -~]{0,1000}$")),
    responses(
        (status = 200, description = "Received", body = Received),
        (status = 400, description = "Missing or bad signature, or not an event", body = ErrorBody),
        (status = 500, description = "Handling failed; nothing was written, Stripe retries", body = ErrorBody),
    ))]
pub async fn stripe(
    State(app): State<App>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<Received>, AppError> {
    let signature = headers
        .get("stripe-signature")
        .and_then(|v| v.to_str().ok());
    purchases::receive(&app, signature, &body).await?;
    Ok(Json(Received { received: true }))
}
