//! `GET|POST /register`: the sign-up form.

use std::collections::BTreeMap;

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
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

/// Shows the form.
pub async fn show(MaybeUser(user): MaybeUser) -> Result<Response, AppError> {
    if user.is_some() {
        return Ok(Redirect::to("/").into_response());
    }
    let page = RegisterPage {
        nav: Nav::of(None),
        first_name: String::new(),
        last_name: String::new(),
        email: String::new(),
        error: None,
        fields: BTreeMap::new(),
    };
    Ok(render(&page)?.into_response())
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
    let (error, fields, status) = match accounts::register(&app, input).await {
        Ok((_, token)) => return Ok(with_cookie(Redirect::to("/"), session_cookie(&app, &token))),
        Err(AppError::Validation(fields)) => (
            nav.t("account-register-fix"),
            nav.said_all(fields),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        Err(AppError::Refused(_)) => (
            nav.t("account-register-taken"),
            BTreeMap::new(),
            StatusCode::CONFLICT,
        ),
        Err(e) => return Err(e),
    };
    let page = RegisterPage {
        nav,
        first_name: form.first_name,
        last_name: form.last_name,
        email: form.email,
        error: Some(error),
        fields,
    };
    Ok((status, render(&page)?).into_response())
}
