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
