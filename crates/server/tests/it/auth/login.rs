use aula_test_support::{TestApp, assert_error};
use serde_json::json;

#[tokio::test]
async fn logs_in_with_any_case_of_the_email() {
    let t = TestApp::spawn().await;
    t.register("ana@example.com").await;
    let r = t
        .post(
            "/api/auth/login",
            json!({"email": "Ana@Example.com", "password": "correct horse"}),
            None,
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json["user"]["email"], "ana@example.com");
    let token = r.json["token"].as_str().unwrap();
    assert_eq!(token.len(), 64);
    assert_eq!(t.get("/api/me", Some(token)).await.status, 200);
}

#[tokio::test]
async fn wrong_password_and_unknown_email_are_both_401() {
    let t = TestApp::spawn().await;
    t.register("ana@example.com").await;
    let r = t
        .post(
            "/api/auth/login",
            json!({"email": "ana@example.com", "password": "wrong password"}),
            None,
        )
        .await;
    assert_error(&r, 401, "unauthenticated");
    let r = t
        .post(
            "/api/auth/login",
            json!({"email": "who@example.com", "password": "whatever1"}),
            None,
        )
        .await;
    assert_error(&r, 401, "unauthenticated");
}

#[tokio::test]
async fn ten_failures_block_that_email_from_that_address_for_a_minute() {
    let t = TestApp::spawn().await;
    t.register("ana@example.com").await;
    t.register("bob@example.com").await;
    for i in 0..10 {
        let r = t
            .post(
                "/api/auth/login",
                json!({"email": "ana@example.com", "password": format!("wrong {i}")}),
                None,
            )
            .await;
        assert_error(&r, 401, "unauthenticated");
    }
    // Now even the right password is refused for that pair...
    let r = t
        .post(
            "/api/auth/login",
            json!({"email": "ANA@example.com", "password": "correct horse"}),
            None,
        )
        .await;
    assert_error(&r, 429, "rate_limited");
    let retry: u64 = r
        .headers
        .get("retry-after")
        .unwrap()
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry));
    // ...but another e-mail from the same address is not.
    let r = t
        .post(
            "/api/auth/login",
            json!({"email": "bob@example.com", "password": "correct horse"}),
            None,
        )
        .await;
    assert_eq!(r.status, 200);
}

#[tokio::test]
async fn successful_logins_do_not_count_towards_the_limit() {
    let t = TestApp::spawn().await;
    t.register("ana@example.com").await;
    for _ in 0..12 {
        let r = t
            .post(
                "/api/auth/login",
                json!({"email": "ana@example.com", "password": "correct horse"}),
                None,
            )
            .await;
        assert_eq!(r.status, 200);
    }
}

#[tokio::test]
async fn thirty_parallel_wrong_passwords_get_at_most_ten_401s() {
    let t = TestApp::spawn().await;
    t.register("ana@example.com").await;
    let tries = (0..30)
        .map(|_| {
            t.post(
                "/api/auth/login",
                json!({"email": " ANA@example.com", "password": "wrong password"}),
                None,
            )
        })
        .collect();
    let replies = aula_test_support::join_all(tries).await;
    let wrong = replies.iter().filter(|r| r.status == 401).count();
    let limited = replies.iter().filter(|r| r.status == 429).count();
    assert!(wrong <= 10, "{wrong} answers of 401");
    assert_eq!(wrong + limited, 30, "every other answer is 429");
    // The same e-mail written differently is the same key.
    let r = t
        .post(
            "/api/auth/login",
            json!({"email": "ana@EXAMPLE.com", "password": "correct horse"}),
            None,
        )
        .await;
    assert_error(&r, 429, "rate_limited");
}

#[tokio::test]
async fn right_passwords_never_fill_the_count_and_proxies_are_believed_only_when_trusted() {
    let t = TestApp::spawn().await;
    t.register("ana@example.com").await;
    for _ in 0..15 {
        let r = t
            .post(
                "/api/auth/login",
                json!({"email": "ana@example.com", "password": "correct horse"}),
                None,
            )
            .await;
        assert_eq!(r.status, 200);
    }
    // Without AULA_TRUSTED_PROXIES a forged X-Forwarded-For does not open a new count.
    for i in 0..12 {
        let r = t
            .client
            .post(t.url("/api/auth/login"))
            .header("x-forwarded-for", format!("198.51.100.{i}"))
            .json(&json!({"email": "ana@example.com", "password": "nope nope"}))
            .send()
            .await
            .unwrap();
        let expected = if i < 10 { 401 } else { 429 };
        assert_eq!(r.status(), expected, "try {i}");
    }
}
