//! Password resets: single-use tokens stored only as their SHA-256. A reset is written with its
//! mail in one transaction, and used with one conditional update, so two uses of one token can
//! never both succeed.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect, Set,
};

use crate::entities::{auth_sessions, password_resets, users};
use crate::outbox::{self, NewMail};
use crate::{Db, DbError};

/// A reset to write.
#[derive(Debug, Clone)]
pub struct NewReset<'a> {
    pub user_id: i64,
    /// SHA-256 (hex) of the token the mail holds.
    pub token_hash: &'a str,
    pub expires_at: DateTime<Utc>,
    /// The mail that hands the token to the user.
    pub mail: NewMail,
}

/// Writes the reset and its mail in one transaction, unless `max` resets of the user were
/// written after `since` (or the user is gone); true when written. Resets of one user are counted and written one
/// at a time (the user's row is locked on PostgreSQL; SQLite writers queue).
#[tracing::instrument(skip_all, fields(user_id = new.user_id), err(level = "info"))]
pub async fn create(
    db: &Db,
    new: NewReset<'_>,
    since: DateTime<Utc>,
    max: u64,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let txn = db.begin().await?;
    let locked = users::Entity::find_by_id(new.user_id)
        .lock_exclusive()
        .one(&txn)
        .await?;
    if locked.is_none() {
        // Deleted since it was looked up: nothing to send.
        return Ok(false);
    }
    let recent = password_resets::Entity::find()
        .filter(password_resets::Column::UserId.eq(new.user_id))
        .filter(password_resets::Column::CreatedAt.gt(since))
        .count(&txn)
        .await?;
    if recent >= max {
        return Ok(false);
    }
    password_resets::ActiveModel {
        user_id: Set(new.user_id),
        token_hash: Set(new.token_hash.to_owned()),
        expires_at: Set(new.expires_at),
        used_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    outbox::enqueue(&txn, new.mail, now).await?;
    txn.commit().await?;
    Ok(true)
}

/// True when an unused, unexpired reset has this token hash (nothing is changed).
pub async fn is_live(db: &Db, token_hash: &str, now: DateTime<Utc>) -> Result<bool, DbError> {
    let found = password_resets::Entity::find()
        .select_only()
        .column(password_resets::Column::Id)
        .filter(password_resets::Column::TokenHash.eq(token_hash))
        .filter(password_resets::Column::UsedAt.is_null())
        .filter(password_resets::Column::ExpiresAt.gt(now))
        .into_tuple::<i64>()
        .one(db.reader())
        .await?;
    Ok(found.is_some())
}

/// Uses the live reset with this token hash: in one transaction it is marked used (a conditional
/// update, so of two uses at once only one finds it live), the user's password hash becomes
/// `password_hash`, every session of the user ends and the user's other open resets are used
/// up. Returns the user's id, or `None` when no live reset has this hash (used, expired or
/// unknown).
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn consume(
    db: &Db,
    token_hash: &str,
    password_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<i64>, DbError> {
    // The first statement writes, so on SQLite it takes the write lock itself.
    let txn = db.begin_writing().await?;
    let used = password_resets::Entity::update_many()
        .col_expr(password_resets::Column::UsedAt, Expr::value(now))
        .filter(password_resets::Column::TokenHash.eq(token_hash))
        .filter(password_resets::Column::UsedAt.is_null())
        .filter(password_resets::Column::ExpiresAt.gt(now))
        .exec(&txn)
        .await?;
    if used.rows_affected == 0 {
        return Ok(None);
    }
    let Some(user_id) = password_resets::Entity::find()
        .select_only()
        .column(password_resets::Column::UserId)
        .filter(password_resets::Column::TokenHash.eq(token_hash))
        .into_tuple::<i64>()
        .one(&txn)
        .await?
    else {
        return Ok(None);
    };
    users::Entity::update_many()
        .col_expr(users::Column::PasswordHash, Expr::value(password_hash))
        .col_expr(users::Column::UpdatedAt, Expr::value(now))
        .filter(users::Column::Id.eq(user_id))
        .exec(&txn)
        .await?;
    auth_sessions::Entity::update_many()
        .col_expr(auth_sessions::Column::RevokedAt, Expr::value(now))
        .filter(auth_sessions::Column::UserId.eq(user_id))
        .filter(auth_sessions::Column::RevokedAt.is_null())
        .exec(&txn)
        .await?;
    // A link mailed earlier must not undo the new password.
    password_resets::Entity::update_many()
        .col_expr(password_resets::Column::UsedAt, Expr::value(now))
        .filter(password_resets::Column::UserId.eq(user_id))
        .filter(password_resets::Column::UsedAt.is_null())
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(Some(user_id))
}

/// Deletes reset links that expired before `before`; returns how many.
pub async fn purge_expired(db: &Db, before: DateTime<Utc>) -> Result<u64, DbError> {
    let done = password_resets::Entity::delete_many()
        .filter(password_resets::Column::ExpiresAt.lt(before))
        .exec(db.writer())
        .await?;
    Ok(done.rows_affected)
}
