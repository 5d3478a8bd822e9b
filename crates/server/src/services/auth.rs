//! Server-side login sessions: random tokens, stored only as their SHA-256.

use aula_db::accounts::UserRecord;
use aula_db::{accounts, auth_sessions};
use aula_domain::Role;
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::{App, AppError};

/// The logged-in user and the session the request came with.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub user: UserRecord,
    pub session_id: i64,
    /// The `_csrf` value of this login session's forms.
    pub csrf: String,
}

impl CurrentUser {
    /// `Err(403)` unless the user holds `role`.
    pub fn require(&self, role: Role) -> Result<(), AppError> {
        if self.user.has(role) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }
}

/// A new random session token (256 bits, hex).
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// What is stored for a token.
pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Starts a session for `user_id`; returns the token to hand to the client.
#[tracing::instrument(skip_all, fields(user_id), err(level = "info"))]
pub async fn issue(app: &App, user_id: i64) -> Result<String, AppError> {
    let token = new_token();
    let now = app.clock.now();
    auth_sessions::create(
        &app.db,
        user_id,
        &hash_token(&token),
        now,
        now + app.config.session_ttl,
    )
    .await?;
    Ok(token)
}

/// The user behind a token, if the session is live.
pub async fn authenticate(app: &App, token: &str) -> Result<Option<CurrentUser>, AppError> {
    if token.len() > 256 {
        return Ok(None);
    }
    let found = accounts::find_by_session(&app.db, &hash_token(token), app.clock.now()).await?;
    Ok(found.map(|(session_id, user)| CurrentUser {
        user,
        session_id,
        csrf: crate::security::csrf_token(token),
    }))
}

/// Ends a session at once.
pub async fn revoke(app: &App, session_id: i64) -> Result<(), AppError> {
    auth_sessions::revoke(&app.db, session_id, app.clock.now()).await?;
    Ok(())
}
