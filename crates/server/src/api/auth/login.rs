//! `POST /api/auth/login`

use axum::Json;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::api::auth::{session_cookie, with_cookie};
use crate::api::dto::{AuthResponse, UserDto};
use crate::error::ErrorBody;
use crate::extract::{ApiJson, ClientIp};
use crate::services::accounts;
use crate::{App, AppError};

/// E-mail and password.
#[derive(Debug, Deserialize, ToSchema)]
pub struct LoginBody {
    pub email: String,
    pub password: String,
}

/// Logs in with e-mail and password.
///
/// After 10 failed logins for one e-mail from one client address within a minute, every login for
/// that pair answers 429 until the minute has passed.
#[utoipa::path(post, path = "/api/auth/login", tag = "accounts", request_body = LoginBody,
    responses(
        (status = 200, description = "Logged in", body = AuthResponse),
        (status = 400, description = "Malformed JSON", body = ErrorBody),
        (status = 401, description = "Wrong e-mail or password", body = ErrorBody),
        (status = 429, description = "Too many failed logins (`rate_limited`)", body = ErrorBody),
    ))]
pub async fn login(
    State(app): State<App>,
    ClientIp(ip): ClientIp,
    ApiJson(body): ApiJson<LoginBody>,
) -> Result<Response, AppError> {
    let (user, token) = accounts::login(&app, ip, &body.email, &body.password).await?;
    let body = AuthResponse {
        user: UserDto::from(&user),
        token: token.clone(),
    };
    Ok(with_cookie(Json(body), session_cookie(&app, &token)))
}
