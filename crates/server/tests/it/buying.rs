//! Checkout and the Stripe webhook: signatures, exactly-once grants, expiry and refunds.

use aula_payments::signature::sign;
use aula_test_support::{TestApp, assert_error, completed_event, execute, refund_event};
use serde_json::{Value, json};

fn pack(expires: Value) -> Value {
    json!({"name": "Ten", "amountMinor": 5000, "currency": "usd", "expiresInDays": expires, "allowances": [
        {"serviceType": "PRIVATE", "credits": 5, "creditUnitMinutes": 30},
        {"serviceType": "GROUP", "credits": 10, "creditUnitMinutes": 60}]})
}

async fn checkout(t: &TestApp, token: &str, package: i64) -> String {
    let r = t
        .post("/api/checkout", json!({"packageId": package}), Some(token))
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    r.json["checkoutSessionId"].as_str().unwrap().to_owned()
}

async fn packages_of(t: &TestApp, token: &str) -> Vec<Value> {
    t.get("/api/packages/my-credits", Some(token)).await.json["items"]
        .as_array()
        .unwrap()
        .clone()
}

#[tokio::test]
async fn checkout_creates_an_open_session_and_grants_nothing_yet() {
    let t = TestApp::spawn().await;
    let p = t.package(pack(json!(null))).await;
    let (token, _) = t.register("sam@example.com").await;
    let r = t
        .post("/api/checkout", json!({"packageId": p["id"]}), Some(&token))
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    let id = r.json["checkoutSessionId"].as_str().unwrap();
    assert!(
        r.json["url"]
            .as_str()
            .unwrap()
            .ends_with(&format!("/checkout/dev/{id}"))
    );
    assert!(packages_of(&t, &token).await.is_empty());
    assert_eq!(
        t.count(&format!(
            "SELECT COUNT(*) FROM checkout_sessions WHERE id = '{id}' AND status = 'open'"
        ))
        .await,
        1
    );
    assert_error(
        &t.post("/api/checkout", json!({"packageId": 999999}), Some(&token))
            .await,
        404,
        "not_found",
    );
    assert_error(
        &t.post("/api/checkout", json!({"packageId": p["id"]}), None)
            .await,
        401,
        "unauthenticated",
    );
    let admin = t.admin_token().await;
    t.call(
        reqwest::Method::POST,
        &format!("/api/admin/packages/{}/deactivate", p["id"]),
        None,
        Some(&admin),
    )
    .await;
    assert_error(
        &t.post("/api/checkout", json!({"packageId": p["id"]}), Some(&token))
            .await,
        409,
        "package_inactive",
    );
}

#[tokio::test]
async fn a_paid_session_grants_its_package_once() {
    let t = TestApp::spawn().await;
    let p = t.package(pack(json!(30))).await;
    let (token, user) = t.register("sam@example.com").await;
    let cs = checkout(&t, &token, p["id"].as_i64().unwrap()).await;
    let event = completed_event("evt_1", &cs, "pi_1");
    let r = t.webhook(&event).await;
    assert_eq!(
        (r.status.as_u16(), &r.json),
        (200, &json!({"received": true}))
    );
    let items = packages_of(&t, &token).await;
    assert_eq!(items.len(), 1);
    let item = &items[0];
    assert_eq!(
        (item["packageId"].clone(), item["packageName"].as_str()),
        (p["id"].clone(), Some("Ten"))
    );
    let bought: chrono::DateTime<chrono::Utc> =
        item["purchasedAt"].as_str().unwrap().parse().unwrap();
    let expires: chrono::DateTime<chrono::Utc> =
        item["expiresAt"].as_str().unwrap().parse().unwrap();
    assert_eq!(expires - bought, chrono::Duration::days(30));
    assert_eq!(
        item["allowances"][0]["allowanceId"],
        p["allowances"][0]["id"]
    );
    assert_eq!(
        (
            item["allowances"][0]["usedCredits"].as_i64(),
            item["allowances"][0]["remainingCredits"].as_i64()
        ),
        (Some(0), Some(5))
    );
    // The same event again, and another event for the same session, change nothing.
    assert_eq!(t.webhook(&event).await.status, 200);
    assert_eq!(
        t.webhook(&completed_event("evt_2", &cs, "pi_1"))
            .await
            .status,
        200
    );
    assert_eq!(packages_of(&t, &token).await.len(), 1);
    let sid = user["studentId"].as_i64().unwrap();
    assert_eq!(
        t.count(&format!(
            "SELECT COUNT(*) FROM student_packages WHERE student_id = {sid}"
        ))
        .await,
        1
    );
    assert_eq!(
        t.get("/api/packages/my-credits", Some(&token)).await.json["totalRemaining"],
        15
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_deliveries_of_one_event_grant_exactly_one_package() {
    let t = TestApp::spawn().await;
    let p = t.package(pack(json!(null))).await;
    let (token, user) = t.register("sam@example.com").await;
    let cs = checkout(&t, &token, p["id"].as_i64().unwrap()).await;
    let event = completed_event("evt_storm", &cs, "pi_storm");
    let mut tasks = Vec::new();
    for _ in 0..12 {
        tasks.push(t.webhook(&event));
    }
    let replies = aula_test_support::join_all(tasks).await;
    assert!(
        replies.iter().all(|r| r.status == 200),
        "{:?}",
        replies.iter().map(|r| r.status).collect::<Vec<_>>()
    );
    let sid = user["studentId"].as_i64().unwrap();
    assert_eq!(
        t.count(&format!(
            "SELECT COUNT(*) FROM student_packages WHERE student_id = {sid}"
        ))
        .await,
        1
    );
    assert_eq!(
        t.count("SELECT COUNT(*) FROM stripe_events WHERE event_id = 'evt_storm'")
            .await,
        1
    );
    // Different events for the same session at once: still one package.
    let cs2 = checkout(&t, &token, p["id"].as_i64().unwrap()).await;
    let tasks: Vec<_> = (0..10)
        .map(|i| t.webhook_owned(completed_event(&format!("evt_many_{i}"), &cs2, "pi_many")))
        .collect();
    let replies = aula_test_support::join_all(tasks).await;
    assert!(replies.iter().all(|r| r.status == 200));
    assert_eq!(
        t.count(&format!(
            "SELECT COUNT(*) FROM student_packages WHERE student_id = {sid}"
        ))
        .await,
        2
    );
}

#[tokio::test]
async fn bad_signatures_are_400_and_change_nothing() {
    let t = TestApp::spawn().await;
    let p = t.package(pack(json!(null))).await;
    let (token, _) = t.register("sam@example.com").await;
    let cs = checkout(&t, &token, p["id"].as_i64().unwrap()).await;
    let body = serde_json::to_vec(&completed_event("evt_sig", &cs, "pi_sig")).unwrap();
    let now = t.clock.now().timestamp();
    assert_error(&t.webhook_raw(&body, None).await, 400, "invalid_request");
    assert_error(
        &t.webhook_raw(&body, Some(&sign(&body, "whsec_wrong", now)))
            .await,
        400,
        "invalid_request",
    );
    let secret = secret(&t);
    assert_error(
        &t.webhook_raw(&body, Some(&sign(&body, &secret, now - 301)))
            .await,
        400,
        "invalid_request",
    );
    let mut altered = body.clone();
    altered.extend_from_slice(b" ");
    assert_error(
        &t.webhook_raw(&altered, Some(&sign(&body, &secret, now)))
            .await,
        400,
        "invalid_request",
    );
    assert_error(
        &t.webhook_raw(&body, Some("t=abc,v1=zz")).await,
        400,
        "invalid_request",
    );
    assert!(packages_of(&t, &token).await.is_empty());
    assert_eq!(t.count("SELECT COUNT(*) FROM stripe_events").await, 0);
    // Several v1 signatures, one of them right.
    let good = sign(&body, &secret, now);
    let bad = sign(&body, "whsec_old", now);
    let both = format!(
        "t={now},v1={},v1={}",
        bad.split("v1=").nth(1).unwrap(),
        good.split("v1=").nth(1).unwrap()
    );
    assert_eq!(t.webhook_raw(&body, Some(&both)).await.status, 200);
    assert_eq!(packages_of(&t, &token).await.len(), 1);
    // Signed but not an event.
    let junk = b"not json";
    assert_error(
        &t.webhook_raw(junk, Some(&sign(junk, &secret, now))).await,
        400,
        "invalid_request",
    );
}

fn secret(t: &TestApp) -> String {
    use secrecy::ExposeSecret;
    t.app.config.webhook_secret.expose_secret().to_owned()
}

#[tokio::test]
async fn unknown_sessions_types_and_unpaid_sessions_are_acknowledged_and_ignored() {
    let t = TestApp::spawn().await;
    let p = t.package(pack(json!(null))).await;
    let (token, _) = t.register("sam@example.com").await;
    assert_eq!(
        t.webhook(&completed_event("evt_x", "cs_not_ours", "pi_x"))
            .await
            .status,
        200
    );
    assert_eq!(
        t.webhook(&json!({"id": "evt_y", "type": "customer.created", "data": {"object": {}}}))
            .await
            .status,
        200
    );
    let cs = checkout(&t, &token, p["id"].as_i64().unwrap()).await;
    let unpaid = json!({"id": "evt_u", "type": "checkout.session.completed", "data": {"object": {"id": cs, "payment_status": "unpaid", "payment_intent": "pi_u"}}});
    assert_eq!(t.webhook(&unpaid).await.status, 200);
    assert!(packages_of(&t, &token).await.is_empty());
    let later = json!({"id": "evt_v", "type": "checkout.session.async_payment_succeeded", "data": {"object": {"id": cs, "payment_status": "paid", "payment_intent": "pi_u", "amount_total": 5000, "currency": "USD"}}});
    assert_eq!(t.webhook(&later).await.status, 200);
    assert_eq!(packages_of(&t, &token).await.len(), 1);
}

#[tokio::test]
async fn expired_sessions_are_marked() {
    let t = TestApp::spawn().await;
    let p = t.package(pack(json!(null))).await;
    let (token, _) = t.register("sam@example.com").await;
    let cs = checkout(&t, &token, p["id"].as_i64().unwrap()).await;
    let expired = json!({"id": "evt_e", "type": "checkout.session.expired", "data": {"object": {"id": cs, "status": "expired"}}});
    assert_eq!(t.webhook(&expired).await.status, 200);
    assert_eq!(
        t.count(&format!(
            "SELECT COUNT(*) FROM checkout_sessions WHERE id = '{cs}' AND status = 'expired'"
        ))
        .await,
        1
    );
}

#[tokio::test]
async fn a_full_refund_revokes_unused_credits_and_used_ones_stay_used() {
    let t = TestApp::spawn().await;
    let p = t.package(pack(json!(null))).await;
    let (token, _) = t.register("sam@example.com").await;
    let cs = t.buy(&token, p["id"].as_i64().unwrap()).await;
    let pi = format!("pi_{cs}");
    let sp = packages_of(&t, &token).await[0]["id"].as_i64().unwrap();
    let private = p["allowances"][0]["id"].as_i64().unwrap();
    execute(&t.db, &format!("INSERT INTO package_uses (student_package_id, allowance_id, kind, credits, created_at) VALUES ({sp}, {private}, 'USE', 2, '2026-01-01T00:00:00Z')")).await.unwrap();
    // A partial refund changes nothing.
    assert_eq!(
        t.webhook(&refund_event("evt_r1", &pi, 5000, 1000))
            .await
            .status,
        200
    );
    assert_eq!(packages_of(&t, &token).await.len(), 1);
    let full = refund_event("evt_r2", &pi, 5000, 5000);
    assert_eq!(t.webhook(&full).await.status, 200);
    assert!(
        packages_of(&t, &token).await.is_empty(),
        "a refunded package is no longer usable"
    );
    let revoked = |a: i64| {
        format!(
            "SELECT COALESCE(SUM(credits), 0) FROM package_uses WHERE student_package_id = {sp} AND allowance_id = {a} AND kind = 'REVOKE'"
        )
    };
    assert_eq!(
        t.count(&revoked(private)).await,
        3,
        "5 granted, 2 used, 3 revoked"
    );
    assert_eq!(
        t.count(&revoked(p["allowances"][1]["id"].as_i64().unwrap()))
            .await,
        10
    );
    assert_eq!(
        t.count(&format!(
            "SELECT COUNT(*) FROM package_uses WHERE kind = 'USE' AND student_package_id = {sp}"
        ))
        .await,
        1,
        "used credits stay used"
    );
    // The refund event again (or another one) revokes nothing more.
    t.webhook(&refund_event("evt_r3", &pi, 5000, 5000)).await;
    assert_eq!(t.count(&revoked(private)).await, 3);
}

#[tokio::test]
async fn buying_a_course_seeds_one_unbooked_step_per_step() {
    let t = TestApp::spawn().await;
    let program = t.course_program("SFZ", 4).await;
    let p = t.package(json!({"name": "SFZ course", "amountMinor": 20000, "currency": "eur", "expiresInDays": null,
        "allowances": [{"serviceType": "COURSE", "credits": 1, "courseProgramId": program}, {"serviceType": "GROUP", "credits": 2, "creditUnitMinutes": 60}]})).await;
    let (token, _) = t.register("sam@example.com").await;
    t.buy(&token, p["id"].as_i64().unwrap()).await;
    let sp = packages_of(&t, &token).await[0]["id"].as_i64().unwrap();
    assert_eq!(t.count(&format!("SELECT COUNT(*) FROM student_course_step_progress WHERE student_package_id = {sp} AND status = 'UNBOOKED'")).await, 4);
    assert_eq!(
        t.get("/api/packages/my-credits", Some(&token)).await.json["totalRemaining"],
        2,
        "COURSE grants no credits"
    );
}

#[tokio::test]
async fn expired_packages_disappear_from_my_credits() {
    let t = TestApp::spawn().await;
    let p = t.package(pack(json!(30))).await;
    let (token, _) = t.register("sam@example.com").await;
    t.buy(&token, p["id"].as_i64().unwrap()).await;
    t.clock.set(t.clock.now() + chrono::Duration::days(29));
    assert_eq!(packages_of(&t, &token).await.len(), 1);
    t.clock.set(t.clock.now() + chrono::Duration::days(2));
    // The 30-day login expired too: log in again.
    let login = t
        .post(
            "/api/auth/login",
            json!({"email": "sam@example.com", "password": "correct horse"}),
            None,
        )
        .await;
    let items = packages_of(&t, login.json["token"].as_str().unwrap()).await;
    assert!(items.is_empty(), "{items:?}");
}
