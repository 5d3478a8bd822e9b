//! `POST /logout`: ends the browser session and goes home.

use axum::extract::State;
use axum::response::{Redirect, Response};

use crate::api::auth::{clear_cookie, with_cookie};
use crate::extract::MaybeUser;
use crate::services::auth;
use crate::{App, AppError};

/// Revokes the session (if any), clears the cookie, redirects to `/`.
pub async fn submit(
    State(app): State<App>,
    MaybeUser(user): MaybeUser,
) -> Result<Response, AppError> {
    if let Some(u) = user {
        auth::revoke(&app, u.session_id).await?;
    }
    Ok(with_cookie(Redirect::to("/"), clear_cookie(&app)))
}
