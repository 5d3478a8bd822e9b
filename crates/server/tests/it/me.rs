use aula_test_support::{TestApp, assert_error};

#[tokio::test]
async fn me_needs_a_login() {
    let t = TestApp::spawn().await;
    assert_error(&t.get("/api/me", None).await, 401, "unauthenticated");
    assert_error(
        &t.get("/api/me", Some("0000")).await,
        401,
        "unauthenticated",
    );
    let bad = t
        .client
        .get(t.url("/api/me"))
        .header("authorization", "Basic abc")
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 401);
}

#[tokio::test]
async fn me_shows_roles_and_ids() {
    let t = TestApp::spawn().await;
    let (token, user) = t.user_with_role("teo@example.com", "teacher").await;
    let me = t.get("/api/me", Some(&token)).await;
    assert_eq!(me.status, 200);
    assert_eq!(me.json["id"], user["id"]);
    assert_eq!(me.json["roles"], serde_json::json!(["student", "teacher"]));
    assert!(me.json["teacherId"].as_i64().is_some());
    assert!(me.json["studentId"].as_i64().is_some());
}

#[tokio::test]
async fn me_saves_the_time_zone_and_language_that_pages_use() {
    let t = TestApp::spawn().await;
    let (token, _) = t.user_with_role("ana@example.com", "teacher").await;
    let me = t.get("/api/me", Some(&token)).await;
    assert_eq!(me.json["timezone"], serde_json::Value::Null);
    assert_eq!(me.json["locale"], serde_json::Value::Null);

    let patch = |body| t.call(reqwest::Method::PATCH, "/api/me", Some(body), Some(&token));
    let changed = patch(
        serde_json::json!({"timezone": "Europe/Madrid", "firstName": "Ana María", "locale": "en"}),
    )
    .await;
    assert_eq!(changed.status, 200, "{:?}", changed.json);
    assert_eq!(changed.json["timezone"], "Europe/Madrid");
    assert_eq!(changed.json["locale"], "en");
    assert_eq!(changed.json["firstName"], "Ana María");
    assert_eq!(
        t.get("/api/me", Some(&token)).await.json["timezone"],
        "Europe/Madrid"
    );

    let bad = patch(serde_json::json!({"timezone": "Mars/Base", "locale": "xx"})).await;
    assert_error(&bad, 422, "validation_failed");
    assert!(
        bad.json["error"]["fields"]["timezone"].is_string(),
        "{:?}",
        bad.json
    );
    assert!(
        bad.json["error"]["fields"]["locale"].is_string(),
        "{:?}",
        bad.json
    );
    // Nothing was written by the refused change.
    assert_eq!(t.get("/api/me", Some(&token)).await.json["locale"], "en");
}
