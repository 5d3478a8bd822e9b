//! Rescheduling inside the policy, with the credit moving to the new booking.

use aula_test_support::{TestApp, assert_error, book, buyer, credits_pack, remaining};
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn moves_a_booking_and_its_credit_within_the_limits() {
    let t = TestApp::spawn().await;
    let s = t.school(5, 3).await;
    let policy = json!({"allowCancellation": true, "cancellationDeadlineHours": 24, "refundCreditsOnCancel": true,
        "allowRescheduling": true, "reschedulingDeadlineHours": 12, "maxReschedulesPerBooking": 1});
    t.call(
        Method::PUT,
        "/api/admin/policies/cancellation",
        Some(policy),
        Some(&s.admin),
    )
    .await;
    let p = t.package(credits_pack(5, 5)).await;
    let (token, sp, a) = buyer(&t, "sam@example.com", &p).await;
    let old = book(&t, &token, s.sessions[0], sp, a[1]).await.json["id"]
        .as_i64()
        .unwrap();
    let r = t
        .post(
            &format!("/api/bookings/{old}/reschedule"),
            json!({"sessionId": s.sessions[1]}),
            Some(&token),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(
        (
            r.json["sessionId"].as_i64(),
            r.json["status"].as_str(),
            r.json["rescheduledCount"].as_i64()
        ),
        (Some(s.sessions[1]), Some("CONFIRMED"), Some(1))
    );
    assert_eq!(
        (
            r.json["studentPackageId"].as_i64(),
            r.json["allowanceId"].as_i64()
        ),
        (Some(sp), Some(a[1]))
    );
    assert_eq!(
        t.get(&format!("/api/bookings/{old}"), Some(&token))
            .await
            .json["status"],
        "CANCELLED"
    );
    assert_eq!(
        remaining(&t, &token, a[1]).await,
        4,
        "one credit in use, no more"
    );
    let new = r.json["id"].as_i64().unwrap();
    let limit = t
        .post(
            &format!("/api/bookings/{new}/reschedule"),
            json!({"sessionId": s.sessions[2]}),
            Some(&token),
        )
        .await;
    assert_error(&limit, 409, "reschedule_not_allowed");
    assert_error(
        &t.post(
            &format!("/api/bookings/{old}/reschedule"),
            json!({"sessionId": s.sessions[2]}),
            Some(&token),
        )
        .await,
        409,
        "booking_not_active",
    );
    assert_error(
        &t.post(
            &format!("/api/bookings/{new}/reschedule"),
            json!({}),
            Some(&token),
        )
        .await,
        422,
        "validation_failed",
    );
    // Admins are not bound by the limit; the window applies to students.
    assert_eq!(
        t.post(
            &format!("/api/bookings/{new}/reschedule"),
            json!({"sessionId": s.sessions[2]}),
            Some(&s.admin)
        )
        .await
        .status,
        200
    );
}

#[tokio::test]
async fn a_late_or_impossible_reschedule_changes_nothing() {
    let t = TestApp::spawn().await;
    let s = t.school(1, 2).await;
    let p = t.package(credits_pack(5, 5)).await;
    let (token, sp, a) = buyer(&t, "sam@example.com", &p).await;
    let (eve, esp, ea) = buyer(&t, "eve@example.com", &p).await;
    let mine = book(&t, &token, s.sessions[0], sp, a[1]).await.json["id"]
        .as_i64()
        .unwrap();
    book(&t, &eve, s.sessions[1], esp, ea[1]).await;
    // The target is full: the whole move is refused and the old booking stays.
    assert_error(
        &t.post(
            &format!("/api/bookings/{mine}/reschedule"),
            json!({"sessionId": s.sessions[1]}),
            Some(&token),
        )
        .await,
        409,
        "session_full",
    );
    assert_eq!(
        t.get(&format!("/api/bookings/{mine}"), Some(&token))
            .await
            .json["status"],
        "CONFIRMED"
    );
    assert_eq!(remaining(&t, &token, a[1]).await, 4);
    t.set_now("2026-03-01T09:00:00Z");
    assert_error(
        &t.post(
            &format!("/api/bookings/{mine}/reschedule"),
            json!({"sessionId": s.sessions[1]}),
            Some(&token),
        )
        .await,
        409,
        "reschedule_not_allowed",
    );
}

#[tokio::test]
async fn a_move_cannot_reopen_a_closed_cancellation_window() {
    let t = TestApp::spawn().await;
    let s = t.school(5, 1).await;
    let policy = json!({"allowCancellation": true, "cancellationDeadlineHours": 24, "refundCreditsOnCancel": true,
        "allowRescheduling": true, "reschedulingDeadlineHours": 2, "maxReschedulesPerBooking": 3});
    t.call(
        Method::PUT,
        "/api/admin/policies/cancellation",
        Some(policy),
        Some(&s.admin),
    )
    .await;
    let later = json!({"title": "Later", "capacityMax": 5, "levelIds": [], "teacherIds": [s.teacher],
        "sessions": [{"startAt": "2026-03-05T10:00:00Z", "endAt": "2026-03-05T11:00:00Z"}]});
    let (_, far) = t.group_class(&s.admin, later).await;
    let p = t.package(credits_pack(5, 5)).await;
    let (token, sp, a) = buyer(&t, "sam@example.com", &p).await;
    let old = book(&t, &token, s.sessions[0], sp, a[1]).await.json["id"]
        .as_i64()
        .unwrap();
    // 10 hours before the first session: too late to cancel, still early enough to move.
    t.set_now("2026-03-01T22:00:00Z");
    let moved = t
        .post(
            &format!("/api/bookings/{old}/reschedule"),
            json!({"sessionId": far[0]}),
            Some(&token),
        )
        .await;
    assert_eq!(moved.status, 200, "{}", moved.text);
    let new = moved.json["id"].as_i64().unwrap();
    let can = t
        .get(&format!("/api/bookings/{new}/can-modify"), Some(&token))
        .await;
    assert_eq!(can.json["canCancel"], false, "{}", can.text);
    assert_eq!(can.json["canReschedule"], true, "{}", can.text);
    let r = t
        .post(
            &format!("/api/bookings/{new}/cancel"),
            json!({}),
            Some(&token),
        )
        .await;
    assert_error(&r, 409, "cancellation_window_passed");
    assert_eq!(
        remaining(&t, &token, a[1]).await,
        4,
        "the credit stays spent"
    );
}
