//! Extractors that turn every bad input into the error contract, and find who is calling.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use aula_domain::Role;
use axum::body::Bytes;
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Path, Request};
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE, COOKIE};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use crate::api::input::out_of_range;
use crate::services::auth;
pub use crate::services::auth::CurrentUser;
use crate::{App, AppError};

/// Name of the browser session cookie.
pub const SESSION_COOKIE: &str = "aula_session";

/// A JSON body: malformed or mistyped → 400, a missing required field → 422, too big → 413.
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        if !is_json(req.headers()) {
            return Err(AppError::InvalidRequest(
                "send a JSON body with Content-Type: application/json".into(),
            ));
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|e| {
            if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                AppError::PayloadTooLarge
            } else {
                AppError::InvalidRequest(e.body_text())
            }
        })?;
        parse_json(&bytes).map(ApiJson)
    }
}

/// True when the request says its body is JSON (`application/json` or a `+json` type).
pub fn is_json(headers: &axum::http::HeaderMap) -> bool {
    headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            let mime = v
                .split(';')
                .next()
                .unwrap_or_default()
                .trim()
                .to_ascii_lowercase();
            mime == "application/json" || mime.ends_with("+json")
        })
}

/// Parses JSON, telling syntax and type errors (400) from missing fields and instants outside the
/// planning range (422, naming the field).
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, AppError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let parsed: Result<T, _> = serde_path_to_error::deserialize(&mut de);
    let value = parsed.map_err(|e| {
        let path = e.path().to_string();
        let e = e.into_inner();
        let msg = e.to_string();
        if let Some((field, problem)) = out_of_range(&path, &msg) {
            return AppError::field(&field, problem);
        }
        if e.is_data() {
            if let Some(field) = msg
                .strip_prefix("missing field `")
                .and_then(|r| r.split('`').next())
            {
                return AppError::field(field, aula_domain::Problem::required());
            }
            return AppError::InvalidRequest(format!("wrong JSON value: {msg}"));
        }
        AppError::InvalidRequest(format!("malformed JSON: {msg}"))
    })?;
    // Trailing characters after the value are malformed JSON too.
    de.end()
        .map_err(|e| AppError::InvalidRequest(format!("malformed JSON: {e}")))?;
    Ok(value)
}

/// Query parameters; anything that does not parse → 400.
pub struct ApiQuery<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        let query = parts.uri.query().unwrap_or_default();
        let de = serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
        serde_path_to_error::deserialize(de)
            .map(ApiQuery)
            .map_err(|e| {
                let path = e.path().to_string();
                let msg = e.into_inner().to_string();
                match out_of_range(&path, &msg) {
                    Some((field, problem)) => AppError::field(&field, problem),
                    None => AppError::InvalidRequest(format!("bad query string: {path}: {msg}")),
                }
            })
    }
}

/// Path parameters; an id that is not a number names nothing → 404.
pub struct ApiPath<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for ApiPath<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        Path::<T>::from_request_parts(parts, state)
            .await
            .map(|Path(v)| ApiPath(v))
            .map_err(|_| AppError::NotFound)
    }
}

/// The address of the client.
pub struct ClientIp(pub IpAddr);

impl FromRequestParts<App> for ClientIp {
    type Rejection = AppError;

    /// The TCP peer, or behind a trusted proxy the address it forwarded (`AULA_TRUSTED_PROXIES`).
    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Self, AppError> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(addr)| addr.ip())
            .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
        let forwarded: Vec<&str> = parts
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect();
        Ok(ClientIp(app.config.client_ip(peer, &forwarded)))
    }
}

/// The session token of a request: the Bearer token, else the session cookie.
pub fn token_of(parts: &Parts) -> Option<String> {
    if let Some(auth) = parts
        .headers
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
    {
        let mut words = auth.splitn(2, ' ');
        if words
            .next()
            .is_some_and(|s| s.eq_ignore_ascii_case("bearer"))
        {
            return words
                .next()
                .map(|t| t.trim().to_owned())
                .filter(|t| !t.is_empty());
        }
    }
    session_cookie(&parts.headers).map(str::to_owned)
}

/// The value of the session cookie, if the request carries one.
pub fn session_cookie(headers: &axum::http::HeaderMap) -> Option<&str> {
    cookie(headers, SESSION_COOKIE).filter(|t| !t.is_empty())
}

/// The value of the cookie `name` in the request's `Cookie` headers.
pub fn cookie<'a>(headers: &'a axum::http::HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, value)| value)
}

impl FromRequestParts<App> for CurrentUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Self, AppError> {
        if let Some(found) = parts.extensions.get::<CurrentUser>() {
            return Ok(found.clone());
        }
        let token = token_of(parts).ok_or(AppError::Unauthenticated)?;
        let mut found = auth::authenticate(app, &token)
            .await?
            .ok_or(AppError::Unauthenticated)?;
        // `?lang=` of a logged-in user saves their language; the saved choices then apply to
        // the rest of the request (pages and API messages).
        let asked = crate::i18n::asked_lang(parts.uri.query());
        if let Some(lang) = asked
            && found.user.locale.as_deref() != Some(lang.code())
        {
            let change = aula_db::accounts::ProfileChange {
                locale: Some(lang.code()),
                ..Default::default()
            };
            found.user =
                aula_db::accounts::update_profile(&app.db, found.user.id, change, app.clock.now())
                    .await?;
        }
        crate::i18n::Viewer::apply_login(
            found.user.timezone.as_deref(),
            found.user.locale.as_deref(),
            asked,
        );
        parts.extensions.insert(found.clone());
        Ok(found)
    }
}

/// A logged-in user if there is one (pages show login or logout).
pub struct MaybeUser(pub Option<CurrentUser>);

impl FromRequestParts<App> for MaybeUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Self, AppError> {
        match CurrentUser::from_request_parts(parts, app).await {
            Ok(u) => Ok(MaybeUser(Some(u))),
            Err(AppError::Unauthenticated) => Ok(MaybeUser(None)),
            Err(e) => Err(e),
        }
    }
}

/// A logged-in admin; 401 without a login, 403 without the role.
pub struct AdminUser(pub CurrentUser);

impl FromRequestParts<App> for AdminUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Self, AppError> {
        let user = CurrentUser::from_request_parts(parts, app).await?;
        user.require(Role::Admin)?;
        Ok(AdminUser(user))
    }
}

/// A logged-in teacher and their teacher id; 401 without a login, 403 without the role.
pub struct TeacherUser {
    pub user: CurrentUser,
    pub teacher_id: i64,
}

impl FromRequestParts<App> for TeacherUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Self, AppError> {
        let user = CurrentUser::from_request_parts(parts, app).await?;
        let teacher_id = user.user.teacher_id.ok_or(AppError::Forbidden)?;
        Ok(TeacherUser { user, teacher_id })
    }
}

/// A logged-in user on a page. A visitor is sent to `/login?next=<this page>` (for a GET; a form
/// POST goes back to `/login`), never shown JSON.
pub struct PageUser(pub CurrentUser);

impl FromRequestParts<App> for PageUser {
    type Rejection = axum::response::Response;

    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Self, Self::Rejection> {
        use axum::response::{IntoResponse, Redirect};
        match CurrentUser::from_request_parts(parts, app).await {
            Ok(u) => Ok(PageUser(u)),
            Err(AppError::Unauthenticated) => {
                let to = if parts.method == axum::http::Method::GET {
                    let here = parts.uri.path_and_query().map_or("/", |p| p.as_str());
                    format!("/login?next={}", crate::pages::urlencode(here))
                } else {
                    "/login".to_owned()
                };
                Err(Redirect::to(&to).into_response())
            }
            Err(e) => Err(e.into_response()),
        }
    }
}

/// A logged-in teacher on a page; other users get the 403 page.
pub struct PageTeacher {
    pub user: CurrentUser,
    pub teacher_id: i64,
}

impl FromRequestParts<App> for PageTeacher {
    type Rejection = axum::response::Response;

    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Self, Self::Rejection> {
        let PageUser(user) = PageUser::from_request_parts(parts, app).await?;
        match user.user.teacher_id {
            Some(teacher_id) => Ok(PageTeacher { user, teacher_id }),
            None => Err(forbidden_page(&user, "error-teachers-only")),
        }
    }
}

/// A logged-in admin on a page; other users get the 403 page.
pub struct PageAdmin(pub CurrentUser);

impl FromRequestParts<App> for PageAdmin {
    type Rejection = axum::response::Response;

    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Self, Self::Rejection> {
        let PageUser(user) = PageUser::from_request_parts(parts, app).await?;
        if user.user.has(Role::Admin) {
            Ok(PageAdmin(user))
        } else {
            Err(forbidden_page(&user, "error-back-office-only"))
        }
    }
}

/// The 403 page for a logged-in user of the wrong role; `text_key` names the catalogue's sentence.
fn forbidden_page(user: &CurrentUser, text_key: &str) -> axum::response::Response {
    let nav = crate::pages::Nav::of(Some(user));
    let (heading, text) = (nav.t("error-not-yours"), nav.t(text_key));
    crate::pages::message_page(nav, axum::http::StatusCode::FORBIDDEN, &heading, &text)
}
