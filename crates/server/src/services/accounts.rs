//! Registering, logging in and creating users, with every field checked at the edge.

use std::net::IpAddr;

use aula_db::accounts::{self, NewUser, UserRecord};
use aula_db::{Db, DbError};
use aula_domain::Conflict;
use aula_domain::credits::TeacherTier;
use aula_domain::{Email, Password, PersonName, Problem, Role};
use chrono::{DateTime, Utc};

use crate::error::FieldErrors;
use crate::services::{auth, password};
use crate::{App, AppError};

/// A new account as typed by a person.
#[derive(Debug, Clone)]
pub struct NewAccount {
    pub email: String,
    pub password: String,
    pub first_name: String,
    pub last_name: String,
}

/// Creates a user with an optional role; every field problem is reported at once (422),
/// a registered e-mail is 409 `duplicate`.
pub async fn create_user(
    db: &Db,
    input: NewAccount,
    role: Option<Role>,
    tier: Option<i32>,
    now: DateTime<Utc>,
) -> Result<UserRecord, AppError> {
    create(db, input, role, tier, false, now).await
}

/// Creates a user; `welcome` writes the welcome mail with it (a person who registered).
#[tracing::instrument(skip_all, err(level = "info"))]
async fn create(
    db: &Db,
    input: NewAccount,
    role: Option<Role>,
    tier: Option<i32>,
    welcome: bool,
    now: DateTime<Utc>,
) -> Result<UserRecord, AppError> {
    let mut errors = FieldErrors::default();
    let email = errors.take(Email::parse(&input.email));
    let pass = errors.take(Password::parse(&input.password));
    let first = errors.take(PersonName::parse("firstName", &input.first_name));
    let last = errors.take(PersonName::parse("lastName", &input.last_name));
    if let Some(t) = tier {
        errors.take(TeacherTier::parse("tier", i64::from(t)));
    }
    errors.finish()?;
    let (Some(email), Some(pass), Some(first), Some(last)) = (email, pass, first, last) else {
        unreachable!("FieldErrors::finish returned Ok with a missing value");
    };
    let password_hash = password::hash(pass.expose().to_owned()).await?;
    let new = NewUser {
        email: &email,
        first_name: &first,
        last_name: &last,
        password_hash,
        role,
        tier,
        welcome,
        // A person who registers in a language they asked for keeps it.
        locale: welcome
            .then(crate::i18n::Viewer::current)
            .filter(|v| v.lang_chosen)
            .map(|v| v.lang.code()),
    };
    accounts::create(db, new, now).await.map_err(|e| match e {
        DbError::Duplicate(_) => {
            AppError::conflict(Conflict::Duplicate, "that e-mail is already registered")
        }
        other => other.into(),
    })
}

/// Registers a student and logs them in.
pub async fn register(app: &App, input: NewAccount) -> Result<(UserRecord, String), AppError> {
    let user = create(&app.db, input, None, None, true, app.clock.now()).await?;
    let token = auth::issue(app, user.id).await?;
    Ok((user, token))
}

/// Checks e-mail and password. The attempt takes its place in the failure count of (client
/// address, e-mail) before the password is checked and gives it back only when it is right.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn login(
    app: &App,
    ip: IpAddr,
    email: &str,
    pass: &str,
) -> Result<(UserRecord, String), AppError> {
    let parsed = Email::parse(email).ok();
    let key = parsed
        .as_ref()
        .map_or_else(|| email.trim().to_lowercase(), |e| e.as_str().to_owned());
    let reservation = app
        .login_limiter
        .reserve(ip, &key)
        .map_err(|retry_after_secs| AppError::RateLimited { retry_after_secs })?;
    let user = match &parsed {
        Some(e) => accounts::find_by_email(&app.db, e).await?,
        None => None,
    };
    let stored = user.as_ref().and_then(|u| u.password_hash.clone());
    let matches = password::verify(
        pass.to_owned(),
        stored
            .clone()
            .unwrap_or_else(|| password::decoy_hash().to_owned()),
    )
    .await?;
    match user {
        Some(user) if matches && stored.is_some() => {
            app.login_limiter.release(reservation);
            let token = auth::issue(app, user.id).await?;
            Ok((user, token))
        }
        _ => Err(AppError::WrongLogin),
    }
}

/// Grants the teacher or admin role; `tier` only with the teacher role, 0-1000.
#[tracing::instrument(skip_all, fields(user_id), err(level = "info"))]
pub async fn grant_role(
    app: &App,
    user_id: i64,
    role: Role,
    tier: Option<i32>,
) -> Result<UserRecord, AppError> {
    match tier {
        Some(_) if role != Role::Teacher => {
            return Err(AppError::field("tier", Problem::new("tier-teacher-only")));
        }
        Some(t) => {
            TeacherTier::parse("tier", i64::from(t))?;
        }
        None => {}
    }
    Ok(accounts::grant_role(&app.db, user_id, role, tier, app.clock.now()).await?)
}
