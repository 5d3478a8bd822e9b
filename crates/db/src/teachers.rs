//! Teacher profiles: public list and detail, the teacher's own edits, the admin's tier and active flag.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};

use crate::entities::{teachers, users};
use crate::{Db, DbError};

/// A teacher as shown to everyone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeacherRecord {
    pub id: i64,
    pub user_id: i64,
    pub display_name: String,
    pub tier: i32,
    pub bio: Option<String>,
    pub languages_spoken: Vec<String>,
    pub specialties: Vec<String>,
    pub years_experience: Option<i32>,
    pub avatar_url: Option<String>,
    pub timezone: String,
    pub is_active: bool,
}

fn record(t: teachers::Model, u: Option<users::Model>) -> TeacherRecord {
    let display_name = u
        .map(|u| {
            format!("{} {}", u.first_name, u.last_name)
                .trim()
                .to_owned()
        })
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "Teacher".into());
    TeacherRecord {
        id: t.id,
        user_id: t.user_id,
        display_name,
        tier: t.tier,
        bio: t.bio,
        languages_spoken: serde_json::from_str(&t.languages_spoken).unwrap_or_default(),
        specialties: serde_json::from_str(&t.specialties).unwrap_or_default(),
        years_experience: t.years_experience,
        avatar_url: t.avatar_url,
        timezone: t.timezone,
        is_active: t.is_active,
    }
}

/// Teachers holding the role; only active ones unless `include_inactive`.
pub async fn list(db: &Db, include_inactive: bool) -> Result<Vec<TeacherRecord>, DbError> {
    let mut q = teachers::Entity::find().filter(teachers::Column::RevokedAt.is_null());
    if !include_inactive {
        q = q.filter(teachers::Column::IsActive.eq(true));
    }
    let rows = q
        .order_by_asc(teachers::Column::Id)
        .all(db.reader())
        .await?;
    with_users(db, rows).await
}

async fn with_users(db: &Db, rows: Vec<teachers::Model>) -> Result<Vec<TeacherRecord>, DbError> {
    let ids: Vec<i64> = rows.iter().map(|t| t.user_id).collect();
    let mut users: std::collections::HashMap<i64, users::Model> = users::Entity::find()
        .filter(users::Column::Id.is_in(ids))
        .all(db.reader())
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    Ok(rows
        .into_iter()
        .map(|t| {
            let u = users.remove(&t.user_id);
            record(t, u)
        })
        .collect())
}

/// A teacher holding the role (active or not).
pub async fn get(db: &Db, id: i64) -> Result<Option<TeacherRecord>, DbError> {
    let row = teachers::Entity::find_by_id(id)
        .filter(teachers::Column::RevokedAt.is_null())
        .one(db.reader())
        .await?;
    Ok(with_users(db, row.into_iter().collect()).await?.pop())
}

/// The teacher's own profile changes; `None` leaves a field as it is.
#[derive(Debug, Default, Clone)]
pub struct ProfileChanges {
    pub bio: Option<Option<String>>,
    pub languages_spoken: Option<Vec<String>>,
    pub specialties: Option<Vec<String>>,
    pub years_experience: Option<Option<i32>>,
    pub avatar_url: Option<Option<String>>,
    pub timezone: Option<String>,
}

/// Applies profile changes.
pub async fn update_profile(
    db: &Db,
    id: i64,
    c: ProfileChanges,
    now: DateTime<Utc>,
) -> Result<TeacherRecord, DbError> {
    let t = teachers::Entity::find_by_id(id)
        .one(db.reader())
        .await?
        .ok_or(DbError::NotFound)?;
    let mut t: teachers::ActiveModel = t.into();
    if let Some(v) = c.bio {
        t.bio = Set(v);
    }
    if let Some(v) = c.languages_spoken {
        t.languages_spoken = Set(json(&v));
    }
    if let Some(v) = c.specialties {
        t.specialties = Set(json(&v));
    }
    if let Some(v) = c.years_experience {
        t.years_experience = Set(v);
    }
    if let Some(v) = c.avatar_url {
        t.avatar_url = Set(v);
    }
    if let Some(v) = c.timezone {
        t.timezone = Set(v);
    }
    t.updated_at = Set(now);
    t.update(db.writer()).await?;
    get(db, id).await?.ok_or(DbError::NotFound)
}

fn json(v: &[String]) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "[]".into())
}

/// The admin's changes: pricing tier and active flag.
pub async fn admin_update(
    db: &Db,
    id: i64,
    tier: Option<i32>,
    is_active: Option<bool>,
    now: DateTime<Utc>,
) -> Result<TeacherRecord, DbError> {
    let t = teachers::Entity::find_by_id(id)
        .filter(teachers::Column::RevokedAt.is_null())
        .one(db.reader())
        .await?
        .ok_or(DbError::NotFound)?;
    let mut t: teachers::ActiveModel = t.into();
    if let Some(v) = tier {
        t.tier = Set(v);
    }
    if let Some(v) = is_active {
        t.is_active = Set(v);
    }
    t.updated_at = Set(now);
    t.update(db.writer()).await?;
    get(db, id).await?.ok_or(DbError::NotFound)
}
