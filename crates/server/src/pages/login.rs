//! `GET|POST /login`: the login form, which sets the session cookie.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::api::auth::{session_cookie, with_cookie};
use crate::extract::{ClientIp, MaybeUser};
use crate::pages::{Nav, render};
use crate::services::accounts;
use crate::{App, AppError};

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    nav: Nav,
    email: String,
    error: Option<String>,
}

/// The form fields.
#[derive(Deserialize)]
pub struct LoginForm {
    email: String,
    password: String,
}

/// Shows the form.
pub async fn show(MaybeUser(user): MaybeUser) -> Result<Response, AppError> {
    if user.is_some() {
        return Ok(Redirect::to("/").into_response());
    }
    Ok(render(&LoginPage {
        nav: Nav::default(),
        email: String::new(),
        error: None,
    })?
    .into_response())
}

/// Logs in and redirects home, or shows the form again with the problem.
pub async fn submit(
    State(app): State<App>,
    ClientIp(ip): ClientIp,
    Form(form): Form<LoginForm>,
) -> Result<Response, AppError> {
    match accounts::login(&app, ip, &form.email, &form.password).await {
        Ok((_, token)) => Ok(with_cookie(Redirect::to("/"), session_cookie(&app, &token))),
        Err(e @ (AppError::Unauthorized(_) | AppError::RateLimited { .. })) => {
            let (status, _) = e.status_and_code();
            let message = match e {
                AppError::RateLimited { .. } => {
                    "Too many failed attempts. Wait a minute and try again.".to_owned()
                }
                _ => "Wrong e-mail or password.".to_owned(),
            };
            let page = LoginPage {
                nav: Nav::default(),
                email: form.email,
                error: Some(message),
            };
            Ok((status, render(&page)?).into_response())
        }
        Err(e) => Err(e),
    }
}
