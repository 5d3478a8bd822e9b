//! `GET /admin`: the school at a glance, and the way into the back office.

use askama::Template;
use aula_db::dashboard::{self, Counts};
use axum::extract::State;
use axum::response::{IntoResponse, Response};

use crate::extract::PageAdmin;
use crate::pages::{Nav, render};
use crate::{App, AppError};

#[derive(Template)]
#[template(path = "admin_dashboard.html")]
struct DashboardPage {
    nav: Nav,
    counts: Counts,
}

/// The counts and the links.
pub async fn show(
    State(app): State<App>,
    PageAdmin(admin): PageAdmin,
) -> Result<Response, AppError> {
    let counts = dashboard::counts(&app.db, app.clock.now()).await?;
    Ok(render(&DashboardPage {
        nav: Nav::of(Some(&admin)),
        counts,
    })?
    .into_response())
}
