//! `POST /api/auth/logout`

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;

use crate::api::auth::{clear_cookie, with_cookie};
use crate::error::ErrorBody;
use crate::extract::CurrentUser;
use crate::services::auth;
use crate::{App, AppError};

/// Logs out: the token (or cookie) used for this call stops working at once.
#[utoipa::path(post, path = "/api/auth/logout", tag = "accounts", security(("bearer" = [])),
    responses(
        (status = 204, description = "Logged out"),
        (status = 401, description = "Not logged in", body = ErrorBody),
    ))]
pub async fn logout(State(app): State<App>, user: CurrentUser) -> Result<Response, AppError> {
    auth::revoke(&app, user.session_id).await?;
    Ok(with_cookie(StatusCode::NO_CONTENT, clear_cookie(&app)))
}
