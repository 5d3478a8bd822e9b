//! Server-rendered pages in the shared layout. GET renders; POST takes a form and redirects.

pub mod admin;
pub mod bookings;
pub mod catalogue;
pub mod courses;
pub mod home;
pub mod login;
pub mod logout;
pub mod password_reset;
pub mod register;
pub mod schedule;
pub mod shop;
pub mod teacher_availability;
pub mod teacher_sessions;
pub mod teachers;

use std::collections::BTreeMap;

use askama::Template;
use axum::response::Html;

use crate::AppError;
use crate::extract::CurrentUser;
pub use crate::i18n::Viewer;

/// What the layout's header needs to know about the visitor, and the viewer every word, date and
/// amount of the page is written for (`nav.t("key")`, `nav.when(t)`, `nav.money(..)` in templates).
#[derive(Debug, Default, Clone)]
pub struct Nav {
    /// Language and zone of the page.
    pub viewer: Viewer,
    /// Display name of the logged-in user, if any.
    pub name: Option<String>,
    /// The user holds the teacher role.
    pub is_teacher: bool,
    /// The user holds the admin role.
    pub is_admin: bool,
    /// The login session's `_csrf` value (empty for visitors).
    pub csrf: String,
}

impl Nav {
    /// The header for this visitor.
    pub fn of(user: Option<&CurrentUser>) -> Self {
        let viewer = match user {
            Some(u) => {
                Viewer::current().with_saved(u.user.timezone.as_deref(), u.user.locale.as_deref())
            }
            None => Viewer::current(),
        };
        Self {
            viewer,
            name: user.map(|u| format!("{} {}", u.user.first_name, u.user.last_name)),
            is_teacher: user.is_some_and(|u| u.user.teacher_id.is_some()),
            is_admin: user.is_some_and(|u| u.user.has(aula_domain::Role::Admin)),
            csrf: user.map(|u| u.csrf.clone()).unwrap_or_default(),
        }
    }
}

impl Nav {
    /// Each allowance of a package in words, in the package's order.
    pub fn allowances(&self, list: &[aula_db::packages::AllowanceRecord]) -> Vec<String> {
        list.iter()
            .map(|a| {
                self.allowance(
                    a.service_type,
                    a.credits,
                    a.credit_unit_minutes,
                    a.teacher_tier,
                )
            })
            .collect()
    }

    /// The layout's link to this page in the other language (the page's query kept).
    pub fn other_lang_href(&self) -> String {
        crate::i18n::switch_href(self.lang.other())
    }

    /// A refusal as the page's sentence: the catalogue's words for its code where it has them,
    /// else the rule's own sentence.
    pub fn refusal(&self, r: &aula_domain::Refusal) -> String {
        self.try_t(&format!("refused-{}", r.code.as_str()))
            .unwrap_or_else(|| sentence(&r.message))
    }

    /// A field's problem as a sentence of the page: "Must be 1 to 255 characters."
    pub fn said(&self, p: &aula_domain::Problem) -> String {
        sentence(&self.problem(p))
    }

    /// Every field's problem as a sentence of the page.
    pub fn said_all(
        &self,
        problems: BTreeMap<String, aula_domain::Problem>,
    ) -> BTreeMap<String, String> {
        problems
            .into_iter()
            .map(|(k, p)| (k, self.said(&p)))
            .collect()
    }
}

/// `the deadline has passed` → `The deadline has passed.`
pub fn sentence(raw: &str) -> String {
    let mut c = raw.trim().chars();
    let Some(first) = c.next() else {
        return String::new();
    };
    let mut s: String = first.to_uppercase().chain(c).collect();
    if !s.ends_with(['.', '!', '?']) {
        s.push('.');
    }
    s
}

impl std::ops::Deref for Nav {
    type Target = Viewer;

    fn deref(&self) -> &Viewer {
        &self.viewer
    }
}

/// Renders a template into an HTML response.
pub fn render(t: &impl Template) -> Result<Html<String>, AppError> {
    t.render()
        .map(Html)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("template failed: {e}")))
}

#[derive(Template)]
#[template(path = "message.html")]
struct MessagePage<'a> {
    nav: Nav,
    heading: &'a str,
    text: &'a str,
}

/// A page that only says something (e.g. "only teachers may see this").
pub fn message(
    nav: Nav,
    status: axum::http::StatusCode,
    heading: &str,
    text: &str,
) -> Result<axum::response::Response, AppError> {
    use axum::response::IntoResponse;
    Ok((status, render(&MessagePage { nav, heading, text })?).into_response())
}

/// [`message`] as a response whatever happens (a page that cannot render answers the error).
pub fn message_page(
    nav: Nav,
    status: axum::http::StatusCode,
    heading: &str,
    text: &str,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    message(nav, status, heading, text).unwrap_or_else(IntoResponse::into_response)
}

/// The one-page message of a login session, set before a 303 and shown by the next page (kept in
/// the session, never taken from the URL).
#[derive(Debug, Default)]
pub struct Flash {
    pub notice: Option<String>,
    pub problem: Option<String>,
}

impl Flash {
    /// Takes the session's message (it is shown once).
    pub async fn take(app: &crate::App, user: &CurrentUser) -> Result<Self, AppError> {
        let raw = aula_db::auth_sessions::take_flash(&app.db, user.session_id).await?;
        let mut flash = Flash::default();
        match raw.as_deref().and_then(|r| r.split_once(':')) {
            Some(("notice", text)) => flash.notice = Some(text.to_owned()),
            Some((_, text)) => flash.problem = Some(text.to_owned()),
            None => {}
        }
        Ok(flash)
    }
}

/// A 303 to `to` that first leaves a notice (or, with `problem`, a refusal) for that page.
pub struct Back {
    to: String,
    flash: Option<String>,
}

impl Back {
    /// Back to `to` with a notice, a problem, or nothing.
    pub fn to(to: &'static str, notice: Option<&str>, problem: Option<&str>) -> Self {
        Self::to_path(to.to_owned(), notice, problem)
    }

    /// Back to a computed local path.
    pub fn to_path(to: String, notice: Option<&str>, problem: Option<&str>) -> Self {
        let flash = match (notice, problem) {
            (Some(n), _) => Some(format!("notice:{n}")),
            (_, Some(p)) => Some(format!("problem:{p}")),
            _ => None,
        };
        Self { to, flash }
    }

    /// Stores the message in the session and answers the redirect.
    pub async fn send(
        self,
        app: &crate::App,
        user: &CurrentUser,
    ) -> Result<axum::response::Response, AppError> {
        use axum::response::IntoResponse;
        if let Some(f) = &self.flash {
            aula_db::auth_sessions::set_flash(&app.db, user.session_id, f).await?;
        }
        Ok(axum::response::Redirect::to(&self.to).into_response())
    }
}

/// Percent-encodes a message for a query string.
pub fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}
