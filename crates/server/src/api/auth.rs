//! Registration, login and logout.

pub mod login;
pub mod logout;
pub mod password_reset;
pub mod register;

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

use crate::App;
use crate::extract::SESSION_COOKIE;

/// The `Set-Cookie` value that hands a browser its session.
pub fn session_cookie(app: &App, token: &str) -> HeaderValue {
    let secure = if app.config.https() { "; Secure" } else { "" };
    let max_age = app.config.session_ttl.num_seconds();
    HeaderValue::from_str(&format!(
        "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// The `Set-Cookie` value that removes the session cookie.
pub fn clear_cookie(app: &App) -> HeaderValue {
    let secure = if app.config.https() { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// Adds a `Set-Cookie` header to a response.
pub fn with_cookie(res: impl IntoResponse, cookie: HeaderValue) -> Response {
    let mut res = res.into_response();
    res.headers_mut().append(header::SET_COOKIE, cookie);
    res
}
