//! `POST /api/auth/register`

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::api::auth::{session_cookie, with_cookie};
use crate::api::dto::{AuthResponse, UserDto};
use crate::error::ErrorBody;
use crate::extract::ApiJson;
use crate::services::accounts::{self, NewAccount};
use crate::{App, AppError};

/// A new student account.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RegisterBody {
    /// Normalised to lower case; must not be registered yet.
    pub email: String,
    /// At least 8 characters.
    pub password: String,
    pub first_name: String,
    pub last_name: String,
}

/// Registers a student and logs them in.
///
/// Answers the user and a token; browsers also receive the session cookie.
#[utoipa::path(post, path = "/api/auth/register", tag = "accounts", request_body = RegisterBody,
    responses(
        (status = 201, description = "Registered and logged in", body = AuthResponse),
        (status = 400, description = "Malformed JSON", body = ErrorBody),
        (status = 409, description = "E-mail already registered (`duplicate`)", body = ErrorBody),
        (status = 422, description = "A field breaks its rule", body = ErrorBody),
    ))]
pub async fn register(
    State(app): State<App>,
    ApiJson(body): ApiJson<RegisterBody>,
) -> Result<Response, AppError> {
    let input = NewAccount {
        email: body.email,
        password: body.password,
        first_name: body.first_name,
        last_name: body.last_name,
    };
    let (user, token) = accounts::register(&app, input).await?;
    let body = AuthResponse {
        user: UserDto::from(&user),
        token: token.clone(),
    };
    Ok(with_cookie(
        (StatusCode::CREATED, Json(body)),
        session_cookie(&app, &token),
    ))
}
