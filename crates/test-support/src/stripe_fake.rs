//! A Stripe-compatible server for integration tests: `localstripe` (PyPI, `localstripe==1.15.10`)
//! plus the extension in the stripe-fake folder (Prices, Checkout Sessions, a "pay this session"
//! test helper, and the `checkout.session.*`, `charge.refunded` and `refund.created` events).
//!
//! The fake runs only when `AULA_TEST_STRIPE_FAKE` names the stripe-fake folder (the one holding
//! `run_localstripe.py`); `AULA_TEST_STRIPE_PYTHON` names the Python that has `localstripe`
//! installed (default `python3`). Relative paths are tried from the current directory, then from
//! the workspace root. Without the variable [`StripeFake::start`] returns `None` and the test
//! should skip itself.
//!
//! What tests must know about the fake (observed on 1.15.10 + the extension):
//!
//! - Any key starting with `sk_` is accepted; bodies are form-encoded (`a[b][0][c]=v`).
//! - `Idempotency-Key` is ignored: the same key twice creates two objects.
//! - Webhooks are sent about 1 s after the API call, once, without retries (a non-2xx answer is
//!   only logged), in no guaranteed order, to every registered endpoint, as pretty-printed JSON
//!   signed like Stripe: `Stripe-Signature: t=<event.created>,v1=<hex HMAC-SHA256(secret,
//!   "<t>.<raw body>")>`. Events carry `"api_version": "2017-08-15"`.
//! - Paying a session ([`StripeFake::complete_checkout`]) sends `customer.created` (only when the
//!   session has `customer_email`), `payment_intent.created`, `charge.succeeded`,
//!   `payment_intent.succeeded` and `checkout.session.completed`. A declined card
//!   ([`StripeFake::decline_checkout`]) answers 402, leaves the session `open` and sends only
//!   `payment_intent.created` and `payment_intent.payment_failed`.
//! - A refund sends `refund.created` and `charge.refunded` (also for partial refunds); the
//!   charge in the event is a snapshot taken at refund time.

use std::io::Read;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use reqwest::{Method, StatusCode};
use serde_json::Value;

/// The secret key the fake is called with (any `sk_…` key works).
const SECRET_KEY: &str = "sk_test_aula";
/// How long the server may take to answer its first request.
const READY_TIMEOUT: Duration = Duration::from_secs(20);
/// How much of the server's output is kept for panic messages.
const LOG_KEEP: usize = 64 * 1024;
/// How much of it a panic message shows.
const LOG_SHOW: usize = 6 * 1024;

/// A running fake Stripe for one test (killed on drop).
pub struct StripeFake {
    /// `http://127.0.0.1:PORT` — the Stripe API base to configure the app with.
    pub base_url: String,
    child: Child,
    client: reqwest::Client,
    log: Arc<Mutex<String>>,
    webhooks: AtomicUsize,
}

enum Startup {
    Ready,
    Exited(ExitStatus),
    TimedOut,
}

impl StripeFake {
    /// Starts localstripe when `AULA_TEST_STRIPE_FAKE` names the stripe-fake folder (and
    /// `AULA_TEST_STRIPE_PYTHON` the venv's python, default `python3`); returns `None` when the
    /// variable is unset. Picks a free loopback port and waits until `GET /v1/products?limit=1`
    /// answers 200 (panics with the server's output if it never does within 20 s).
    pub async fn start() -> Option<StripeFake> {
        let folder = match std::env::var_os("AULA_TEST_STRIPE_FAKE") {
            Some(v) if !v.is_empty() => resolve(Path::new(&v)),
            _ => {
                eprintln!("skipping Stripe fake test: AULA_TEST_STRIPE_FAKE is not set");
                return None;
            }
        };
        let script = folder.join("run_localstripe.py");
        assert!(
            script.is_file(),
            "AULA_TEST_STRIPE_FAKE: {} has no run_localstripe.py (relative paths are tried from {} \
             and from the workspace root {})",
            folder.display(),
            std::env::current_dir().unwrap_or_default().display(),
            workspace_root().display()
        );
        let python = match std::env::var_os("AULA_TEST_STRIPE_PYTHON") {
            Some(v) if !v.is_empty() => {
                let p = PathBuf::from(v);
                if p.components().count() > 1 {
                    resolve(&p)
                } else {
                    p
                }
            }
            _ => PathBuf::from("python3"),
        };
        let client = reqwest::Client::builder()
            // Loopback only: never route through a proxy configured in the environment.
            .no_proxy()
            .timeout(Duration::from_secs(30))
            .build()
            .expect("stripe-fake: build the HTTP client");

        const ATTEMPTS: usize = 3;
        for attempt in 1..=ATTEMPTS {
            let port = free_port();
            let log = Arc::new(Mutex::new(String::new()));
            let mut child = Command::new(&python)
                .arg(&script)
                .args(["--host", "127.0.0.1", "--port", &port.to_string()])
                .args(["--from-scratch", "--with-ext"])
                .env("LOCALSTRIPE_PICKLE", "/dev/null")
                .env("PYTHONUNBUFFERED", "1")
                .env("PYTHONDONTWRITEBYTECODE", "1")
                .current_dir(std::env::temp_dir())
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap_or_else(|e| {
                    panic!(
                        "stripe-fake: cannot run {} {}: {e} \
                         (set AULA_TEST_STRIPE_PYTHON to the venv's python)",
                        python.display(),
                        script.display()
                    )
                });
            // Drain both pipes so a chatty server never blocks on a full pipe.
            if let Some(out) = child.stdout.take() {
                drain(out, log.clone());
            }
            if let Some(err) = child.stderr.take() {
                drain(err, log.clone());
            }
            let mut fake = StripeFake {
                base_url: format!("http://127.0.0.1:{port}"),
                child,
                client: client.clone(),
                log,
                webhooks: AtomicUsize::new(0),
            };
            match fake.wait_ready().await {
                Startup::Ready => return Some(fake),
                Startup::Exited(status) => {
                    // Give the drain threads a moment to collect the last words.
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    let log = fake.log();
                    if attempt < ATTEMPTS && log.to_lowercase().contains("address already in use") {
                        continue; // lost the port race: try another one
                    }
                    panic!(
                        "stripe-fake: {} {} exited with {status} before answering \
                         (is localstripe==1.15.10 installed for that python?)\n{}",
                        python.display(),
                        script.display(),
                        tail(&log)
                    );
                }
                Startup::TimedOut => panic!(
                    "stripe-fake: no 200 from {}/v1/products?limit=1 within {READY_TIMEOUT:?}\n{}",
                    fake.base_url,
                    tail(&fake.log())
                ),
            }
        }
        unreachable!("the last attempt returns or panics")
    }

    async fn wait_ready(&mut self) -> Startup {
        let deadline = Instant::now() + READY_TIMEOUT;
        let url = format!("{}/v1/products?limit=1", self.base_url);
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Startup::Exited(status);
            }
            let answer = self
                .client
                .get(&url)
                .bearer_auth(SECRET_KEY)
                .timeout(Duration::from_secs(2))
                .send()
                .await;
            if matches!(&answer, Ok(r) if r.status() == StatusCode::OK) {
                return Startup::Ready;
            }
            if Instant::now() >= deadline {
                return Startup::TimedOut;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The secret key to configure the app with (`"sk_test_aula"`).
    pub fn secret_key(&self) -> &str {
        SECRET_KEY
    }

    /// What the server printed so far (its access log and errors; the last 64 KiB).
    pub fn log(&self) -> String {
        self.log.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Registers a webhook endpoint URL with a signing secret. Each call adds one more endpoint;
    /// every endpoint receives every event.
    pub async fn register_webhook(&self, url: &str, secret: &str) {
        let n = self.webhooks.fetch_add(1, Ordering::Relaxed);
        let path = format!("/_config/webhooks/aula-{n}");
        self.expect(
            Method::POST,
            &path,
            &[("url", url), ("secret", secret)],
            StatusCode::OK,
        )
        .await;
    }

    /// Pays a checkout session (test helper endpoint, card `pm_card_visa`); returns the session,
    /// now `status: "complete"`, `payment_status: "paid"`, with its `payment_intent` id.
    /// `checkout.session.completed` follows about 1 s later.
    pub async fn complete_checkout(&self, session_id: &str) -> Value {
        let path = format!("/v1/test_helpers/checkout/sessions/{session_id}/complete");
        let session = self.json(Method::POST, &path, &[], StatusCode::OK).await;
        assert_eq!(
            session["payment_status"], "paid",
            "stripe-fake: {session_id} was not paid: {session}"
        );
        session
    }

    /// Tries to pay a checkout session with a card that is declined
    /// (`pm_card_chargeCustomerFail`); asserts the 402 and returns its `error` object
    /// (`code: "card_declined"`). The session stays `open`.
    pub async fn decline_checkout(&self, session_id: &str) -> Value {
        let path = format!("/v1/test_helpers/checkout/sessions/{session_id}/complete");
        let body = self
            .json(
                Method::POST,
                &path,
                &[("payment_method", "pm_card_chargeCustomerFail")],
                StatusCode::PAYMENT_REQUIRED,
            )
            .await;
        body["error"].clone()
    }

    /// Expires an open checkout session; returns it (`status: "expired"`, `url: null`).
    /// `checkout.session.expired` follows about 1 s later.
    pub async fn expire_checkout(&self, session_id: &str) -> Value {
        let path = format!("/v1/checkout/sessions/{session_id}/expire");
        self.json(Method::POST, &path, &[], StatusCode::OK).await
    }

    /// Refunds a payment intent in full (amount `None`: what is left of it) or in part; returns
    /// the refund. `refund.created` and `charge.refunded` follow about 1 s later.
    pub async fn refund(&self, payment_intent: &str, amount: Option<i64>) -> Value {
        let amount = amount.map(|a| a.to_string());
        let mut form = vec![("payment_intent", payment_intent)];
        if let Some(a) = amount.as_deref() {
            form.push(("amount", a));
        }
        self.json(Method::POST, "/v1/refunds", &form, StatusCode::OK)
            .await
    }

    /// `GET /v1/{path}` as JSON (e.g. `"products/prod_x"`, `"prices/price_x"`,
    /// `"checkout/sessions/cs_x"`, `"events?type=checkout.session.completed"`); asserts 200.
    pub async fn get(&self, path: &str) -> Value {
        let path = format!("/v1/{}", path.trim_start_matches('/'));
        self.json(Method::GET, &path, &[], StatusCode::OK).await
    }

    /// `POST /v1/{path}` with a form body (e.g. `post("products", &[("name", "A1")])`);
    /// asserts 200 and returns the object.
    pub async fn post(&self, path: &str, form: &[(&str, &str)]) -> Value {
        let path = format!("/v1/{}", path.trim_start_matches('/'));
        self.json(Method::POST, &path, form, StatusCode::OK).await
    }

    /// Sends a request, asserts the status and parses the body as JSON.
    async fn json(
        &self,
        method: Method,
        path: &str,
        form: &[(&str, &str)],
        want: StatusCode,
    ) -> Value {
        let text = self.expect(method.clone(), path, form, want).await;
        serde_json::from_str(&text).unwrap_or_else(|e| {
            panic!("stripe-fake: {method} {path} answered non-JSON ({e}): {text}")
        })
    }

    /// Sends a request (form-encoded when it is a POST) and asserts the status; returns the body.
    async fn expect(
        &self,
        method: Method,
        path: &str,
        form: &[(&str, &str)],
        want: StatusCode,
    ) -> String {
        let url = format!("{}{path}", self.base_url);
        let mut request = self
            .client
            .request(method.clone(), &url)
            .bearer_auth(SECRET_KEY);
        if method != Method::GET {
            request = request.form(form);
        }
        let response = request.send().await.unwrap_or_else(|e| {
            panic!(
                "stripe-fake: {method} {url} failed: {e}\n{}",
                tail(&self.log())
            )
        });
        let status = response.status();
        let text = response.text().await.unwrap_or_default();
        if status != want {
            panic!(
                "stripe-fake: {method} {path} {form:?} answered {status} (expected {want}): \
                 {text}\n{}",
                tail(&self.log())
            );
        }
        text
    }
}

impl Drop for StripeFake {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A loopback port nobody listens on right now.
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("stripe-fake: find a free port")
        .port()
}

/// The workspace root (this crate lives in `crates/test-support`).
fn workspace_root() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    here.parent()
        .and_then(Path::parent)
        .unwrap_or(here)
        .to_path_buf()
}

/// `p` as given when it exists (or is absolute), else relative to the workspace root.
fn resolve(p: &Path) -> PathBuf {
    if p.is_absolute() || p.exists() {
        return p.to_path_buf();
    }
    let from_root = workspace_root().join(p);
    if from_root.exists() {
        from_root
    } else {
        p.to_path_buf()
    }
}

/// Copies a pipe into `log` on a thread, keeping the last `LOG_KEEP` bytes.
fn drain(mut pipe: impl Read + Send + 'static, log: Arc<Mutex<String>>) {
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = pipe.read(&mut buf) {
            if n == 0 {
                break;
            }
            let mut log = log.lock().unwrap_or_else(|e| e.into_inner());
            log.push_str(&String::from_utf8_lossy(&buf[..n]));
            if log.len() > 2 * LOG_KEEP {
                let mut cut = log.len() - LOG_KEEP;
                while !log.is_char_boundary(cut) {
                    cut += 1;
                }
                log.drain(..cut);
            }
        }
    });
}

/// The end of the server's output, for panic messages.
fn tail(log: &str) -> String {
    let mut start = log.len().saturating_sub(LOG_SHOW);
    while !log.is_char_boundary(start) {
        start += 1;
    }
    format!("--- localstripe output (tail) ---\n{}", &log[start..])
}
