//! Back-office pages (`/admin/…`): a visitor is sent to log in, a user without the admin role gets
//! the 403 page.

pub mod purchases;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use crate::AppError;
use crate::extract::CurrentUser;
use crate::pages::{Nav, message, urlencode};

/// The admin behind a page request, or the page to answer instead.
pub fn admin_or_page(
    user: Option<CurrentUser>,
    here: &str,
) -> Result<Result<CurrentUser, Response>, AppError> {
    let Some(user) = user else {
        let to = format!("/login?next={}", urlencode(here));
        return Ok(Err(Redirect::to(&to).into_response()));
    };
    if !user.user.has(aula_domain::Role::Admin) {
        return Ok(Err(message(
            Nav::of(Some(&user)),
            StatusCode::FORBIDDEN,
            "Only for administrators",
            "This page belongs to the school's back office.",
        )?));
    }
    Ok(Ok(user))
}
