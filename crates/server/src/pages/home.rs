//! `GET /`: the home page.

use askama::Template;
use aula_db::levels;
use axum::extract::State;
use axum::response::Html;

use crate::extract::MaybeUser;
use crate::pages::{Nav, render};
use crate::{App, AppError};

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    nav: Nav,
    levels: Vec<String>,
}

/// The public home page.
pub async fn show(
    State(app): State<App>,
    MaybeUser(user): MaybeUser,
) -> Result<Html<String>, AppError> {
    let levels = levels::list(&app.db)
        .await?
        .into_iter()
        .map(|l| format!("{} {}", l.code, l.name))
        .collect();
    render(&HomePage {
        nav: Nav::of(user.as_ref()),
        levels,
    })
}
