//! `GET|POST /password-reset` (ask for a link) and `GET|POST /password-reset/{token}` (choose a
//! new password with it). Opening the link's page does not use the token; only setting the
//! password does.

use askama::Template;
use aula_domain::{DomainError, Email};
use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::api::auth::with_cookie;
use crate::extract::{ClientIp, MaybeUser, cookie};
use crate::pages::{Nav, render};
use crate::services::password_reset;
use crate::{App, AppError};

#[derive(Template)]
#[template(path = "password_reset.html")]
struct AskPage {
    nav: Nav,
    email: String,
    notice: Option<String>,
    /// The problem of the e-mail field.
    error: Option<String>,
}

#[derive(Template)]
#[template(path = "password_reset_token.html")]
struct TokenPage {
    nav: Nav,
    token: String,
    /// The link no longer works: no form, a way to ask for a new one.
    expired: bool,
    /// The problem of the password field.
    error: Option<String>,
}

/// The fields of the form that asks for a link.
#[derive(Deserialize)]
pub struct AskForm {
    #[serde(default)]
    email: String,
}

/// The field of the form that sets the password.
#[derive(Deserialize)]
pub struct NewPasswordForm {
    #[serde(default)]
    password: String,
}

/// The cookie that carries a notice across the 303 (a visitor has no session to keep it in). It
/// holds only the name of the sentence, never text.
const NOTICE_COOKIE: &str = "aula_reset_notice";
/// On `/password-reset`: a link was sent if the address is registered.
const SENT: &str = "sent";
/// On `/login`: the password was changed.
const CHANGED: &str = "changed";

fn notice_cookie(app: &App, path: &str, value: &str, max_age: u32) -> HeaderValue {
    let secure = if app.config.https() { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{NOTICE_COOKIE}={value}; Path={path}; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// The notice a finished reset left for the login page (shown once): its words and the cookie
/// that forgets it.
pub fn login_notice(app: &App, nav: &Nav, headers: &HeaderMap) -> Option<(String, HeaderValue)> {
    (cookie(headers, NOTICE_COOKIE) == Some(CHANGED)).then(|| {
        (
            nav.t("account-reset-changed"),
            notice_cookie(app, "/login", "", 0),
        )
    })
}

/// Shows the form that asks for a link, with the notice of the last request (once).
pub async fn show(
    State(app): State<App>,
    MaybeUser(user): MaybeUser,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let nav = Nav::of(user.as_ref());
    let sent = cookie(&headers, NOTICE_COOKIE) == Some(SENT);
    let page = AskPage {
        notice: sent.then(|| nav.t("account-reset-sent")),
        nav,
        email: String::new(),
        error: None,
    };
    let mut res = render(&page)?.into_response();
    if sent {
        let forget = notice_cookie(&app, "/password-reset", "", 0);
        res.headers_mut().append(header::SET_COOKIE, forget);
    }
    Ok(res)
}

/// Asks for a link and goes back to the form, which says the same words whatever the address.
/// Only an e-mail that cannot be one is refused beside the field (422).
pub async fn submit(
    State(app): State<App>,
    ClientIp(ip): ClientIp,
    MaybeUser(user): MaybeUser,
    Form(form): Form<AskForm>,
) -> Result<Response, AppError> {
    if let Err(e) = Email::parse(&form.email) {
        let DomainError::Invalid { problem, .. } = e else {
            return Err(e.into());
        };
        let nav = Nav::of(user.as_ref());
        let page = AskPage {
            error: Some(nav.said(&problem)),
            nav,
            email: form.email,
            notice: None,
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response());
    }
    password_reset::request(&app, ip, &form.email).await?;
    let sent = notice_cookie(&app, "/password-reset", SENT, 60);
    Ok(with_cookie(Redirect::to("/password-reset"), sent))
}

/// Shows the new-password form of a live link (without using it), else the 410 page.
pub async fn show_token(
    State(app): State<App>,
    MaybeUser(user): MaybeUser,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let nav = Nav::of(user.as_ref());
    let status = match password_reset::check(&app, &token).await {
        Ok(()) => StatusCode::OK,
        Err(AppError::TokenExpired) => StatusCode::GONE,
        Err(e) => return Err(e),
    };
    token_page(nav, token, status, None)
}

/// Sets the password and sends the visitor to log in with it; a refused password is shown
/// beside the field (422), a link that no longer works is the 410 page.
pub async fn submit_token(
    State(app): State<App>,
    MaybeUser(user): MaybeUser,
    Path(token): Path<String>,
    Form(form): Form<NewPasswordForm>,
) -> Result<Response, AppError> {
    let nav = Nav::of(user.as_ref());
    match password_reset::confirm(&app, &token, &form.password).await {
        Ok(()) => {
            let changed = notice_cookie(&app, "/login", CHANGED, 60);
            Ok(with_cookie(Redirect::to("/login"), changed))
        }
        Err(AppError::Validation(fields)) => {
            let error = fields.get("password").map(|p| nav.said(p));
            token_page(nav, token, StatusCode::UNPROCESSABLE_ENTITY, error)
        }
        Err(AppError::TokenExpired) => token_page(nav, token, StatusCode::GONE, None),
        Err(e) => Err(e),
    }
}

fn token_page(
    nav: Nav,
    token: String,
    status: StatusCode,
    error: Option<String>,
) -> Result<Response, AppError> {
    let page = TokenPage {
        nav,
        token,
        expired: status == StatusCode::GONE,
        error,
    };
    Ok((status, render(&page)?).into_response())
}
