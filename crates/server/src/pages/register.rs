//! `GET|POST /register`: the sign-up form.

use std::collections::BTreeMap;

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::api::auth::{session_cookie, with_cookie};
use crate::extract::MaybeUser;
use crate::pages::{Nav, render};
use crate::services::accounts::{self, NewAccount};
use crate::{App, AppError};

#[derive(Template)]
#[template(path = "register.html")]
struct RegisterPage {
    nav: Nav,
    first_name: String,
    last_name: String,
    email: String,
    error: Option<String>,
    fields: BTreeMap<String, String>,
}

impl RegisterPage {
    fn field_error(&self, name: &str) -> Option<&str> {
        self.fields.get(name).map(String::as_str)
    }
}

/// The form fields.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RegisterForm {
    first_name: String,
    last_name: String,
    email: String,
    password: String,
}

/// The cookie that carries a refusal of the form back to it across the 303 (a visitor has no
/// session to keep it in). It holds only the name of the sentence, never text.
const REFUSED_COOKIE: &str = "aula_register_refused";
/// The one refusal the form can meet: the e-mail is registered already.
const TAKEN: &str = "taken";

fn refused_cookie(app: &App, value: &str, max_age: u32) -> HeaderValue {
    let secure = if app.config.https() { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{REFUSED_COOKIE}={value}; Path=/register; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// Shows the form, with the refusal that sent the visitor back to it (once).
pub async fn show(
    State(app): State<App>,
    MaybeUser(user): MaybeUser,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    if user.is_some() {
        return Ok(Redirect::to("/").into_response());
    }
    let nav = Nav::of(None);
    let refused = crate::extract::cookie(&headers, REFUSED_COOKIE) == Some(TAKEN);
    let page = RegisterPage {
        error: refused.then(|| nav.t("account-register-taken")),
        nav,
        first_name: String::new(),
        last_name: String::new(),
        email: String::new(),
        fields: BTreeMap::new(),
    };
    let mut res = render(&page)?.into_response();
    if refused {
        res.headers_mut()
            .append(header::SET_COOKIE, refused_cookie(&app, "", 0));
    }
    Ok(res)
}

/// Registers, logs in and redirects home, or shows the form with each field's problem.
pub async fn submit(
    State(app): State<App>,
    Form(form): Form<RegisterForm>,
) -> Result<Response, AppError> {
    let input = NewAccount {
        email: form.email.clone(),
        password: form.password,
        first_name: form.first_name.clone(),
        last_name: form.last_name.clone(),
    };
    let nav = Nav::of(None);
    let fields = match accounts::register(&app, input).await {
        Ok((_, token)) => return Ok(with_cookie(Redirect::to("/"), session_cookie(&app, &token))),
        Err(AppError::Validation(fields)) => nav.said_all(fields),
        // A refusal (the e-mail is taken) goes back to the form, which says it (api.md: every
        // 409 answers 303 back to the page it came from).
        Err(AppError::Refused(_)) => {
            let cookie = refused_cookie(&app, TAKEN, 60);
            return Ok(with_cookie(Redirect::to("/register"), cookie));
        }
        Err(e) => return Err(e),
    };
    let nav_error = nav.t("account-register-fix");
    let page = RegisterPage {
        nav,
        first_name: form.first_name,
        last_name: form.last_name,
        email: form.email,
        error: Some(nav_error),
        fields,
    };
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
}
