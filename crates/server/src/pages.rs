//! Server-rendered pages in the shared layout. GET renders; POST takes a form and redirects.

pub mod home;
pub mod login;
pub mod logout;
pub mod register;

use askama::Template;
use axum::response::Html;

use crate::AppError;
use crate::extract::CurrentUser;

/// What the layout's header needs to know about the visitor.
#[derive(Debug, Default, Clone)]
pub struct Nav {
    /// Display name of the logged-in user, if any.
    pub name: Option<String>,
}

impl Nav {
    /// The header for this visitor.
    pub fn of(user: Option<&CurrentUser>) -> Self {
        Self {
            name: user.map(|u| format!("{} {}", u.user.first_name, u.user.last_name)),
        }
    }
}

/// Renders a template into an HTML response.
pub fn render(t: &impl Template) -> Result<Html<String>, AppError> {
    t.render()
        .map(Html)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("template failed: {e}")))
}
