//! Login sessions kept on the server: a token's SHA-256, an expiry, and a revocation time.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

use crate::entities::auth_sessions;
use crate::{Db, DbError};

/// Stores a new session for `user_id`; returns its id.
pub async fn create(
    db: &Db,
    user_id: i64,
    token_hash: &str,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<i64, DbError> {
    let row = auth_sessions::ActiveModel {
        user_id: Set(user_id),
        token_hash: Set(token_hash.to_owned()),
        created_at: Set(now),
        expires_at: Set(expires_at),
        revoked_at: Set(None),
        flash: Set(None),
        ..Default::default()
    }
    .insert(db.writer())
    .await?;
    Ok(row.id)
}

/// The (session id, user id) of an unexpired, unrevoked session with this token hash.
pub async fn find_active(
    db: &Db,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<(i64, i64)>, DbError> {
    let row = auth_sessions::Entity::find()
        .filter(auth_sessions::Column::TokenHash.eq(token_hash))
        .filter(auth_sessions::Column::RevokedAt.is_null())
        .filter(auth_sessions::Column::ExpiresAt.gt(now))
        .one(db.reader())
        .await?;
    Ok(row.map(|s| (s.id, s.user_id)))
}

/// Keeps a notice for the next page the session sees (replacing an unseen one).
pub async fn set_flash(db: &Db, session_id: i64, flash: &str) -> Result<(), DbError> {
    auth_sessions::Entity::update_many()
        .col_expr(
            auth_sessions::Column::Flash,
            Expr::value(flash.chars().take(1000).collect::<String>()),
        )
        .filter(auth_sessions::Column::Id.eq(session_id))
        .exec(db.writer())
        .await?;
    Ok(())
}

/// Takes the session's notice, if any: it is shown once.
pub async fn take_flash(db: &Db, session_id: i64) -> Result<Option<String>, DbError> {
    let found = auth_sessions::Entity::find_by_id(session_id)
        .one(db.reader())
        .await?
        .and_then(|s| s.flash);
    if found.is_some() {
        auth_sessions::Entity::update_many()
            .col_expr(
                auth_sessions::Column::Flash,
                Expr::value(Option::<String>::None),
            )
            .filter(auth_sessions::Column::Id.eq(session_id))
            .exec(db.writer())
            .await?;
    }
    Ok(found)
}

/// Ends a session at once.
pub async fn revoke(db: &Db, session_id: i64, now: DateTime<Utc>) -> Result<(), DbError> {
    auth_sessions::Entity::update_many()
        .col_expr(auth_sessions::Column::RevokedAt, Expr::value(now))
        .filter(auth_sessions::Column::Id.eq(session_id))
        .filter(auth_sessions::Column::RevokedAt.is_null())
        .exec(db.writer())
        .await?;
    Ok(())
}

/// Deletes sessions that expired before `now`; returns how many.
pub async fn purge_expired(db: &Db, now: DateTime<Utc>) -> Result<u64, DbError> {
    let res = auth_sessions::Entity::delete_many()
        .filter(auth_sessions::Column::ExpiresAt.lte(now))
        .exec(db.writer())
        .await?;
    Ok(res.rows_affected)
}
