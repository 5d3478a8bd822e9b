//! The public reads (catalogue, course detail, packages, levels, teachers) kept in memory as the
//! bytes they were answered with, keyed by the catalogue version the database keeps (its triggers
//! bump it on every write of those tables, from any server process). A request reads the version
//! (one primary-key read) and answers the stored bytes while it is current; the body is
//! serialised once per version. Answers carry an `ETag`; `If-None-Match` with it answers 304.
//!
//! Course programs and packages are shown in the request's language, so every key (answers and
//! parts) is kept per language: an answer built for one language is never served to another, and
//! its tag differs.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::http::header::{
    CACHE_CONTROL, CONTENT_LANGUAGE, CONTENT_TYPE, ETAG, IF_NONE_MATCH, VARY,
};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use aula_db::versions::Versions;

use crate::i18n::{Lang, Viewer};
use crate::{App, AppError};

/// Entries kept at most; past it the cache starts afresh (keys are routes and program ids, so
/// this is only reached by many distinct programs).
const MAX_ENTRIES: usize = 512;

/// One answer: the version (and seat fingerprint) it was built for, its language, body and tag.
#[derive(Clone)]
struct Entry {
    version: i64,
    seats: u64,
    lang: Lang,
    body: Bytes,
    etag: HeaderValue,
}

/// `key` as kept for the language of the current request.
fn in_language(key: &str) -> String {
    format!("{key}@{}", Viewer::current().lang.code())
}

/// Values kept per version that are not a whole answer (the course detail's skeleton).
type Parts = Arc<dyn std::any::Any + Send + Sync>;

/// Live seats of some sessions with the catalogue version read in the same statement.
pub type Seats = (i64, Arc<HashMap<i64, (i64, i64)>>);

/// The cache of public answers.
#[derive(Default)]
pub struct PublicCache {
    answers: Mutex<HashMap<String, Entry>>,
    parts: Mutex<HashMap<String, (i64, Parts)>>,
    versions: SharedReads<Versions>,
    seats: SeatReads,
}

/// Reads shared by the requests that wait for them. A request may use a read that *started after
/// it arrived* (so it sees every write committed before it arrived, from any process), never an
/// older one: the reads run one at a time, and the requests that arrive while one runs share the
/// next. Under load this sends one read per round trip instead of one per request.
///
/// The requests that wait are woken together when a read ends (not handed a lock one after the
/// other, which under load made each read's waiters queue behind each other's scheduling).
///
/// A read that finds the database unreachable answers its waiters 503 too, rather than each of
/// them trying in turn (each try may wait for the pool's timeout, and they would queue).
struct SharedReads<V> {
    state: Mutex<Rounds<V>>,
    /// Woken when a round ends (or its reader went away).
    ended: tokio::sync::Notify,
}

/// The rounds of [`SharedReads`].
struct Rounds<V> {
    /// Rounds started so far (round ids are 1, 2, …).
    started: u64,
    /// A round is under way.
    running: bool,
    /// The last finished round and what it found.
    last: (u64, Round<V>),
}

/// What the last round of shared reads found.
enum Round<V> {
    /// No round finished yet (or the last one failed otherwise: each waiter tries itself).
    None,
    Read(V),
    /// The database could not be reached.
    Unavailable,
}

impl<V: Clone> Round<V> {
    /// Keeps what a round found; gives the result back.
    fn keep(&mut self, found: Result<V, AppError>) -> Result<V, AppError> {
        *self = match &found {
            Ok(v) => Round::Read(v.clone()),
            Err(AppError::Unavailable) => Round::Unavailable,
            Err(_) => Round::None,
        };
        found
    }
}

impl<V> Default for SharedReads<V> {
    fn default() -> Self {
        Self {
            state: Mutex::new(Rounds {
                started: 0,
                running: false,
                last: (0, Round::None),
            }),
            ended: tokio::sync::Notify::new(),
        }
    }
}

/// Ends the round under way if its reader goes away before it finished, and wakes the waiters
/// (one of them reads instead).
struct Reading<'a, V> {
    reads: &'a SharedReads<V>,
    finished: bool,
}

impl<V> Drop for Reading<'_, V> {
    fn drop(&mut self) {
        if !self.finished {
            if let Ok(mut s) = self.reads.state.lock() {
                s.running = false;
            }
            self.reads.ended.notify_waiters();
        }
    }
}

impl<V: Clone> SharedReads<V> {
    async fn read<F, Fut>(&self, fetch: F) -> Result<V, AppError>
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Result<V, AppError>>,
    {
        self.read_if(|_| true, fetch).await
    }

    /// Rounds started so far.
    #[cfg(test)]
    fn started(&self) -> u64 {
        self.state.lock().map_or(0, |s| s.started)
    }

    /// [`Self::read`], where a finished round answers a request only when `usable` accepts what
    /// it read (otherwise the request starts a round of its own, or waits for the next).
    async fn read_if<F, Fut>(&self, usable: impl Fn(&V) -> bool, fetch: F) -> Result<V, AppError>
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Result<V, AppError>>,
    {
        let poisoned = || AppError::Internal(anyhow::anyhow!("shared reads poisoned"));
        let mut fetch = Some(fetch);
        // Rounds that started before this request arrived cannot answer it.
        let arrived_after = self.state.lock().map_err(|_| poisoned())?.started;
        loop {
            // Listen before looking, so the end of a round cannot slip between the two.
            let ended = self.ended.notified();
            tokio::pin!(ended);
            ended.as_mut().enable();
            let round = {
                let mut s = self.state.lock().map_err(|_| poisoned())?;
                if s.last.0 > arrived_after {
                    match &s.last.1 {
                        Round::Read(v) if usable(v) => return Ok(v.clone()),
                        Round::Unavailable => return Err(AppError::Unavailable),
                        _ => {}
                    }
                }
                if s.running {
                    None
                } else {
                    s.running = true;
                    s.started += 1;
                    Some(s.started)
                }
            };
            let Some(round) = round else {
                ended.await;
                continue;
            };
            let mut reading = Reading {
                reads: self,
                finished: false,
            };
            let fetch = fetch.take().ok_or_else(poisoned)?;
            let found = fetch().await;
            let found = {
                let mut s = self.state.lock().map_err(|_| poisoned())?;
                s.running = false;
                s.last.0 = round;
                s.last.1.keep(found)
            };
            reading.finished = true;
            self.ended.notify_waiters();
            return found;
        }
    }
}

/// Reads shared by requests that each need some keys (sessions, students) covered: each request
/// adds its keys to the next read, and may use a read that started after it arrived and covered
/// its keys (never an older one). Under load this sends one read per round trip for every key
/// asked for at the time, instead of one per request.
pub struct KeyedReads<T> {
    /// Keys asked for by requests waiting for the next round.
    wanted: Mutex<std::collections::HashSet<i64>>,
    /// The rounds, each with the keys it covered (an unreachable database answers a round's
    /// waiters 503, as for every shared read).
    rounds: SharedReads<KeyedRead<T>>,
}

impl<T> Default for KeyedReads<T> {
    fn default() -> Self {
        Self {
            wanted: Default::default(),
            rounds: Default::default(),
        }
    }
}

/// One keyed read: what it found and every key it covered.
#[derive(Clone)]
struct KeyedRead<T> {
    found: T,
    covered: Arc<std::collections::HashSet<i64>>,
}

impl<T: Clone> KeyedReads<T> {
    /// What a read that started after this call and covered `keys` found; `fetch` reads the keys
    /// it is given (this call's and those of every call waiting with it).
    pub async fn read<F, Fut>(&self, keys: &[i64], fetch: F) -> Result<T, AppError>
    where
        F: FnOnce(Vec<i64>) -> Fut,
        Fut: std::future::Future<Output = Result<T, AppError>>,
    {
        let poisoned = || AppError::Internal(anyhow::anyhow!("keyed reads poisoned"));
        self.wanted
            .lock()
            .map_err(|_| poisoned())?
            .extend(keys.iter().copied());
        let covers = |read: &KeyedRead<T>| keys.iter().all(|k| read.covered.contains(k));
        let read = self
            .rounds
            .read_if(covers, || async {
                // The keys of every call waiting now, this one's included.
                let mut ids = std::mem::take(&mut *self.wanted.lock().map_err(|_| poisoned())?);
                ids.extend(keys.iter().copied());
                let found = fetch(ids.iter().copied().collect()).await?;
                Ok(KeyedRead {
                    found,
                    covered: Arc::new(ids),
                })
            })
            .await?;
        Ok(read.found)
    }
}

/// Live seat reads shared by the course detail requests that wait for them, whatever program
/// they show.
type SeatReads = KeyedReads<Seats>;

impl PublicCache {
    fn answer(&self, key: &str, version: i64, seats: u64) -> Option<Entry> {
        let answers = self.answers.lock().ok()?;
        answers
            .get(&in_language(key))
            .filter(|e| e.version == version && e.seats == seats)
            .cloned()
    }

    fn keep(&self, key: &str, entry: Entry) {
        let key = in_language(key);
        if let Ok(mut answers) = self.answers.lock() {
            if answers.len() >= MAX_ENTRIES && !answers.contains_key(&key) {
                answers.clear();
            }
            answers.insert(key, entry);
        }
    }

    /// The value kept under `key` (for the request's language) whatever its version, with that
    /// version.
    pub fn any_part<T: Send + Sync + 'static>(&self, key: &str) -> Option<(i64, Arc<T>)> {
        let parts = self.parts.lock().ok()?;
        let (v, part) = parts.get(&in_language(key))?;
        Some((*v, part.clone().downcast::<T>().ok()?))
    }

    /// A value of this version kept under `key` (for the request's language), if any.
    pub fn part<T: Send + Sync + 'static>(&self, key: &str, version: i64) -> Option<Arc<T>> {
        let parts = self.parts.lock().ok()?;
        let (v, part) = parts.get(&in_language(key))?;
        if *v != version {
            return None;
        }
        part.clone().downcast::<T>().ok()
    }

    /// Keeps a value of this version under `key` (for the request's language).
    pub fn keep_part<T: Send + Sync + 'static>(&self, key: &str, version: i64, value: Arc<T>) {
        let key = in_language(key);
        if let Ok(mut parts) = self.parts.lock() {
            if parts.len() >= MAX_ENTRIES && !parts.contains_key(&key) {
                parts.clear();
            }
            parts.insert(key, (version, value));
        }
    }
}

/// The versions now (read after this call began; shared with the calls waiting with it).
pub async fn versions(app: &App) -> Result<Versions, AppError> {
    app.public_cache
        .versions
        .read(|| async { Ok(aula_db::versions::current(&app.db).await?) })
        .await
}

/// The catalogue version now (read after this call began; shared with the calls waiting with it).
pub async fn version(app: &App) -> Result<i64, AppError> {
    Ok(versions(app).await?.catalogue)
}

/// The catalogue version and the live seats of these sessions, read after this call began
/// (shared with the calls waiting with it, for any program). Sessions with no booking and no
/// one waiting are not in the map.
pub async fn seats(app: &App, sessions: &[i64]) -> Result<Seats, AppError> {
    app.public_cache
        .seats
        .read(sessions, |ids| async move {
            let (version, seats) = aula_db::versions::catalogue_with_seats(&app.db, &ids).await?;
            Ok((version, Arc::new(seats)))
        })
        .await
}

/// The tag of a body in a language (the same bytes in two languages are two answers).
fn etag_of(lang: Lang, body: &[u8]) -> HeaderValue {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    lang.code().hash(&mut h);
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
    h.insert(VARY, HeaderValue::from_static("Accept-Language, Cookie"));
    h.insert(
        CONTENT_LANGUAGE,
        HeaderValue::from_static(entry.lang.code()),
    );
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
    let lang = Viewer::current().lang;
    let entry = Entry {
        version,
        seats,
        lang,
        etag: etag_of(lang, &body),
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
        let tag = etag_of(Lang::En, b"{}");
        let mut h = HeaderMap::new();
        h.insert(IF_NONE_MATCH, HeaderValue::from_static("\"nope\""));
        assert!(!matches(&h, &tag));
        let listed = format!("\"nope\", W/{}", tag.to_str().unwrap());
        h.insert(IF_NONE_MATCH, HeaderValue::from_str(&listed).unwrap());
        assert!(matches(&h, &tag));
        h.insert(IF_NONE_MATCH, HeaderValue::from_static("*"));
        assert!(matches(&h, &tag));
    }

    /// A read never answers a request that arrived after it started; the requests that arrive
    /// while one runs share the next.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn version_reads_are_shared_only_by_requests_that_arrived_before_they_started() {
        use std::sync::atomic::{AtomicI64, Ordering};
        let reads = Arc::new(SharedReads::<i64>::default());
        let fetched = Arc::new(AtomicI64::new(0));
        let fetch = |gate: Option<tokio::sync::oneshot::Receiver<()>>| {
            let fetched = fetched.clone();
            move || async move {
                if let Some(g) = gate {
                    let _ = g.await;
                }
                Ok(fetched.fetch_add(1, Ordering::SeqCst) + 1)
            }
        };
        // One after the other: each reads afresh.
        assert_eq!(reads.read(fetch(None)).await.unwrap(), 1);
        assert_eq!(reads.read(fetch(None)).await.unwrap(), 2);
        // A slow read in flight; ten requests arrive during it.
        let (open, gate) = tokio::sync::oneshot::channel();
        let first = tokio::spawn({
            let (reads, f) = (reads.clone(), fetch(Some(gate)));
            async move { reads.read(f).await.unwrap() }
        });
        while reads.started() < 3 {
            tokio::task::yield_now().await;
        }
        let waiting: Vec<_> = (0..10)
            .map(|_| {
                let (reads, f) = (reads.clone(), fetch(None));
                tokio::spawn(async move { reads.read(f).await.unwrap() })
            })
            .collect();
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        open.send(()).unwrap();
        assert_eq!(first.await.unwrap(), 3);
        for w in waiting {
            assert_eq!(
                w.await.unwrap(),
                4,
                "never the read that began before they came"
            );
        }
        assert_eq!(fetched.load(Ordering::SeqCst), 4, "the ten shared one read");
    }

    /// Requests for different programs that arrive while a seat read runs share the next one,
    /// which covers all their sessions; a request never uses a read that did not cover its own.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn seat_reads_are_shared_across_programs_and_cover_every_waiting_request() {
        use std::sync::atomic::{AtomicI64, Ordering};
        let reads = Arc::new(SeatReads::default());
        let fetched = Arc::new(AtomicI64::new(0));
        let asked = Arc::new(Mutex::new(Vec::<Vec<i64>>::new()));
        let fetch = |gate: Option<tokio::sync::oneshot::Receiver<()>>| {
            let (fetched, asked) = (fetched.clone(), asked.clone());
            move |mut ids: Vec<i64>| async move {
                if let Some(g) = gate {
                    let _ = g.await;
                }
                ids.sort_unstable();
                asked.lock().unwrap().push(ids.clone());
                let n = fetched.fetch_add(1, Ordering::SeqCst) + 1;
                let seats = ids.iter().map(|id| (*id, (n, 0))).collect();
                Ok((n, Arc::new(seats)))
            }
        };
        // A slow read for sessions 1 and 2; requests for other programs arrive during it.
        let (open, gate) = tokio::sync::oneshot::channel();
        let first = tokio::spawn({
            let (reads, f) = (reads.clone(), fetch(Some(gate)));
            async move { reads.read(&[1, 2], f).await.unwrap() }
        });
        while reads.rounds.started() < 1 {
            tokio::task::yield_now().await;
        }
        let waiting: Vec<_> = [vec![3, 4], vec![5], vec![1]]
            .into_iter()
            .map(|ids| {
                let (reads, f) = (reads.clone(), fetch(None));
                tokio::spawn(async move {
                    let (version, seats) = reads.read(&ids, f).await.unwrap();
                    assert!(ids.iter().all(|id| seats.contains_key(id)), "{ids:?}");
                    version
                })
            })
            .collect();
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        open.send(()).unwrap();
        assert_eq!(first.await.unwrap().0, 1);
        for w in waiting {
            assert_eq!(
                w.await.unwrap(),
                2,
                "never the read that began before they came"
            );
        }
        assert_eq!(
            fetched.load(Ordering::SeqCst),
            2,
            "the three shared one read"
        );
        assert_eq!(asked.lock().unwrap()[1], vec![1, 3, 4, 5]);
        // Alone, a request reads afresh.
        assert_eq!(reads.read(&[9], fetch(None)).await.unwrap().0, 3);
    }

    /// A read that finds the database unreachable answers the requests waiting for it 503 at
    /// once, instead of each trying in turn; the next request tries again.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn an_unreachable_database_answers_every_waiting_request_at_once() {
        use std::sync::atomic::{AtomicI64, Ordering};
        let reads = Arc::new(SharedReads::<i64>::default());
        let fetched = Arc::new(AtomicI64::new(0));
        let fetch = |gate: Option<tokio::sync::oneshot::Receiver<()>>, up: bool| {
            let fetched = fetched.clone();
            move || async move {
                if let Some(g) = gate {
                    let _ = g.await;
                }
                fetched.fetch_add(1, Ordering::SeqCst);
                if up {
                    Ok(7)
                } else {
                    Err(AppError::Unavailable)
                }
            }
        };
        // A read in flight, then one that fails while ten requests wait for it.
        let (open, gate) = tokio::sync::oneshot::channel();
        let first = tokio::spawn({
            let (reads, f) = (reads.clone(), fetch(Some(gate), true));
            async move { reads.read(f).await.unwrap() }
        });
        while reads.started() < 1 {
            tokio::task::yield_now().await;
        }
        let waiting: Vec<_> = (0..10)
            .map(|_| {
                let (reads, f) = (reads.clone(), fetch(None, false));
                tokio::spawn(async move { reads.read(f).await })
            })
            .collect();
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        open.send(()).unwrap();
        assert_eq!(first.await.unwrap(), 7);
        for w in waiting {
            assert!(matches!(w.await.unwrap(), Err(AppError::Unavailable)));
        }
        assert_eq!(fetched.load(Ordering::SeqCst), 2, "one try for the ten");
        assert_eq!(
            reads.read(fetch(None, true)).await.unwrap(),
            7,
            "tried again"
        );
    }

    #[test]
    fn parts_are_kept_per_version() {
        let c = PublicCache::default();
        c.keep_part("k", 3, Arc::new(7_u32));
        assert_eq!(c.part::<u32>("k", 3).as_deref(), Some(&7));
        assert!(c.part::<u32>("k", 4).is_none());
        assert!(c.part::<String>("k", 3).is_none());
    }

    /// A request whose read goes away (its client hung up) leaves no one waiting for ever: a
    /// waiting request reads instead.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_read_whose_request_went_away_is_taken_over_by_a_waiting_one() {
        let reads = Arc::new(SharedReads::<i64>::default());
        let leader = tokio::spawn({
            let reads = reads.clone();
            async move {
                reads
                    .read(|| async {
                        std::future::pending::<()>().await;
                        Ok(1)
                    })
                    .await
            }
        });
        while reads.started() < 1 {
            tokio::task::yield_now().await;
        }
        let waiter = tokio::spawn({
            let reads = reads.clone();
            async move { reads.read(|| async { Ok(2) }).await.unwrap() }
        });
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        leader.abort();
        let waited = tokio::time::timeout(std::time::Duration::from_secs(5), waiter).await;
        assert_eq!(waited.expect("not stuck").unwrap(), 2);
    }
}
