//! Server-side login sessions: random tokens, stored only as their SHA-256.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use aula_db::accounts::{SessionUser, UserRecord};
use aula_db::{accounts, auth_sessions};
use aula_domain::Role;
use chrono::{DateTime, Utc};
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

/// The user behind a token, if the session is live. Sessions seen before are answered from
/// memory while the accounts version is the one they were read at (every write that changes what
/// a token stands for bumps it, from any process) and they have not expired.
pub async fn authenticate(app: &App, token: &str) -> Result<Option<CurrentUser>, AppError> {
    if token.len() > 256 {
        return Ok(None);
    }
    let hash = hash_token(token);
    let version = crate::cache::versions(app).await?.accounts;
    let now = app.clock.now();
    let found = match app.sessions.get(&hash, version, now) {
        Some(found) => found,
        None => {
            let Some(found) = accounts::find_by_session(&app.db, &hash, now).await? else {
                return Ok(None);
            };
            let found = Arc::new(found);
            app.sessions.keep(hash, version, found.clone());
            found
        }
    };
    Ok(Some(CurrentUser {
        user: found.user.clone(),
        session_id: found.session_id,
        csrf: crate::security::csrf_token(token),
    }))
}

/// Sessions kept at most; past it the memory starts afresh.
const MAX_SESSIONS: usize = 8192;

/// The live sessions seen by this process, by token hash, each with the accounts version it was
/// read at. Only sessions that exist are kept (an unknown token is read every time).
#[derive(Default)]
pub struct SessionCache {
    kept: Mutex<HashMap<String, (i64, Arc<SessionUser>)>>,
}

impl SessionCache {
    fn get(&self, hash: &str, version: i64, now: DateTime<Utc>) -> Option<Arc<SessionUser>> {
        let kept = self.kept.lock().ok()?;
        kept.get(hash)
            .filter(|(v, s)| *v == version && s.expires_at > now)
            .map(|(_, s)| s.clone())
    }

    fn keep(&self, hash: String, version: i64, session: Arc<SessionUser>) {
        if let Ok(mut kept) = self.kept.lock() {
            if kept.len() >= MAX_SESSIONS && !kept.contains_key(&hash) {
                kept.clear();
            }
            kept.insert(hash, (version, session));
        }
    }
}

/// Ends a session at once.
pub async fn revoke(app: &App, session_id: i64) -> Result<(), AppError> {
    auth_sessions::revoke(&app.db, session_id, app.clock.now()).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(expires_at: DateTime<Utc>) -> Arc<SessionUser> {
        Arc::new(SessionUser {
            session_id: 1,
            expires_at,
            user: UserRecord {
                id: 1,
                email: "ana@example.com".into(),
                first_name: "Ana".into(),
                last_name: "Ruiz".into(),
                password_hash: None,
                student_id: 1,
                teacher_id: None,
                is_admin: false,
                timezone: None,
                locale: None,
                created_at: expires_at,
            },
        })
    }

    #[test]
    fn a_kept_session_answers_only_at_its_version_and_before_it_expires() {
        let now = chrono::DateTime::parse_from_rfc3339("2026-12-04T10:00:00Z")
            .unwrap()
            .to_utc();
        let cache = SessionCache::default();
        cache.keep("h".into(), 7, session(now + chrono::Duration::hours(1)));
        assert!(cache.get("h", 7, now).is_some());
        assert!(cache.get("other", 7, now).is_none(), "another token");
        assert!(cache.get("h", 8, now).is_none(), "a write since");
        assert!(
            cache
                .get("h", 7, now + chrono::Duration::hours(1))
                .is_none(),
            "expired"
        );
    }

    #[test]
    fn the_kept_sessions_are_bounded() {
        let now = chrono::Utc::now();
        let cache = SessionCache::default();
        for i in 0..=MAX_SESSIONS {
            cache.keep(
                format!("h{i}"),
                1,
                session(now + chrono::Duration::hours(1)),
            );
        }
        assert!(cache.kept.lock().unwrap().len() <= MAX_SESSIONS);
    }
}
