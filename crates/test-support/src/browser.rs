//! Headless Chromium for page tests: loads a URL and returns the DOM after scripts ran.

use std::path::PathBuf;
use std::process::Command;

/// The Chromium binary: `$AULA_CHROMIUM`, else the usual Debian paths.
pub fn chromium() -> Option<PathBuf> {
    if let Ok(p) = std::env::var("AULA_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
    ]
    .iter()
    .map(PathBuf::from)
    .find(|p| p.exists())
}

/// The rendered DOM of `url` (phone-sized window), or `None` when no Chromium is installed
/// outside CI. In CI (`CI` set) a missing browser fails the test instead.
pub async fn dump_dom(url: &str) -> Option<String> {
    let Some(bin) = chromium() else {
        assert!(
            std::env::var("CI").is_err(),
            "CI must run page tests: install chromium"
        );
        eprintln!("skipping browser check: no chromium installed");
        return None;
    };
    let url = url.to_owned();
    let out = tokio::task::spawn_blocking(move || {
        let profile = std::env::temp_dir().join(format!(
            "aula-chromium-{}-{}",
            std::process::id(),
            rand::random::<u32>()
        ));
        let mut cmd = Command::new(bin);
        cmd.args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--window-size=390,844",
            "--virtual-time-budget=3000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()));
        let out = cmd.arg("--dump-dom").arg(&url).output();
        let _ = std::fs::remove_dir_all(&profile);
        out
    })
    .await
    .expect("chromium task")
    .expect("chromium runs");
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}
