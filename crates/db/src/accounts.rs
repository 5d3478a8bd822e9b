//! Users and their roles: every user is a student; teacher and admin are granted and revoked.

use std::collections::{HashMap, HashSet};

use aula_domain::{Email, Page, PersonName, Role};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, Func, LikeExpr, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};

use crate::entities::{admins, students, teachers, users};
use crate::{Db, DbError};

/// A user with the ids of its roles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserRecord {
    pub id: i64,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub password_hash: Option<String>,
    pub student_id: i64,
    pub teacher_id: Option<i64>,
    pub is_admin: bool,
    /// The zone the user's times are shown in (IANA name), when chosen.
    pub timezone: Option<String>,
    /// The language of the user's pages and mails (`en`, `es`), when chosen.
    pub locale: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl UserRecord {
    /// The roles held, `student` first.
    pub fn roles(&self) -> Vec<Role> {
        let mut roles = vec![Role::Student];
        if self.teacher_id.is_some() {
            roles.push(Role::Teacher);
        }
        if self.is_admin {
            roles.push(Role::Admin);
        }
        roles
    }

    /// True when the user holds `role`.
    pub fn has(&self, role: Role) -> bool {
        self.roles().contains(&role)
    }
}

/// What is needed to create a user.
#[derive(Debug)]
pub struct NewUser<'a> {
    pub email: &'a Email,
    pub first_name: &'a PersonName,
    pub last_name: &'a PersonName,
    pub password_hash: String,
    pub role: Option<Role>,
    pub tier: Option<i32>,
    /// The person registered themselves: they get the welcome mail.
    pub welcome: bool,
    /// The language they registered in (their pages and mails then stay in it).
    pub locale: Option<&'a str>,
}

/// Creates a user, its student row and the asked role in one transaction.
/// An e-mail already registered is [`DbError::Duplicate`].
pub async fn create(db: &Db, new: NewUser<'_>, now: DateTime<Utc>) -> Result<UserRecord, DbError> {
    let txn = db.begin().await?;
    let user = users::ActiveModel {
        email: Set(new.email.as_str().to_owned()),
        first_name: Set(new.first_name.as_str().to_owned()),
        last_name: Set(new.last_name.as_str().to_owned()),
        password_hash: Set(Some(new.password_hash)),
        locale: Set(new.locale.map(str::to_owned)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    students::ActiveModel {
        user_id: Set(user.id),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    if let Some(role) = new.role {
        grant_in(&txn, user.id, role, new.tier, now).await?;
    }
    if new.welcome {
        let mail = crate::outbox::NewMail::now(
            aula_domain::mail::MailKind::Welcome,
            user.id,
            serde_json::json!({}),
            now,
        );
        crate::outbox::enqueue(&txn, mail, now).await?;
    }
    txn.commit().await?;
    find_by_id(db, user.id).await?.ok_or(DbError::NotFound)
}

/// The user with this (normalised) e-mail.
pub async fn find_by_email(db: &Db, email: &Email) -> Result<Option<UserRecord>, DbError> {
    let user = users::Entity::find()
        .filter(users::Column::Email.eq(email.as_str()))
        .one(db.reader())
        .await?;
    match user {
        Some(u) => Ok(with_roles(db.reader(), vec![u]).await?.pop()),
        None => Ok(None),
    }
}

/// The user with this id.
pub async fn find_by_id(db: &Db, id: i64) -> Result<Option<UserRecord>, DbError> {
    find_by_id_in(db.reader(), id).await
}

async fn find_by_id_in(
    conn: &impl ConnectionTrait,
    id: i64,
) -> Result<Option<UserRecord>, DbError> {
    match users::Entity::find_by_id(id).one(conn).await? {
        Some(u) => Ok(with_roles(conn, vec![u]).await?.pop()),
        None => Ok(None),
    }
}

/// Filters of the admin user list.
#[derive(Debug, Default, Clone)]
pub struct UserFilter {
    /// Case-insensitive substring of e-mail, first or last name.
    pub search: Option<String>,
    /// Only users holding this role.
    pub role: Option<Role>,
}

/// One page of users matching `filter`, by id, and the total count.
pub async fn list(
    db: &Db,
    filter: &UserFilter,
    page: Page,
) -> Result<(Vec<UserRecord>, u64), DbError> {
    let mut cond = Condition::all();
    if let Some(search) = filter
        .search
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        let pattern = format!("%{}%", escape_like(&search.to_lowercase()));
        let like = |c: users::Column| {
            Expr::expr(Func::lower(Expr::col(c))).like(LikeExpr::new(pattern.clone()).escape('\\'))
        };
        cond = cond.add(
            Condition::any()
                .add(like(users::Column::Email))
                .add(like(users::Column::FirstName))
                .add(like(users::Column::LastName)),
        );
    }
    match filter.role {
        Some(Role::Admin) => {
            cond = cond.add(
                users::Column::Id.in_subquery(
                    Query::select()
                        .column(admins::Column::UserId)
                        .from(admins::Entity)
                        .to_owned(),
                ),
            );
        }
        Some(Role::Teacher) => {
            cond = cond.add(
                users::Column::Id.in_subquery(
                    Query::select()
                        .column(teachers::Column::UserId)
                        .from(teachers::Entity)
                        .and_where(teachers::Column::RevokedAt.is_null())
                        .to_owned(),
                ),
            );
        }
        Some(Role::Student) | None => {}
    }
    let query = users::Entity::find().filter(cond);
    let total = query.clone().count(db.reader()).await?;
    let rows = query
        .order_by_asc(users::Column::Id)
        .offset(page.offset())
        .limit(page.page_size)
        .all(db.reader())
        .await?;
    Ok((with_roles(db.reader(), rows).await?, total))
}

fn escape_like(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// Grants `role` (teacher or admin); granting a held role changes nothing but a given tier.
pub async fn grant_role(
    db: &Db,
    user_id: i64,
    role: Role,
    tier: Option<i32>,
    now: DateTime<Utc>,
) -> Result<UserRecord, DbError> {
    let txn = db.begin().await?;
    if users::Entity::find_by_id(user_id)
        .one(&txn)
        .await?
        .is_none()
    {
        return Err(DbError::NotFound);
    }
    grant_in(&txn, user_id, role, tier, now).await?;
    let user = find_by_id_in(&txn, user_id)
        .await?
        .ok_or(DbError::NotFound)?;
    txn.commit().await?;
    Ok(user)
}

async fn grant_in(
    conn: &impl ConnectionTrait,
    user_id: i64,
    role: Role,
    tier: Option<i32>,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    match role {
        Role::Student => Ok(()),
        Role::Admin => {
            if admins::Entity::find()
                .filter(admins::Column::UserId.eq(user_id))
                .one(conn)
                .await?
                .is_none()
            {
                admins::ActiveModel {
                    user_id: Set(user_id),
                    is_active: Set(true),
                    created_at: Set(now),
                    ..Default::default()
                }
                .insert(conn)
                .await?;
            }
            Ok(())
        }
        Role::Teacher => {
            match teachers::Entity::find()
                .filter(teachers::Column::UserId.eq(user_id))
                .one(conn)
                .await?
            {
                Some(t) => {
                    let mut t: teachers::ActiveModel = t.into();
                    t.revoked_at = Set(None);
                    if let Some(tier) = tier {
                        t.tier = Set(tier);
                    }
                    t.updated_at = Set(now);
                    t.update(conn).await?;
                }
                None => {
                    teachers::ActiveModel {
                        user_id: Set(user_id),
                        tier: Set(tier.unwrap_or(0)),
                        languages_spoken: Set("[]".into()),
                        specialties: Set("[]".into()),
                        timezone: Set("UTC".into()),
                        is_active: Set(true),
                        created_at: Set(now),
                        updated_at: Set(now),
                        ..Default::default()
                    }
                    .insert(conn)
                    .await?;
                }
            }
            Ok(())
        }
    }
}

/// Revokes `role`. The teacher profile is kept (sessions point at it), only the role ends.
pub async fn revoke_role(
    db: &Db,
    user_id: i64,
    role: Role,
    now: DateTime<Utc>,
) -> Result<UserRecord, DbError> {
    let txn = db.begin().await?;
    if users::Entity::find_by_id(user_id)
        .one(&txn)
        .await?
        .is_none()
    {
        return Err(DbError::NotFound);
    }
    match role {
        Role::Student => {}
        Role::Admin => {
            admins::Entity::delete_many()
                .filter(admins::Column::UserId.eq(user_id))
                .exec(&txn)
                .await?;
        }
        Role::Teacher => {
            teachers::Entity::update_many()
                .col_expr(teachers::Column::RevokedAt, Expr::value(now))
                .col_expr(teachers::Column::UpdatedAt, Expr::value(now))
                .filter(teachers::Column::UserId.eq(user_id))
                .filter(teachers::Column::RevokedAt.is_null())
                .exec(&txn)
                .await?;
        }
    }
    let user = find_by_id_in(&txn, user_id)
        .await?
        .ok_or(DbError::NotFound)?;
    txn.commit().await?;
    Ok(user)
}

/// Attaches role ids to users with three queries, whatever the number of users.
async fn with_roles(
    conn: &impl ConnectionTrait,
    rows: Vec<users::Model>,
) -> Result<Vec<UserRecord>, DbError> {
    let ids: Vec<i64> = rows.iter().map(|u| u.id).collect();
    let students: HashMap<i64, i64> = students::Entity::find()
        .filter(students::Column::UserId.is_in(ids.clone()))
        .all(conn)
        .await?
        .into_iter()
        .map(|s| (s.user_id, s.id))
        .collect();
    let teachers: HashMap<i64, i64> = teachers::Entity::find()
        .filter(teachers::Column::UserId.is_in(ids.clone()))
        .filter(teachers::Column::RevokedAt.is_null())
        .all(conn)
        .await?
        .into_iter()
        .map(|t| (t.user_id, t.id))
        .collect();
    let admins: HashSet<i64> = admins::Entity::find()
        .filter(admins::Column::UserId.is_in(ids))
        .filter(admins::Column::IsActive.eq(true))
        .all(conn)
        .await?
        .into_iter()
        .map(|a| a.user_id)
        .collect();
    rows.into_iter()
        .map(|u| {
            let student_id = *students.get(&u.id).ok_or(DbError::NotFound)?;
            Ok(UserRecord {
                id: u.id,
                teacher_id: teachers.get(&u.id).copied(),
                is_admin: admins.contains(&u.id),
                student_id,
                email: u.email,
                first_name: u.first_name,
                last_name: u.last_name,
                password_hash: u.password_hash,
                timezone: u.timezone,
                locale: u.locale,
                created_at: u.created_at,
            })
        })
        .collect()
}

/// How many users exist (the demo seeds only an empty database).
pub async fn count(db: &Db) -> Result<u64, DbError> {
    Ok(users::Entity::find().count(db.reader()).await?)
}

/// The fields of a profile change; `None` keeps the stored value.
#[derive(Debug, Default)]
pub struct ProfileChange<'a> {
    pub first_name: Option<&'a PersonName>,
    pub last_name: Option<&'a PersonName>,
    /// A checked IANA zone name.
    pub timezone: Option<&'a str>,
    /// A supported language code.
    pub locale: Option<&'a str>,
}

/// Changes the user's own profile fields and answers the user as stored.
pub async fn update_profile(
    db: &Db,
    user_id: i64,
    change: ProfileChange<'_>,
    now: DateTime<Utc>,
) -> Result<UserRecord, DbError> {
    let txn = db.begin().await?;
    let Some(user) = users::Entity::find_by_id(user_id).one(&txn).await? else {
        return Err(DbError::NotFound);
    };
    let mut user: users::ActiveModel = user.into();
    if let Some(v) = change.first_name {
        user.first_name = Set(v.as_str().to_owned());
    }
    if let Some(v) = change.last_name {
        user.last_name = Set(v.as_str().to_owned());
    }
    if let Some(v) = change.timezone {
        user.timezone = Set(Some(v.to_owned()));
    }
    if let Some(v) = change.locale {
        user.locale = Set(Some(v.to_owned()));
    }
    user.updated_at = Set(now);
    user.update(&txn).await?;
    let user = find_by_id_in(&txn, user_id)
        .await?
        .ok_or(DbError::NotFound)?;
    txn.commit().await?;
    Ok(user)
}

/// The user of an unexpired, unrevoked login session with this token hash, with roles, and the
/// session's id: one statement (it runs on every authenticated request).
pub async fn find_by_session(
    db: &Db,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<SessionUser>, DbError> {
    use sea_orm::{Statement, Value};
    let (p1, p2) = (
        crate::sql::param(db.db_backend(), 1),
        crate::sql::param(db.db_backend(), 2),
    );
    let sql = format!(
        "SELECT s.id AS session_id, s.expires_at, u.id, u.email, u.first_name, u.last_name, u.password_hash, \
         u.timezone, u.locale, u.created_at, st.id AS student_id, \
         (SELECT t.id FROM teachers t WHERE t.user_id = u.id AND t.revoked_at IS NULL) AS teacher_id, \
         (SELECT COUNT(*) FROM admins a WHERE a.user_id = u.id AND a.is_active = TRUE) AS admins \
         FROM auth_sessions s JOIN users u ON u.id = s.user_id JOIN students st ON st.user_id = u.id \
         WHERE s.token_hash = {p1} AND s.revoked_at IS NULL AND s.expires_at > {p2}"
    );
    let stmt = Statement::from_sql_and_values(
        db.db_backend(),
        sql,
        [Value::from(token_hash.to_owned()), Value::from(now)],
    );
    let Some(row) = db.reader().query_one(stmt).await? else {
        return Ok(None);
    };
    let user = UserRecord {
        id: row.try_get("", "id")?,
        email: row.try_get("", "email")?,
        first_name: row.try_get("", "first_name")?,
        last_name: row.try_get("", "last_name")?,
        password_hash: row.try_get("", "password_hash")?,
        student_id: row.try_get("", "student_id")?,
        teacher_id: row.try_get("", "teacher_id")?,
        is_admin: row.try_get::<i64>("", "admins")? > 0,
        timezone: row.try_get("", "timezone")?,
        locale: row.try_get("", "locale")?,
        created_at: row.try_get("", "created_at")?,
    };
    Ok(Some(SessionUser {
        session_id: row.try_get("", "session_id")?,
        expires_at: row.try_get("", "expires_at")?,
        user,
    }))
}

/// A live session and its user.
#[derive(Debug, Clone)]
pub struct SessionUser {
    pub session_id: i64,
    /// When the session ends (unless revoked before).
    pub expires_at: DateTime<Utc>,
    pub user: UserRecord,
}
