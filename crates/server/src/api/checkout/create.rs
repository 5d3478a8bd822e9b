//! `POST /api/checkout`

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::error::ErrorBody;
use crate::extract::{ApiJson, CurrentUser};
use crate::services::purchases;
use crate::{App, AppError};

/// The package to buy.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CheckoutBody {
    pub package_id: i64,
}

/// Where to pay.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CheckoutCreated {
    pub checkout_session_id: String,
    /// Stripe Checkout (or the dev checkout page).
    pub url: String,
}

/// Starts a Stripe Checkout Session for a package; nothing is granted until it is paid.
#[utoipa::path(post, path = "/api/checkout", tag = "buying", request_body = CheckoutBody, security(("bearer" = [])),
    responses(
        (status = 201, description = "Checkout session", body = CheckoutCreated),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 404, description = "No such package", body = ErrorBody),
        (status = 409, description = "The package is not for sale (`package_inactive`)", body = ErrorBody),
    ))]
pub async fn create(
    State(app): State<App>,
    me: CurrentUser,
    ApiJson(b): ApiJson<CheckoutBody>,
) -> Result<(StatusCode, Json<CheckoutCreated>), AppError> {
    let session = purchases::checkout(&app, me.user.student_id, b.package_id).await?;
    Ok((
        StatusCode::CREATED,
        Json(CheckoutCreated {
            checkout_session_id: session.id,
            url: session.url,
        }),
    ))
}
