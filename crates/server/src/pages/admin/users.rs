//! `/admin/users`: search and role filter, paged; per user Make/Remove teacher (with a tier) and
//! Make/Remove admin.

use askama::Template;
use aula_db::accounts::{self, UserFilter};
use aula_domain::{Page, Problem, Role};
use axum::Form;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::extract::{ApiPath, ApiQuery, PageAdmin};
use crate::pages::{Back, Flash, Nav, render, sentence, urlencode};
use crate::services;
use crate::{App, AppError};

const PAGE_SIZE: u64 = 20;

/// The search form.
#[derive(Deserialize, Default)]
pub struct Search {
    search: Option<String>,
    role: Option<String>,
    page: Option<u64>,
}

struct Line {
    id: i64,
    name: String,
    email: String,
    teacher: bool,
    admin: bool,
}

#[derive(Template)]
#[template(path = "admin_users.html")]
struct UsersPage {
    nav: Nav,
    search: String,
    role: String,
    lines: Vec<Line>,
    total: u64,
    page: u64,
    prev: Option<String>,
    next: Option<String>,
    notice: Option<String>,
    problem: Option<String>,
}

/// `GET /admin/users`
pub async fn list(
    State(app): State<App>,
    PageAdmin(admin): PageAdmin,
    ApiQuery(q): ApiQuery<Search>,
) -> Result<Response, AppError> {
    let flash = Flash::take(&app, &admin).await?;
    let role = match q.role.as_deref() {
        Some("teacher") => Some(Role::Teacher),
        Some("admin") => Some(Role::Admin),
        Some("student") => Some(Role::Student),
        _ => None,
    };
    let page_no = q.page.unwrap_or(1).clamp(1, 1_000_000);
    let filter = UserFilter {
        search: q.search.clone().filter(|s| !s.trim().is_empty()),
        role,
    };
    let page = Page {
        page: page_no,
        page_size: PAGE_SIZE,
    };
    let (users, total) = accounts::list(&app.db, &filter, page).await?;
    let search = q.search.unwrap_or_default();
    let role_name = role.map(Role::as_str).unwrap_or_default().to_owned();
    let link = |p: u64| {
        format!(
            "/admin/users?search={}&role={}&page={p}",
            urlencode(&search),
            urlencode(&role_name)
        )
    };
    Ok(render(&UsersPage {
        nav: Nav::of(Some(&admin)),
        lines: users
            .iter()
            .map(|u| Line {
                id: u.id,
                name: format!("{} {}", u.first_name, u.last_name),
                email: u.email.clone(),
                teacher: u.teacher_id.is_some(),
                admin: u.is_admin,
            })
            .collect(),
        total,
        page: page_no,
        prev: (page_no > 1).then(|| link(page_no - 1)),
        next: (page_no * PAGE_SIZE < total).then(|| link(page_no + 1)),
        search: search.clone(),
        role: role_name.clone(),
        notice: flash.notice,
        problem: flash.problem,
    })?
    .into_response())
}

/// The tier given with "Make teacher".
#[derive(Deserialize)]
pub struct TierForm {
    #[serde(default)]
    tier: String,
}

/// `POST /admin/users/{id}/{action}`: make-teacher, remove-teacher, make-admin, remove-admin.
pub async fn act(
    State(app): State<App>,
    PageAdmin(admin): PageAdmin,
    ApiPath((id, action)): ApiPath<(i64, String)>,
    Form(form): Form<TierForm>,
) -> Result<Response, AppError> {
    let nav = Nav::of(Some(&admin));
    let name = |u: &aula_db::accounts::UserRecord| format!("{} {}", u.first_name, u.last_name);
    let result = match action.as_str() {
        "make-teacher" => {
            let tier = form.tier.trim();
            let tier = if tier.is_empty() {
                Ok(None)
            } else {
                tier.parse::<i32>()
                    .map(Some)
                    .map_err(|_| AppError::field("tier", Problem::between(0, 1000)))
            };
            match tier {
                Ok(t) => services::accounts::grant_role(&app, id, Role::Teacher, t)
                    .await
                    .map(|u| nav.t1("admin-user-is-teacher", "name", name(&u))),
                Err(e) => Err(e),
            }
        }
        "make-admin" => services::accounts::grant_role(&app, id, Role::Admin, None)
            .await
            .map(|u| nav.t1("admin-user-is-admin", "name", name(&u))),
        "remove-teacher" | "remove-admin" => {
            let role = if action == "remove-teacher" {
                Role::Teacher
            } else {
                Role::Admin
            };
            accounts::revoke_role(&app.db, id, role, app.clock.now())
                .await
                .map_err(AppError::from)
                .map(|u| nav.t1("admin-user-role-removed", "name", name(&u)))
        }
        _ => return Err(AppError::NotFound),
    };
    let back = match result {
        Ok(notice) => Back::to("/admin/users", Some(&notice), None),
        Err(AppError::Validation(f)) => {
            let text: Vec<String> = f.values().map(|p| nav.problem(p)).collect();
            let text = text.join("; ");
            let tier = nav.t("admin-user-tier");
            let text = sentence(&nav.t2("admin-field-problem", "field", tier, "problem", text));
            Back::to("/admin/users", None, Some(&text))
        }
        Err(AppError::Refused(r)) => Back::to("/admin/users", None, Some(&nav.refusal(&r))),
        Err(e) => return Err(e),
    };
    back.send(&app, &admin).await
}
