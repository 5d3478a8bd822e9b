//! Password reset: asking for a link (one mail through the outbox, limited per address and per
//! client address, the same answer whoever asks) and setting a new password with it (single
//! use, every session of the user ends).

use std::net::IpAddr;
use std::time::Duration;

use aula_db::accounts;
use aula_db::outbox::NewMail;
use aula_db::password_resets::{self, NewReset};
use aula_domain::mail::MailKind;
use aula_domain::{Email, Password};

use crate::services::login_limit::LoginLimiter;
use crate::services::{auth, password};
use crate::{App, AppError};

/// Most reset mails per address within [`WINDOW_SECS`].
pub const MAILS_PER_ADDRESS: u64 = 3;
/// Most reset requests per client address within [`WINDOW_SECS`], whatever e-mail they name.
pub const REQUESTS_PER_CLIENT: usize = 20;
/// The window both limits count in, in seconds.
pub const WINDOW_SECS: u64 = 3600;
/// How long a link works.
pub const LINK_TTL: chrono::Duration = chrono::Duration::hours(1);

/// Reset requests per client address, in memory (one process; a restart forgets them). Memory
/// is bounded the way the login limiter's is, which does the counting.
pub struct ResetLimiter(LoginLimiter);

impl Default for ResetLimiter {
    fn default() -> Self {
        Self(LoginLimiter::new(
            REQUESTS_PER_CLIENT,
            Duration::from_secs(WINDOW_SECS),
        ))
    }
}

impl ResetLimiter {
    /// Counts a request of `ip`; false when its window is full.
    pub fn allow(&self, ip: IpAddr) -> bool {
        // Every request counts (none is given back), so the key is the address alone.
        self.0.reserve(ip, "").is_ok()
    }
}

/// Writes a reset link for `email` to the outbox, when the e-mail is registered and neither
/// limit is reached. Nothing tells the caller which case it was: an unknown, malformed or
/// limited address is answered like a known one.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn request(app: &App, ip: IpAddr, email: &str) -> Result<(), AppError> {
    if !app.reset_limiter.allow(ip) {
        tracing::info!(%ip, "password reset: client address limited");
        return Ok(());
    }
    let Ok(email) = Email::parse(email) else {
        return Ok(());
    };
    let Some(user) = accounts::find_by_email(&app.db, &email).await? else {
        return Ok(());
    };
    let token = auth::new_token();
    let now = app.clock.now();
    let payload = serde_json::json!({ "token": token });
    let new = NewReset {
        user_id: user.id,
        token_hash: &auth::hash_token(&token),
        expires_at: now + LINK_TTL,
        mail: NewMail::now(MailKind::PasswordReset, user.id, payload, now),
    };
    let since = now - chrono::Duration::seconds(WINDOW_SECS as i64);
    let written = password_resets::create(&app.db, new, since, MAILS_PER_ADDRESS, now).await?;
    if !written {
        tracing::info!(user_id = user.id, "password reset: address limited");
    }
    Ok(())
}

/// `Ok` when `token` names a live reset (opening the page does not use it); else 410.
pub async fn check(app: &App, token: &str) -> Result<(), AppError> {
    if live(app, token).await? {
        Ok(())
    } else {
        Err(AppError::TokenExpired)
    }
}

/// Sets the new password with the link's token: 422 for a password the rules refuse (checked
/// first, the token stays usable), 410 `token_expired` for a used, expired or unknown token.
/// The token is used up, every session of the user ends.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn confirm(app: &App, token: &str, new_password: &str) -> Result<(), AppError> {
    let new_password = Password::parse(new_password)?;
    // An unknown token costs no hashing.
    check(app, token).await?;
    let phc = password::hash(new_password.expose().to_owned()).await?;
    let used =
        password_resets::consume(&app.db, &auth::hash_token(token), &phc, app.clock.now()).await?;
    match used {
        Some(user_id) => {
            tracing::info!(user_id, "password reset: password changed, sessions ended");
            Ok(())
        }
        None => Err(AppError::TokenExpired),
    }
}

async fn live(app: &App, token: &str) -> Result<bool, AppError> {
    // Our tokens are 64 characters; anything far longer is not one (and is not hashed).
    if token.is_empty() || token.len() > 256 {
        return Ok(false);
    }
    Ok(password_resets::is_live(&app.db, &auth::hash_token(token), app.clock.now()).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_client_limit_counts_every_request_per_address() {
        let l = ResetLimiter::default();
        let ip: IpAddr = "10.0.0.1".parse().unwrap();
        for i in 0..REQUESTS_PER_CLIENT {
            assert!(l.allow(ip), "request {i}");
        }
        assert!(!l.allow(ip));
        assert!(l.allow("10.0.0.2".parse().unwrap()), "another client");
    }
}
