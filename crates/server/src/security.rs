//! The request guard every route passes: cross-site request checks for cookie-authenticated writes
//! (API and pages) and the security headers of every response.
//!
//! - A write to `/api/…` authenticated by the session cookie (no `Authorization`) must be JSON
//!   (415 `unsupported_media_type`) and, when it carries an `Origin`, come from the public origin
//!   (403 `forbidden`). Bearer calls pass unchanged.
//! - A page POST with an `Origin` of another origin → 403 page (also `/login` and `/register`); a
//!   page POST of a logged-in browser must carry the session's `_csrf` form value → 403 page.
//!   Both are checked before any handler runs, so nothing happens.

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::header::{
    AUTHORIZATION, CONTENT_SECURITY_POLICY, CONTENT_TYPE, ORIGIN, REFERRER_POLICY,
    X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

use crate::extract::{is_json, session_cookie};
use crate::pages::{Nav, message_page};
use crate::router::MAX_BODY_BYTES;
use crate::{App, AppError};

/// Name of the hidden form field that carries the CSRF token.
pub const CSRF_FIELD: &str = "_csrf";

/// The policy of every HTML response: our own files only, no framing.
const CSP: &str = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; \
script-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

/// The `_csrf` value of a login session: derived from its secret token, so it is valid in every
/// form of that session until logout and useless to anyone who cannot read the cookie.
pub fn csrf_token(session_token: &str) -> String {
    let mut h = Sha256::new();
    h.update(b"aula-csrf\0");
    h.update(session_token.as_bytes());
    hex::encode(&h.finalize()[..20])
}

/// Compares two strings in time that depends only on their lengths.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// `scheme://host[:port]` of a URL.
pub fn origin_of(url: &str) -> &str {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    match url[after_scheme..].find('/') {
        Some(i) => &url[..after_scheme + i],
        None => url,
    }
}

/// True when the request names an `Origin` other than ours (`null` included).
fn foreign_origin(headers: &HeaderMap, ours: &str) -> bool {
    headers
        .get(ORIGIN)
        .is_some_and(|o| o.to_str().map_or(true, |o| !o.eq_ignore_ascii_case(ours)))
}

/// The 403 page of a refused form; `text_key` names the catalogue's sentence.
fn forbidden_page(text_key: &str) -> Response {
    let nav = Nav::of(None);
    let (heading, text) = (nav.t("error-forbidden-form"), nav.t(text_key));
    message_page(nav, StatusCode::FORBIDDEN, &heading, &text)
}

/// The `_csrf` value of an url-encoded form body.
fn form_csrf(body: &[u8]) -> Option<String> {
    form_urlencoded::parse(body)
        .find(|(k, _)| k == CSRF_FIELD)
        .map(|(_, v)| v.into_owned())
}

/// True for the paths of pages (everything but the API, operations and calendar feeds).
fn is_page(path: &str) -> bool {
    !path.starts_with("/api/")
        && !path.starts_with("/calendar/")
        && !matches!(path, "/healthz" | "/readyz" | "/metrics")
}

fn is_json_error(response: &Response) -> bool {
    (response.status().is_client_error() || response.status().is_server_error())
        && response
            .headers()
            .get(CONTENT_TYPE)
            .is_some_and(|v| v.as_bytes().starts_with(b"application/json"))
}

/// The HTML page in the layout for an error a page route answered as JSON (pages never show
/// JSON): the status stays, the message becomes a sentence.
async fn error_page(app: &App, token: Option<String>, response: Response) -> Response {
    let status = response.status();
    let bytes = to_bytes(response.into_body(), 64 * 1024)
        .await
        .unwrap_or_default();
    let message = serde_json::from_slice::<serde_json::Value>(&bytes)
        .ok()
        .and_then(|v| v["error"]["message"].as_str().map(crate::pages::sentence))
        .unwrap_or_default();
    // Who is looking, for the header; not while the database is failing.
    let user = match token {
        Some(t) if !status.is_server_error() => crate::services::auth::authenticate(app, &t)
            .await
            .ok()
            .flatten(),
        _ => None,
    };
    let nav = Nav::of(user.as_ref());
    let (heading, text) = match status.as_u16() {
        403 => (nav.t("error-not-yours"), message),
        404 => (nav.t("error-not-found"), nav.t("error-not-found-text")),
        409 => (nav.t("error-refused"), message),
        429 => (nav.t("error-too-many"), message),
        500 => (nav.t("error-internal"), nav.t("error-internal-text")),
        503 => (nav.t("error-unavailable"), nav.t("error-unavailable-text")),
        _ => (nav.t("error-other"), message),
    };
    message_page(nav, status, &heading, &text)
}

/// The middleware: checks writes, answers page errors as HTML, then adds the security headers.
pub async fn guard(State(app): State<App>, req: Request, next: Next) -> Response {
    let page = is_page(req.uri().path());
    let token = session_cookie(req.headers()).map(str::to_owned);
    let mut response = match check(&app, req).await {
        Ok(req) => next.run(req).await,
        Err(refused) => refused,
    };
    if page && is_json_error(&response) {
        response = error_page(&app, token, response).await;
    }
    let headers = response.headers_mut();
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    let html = headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if html {
        headers.insert(CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
        headers.insert(X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    }
    response
}

async fn check(app: &App, req: Request) -> Result<Request, Response> {
    let writes = matches!(
        *req.method(),
        Method::POST | Method::PUT | Method::PATCH | Method::DELETE
    );
    if !writes {
        return Ok(req);
    }
    let ours = origin_of(&app.config.public_url);
    let path = req.uri().path();
    if path.starts_with("/api/") {
        let cookie_auth =
            !req.headers().contains_key(AUTHORIZATION) && session_cookie(req.headers()).is_some();
        if cookie_auth {
            if !is_json(req.headers()) {
                return Err(AppError::UnsupportedMediaType.into_response());
            }
            if foreign_origin(req.headers(), ours) {
                return Err(AppError::Forbidden.into_response());
            }
        }
        return Ok(req);
    }
    if foreign_origin(req.headers(), ours) {
        return Err(forbidden_page("error-foreign-origin"));
    }
    let Some(expected) = session_cookie(req.headers()).map(csrf_token) else {
        // No login session: nothing a forged form could do in someone's name.
        return Ok(req);
    };
    if matches!(path, "/login" | "/register") {
        return Ok(req);
    }
    let (parts, body) = req.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_BODY_BYTES).await else {
        return Err(AppError::PayloadTooLarge.into_response());
    };
    let given = form_csrf(&bytes).unwrap_or_default();
    if !same(&given, &expected) {
        return Err(forbidden_page("error-bad-csrf"));
    }
    Ok(Request::from_parts(parts, Body::from(bytes)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_and_tokens() {
        assert_eq!(
            origin_of("https://school.example/aula"),
            "https://school.example"
        );
        assert_eq!(origin_of("http://127.0.0.1:8080"), "http://127.0.0.1:8080");
        let t = csrf_token("abc");
        assert_eq!(t.len(), 40);
        assert_ne!(t, csrf_token("abd"));
        assert!(same(&t, &csrf_token("abc")));
        assert!(!same(&t, ""));
        assert_eq!(form_csrf(b"a=1&_csrf=xyz&b=2").as_deref(), Some("xyz"));
    }
}
