//! A small W3C WebDriver client over the HTTP client the tests already use, driving Debian's
//! headless Chromium through `chromedriver`: open pages, fill fields found by their label, choose
//! options, click buttons found by their text — the way a user finds them.

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::{Value, json};

/// The key WebDriver uses for element references.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// A browser session; dropping it ends the session and stops chromedriver.
pub struct Browser {
    http: reqwest::Client,
    base: String,
    session: String,
    driver: Child,
}

/// The chromedriver binary: `$AULA_CHROMEDRIVER`, else Debian's.
fn chromedriver() -> Option<String> {
    if let Ok(p) = std::env::var("AULA_CHROMEDRIVER") {
        return Some(p);
    }
    ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"]
        .iter()
        .find(|p| std::path::Path::new(p).exists())
        .map(|p| (*p).to_owned())
}

/// An XPath string literal for `s` (quotes handled).
fn literal(s: &str) -> String {
    if !s.contains('\'') {
        format!("'{s}'")
    } else {
        format!("concat('{}')", s.replace('\'', "', \"'\", '"))
    }
}

impl Browser {
    /// Starts chromedriver and a headless, phone-sized Chromium; `None` when they are not
    /// installed outside CI (in CI a missing browser fails the test).
    pub async fn start() -> Option<Browser> {
        Self::start_in("en-US").await
    }

    /// The same browser set to prefer `lang` (its `Accept-Language`), e.g. `es-ES`.
    pub async fn start_in(lang: &str) -> Option<Browser> {
        let (Some(driver_bin), Some(chromium)) = (chromedriver(), crate::browser::chromium())
        else {
            assert!(
                std::env::var("CI").is_err(),
                "CI must run browser tests: install chromium and chromium-driver"
            );
            eprintln!("skipping the browser test: no chromium/chromedriver installed");
            return None;
        };
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .ok()?
            .local_addr()
            .ok()?
            .port();
        let driver = Command::new(driver_bin)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let http = reqwest::Client::new();
        let base = format!("http://127.0.0.1:{port}");
        for _ in 0..100 {
            if http
                .get(format!("{base}/status"))
                .send()
                .await
                .is_ok_and(|r| r.status().is_success())
            {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let profile = std::env::temp_dir().join(format!(
            "aula-webdriver-{}-{}",
            std::process::id(),
            rand::random::<u32>()
        ));
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium.display().to_string(),
                "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--window-size=390,844",
                    format!("--lang={lang}"), format!("--accept-lang={lang}"),
                    format!("--user-data-dir={}", profile.display())],
                "prefs": {"intl.accept_languages": lang}
            }
        }}});
        let created: Value = http
            .post(format!("{base}/session"))
            .json(&caps)
            .send()
            .await
            .expect("new session")
            .json()
            .await
            .expect("session JSON");
        let session = created["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {created}"))
            .to_owned();
        Some(Browser {
            http,
            base,
            session,
            driver,
        })
    }

    async fn call(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Value {
        let url = format!("{}/session/{}{path}", self.base, self.session);
        let mut req = self.http.request(method, url);
        if let Some(b) = body {
            req = req.json(&b);
        }
        let v: Value = req
            .send()
            .await
            .expect("webdriver call")
            .json()
            .await
            .expect("webdriver JSON");
        if v["value"]["error"].is_string() {
            panic!("webdriver {path}: {}", v["value"]);
        }
        v["value"].clone()
    }

    /// Opens a URL.
    pub async fn open(&self, url: &str) {
        self.call(reqwest::Method::POST, "/url", Some(json!({"url": url})))
            .await;
    }

    /// The current URL.
    pub async fn url(&self) -> String {
        self.call(reqwest::Method::GET, "/url", None)
            .await
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// The page's HTML as it is now.
    pub async fn source(&self) -> String {
        self.call(reqwest::Method::GET, "/source", None)
            .await
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    async fn find(&self, xpath: &str) -> String {
        let v = self
            .call(
                reqwest::Method::POST,
                "/element",
                Some(json!({"using": "xpath", "value": xpath})),
            )
            .await;
        v[ELEMENT]
            .as_str()
            .unwrap_or_else(|| panic!("no element {xpath}"))
            .to_owned()
    }

    async fn click_element(&self, id: &str) {
        self.call(
            reqwest::Method::POST,
            &format!("/element/{id}/click"),
            Some(json!({})),
        )
        .await;
    }

    /// The control labelled `label` (a `<label for>` whose text begins with it).
    async fn labelled(&self, label: &str) -> String {
        let xpath = format!(
            "//*[@id=//label[starts-with(normalize-space(.), {})]/@for]",
            literal(label)
        );
        self.find(&xpath).await
    }

    /// Types `text` into the field labelled `label` (after clearing it).
    pub async fn fill(&self, label: &str, text: &str) {
        let id = self.labelled(label).await;
        self.call(
            reqwest::Method::POST,
            &format!("/element/{id}/clear"),
            Some(json!({})),
        )
        .await;
        self.call(
            reqwest::Method::POST,
            &format!("/element/{id}/value"),
            Some(json!({"text": text})),
        )
        .await;
    }

    /// Types `text` into the field labelled `label` inside the form whose button reads `button`
    /// (for pages with several forms using the same words).
    pub async fn fill_in(&self, button: &str, label: &str, text: &str) {
        let form = format!(
            "//form[.//button[starts-with(normalize-space(.), {})]]",
            literal(button)
        );
        let xpath = format!(
            "{form}//*[@id={form}//label[starts-with(normalize-space(.), {})]/@for]",
            literal(label)
        );
        let id = self.find(&xpath).await;
        self.call(
            reqwest::Method::POST,
            &format!("/element/{id}/value"),
            Some(json!({"text": text})),
        )
        .await;
    }

    /// Chooses the option whose text begins with `option` in the select labelled `label`.
    pub async fn choose(&self, label: &str, option: &str) {
        let xpath = format!(
            "//select[@id=//label[starts-with(normalize-space(.), {})]/@for]/option[starts-with(normalize-space(.), {})]",
            literal(label),
            literal(option)
        );
        let id = self.find(&xpath).await;
        self.click_element(&id).await;
    }

    /// Ticks the checkbox or radio labelled `label`.
    pub async fn tick(&self, label: &str) {
        let id = self.labelled(label).await;
        self.click_element(&id).await;
    }

    /// Clicks the first button whose text begins with `text`, then waits for the page that the
    /// form's answer leads to.
    pub async fn click(&self, text: &str) {
        let xpath = format!(
            "(//button[starts-with(normalize-space(.), {t})] | //input[@type='submit' and starts-with(@value, {t})])[1]",
            t = literal(text)
        );
        let id = self.find(&xpath).await;
        let before = self.source().await;
        self.click_element(&id).await;
        self.settle(&before).await;
    }

    /// Waits until the page differs from `before` and has loaded (at most 10 s).
    async fn settle(&self, before: &str) {
        for _ in 0..200 {
            let ready = self
                .call(
                    reqwest::Method::POST,
                    "/execute/sync",
                    Some(json!({"script": "return document.readyState", "args": []})),
                )
                .await;
            if ready == "complete" && self.source().await != before {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Serious and critical accessibility violations of the page as axe-core sees them (WCAG 2 A
    /// and AA rules). axe-core comes from `$AULA_AXE_JS`, else `~/.cache/aula-axe` (where
    /// `.ci/run` installs it from npm); without it, outside CI, the check is skipped.
    pub async fn axe_violations(&self) -> Vec<String> {
        let path = std::env::var("AULA_AXE_JS").unwrap_or_else(|_| {
            format!(
                "{}/.cache/aula-axe/node_modules/axe-core/axe.min.js",
                std::env::var("HOME").unwrap_or_default()
            )
        });
        let Ok(axe) = std::fs::read_to_string(&path) else {
            assert!(
                std::env::var("CI").is_err(),
                "CI must run axe-core: {path} is missing"
            );
            eprintln!("skipping axe-core: {path} is missing");
            return Vec::new();
        };
        self.call(
            reqwest::Method::POST,
            "/execute/sync",
            Some(json!({"script": format!("{axe}\n;return true;"), "args": []})),
        )
        .await;
        let found = self
            .call(
                reqwest::Method::POST,
                "/execute/async",
                Some(json!({"script": "const done = arguments[arguments.length - 1];
                    axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']}})
                      .then(r => done(r.violations
                        .filter(v => v.impact === 'serious' || v.impact === 'critical')
                        .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.map(n => n.target.join(' ')).join(', '))))
                      .catch(e => done(['axe failed: ' + e]));", "args": []})),
            )
            .await;
        strings(&found)
    }

    /// Elements wider than the window (the page scrolls sideways), as `tag.class (width px)`;
    /// empty when the page fits its window (390 px wide here).
    pub async fn too_wide(&self) -> Vec<String> {
        let found = self
            .call(
                reqwest::Method::POST,
                "/execute/sync",
                Some(json!({"script": "const w = document.documentElement.clientWidth;
                    if (document.documentElement.scrollWidth <= w) return [];
                    return Array.from(document.querySelectorAll('body *'))
                      .filter(e => e.getBoundingClientRect().right > w + 1)
                      .slice(0, 8)
                      .map(e => e.tagName.toLowerCase() + '.' + e.className + ' (' + Math.round(e.getBoundingClientRect().right) + ' px)');",
                    "args": []})),
            )
            .await;
        strings(&found)
    }

    /// Follows the first link whose text begins with `text`.
    pub async fn follow(&self, text: &str) {
        let xpath = format!(
            "(//a[starts-with(normalize-space(.), {})])[1]",
            literal(text)
        );
        let id = self.find(&xpath).await;
        let before = self.source().await;
        self.click_element(&id).await;
        self.settle(&before).await;
    }
}

/// The WebDriver key for Tab.
pub const TAB: char = '\u{E004}';
/// The WebDriver key for Enter.
pub const ENTER: char = '\u{E007}';

impl Browser {
    /// Presses each key of `keys` (text or [`TAB`]/[`ENTER`]) on whatever has the focus, as a
    /// keyboard does.
    pub async fn keys(&self, keys: &str) {
        let strokes: Vec<Value> = keys
            .chars()
            .flat_map(|c| {
                let c = c.to_string();
                [
                    json!({"type": "keyDown", "value": c}),
                    json!({"type": "keyUp", "value": c}),
                ]
            })
            .collect();
        self.call(
            reqwest::Method::POST,
            "/actions",
            Some(json!({"actions": [{"type": "key", "id": "keyboard", "actions": strokes}]})),
        )
        .await;
    }

    /// The name of the focused control (its label, else its text or value) and whether its focus
    /// is visible (an outline or a shadow).
    async fn focused(&self) -> (String, bool) {
        let v = self
            .call(
                reqwest::Method::POST,
                "/execute/sync",
                Some(json!({"script": "const e = document.activeElement;
                    if (!e || e === document.body) return ['', true];
                    const name = (e.labels && e.labels.length) ? e.labels[0].innerText
                      : (e.getAttribute('aria-label') || e.innerText || e.value || '');
                    const s = getComputedStyle(e);
                    const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0)
                      || s.boxShadow !== 'none';
                    return [name.trim(), ring];", "args": []})),
            )
            .await;
        (
            v[0].as_str().unwrap_or_default().to_owned(),
            v[1].as_bool().unwrap_or(false),
        )
    }

    /// Presses Tab until the focused control's name begins with `name` (at most 80 times); every
    /// control passed on the way must show where the focus is.
    pub async fn tab_to(&self, name: &str) {
        let mut passed = Vec::new();
        for _ in 0..80 {
            self.keys(&TAB.to_string()).await;
            let (now, visible) = self.focused().await;
            assert!(visible, "the focus on {now:?} is not visible");
            if now.starts_with(name) {
                return;
            }
            passed.push(now);
        }
        panic!("Tab never reached {name:?}; it went through {passed:?}");
    }

    /// Presses Enter on the focused control and waits for the page it leads to.
    pub async fn enter(&self) {
        let before = self.source().await;
        self.keys(&ENTER.to_string()).await;
        self.settle(&before).await;
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        // Ends the session (Chromium closes) with a plain blocking request: Drop cannot await.
        use std::io::{Read, Write};
        let host = self.base.trim_start_matches("http://").to_owned();
        if let Ok(mut stream) = std::net::TcpStream::connect(&host) {
            let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
            let request = format!(
                "DELETE /session/{} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n",
                self.session
            );
            let _ = stream.write_all(request.as_bytes());
            let mut sink = Vec::new();
            let _ = stream.read_to_end(&mut sink);
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// The strings of a JSON array (empty for anything else).
fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}
