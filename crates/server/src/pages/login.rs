//! `GET|POST /login`: the login form, which sets the session cookie.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::api::auth::{session_cookie, with_cookie};
use crate::extract::{ApiQuery, ClientIp, MaybeUser};
use crate::pages::{Nav, password_reset, render};
use crate::services::accounts;
use crate::{App, AppError};

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    nav: Nav,
    email: String,
    error: Option<String>,
    /// What a finished password reset says (once).
    notice: Option<String>,
    /// Where to go after logging in (a local path).
    next: String,
}

/// The form fields.
#[derive(Deserialize)]
pub struct LoginForm {
    email: String,
    password: String,
    #[serde(default)]
    next: String,
}

/// `?next=` of the login page.
#[derive(Deserialize)]
pub struct Next {
    next: Option<String>,
}

/// A path on this site to go to after logging in, else `/` (never another site).
pub fn local_path(next: Option<&str>) -> String {
    match next {
        Some(p)
            if p.starts_with('/')
                && !p.starts_with("//")
                && !p.contains(['\\', '\r', '\n'])
                && p.len() <= 2000 =>
        {
            p.to_owned()
        }
        _ => "/".to_owned(),
    }
}

/// Shows the form, with the notice of a finished password reset (once).
pub async fn show(
    State(app): State<App>,
    MaybeUser(user): MaybeUser,
    ApiQuery(q): ApiQuery<Next>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let next = local_path(q.next.as_deref());
    if user.is_some() {
        return Ok(Redirect::to(&next).into_response());
    }
    let nav = Nav::of(None);
    let notice = password_reset::login_notice(&app, &nav, &headers);
    let mut res = render(&LoginPage {
        notice: notice.as_ref().map(|(words, _)| words.clone()),
        nav,
        email: String::new(),
        error: None,
        next,
    })?
    .into_response();
    if let Some((_, forget)) = notice {
        res.headers_mut().append(header::SET_COOKIE, forget);
    }
    Ok(res)
}

/// Logs in and redirects home, or shows the form again with the problem.
pub async fn submit(
    State(app): State<App>,
    ClientIp(ip): ClientIp,
    Form(form): Form<LoginForm>,
) -> Result<Response, AppError> {
    let nav = Nav::of(None);
    match accounts::login(&app, ip, &form.email, &form.password).await {
        Ok((_, token)) => {
            let next = local_path(Some(&form.next));
            Ok(with_cookie(
                Redirect::to(&next),
                session_cookie(&app, &token),
            ))
        }
        Err(e @ (AppError::WrongLogin | AppError::RateLimited { .. })) => {
            let (status, _) = e.status_and_code();
            let message = match e {
                AppError::RateLimited { .. } => nav.t("account-login-too-many"),
                _ => nav.t("account-login-wrong"),
            };
            let page = LoginPage {
                nav,
                email: form.email,
                error: Some(message),
                notice: None,
                next: local_path(Some(&form.next)),
            };
            Ok((status, render(&page)?).into_response())
        }
        Err(e) => Err(e),
    }
}
