//! Request ids: kept from `x-request-id` when the client sends one, else made up.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::http::{HeaderValue, Request};
use tower_http::request_id::{MakeRequestId, RequestId};

/// Longest client-sent request id kept.
const MAX_CLIENT_ID: usize = 64;

/// Drops a client's `x-request-id` unless it is short and printable (letters, digits, `-_.:`), so
/// logs and answers never carry what a client smuggled in; a new id is made instead.
pub async fn sanitize(mut req: axum::extract::Request) -> axum::extract::Request {
    let ok = req.headers().get("x-request-id").is_none_or(|v| {
        let b = v.as_bytes();
        !b.is_empty()
            && b.len() <= MAX_CLIENT_ID
            && b.iter()
                .all(|c| c.is_ascii_alphanumeric() || b"-_.:".contains(c))
    });
    if !ok {
        req.headers_mut().remove("x-request-id");
    }
    req
}

/// Makes ids `<process prefix>-<counter>`, unique per process run.
#[derive(Clone)]
pub struct MakeId {
    prefix: Arc<str>,
    next: Arc<AtomicU64>,
}

impl Default for MakeId {
    fn default() -> Self {
        let prefix: String = crate::services::auth::new_token().chars().take(8).collect();
        Self {
            prefix: prefix.into(),
            next: Arc::new(AtomicU64::new(1)),
        }
    }
}

impl MakeRequestId for MakeId {
    fn make_request_id<B>(&mut self, _: &Request<B>) -> Option<RequestId> {
        let n = self.next.fetch_add(1, Ordering::Relaxed);
        HeaderValue::from_str(&format!("{}-{n}", self.prefix))
            .ok()
            .map(RequestId::new)
    }
}
