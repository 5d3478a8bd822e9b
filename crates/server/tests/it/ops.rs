use std::time::Duration;

use aula_test_support::TestApp;

#[tokio::test]
async fn health_and_readiness() {
    let t = TestApp::spawn().await;
    let h = t.get("/healthz", None).await;
    assert_eq!((h.status.as_u16(), h.text.as_str()), (200, "ok"));
    let r = t.get("/readyz", None).await;
    assert_eq!((r.status.as_u16(), r.text.as_str()), (200, "ready"));
}

#[tokio::test]
async fn readiness_fails_when_the_database_is_gone() {
    let t = TestApp::spawn().await;
    t.db.clone().close().await.unwrap();
    let r = t.get("/readyz", None).await;
    assert_eq!(r.status, 503);
    assert_eq!(
        t.get("/healthz", None).await.status,
        200,
        "the process is still up"
    );
    // API calls say the service is unavailable (503), never 500.
    let r = t.get("/api/levels", None).await;
    aula_test_support::assert_error(&r, 503, "unavailable");
    let r = t
        .post(
            "/api/auth/register",
            serde_json::json!({"email": "a@example.com", "password": "correct horse", "firstName": "A", "lastName": "B"}),
            None,
        )
        .await;
    aula_test_support::assert_error(&r, 503, "unavailable");
}

#[tokio::test]
async fn metrics_count_requests_by_route_template_and_status() {
    let t = TestApp::spawn().await;
    t.get("/api/levels", None).await;
    t.get("/api/me", None).await;
    t.get("/api/admin/users/7/roles", None).await;
    let m = t.get("/metrics", None).await;
    assert_eq!(m.status, 200);
    assert!(
        m.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/plain")
    );
    assert!(
        m.text.contains(
            "aula_http_requests_total{method=\"GET\",route=\"/api/levels\",status=\"200\"} 1"
        ),
        "{}",
        m.text
    );
    assert!(m.text.contains("route=\"/api/me\",status=\"401\""));
    assert!(m.text.contains("aula_http_request_duration_seconds_bucket{method=\"GET\",route=\"/api/levels\",status=\"200\",le=\"+Inf\"} 1"));
}

#[tokio::test]
async fn every_response_carries_a_request_id_and_keeps_a_given_one() {
    let t = TestApp::spawn().await;
    let r = t.get("/healthz", None).await;
    assert!(!r.headers["x-request-id"].is_empty());
    let other = t.get("/healthz", None).await;
    assert_ne!(r.headers["x-request-id"], other.headers["x-request-id"]);
    let given = t
        .client
        .get(t.url("/healthz"))
        .header("x-request-id", "abc-123")
        .send()
        .await
        .unwrap();
    assert_eq!(given.headers()["x-request-id"], "abc-123");
    // Long or unprintable ids are replaced by one of ours.
    for bad in ["x".repeat(65), "a b".to_owned(), "<script>".to_owned()] {
        let r = t
            .client
            .get(t.url("/healthz"))
            .header("x-request-id", &bad)
            .send()
            .await
            .unwrap();
        let id = r.headers()["x-request-id"].to_str().unwrap();
        assert!(!id.is_empty() && id != bad, "{bad} -> {id}");
    }
}

#[tokio::test]
async fn unknown_methods_and_paths_add_no_metrics_series() {
    let t = TestApp::spawn().await;
    for (method, path) in [
        ("BREW", "/a"),
        ("PURGE", "/b/c"),
        ("GET", "/nope/1"),
        ("GET", "/nope/2"),
    ] {
        t.call(
            reqwest::Method::from_bytes(method.as_bytes()).unwrap(),
            path,
            None,
            None,
        )
        .await;
    }
    let lines = |text: &str| {
        text.lines()
            .filter(|l| l.starts_with("aula_http_requests_total"))
            .count()
    };
    let before = lines(&t.get("/metrics", None).await.text);
    for (method, path) in [("FETCH", "/x"), ("GET", "/y/z"), ("LOCK", "/api/q")] {
        t.call(
            reqwest::Method::from_bytes(method.as_bytes()).unwrap(),
            path,
            None,
            None,
        )
        .await;
    }
    let after = t.get("/metrics", None).await.text;
    // The /metrics call itself adds its own line once; nothing else is new.
    assert!(lines(&after) <= before + 1, "{after}");
    assert!(
        after.contains("method=\"OTHER\",route=\"unmatched\""),
        "{after}"
    );
}

#[tokio::test]
async fn in_flight_requests_finish_during_a_graceful_shutdown() {
    let extra = axum::Router::new().route(
        "/__test/slow",
        axum::routing::get(|| async {
            tokio::time::sleep(Duration::from_millis(400)).await;
            "done"
        }),
    );
    let mut t = TestApp::spawn_with(extra).await;
    let url = t.url("/__test/slow");
    let client = t.client.clone();
    let pending =
        tokio::spawn(async move { client.get(url).send().await.unwrap().text().await.unwrap() });
    tokio::time::sleep(Duration::from_millis(100)).await;
    t.begin_shutdown();
    assert_eq!(pending.await.unwrap(), "done");
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert!(
        t.client.get(t.url("/healthz")).send().await.is_err(),
        "no new connections after shutdown"
    );
}

#[tokio::test]
async fn html_answers_carry_the_security_headers() {
    let t = TestApp::spawn().await;
    for path in ["/", "/login", "/api/docs", "/no-such-page"] {
        let r = t.get(path, None).await;
        assert_eq!(r.headers["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(r.headers["referrer-policy"], "same-origin", "{path}");
        if r.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
        {
            let csp = r.headers["content-security-policy"].to_str().unwrap();
            assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        }
    }
    let home = t.get("/", None).await;
    assert!(home.headers.contains_key("content-security-policy"));
}
