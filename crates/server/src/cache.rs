//! The public reads (catalogue, course detail, packages, levels, teachers) kept in memory as the
//! bytes they were answered with, keyed by the catalogue version the database keeps (its triggers
//! bump it on every write of those tables, from any server process). A request reads the version
//! (one primary-key read) and answers the stored bytes while it is current; the body is
//! serialised once per version. Answers carry an `ETag`; `If-None-Match` with it answers 304.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, ETAG, IF_NONE_MATCH};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::{App, AppError};

/// Entries kept at most; past it the cache starts afresh (keys are routes and program ids, so
/// this is only reached by many distinct programs).
const MAX_ENTRIES: usize = 512;

/// One answer: the version (and seat fingerprint) it was built for, its body and tag.
#[derive(Clone)]
struct Entry {
    version: i64,
    seats: u64,
    body: Bytes,
    etag: HeaderValue,
}

/// Values kept per version that are not a whole answer (the course detail's skeleton).
type Parts = Arc<dyn std::any::Any + Send + Sync>;

/// The cache of public answers.
#[derive(Default)]
pub struct PublicCache {
    answers: Mutex<HashMap<String, Entry>>,
    parts: Mutex<HashMap<String, (i64, Parts)>>,
}

impl PublicCache {
    fn answer(&self, key: &str, version: i64, seats: u64) -> Option<Entry> {
        let answers = self.answers.lock().ok()?;
        answers
            .get(key)
            .filter(|e| e.version == version && e.seats == seats)
            .cloned()
    }

    fn keep(&self, key: &str, entry: Entry) {
        if let Ok(mut answers) = self.answers.lock() {
            if answers.len() >= MAX_ENTRIES && !answers.contains_key(key) {
                answers.clear();
            }
            answers.insert(key.to_owned(), entry);
        }
    }

    /// The value kept under `key` whatever its version, with that version.
    pub fn any_part<T: Send + Sync + 'static>(&self, key: &str) -> Option<(i64, Arc<T>)> {
        let parts = self.parts.lock().ok()?;
        let (v, part) = parts.get(key)?;
        Some((*v, part.clone().downcast::<T>().ok()?))
    }

    /// A value of this version kept under `key`, if any.
    pub fn part<T: Send + Sync + 'static>(&self, key: &str, version: i64) -> Option<Arc<T>> {
        let parts = self.parts.lock().ok()?;
        let (v, part) = parts.get(key)?;
        if *v != version {
            return None;
        }
        part.clone().downcast::<T>().ok()
    }

    /// Keeps a value of this version under `key`.
    pub fn keep_part<T: Send + Sync + 'static>(&self, key: &str, version: i64, value: Arc<T>) {
        if let Ok(mut parts) = self.parts.lock() {
            if parts.len() >= MAX_ENTRIES && !parts.contains_key(key) {
                parts.clear();
            }
            parts.insert(key.to_owned(), (version, value));
        }
    }
}

/// The catalogue version now.
pub async fn version(app: &App) -> Result<i64, AppError> {
    Ok(aula_db::versions::catalogue(&app.db).await?)
}

fn etag_of(body: &[u8]) -> HeaderValue {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    body.hash(&mut h);
    HeaderValue::from_str(&format!("\"{:016x}\"", h.finish()))
        .unwrap_or_else(|_| HeaderValue::from_static("\"0\""))
}

fn matches(headers: &HeaderMap, etag: &HeaderValue) -> bool {
    headers
        .get_all(IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|t| t.trim().trim_start_matches("W/"))
        .any(|t| t == "*" || t.as_bytes() == etag.as_bytes())
}

fn respond(headers: &HeaderMap, entry: Entry) -> Response {
    let mut response = if matches(headers, &entry.etag) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let mut r = entry.body.into_response();
        r.headers_mut()
            .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        r
    };
    let h = response.headers_mut();
    h.insert(ETAG, entry.etag);
    h.insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

/// Answers `key` from the cache while the catalogue version (and the `seats` fingerprint of live
/// seat counts, 0 where none are shown) is the one it was built for; otherwise builds the value,
/// serialises it once and keeps it.
pub async fn serve<T, F, Fut>(
    app: &App,
    headers: &HeaderMap,
    key: &str,
    version: i64,
    seats: u64,
    build: F,
) -> Result<Response, AppError>
where
    T: Serialize,
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = Result<T, AppError>>,
{
    if let Some(entry) = app.public_cache.answer(key, version, seats) {
        return Ok(respond(headers, entry));
    }
    let value = build().await?;
    let body = Bytes::from(
        serde_json::to_vec(&value)
            .map_err(|e| AppError::Internal(anyhow::anyhow!("cannot serialise {key}: {e}")))?,
    );
    let entry = Entry {
        version,
        seats,
        etag: etag_of(&body),
        body,
    };
    app.public_cache.keep(key, entry.clone());
    Ok(respond(headers, entry))
}

/// A fingerprint of live values (seat counts) that change without a catalogue write.
pub fn fingerprint(values: impl IntoIterator<Item = i64>) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for v in values {
        v.hash(&mut h);
    }
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn if_none_match_takes_lists_weak_tags_and_star() {
        let tag = etag_of(b"{}");
        let mut h = HeaderMap::new();
        h.insert(IF_NONE_MATCH, HeaderValue::from_static("\"nope\""));
        assert!(!matches(&h, &tag));
        let listed = format!("\"nope\", W/{}", tag.to_str().unwrap());
        h.insert(IF_NONE_MATCH, HeaderValue::from_str(&listed).unwrap());
        assert!(matches(&h, &tag));
        h.insert(IF_NONE_MATCH, HeaderValue::from_static("*"));
        assert!(matches(&h, &tag));
    }

    #[test]
    fn parts_are_kept_per_version() {
        let c = PublicCache::default();
        c.keep_part("k", 3, Arc::new(7_u32));
        assert_eq!(c.part::<u32>("k", 3).as_deref(), Some(&7));
        assert!(c.part::<u32>("k", 4).is_none());
        assert!(c.part::<String>("k", 3).is_none());
    }
}
