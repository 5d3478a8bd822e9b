//! The error contract of api.md on any route.

use aula_test_support::{TestApp, assert_error};
use axum::routing::get;
use reqwest::Method;

#[tokio::test]
async fn malformed_json_is_400() {
    let t = TestApp::spawn().await;
    let r = t
        .post_raw(
            "/api/auth/login",
            "application/json",
            b"{\"email\": ".to_vec(),
        )
        .await;
    assert_error(&r, 400, "invalid_request");
    let r = t
        .post_raw("/api/auth/login", "application/json", b"[1,2]".to_vec())
        .await;
    assert_error(&r, 400, "invalid_request");
    let r = t
        .post_raw("/api/auth/login", "text/plain", b"{}".to_vec())
        .await;
    assert_error(&r, 400, "invalid_request");
}

#[tokio::test]
async fn unknown_routes_are_404_json_and_wrong_methods_405() {
    let t = TestApp::spawn().await;
    assert_error(&t.get("/api/nope", None).await, 404, "not_found");
    assert_error(&t.get("/nope/at/all", None).await, 404, "not_found");
    assert_error(
        &t.call(Method::DELETE, "/api/me", None, None).await,
        405,
        "method_not_allowed",
    );
    assert_error(
        &t.call(Method::GET, "/api/auth/login", None, None).await,
        405,
        "method_not_allowed",
    );
}

#[tokio::test]
async fn bodies_over_one_mebibyte_are_413() {
    let t = TestApp::spawn().await;
    let mut body = b"{\"email\":\"".to_vec();
    body.extend(std::iter::repeat_n(b'a', (1 << 20) + 10));
    body.extend(b"\",\"password\":\"x\"}");
    let r = t
        .post_raw("/api/auth/login", "application/json", body)
        .await;
    assert_error(&r, 413, "payload_too_large");
}

#[tokio::test]
async fn a_panicking_handler_answers_500_json_and_the_server_lives_on() {
    async fn boom() -> &'static str {
        panic!("boom at {}", 42)
    }
    let extra = axum::Router::new().route("/__test/panic", get(boom));
    let t = TestApp::spawn_with(extra).await;
    let r = t.get("/__test/panic", None).await;
    assert_error(&r, 500, "internal");
    assert!(
        !r.text.contains("boom"),
        "no panic text in the body: {}",
        r.text
    );
    assert_eq!(t.get("/healthz", None).await.status, 200);
}
