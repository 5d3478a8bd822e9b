//! Cancelling: the policy window, refunds to the same allowance, admins, and whole sessions.

use aula_test_support::{TestApp, assert_error, book, buyer, credits_pack, remaining};
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn cancelling_inside_the_window_refunds_the_same_allowance() {
    let t = TestApp::spawn().await;
    let s = t.school(5, 1).await;
    let p = t.package(credits_pack(5, 5)).await;
    let (token, sp, a) = buyer(&t, "sam@example.com", &p).await;
    let id = book(&t, &token, s.sessions[0], sp, a[1]).await.json["id"]
        .as_i64()
        .unwrap();
    let can = t
        .get(&format!("/api/bookings/{id}/can-modify"), Some(&token))
        .await;
    assert_eq!(
        can.json,
        json!({"canCancel": true, "canReschedule": true, "reason": null, "deadline": "2026-03-01T08:00:00Z"})
    );
    let r = t
        .post(
            &format!("/api/bookings/{id}/cancel"),
            json!({"reason": "ill"}),
            Some(&token),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json["booking"]["status"], "CANCELLED");
    assert_eq!(r.json["creditsRefunded"], 1);
    assert_eq!(
        r.json["refundedTo"],
        json!({"studentPackageId": sp, "allowanceId": a[1]})
    );
    assert_eq!(remaining(&t, &token, a[1]).await, 5);
    assert_eq!(t.count(&format!("SELECT COUNT(*) FROM package_uses WHERE kind = 'REFUND' AND reverses_use_id IS NOT NULL AND booking_id = {id}")).await, 1);
    assert_error(
        &t.post(
            &format!("/api/bookings/{id}/cancel"),
            json!({}),
            Some(&token),
        )
        .await,
        409,
        "booking_not_active",
    );
    let can = t
        .get(&format!("/api/bookings/{id}/can-modify"), Some(&token))
        .await;
    assert_eq!(
        (
            can.json["canCancel"].as_bool(),
            can.json["canReschedule"].as_bool()
        ),
        (Some(false), Some(false))
    );
    // After cancelling, the same session may be booked again.
    assert_eq!(book(&t, &token, s.sessions[0], sp, a[1]).await.status, 201);
}

#[tokio::test]
async fn late_cancellation_is_refused_for_students_but_admins_may_and_refund() {
    let t = TestApp::spawn().await;
    let s = t.school(5, 1).await;
    let p = t.package(credits_pack(5, 5)).await;
    let (token, sp, a) = buyer(&t, "sam@example.com", &p).await;
    let id = book(&t, &token, s.sessions[0], sp, a[1]).await.json["id"]
        .as_i64()
        .unwrap();
    t.set_now("2026-03-01T08:00:01Z");
    let can = t
        .get(&format!("/api/bookings/{id}/can-modify"), Some(&token))
        .await;
    assert_eq!(can.json["canCancel"], false);
    assert!(can.json["reason"].as_str().unwrap().contains("24 hours"));
    assert_error(
        &t.post(
            &format!("/api/bookings/{id}/cancel"),
            json!({}),
            Some(&token),
        )
        .await,
        409,
        "cancellation_window_passed",
    );
    let (other, _) = t.register("eve@example.com").await;
    assert_error(
        &t.post(
            &format!("/api/bookings/{id}/cancel"),
            json!({}),
            Some(&other),
        )
        .await,
        404,
        "not_found",
    );
    let r = t
        .call(
            Method::POST,
            &format!("/api/bookings/{id}/cancel"),
            None,
            Some(&s.admin),
        )
        .await;
    assert_eq!(
        (r.status.as_u16(), r.json["creditsRefunded"].as_i64()),
        (200, Some(1))
    );
    assert_eq!(remaining(&t, &token, a[1]).await, 5);
}

#[tokio::test]
async fn a_policy_without_refunds_keeps_the_credit_spent() {
    let t = TestApp::spawn().await;
    let s = t.school(5, 1).await;
    let policy = json!({"allowCancellation": true, "cancellationDeadlineHours": 2, "refundCreditsOnCancel": false,
        "allowRescheduling": true, "reschedulingDeadlineHours": 2, "maxReschedulesPerBooking": 1});
    t.call(
        Method::PUT,
        "/api/admin/policies/cancellation",
        Some(policy),
        Some(&s.admin),
    )
    .await;
    let p = t.package(credits_pack(5, 5)).await;
    let (token, sp, a) = buyer(&t, "sam@example.com", &p).await;
    let id = book(&t, &token, s.sessions[0], sp, a[1]).await.json["id"]
        .as_i64()
        .unwrap();
    let r = t
        .post(
            &format!("/api/bookings/{id}/cancel"),
            json!({}),
            Some(&token),
        )
        .await;
    assert_eq!(
        (
            r.json["creditsRefunded"].as_i64(),
            r.json["refundedTo"].is_null()
        ),
        (Some(0), true)
    );
    assert_eq!(remaining(&t, &token, a[1]).await, 4);
}

#[tokio::test]
async fn cancelling_a_session_cancels_and_refunds_its_bookings() {
    let t = TestApp::spawn().await;
    let s = t.school(5, 1).await;
    let p = t.package(credits_pack(5, 5)).await;
    let (token, sp, a) = buyer(&t, "sam@example.com", &p).await;
    let (eve, esp, ea) = buyer(&t, "eve@example.com", &p).await;
    let b1 = book(&t, &token, s.sessions[0], sp, a[1]).await.json["id"]
        .as_i64()
        .unwrap();
    book(&t, &eve, s.sessions[0], esp, ea[1]).await;
    let r = t
        .call(
            Method::POST,
            &format!("/api/admin/sessions/{}/cancel", s.sessions[0]),
            None,
            Some(&s.admin),
        )
        .await;
    assert_eq!(
        (r.json["status"].as_str(), r.json["bookedCount"].as_i64()),
        (Some("CANCELLED"), Some(0))
    );
    assert_eq!(
        t.get(&format!("/api/bookings/{b1}"), Some(&token))
            .await
            .json["status"],
        "CANCELLED"
    );
    assert_eq!(remaining(&t, &token, a[1]).await, 5);
    assert_eq!(remaining(&t, &eve, ea[1]).await, 5);
}
