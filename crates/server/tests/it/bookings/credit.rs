//! Booking a session with credits, and every refusal.

use aula_test_support::{TestApp, assert_error, book, buyer, credits_pack, remaining};
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn books_a_group_session_with_a_group_credit() {
    let t = TestApp::spawn().await;
    let s = t.school(5, 1).await;
    let p = t.package(credits_pack(5, 10)).await;
    let (token, sp, a) = buyer(&t, "sam@example.com", &p).await;
    let r = book(&t, &token, s.sessions[0], sp, a[1]).await;
    assert_eq!(r.status, 201, "{}", r.text);
    let b = &r.json;
    assert_eq!(
        (
            b["status"].as_str(),
            b["kind"].as_str(),
            b["creditsCost"].as_i64()
        ),
        (Some("CONFIRMED"), Some("CREDIT"), Some(1))
    );
    assert_eq!(
        (
            b["studentPackageId"].as_i64(),
            b["allowanceId"].as_i64(),
            b["courseStepId"].as_i64()
        ),
        (Some(sp), Some(a[1]), None)
    );
    assert_eq!(b["session"]["bookedCount"], 1);
    assert_eq!(b["session"]["availableSpots"], 4);
    assert_eq!(remaining(&t, &token, a[1]).await, 9);
    let id = b["id"].as_i64().unwrap();
    assert_eq!(
        t.get(&format!("/api/bookings/{id}"), Some(&token))
            .await
            .json["id"],
        id
    );
    let mine = t.get("/api/bookings/me", Some(&token)).await;
    assert_eq!(mine.json["items"][0]["id"], id);
    assert_eq!(
        t.get("/api/bookings/me?from=2026-03-03T00:00:00Z", Some(&token))
            .await
            .json["items"],
        json!([])
    );
    let (other, _) = t.register("eve@example.com").await;
    assert_error(
        &t.get(&format!("/api/bookings/{id}"), Some(&other)).await,
        404,
        "not_found",
    );
    assert_eq!(
        t.get(&format!("/api/bookings/{id}"), Some(&s.admin))
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn refusals_come_in_the_contract_order() {
    let t = TestApp::spawn().await;
    let s = t.school(1, 3).await;
    let p = t.package(credits_pack(2, 1)).await;
    let (token, sp, a) = buyer(&t, "sam@example.com", &p).await;
    // A private credit for a group class is a higher tier: it needs confirmation.
    assert_error(
        &book(&t, &token, s.sessions[0], sp, a[0]).await,
        409,
        "cross_tier_confirmation_required",
    );
    let ok = t.post("/api/bookings", json!({"sessionId": s.sessions[0], "studentPackageId": sp, "allowanceId": a[0], "confirmCrossTier": true}), Some(&token)).await;
    assert_eq!(ok.status, 201, "{}", ok.text);
    assert_eq!(ok.json["creditsCost"], 2, "60 minutes on 30-minute credits");
    assert_error(
        &book(&t, &token, s.sessions[0], sp, a[1]).await,
        409,
        "already_booked",
    );
    let (eve, esp, ea) = buyer(&t, "eve@example.com", &p).await;
    assert_error(
        &book(&t, &eve, s.sessions[0], esp, ea[1]).await,
        409,
        "session_full",
    );
    // Someone else's purchase, an allowance of another package, an unknown session.
    assert_error(
        &book(&t, &token, s.sessions[1], esp, ea[1]).await,
        404,
        "not_found",
    );
    assert_error(
        &book(&t, &token, s.sessions[1], sp, ea[0] + 1000).await,
        404,
        "not_found",
    );
    assert_error(&book(&t, &token, 999_999, sp, a[1]).await, 404, "not_found");
    assert_eq!(ok.json["allowanceId"], a[0]);
    assert_error(&t.post("/api/bookings", json!({"sessionId": s.sessions[1], "studentPackageId": sp, "allowanceId": a[0], "confirmCrossTier": true}), Some(&token)).await, 409, "insufficient_credits");
    assert_eq!(book(&t, &token, s.sessions[1], sp, a[1]).await.status, 201);
    assert_error(
        &book(&t, &token, s.sessions[2], sp, a[1]).await,
        409,
        "insufficient_credits",
    );
    // Cancelled and started sessions are not bookable.
    t.call(
        Method::POST,
        &format!("/api/admin/sessions/{}/cancel", s.sessions[2]),
        None,
        Some(&s.admin),
    )
    .await;
    assert_error(
        &book(&t, &eve, s.sessions[2], esp, ea[1]).await,
        409,
        "session_not_bookable",
    );
    t.set_now("2026-03-02T10:30:00Z");
    assert_error(
        &book(&t, &eve, s.sessions[1], esp, ea[1]).await,
        409,
        "session_not_bookable",
    );
}

#[tokio::test]
async fn tiers_types_expiry_and_refunds_decide_what_can_pay() {
    let t = TestApp::spawn().await;
    let s = t.school(5, 2).await;
    t.call(
        Method::PATCH,
        &format!("/api/admin/teachers/{}", s.teacher),
        Some(json!({"tier": 10})),
        Some(&s.admin),
    )
    .await;
    let p = t.package(credits_pack(5, 5)).await;
    let (token, sp, a) = buyer(&t, "sam@example.com", &p).await;
    assert_error(
        &book(&t, &token, s.sessions[0], sp, a[1]).await,
        409,
        "package_not_applicable",
    );
    let program = t.course_program("SFZ", 1).await;
    let course = t.package(json!({"name": "Course", "amountMinor": 100, "currency": "usd", "expiresInDays": 1,
        "allowances": [{"serviceType": "COURSE", "credits": 1, "courseProgramId": program}, {"serviceType": "GROUP", "credits": 5, "creditUnitMinutes": 60, "teacherTier": 10}]})).await;
    let cs = t.buy(&token, course["id"].as_i64().unwrap()).await;
    let course_sp = t
        .count(&format!(
            "SELECT id FROM student_packages WHERE checkout_session_id = '{cs}'"
        ))
        .await;
    let course_allowance = course["allowances"][0]["id"].as_i64().unwrap();
    assert_error(
        &book(&t, &token, s.sessions[0], course_sp, course_allowance).await,
        409,
        "package_not_applicable",
    );
    // Expired one day after purchase.
    t.set_now("2026-03-02T00:30:00Z");
    let group10 = course["allowances"][1]["id"].as_i64().unwrap();
    assert_error(
        &book(&t, &token, s.sessions[0], course_sp, group10).await,
        409,
        "package_expired",
    );
}
