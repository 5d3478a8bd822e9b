use aula_test_support::{TestApp, assert_error};
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn logout_revokes_the_token_at_once_and_only_that_one() {
    let t = TestApp::spawn().await;
    let (first, _) = t.register("ana@example.com").await;
    let second = t
        .post(
            "/api/auth/login",
            json!({"email": "ana@example.com", "password": "correct horse"}),
            None,
        )
        .await
        .json["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let r = t
        .call(Method::POST, "/api/auth/logout", None, Some(&first))
        .await;
    assert_eq!(r.status, 204);
    assert!(
        r.headers
            .get("set-cookie")
            .unwrap()
            .to_str()
            .unwrap()
            .contains("Max-Age=0")
    );
    assert_error(
        &t.get("/api/me", Some(&first)).await,
        401,
        "unauthenticated",
    );
    assert_eq!(t.get("/api/me", Some(&second)).await.status, 200);
    assert_error(
        &t.call(Method::POST, "/api/auth/logout", None, Some(&first))
            .await,
        401,
        "unauthenticated",
    );
}

#[tokio::test]
async fn the_session_cookie_works_like_the_token_and_logout_ends_it() {
    let t = TestApp::spawn().await;
    let (token, _) = t.register("ana@example.com").await;
    let cookie = format!("aula_session={token}");
    let me = t
        .client
        .get(t.url("/api/me"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 200);
    // A cookie-authenticated write must be JSON and, with an Origin, come from our own origin.
    let plain = t
        .client
        .post(t.url("/api/auth/logout"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(plain.status(), 415);
    let body: serde_json::Value = plain.json().await.unwrap();
    assert_eq!(body["error"]["code"], "unsupported_media_type");
    for origin in ["https://evil.example", "null"] {
        let foreign = t
            .client
            .post(t.url("/api/auth/logout"))
            .header("cookie", &cookie)
            .header("content-type", "application/json")
            .header("origin", origin)
            .send()
            .await
            .unwrap();
        assert_eq!(foreign.status(), 403, "{origin}");
    }
    let me = t
        .client
        .get(t.url("/api/me"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 200, "refused writes had no effect");
    let out = t
        .client
        .post(t.url("/api/auth/logout"))
        .header("cookie", &cookie)
        .header("content-type", "application/json")
        .header("origin", t.base.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), 204);
    let me = t
        .client
        .get(t.url("/api/me"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 401);
}

#[tokio::test]
async fn logout_without_a_session_is_401() {
    let t = TestApp::spawn().await;
    assert_error(
        &t.call(Method::POST, "/api/auth/logout", None, None).await,
        401,
        "unauthenticated",
    );
    assert_error(
        &t.call(Method::POST, "/api/auth/logout", None, Some("not-a-token"))
            .await,
        401,
        "unauthenticated",
    );
}

#[tokio::test]
async fn sessions_expire_after_the_configured_lifetime() {
    let t = TestApp::spawn().await;
    let (token, _) = t.register("ana@example.com").await;
    t.clock.set(t.clock.now() + chrono::Duration::days(29));
    assert_eq!(t.get("/api/me", Some(&token)).await.status, 200);
    t.clock.set(t.clock.now() + chrono::Duration::days(2));
    assert_error(
        &t.get("/api/me", Some(&token)).await,
        401,
        "unauthenticated",
    );
}

#[tokio::test]
async fn the_cookie_is_secure_when_the_public_url_is_https() {
    let t = TestApp::spawn_custom(Some("https://school.example.com"), axum::Router::new()).await;
    let r = t
        .post(
            "/api/auth/register",
            json!({"email": "a@b.io", "password": "12345678", "firstName": "A", "lastName": "B"}),
            None,
        )
        .await;
    let cookie = r.headers["set-cookie"].to_str().unwrap();
    assert!(cookie.contains("; Secure"), "{cookie}");
}
