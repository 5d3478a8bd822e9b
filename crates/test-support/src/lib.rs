//! Test harness: the real router on a real port, over a fresh database per test — a SQLite file by
//! default, a throw-away PostgreSQL database when `AULA_TEST_DATABASE_URL` names a server.

pub mod browser;
mod builders;
mod database;
pub mod smtp;
pub mod stripe_fake;
pub mod webdriver;
mod webhooks;

use std::net::SocketAddr;

use aula_db::Db;
use aula_server::{App, Clock, Config};
use reqwest::{Method, StatusCode};
use serde_json::Value;

pub use builders::{NOW, School, book, buyer, credits_pack, remaining};
pub use database::{TestDatabase, backend_name};
pub use webhooks::{completed_event, paid_event, refund_event};

/// A running Aula for one test.
pub struct TestApp {
    /// `http://127.0.0.1:PORT`
    pub base: String,
    pub app: App,
    pub db: Db,
    pub client: reqwest::Client,
    /// The app's clock; `clock.set(..)` moves time for the app.
    pub clock: Clock,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    _database: TestDatabase,
}

/// A response: status, parsed JSON (or `Null`) and the raw text.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub json: Value,
    pub text: String,
    pub headers: reqwest::header::HeaderMap,
}

impl TestApp {
    /// Starts Aula on a fresh, migrated database.
    pub async fn spawn() -> Self {
        Self::spawn_with(axum::Router::new()).await
    }

    /// Starts Aula with extra routes under the same layers.
    pub async fn spawn_with(extra: axum::Router<App>) -> Self {
        Self::spawn_custom(None, extra).await
    }

    /// Starts Aula with Stripe configured against `api_base` (a Stripe-compatible fake).
    pub async fn spawn_stripe(api_base: &str, secret_key: &str, webhook_secret: &str) -> Self {
        Self::spawn_full(
            None,
            Some((api_base, secret_key, webhook_secret)),
            axum::Router::new(),
            None,
        )
        .await
    }

    /// Starts Aula with a public URL (e.g. `https://...`) and extra routes.
    pub async fn spawn_custom(public_url: Option<&str>, extra: axum::Router<App>) -> Self {
        Self::spawn_full(public_url, None, extra, None).await
    }

    /// Starts Aula with its mail worker running, delivering to `smtp_url` (an [`smtp::SmtpSink`]),
    /// or logging the mails when `None`.
    pub async fn spawn_mail(smtp_url: Option<&str>) -> Self {
        Self::spawn_full(None, None, axum::Router::new(), Some(smtp_url)).await
    }

    async fn spawn_full(
        public_url: Option<&str>,
        stripe: Option<(&str, &str, &str)>,
        extra: axum::Router<App>,
        mail: Option<Option<&str>>,
    ) -> Self {
        let database = TestDatabase::create().await;
        let db = Db::connect(&database.url)
            .await
            .expect("connect to the test database");
        db.migrate().await.expect("migrate the test database");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind a port");
        let addr = listener.local_addr().expect("local address");
        let mut config = Config::parse(&addr.to_string(), public_url, "30").expect("test config");
        if let Some((base, key, secret)) = stripe {
            config = config
                .with_payments(Some(key), base, Some(secret))
                .expect("stripe config");
        }
        if let Some(smtp) = mail {
            config = config
                .with_mail(smtp, Some("Aula School <school@aula.test>"))
                .expect("mail config");
        }
        // Tests own the time: it starts at the real now and moves only when a test moves it.
        let clock = Clock::manual(chrono::SubsecRound::trunc_subsecs(chrono::Utc::now(), 0));
        let app = App::new(db.clone(), config, clock.clone()).expect("app");
        let router = aula_server::router::build_with(app.clone(), extra);
        if mail.is_some() {
            let worker = tokio::spawn(aula_server::mail::run(app.clone()));
            // The worker stops with the test's runtime; keep the handle alive until then.
            std::mem::forget(worker);
        }
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(async move {
            let service = router.into_make_service_with_connect_info::<SocketAddr>();
            let _ = axum::serve(listener, service)
                .with_graceful_shutdown(async {
                    let _ = rx.await;
                })
                .await;
        });
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        Self {
            base: format!("http://{addr}"),
            app,
            db,
            client,
            clock,
            shutdown: Some(tx),
            _database: database,
        }
    }

    /// The URL of this test's database (to start more server processes on it).
    pub fn database_url(&self) -> &str {
        &self._database.url
    }

    /// Stops accepting connections; requests in flight finish (graceful shutdown).
    pub fn begin_shutdown(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }

    /// The absolute URL of `path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Sends a request with an optional JSON body and Bearer token.
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
        token: Option<&str>,
    ) -> Reply {
        let mut req = self.client.request(method, self.url(path));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        reply(req.send().await.expect("request sent")).await
    }

    /// `GET path`.
    pub async fn get(&self, path: &str, token: Option<&str>) -> Reply {
        self.call(Method::GET, path, None, token).await
    }

    /// `POST path` with a JSON body.
    pub async fn post(&self, path: &str, body: Value, token: Option<&str>) -> Reply {
        self.call(Method::POST, path, Some(body), token).await
    }

    /// Sends raw bytes with a content type.
    pub async fn post_raw(&self, path: &str, content_type: &str, body: Vec<u8>) -> Reply {
        let req = self
            .client
            .post(self.url(path))
            .header("content-type", content_type)
            .body(body);
        reply(req.send().await.expect("request sent")).await
    }

    /// Sets the app's clock to an RFC 3339 instant.
    pub fn set_now(&self, rfc3339: &str) {
        self.clock
            .set(rfc3339.parse().expect("an RFC 3339 instant"));
    }

    /// A number from a one-value SQL query.
    pub async fn count(&self, sql: &str) -> i64 {
        query_text(&self.db, &format!("SELECT CAST(({sql}) AS TEXT)"))
            .await
            .and_then(|s| s.parse().ok())
            .unwrap_or(-1)
    }
}

/// Runs raw SQL against the test database; returns rows affected or the database's error text.
pub async fn execute(db: &Db, sql: &str) -> Result<u64, String> {
    db.execute_unprepared(sql).await.map_err(|e| e.to_string())
}

/// The first column of the first row of a query, as text.
pub async fn query_text(db: &Db, sql: &str) -> Option<String> {
    db.query_text(sql).await.ok().flatten()
}

pub(crate) async fn reply(res: reqwest::Response) -> Reply {
    let status = res.status();
    let headers = res.headers().clone();
    let text = res.text().await.expect("body");
    let json = serde_json::from_str(&text).unwrap_or(Value::Null);
    Reply {
        status,
        json,
        text,
        headers,
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

/// Runs futures concurrently on the current task and returns their outputs in order.
pub async fn join_all<F: std::future::Future>(futures: Vec<F>) -> Vec<F::Output> {
    use std::task::Poll;
    let mut futures: Vec<std::pin::Pin<Box<F>>> = futures.into_iter().map(Box::pin).collect();
    let mut out: Vec<Option<F::Output>> = futures.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut pending = false;
        for (f, slot) in futures.iter_mut().zip(out.iter_mut()) {
            if slot.is_none() {
                match f.as_mut().poll(cx) {
                    Poll::Ready(v) => *slot = Some(v),
                    Poll::Pending => pending = true,
                }
            }
        }
        if pending {
            Poll::Pending
        } else {
            Poll::Ready(())
        }
    })
    .await;
    out.into_iter()
        .map(|o| o.expect("every future finished"))
        .collect()
}

/// Asserts the error envelope of api.md: status, `error.code`, and a message.
#[track_caller]
pub fn assert_error(r: &Reply, status: u16, code: &str) {
    assert_eq!(r.status.as_u16(), status, "status of {}", r.text);
    assert_eq!(r.json["error"]["code"], code, "code of {}", r.text);
    assert!(
        r.json["error"]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty()),
        "message of {}",
        r.text
    );
}

/// The `_csrf` form value of the login session with this token (what its pages put in forms).
pub fn csrf(token: &str) -> String {
    aula_server::security::csrf_token(token)
}
