//! `POST /api/auth/password-reset` and `POST /api/auth/password-reset/confirm`

use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::error::ErrorBody;
use crate::extract::{ApiJson, ClientIp};
use crate::services::password_reset;
use crate::{App, AppError};

/// The e-mail to send a reset link to.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PasswordResetBody {
    pub email: String,
}

/// The token of the link and the new password.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PasswordResetConfirmBody {
    pub token: String,
    /// At least 8 characters.
    pub password: String,
}

/// Mails a link to set a new password, valid for one hour and usable once.
///
/// The answer is 202 with an empty body for every address: registered or not, malformed (like
/// login, an e-mail's shape is not checked here) or limited. At most 3 mails per address per
/// hour, and at most 20 requests per client address per hour; past either, no mail is sent.
#[utoipa::path(post, path = "/api/auth/password-reset", tag = "accounts",
    request_body = PasswordResetBody,
    responses(
        (status = 202, description = "Accepted; a link is mailed if the address is registered"),
        (status = 400, description = "Malformed JSON", body = ErrorBody),
        (status = 422, description = "`email` is missing (`validation_failed`)", body = ErrorBody),
    ))]
pub async fn request_reset(
    State(app): State<App>,
    ClientIp(ip): ClientIp,
    ApiJson(body): ApiJson<PasswordResetBody>,
) -> Result<StatusCode, AppError> {
    password_reset::request(&app, ip, &body.email).await?;
    Ok(StatusCode::ACCEPTED)
}

/// Sets a new password with the token of a reset link.
///
/// The token is used up and every session of the user ends. A used, expired or unknown token is
/// 410 `token_expired`; a password under 8 characters is 422 (and the token stays usable).
#[utoipa::path(post, path = "/api/auth/password-reset/confirm", tag = "accounts",
    request_body = PasswordResetConfirmBody,
    responses(
        (status = 204, description = "Password changed; every session of the user ended"),
        (status = 400, description = "Malformed JSON", body = ErrorBody),
        (status = 410, description = "Used, expired or unknown token (`token_expired`)", body = ErrorBody),
        (status = 422, description = "Password too short (`validation_failed`)", body = ErrorBody),
    ))]
pub async fn confirm_reset(
    State(app): State<App>,
    ApiJson(body): ApiJson<PasswordResetConfirmBody>,
) -> Result<StatusCode, AppError> {
    password_reset::confirm(&app, &body.token, &body.password).await?;
    Ok(StatusCode::NO_CONTENT)
}
