//! `GET /admin/outbox`: the most recent mails with their state (queued, sent, failed, logged…),
//! tries and last error; `POST /admin/outbox/{id}/retry` puts a failed mail back in the queue.

use askama::Template;
use aula_db::outbox;
use aula_domain::mail::MailStatus;
use axum::extract::State;
use axum::response::{IntoResponse, Response};

use crate::extract::{ApiPath, PageAdmin};
use crate::pages::{Back, Nav, render};
use crate::{App, AppError};

/// How many mails the page shows.
const SHOWN: u64 = 200;

struct Row {
    id: i64,
    /// When it was written, in the viewer's zone (named once above the table).
    date: String,
    kind: String,
    to: String,
    subject: String,
    status: String,
    failed: bool,
    attempts: i32,
    error: Option<String>,
}

#[derive(Template)]
#[template(path = "admin_outbox.html")]
struct OutboxPage {
    nav: Nav,
    rows: Vec<Row>,
    sends: bool,
}

/// The list, newest first.
pub async fn show(
    State(app): State<App>,
    PageAdmin(admin): PageAdmin,
) -> Result<Response, AppError> {
    let nav = Nav::of(Some(&admin));
    let rows = outbox::recent(&app.db, SHOWN)
        .await?
        .into_iter()
        .map(|m| Row {
            id: m.id,
            date: format!("{}, {}", nav.date(m.created_at), nav.time(m.created_at)),
            kind: nav.t(&format!("admin-mail-kind-{}", m.kind.as_str())),
            to: m.email,
            subject: m.subject.unwrap_or_else(|| "—".to_owned()),
            status: nav.t(&format!("admin-mail-status-{}", m.status.as_str())),
            failed: m.status == MailStatus::Failed,
            attempts: m.attempts,
            error: m.last_error,
        })
        .collect();
    let page = OutboxPage {
        nav,
        rows,
        sends: app.mailer.sends(),
    };
    Ok(render(&page)?.into_response())
}

/// "Retry": a failed mail is tried again at once, its tries counted afresh.
pub async fn retry(
    State(app): State<App>,
    PageAdmin(admin): PageAdmin,
    ApiPath(id): ApiPath<i64>,
) -> Result<Response, AppError> {
    let nav = Nav::of(Some(&admin));
    let back = if outbox::retry(&app.db, id, app.clock.now()).await? {
        Back::to("/admin/outbox", Some(&nav.t("admin-mail-retried")), None)
    } else {
        Back::to("/admin/outbox", None, Some(&nav.t("admin-mail-not-failed")))
    };
    back.send(&app, &admin).await
}
