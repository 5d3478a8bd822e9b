//! A private lesson booked from a teacher's free slot.

use aula_test_support::{TestApp, assert_error, buyer, credits_pack, remaining};
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn books_a_free_slot_as_a_new_private_session() {
    let t = TestApp::spawn().await;
    let s = t.school(5, 1).await;
    let body = json!({"timezone": "Europe/Madrid", "rules": [{"weekday": 3, "startTime": "09:00", "endTime": "13:00"}], "exceptions": []});
    assert_eq!(
        t.call(
            Method::PUT,
            "/api/teachers/me/availability",
            Some(body),
            Some(&s.teacher_token)
        )
        .await
        .status,
        200
    );
    let p = t.package(credits_pack(5, 5)).await;
    let (token, sp, a) = buyer(&t, "sam@example.com", &p).await;
    // Wednesday 4 March, 09:00-10:00 in Madrid = 08:00-09:00 UTC.
    let slot = |start: &str, end: &str, allowance: i64| json!({"teacherId": s.teacher, "startAt": start, "endAt": end, "studentPackageId": sp, "allowanceId": allowance});
    let r = t
        .post(
            "/api/bookings",
            slot(
                "2026-03-04T09:00:00+01:00",
                "2026-03-04T10:00:00+01:00",
                a[0],
            ),
            Some(&token),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    assert_eq!(r.json["session"]["type"], "PRIVATE");
    assert_eq!(r.json["session"]["startAt"], "2026-03-04T08:00:00Z");
    assert_eq!(r.json["session"]["capacityMax"], 1);
    assert_eq!(r.json["creditsCost"], 2);
    assert_eq!(remaining(&t, &token, a[0]).await, 3);
    // Taken now, off the grid, outside the rules: all slot_unavailable, before any credit rule.
    assert_error(
        &t.post(
            "/api/bookings",
            slot("2026-03-04T08:30:00Z", "2026-03-04T09:30:00Z", a[1]),
            Some(&token),
        )
        .await,
        409,
        "slot_unavailable",
    );
    assert_error(
        &t.post(
            "/api/bookings",
            slot("2026-03-04T09:15:00Z", "2026-03-04T09:45:00Z", a[0]),
            Some(&token),
        )
        .await,
        409,
        "slot_unavailable",
    );
    assert_error(
        &t.post(
            "/api/bookings",
            slot("2026-03-04T13:00:00Z", "2026-03-04T14:00:00Z", a[0]),
            Some(&token),
        )
        .await,
        409,
        "slot_unavailable",
    );
    assert_error(
        &t.post(
            "/api/bookings",
            slot("2026-03-04T10:00:00Z", "2026-03-04T10:20:00Z", a[0]),
            Some(&token),
        )
        .await,
        422,
        "validation_failed",
    );
    // A group credit cannot pay for a private lesson, and no session is left behind.
    assert_error(
        &t.post(
            "/api/bookings",
            slot("2026-03-04T10:00:00Z", "2026-03-04T11:00:00Z", a[1]),
            Some(&token),
        )
        .await,
        409,
        "package_not_applicable",
    );
    assert_eq!(
        t.count("SELECT COUNT(*) FROM sessions WHERE type = 'PRIVATE'")
            .await,
        1
    );
    // Cancelling the lesson frees the slot again.
    let id = r.json["id"].as_i64().unwrap();
    assert_eq!(
        t.post(
            &format!("/api/bookings/{id}/cancel"),
            json!({}),
            Some(&token)
        )
        .await
        .status,
        200
    );
    let again = t
        .post(
            "/api/bookings",
            slot("2026-03-04T08:00:00Z", "2026-03-04T09:00:00Z", a[0]),
            Some(&token),
        )
        .await;
    assert_eq!(again.status, 201, "{}", again.text);
    assert_error(
        &t.post(
            "/api/bookings",
            json!({"teacherId": s.teacher, "studentPackageId": sp, "allowanceId": a[0]}),
            Some(&token),
        )
        .await,
        422,
        "validation_failed",
    );
}

#[tokio::test]
async fn a_private_lesson_moves_half_an_hour_later() {
    let t = TestApp::spawn().await;
    let s = t.school(5, 1).await;
    let body = json!({"timezone": "UTC", "rules": [{"weekday": 3, "startTime": "09:00", "endTime": "13:00"}], "exceptions": []});
    t.call(
        Method::PUT,
        "/api/teachers/me/availability",
        Some(body),
        Some(&s.teacher_token),
    )
    .await;
    let p = t.package(credits_pack(5, 5)).await;
    let (token, sp, a) = buyer(&t, "sam@example.com", &p).await;
    let r = t
        .post("/api/bookings", json!({"teacherId": s.teacher, "startAt": "2026-03-04T09:00:00Z", "endAt": "2026-03-04T10:00:00Z", "studentPackageId": sp, "allowanceId": a[0]}), Some(&token))
        .await;
    let id = r.json["id"].as_i64().unwrap();
    let moved = t
        .post(&format!("/api/bookings/{id}/reschedule"), json!({"teacherId": s.teacher, "startAt": "2026-03-04T09:30:00Z", "endAt": "2026-03-04T10:30:00Z"}), Some(&token))
        .await;
    assert_eq!(moved.status, 200, "{}", moved.text);
    assert_eq!(moved.json["session"]["startAt"], "2026-03-04T09:30:00Z");
    assert_eq!(
        remaining(&t, &token, a[0]).await,
        3,
        "the same two credits, moved"
    );
    assert_eq!(
        t.count("SELECT COUNT(*) FROM sessions WHERE type = 'PRIVATE' AND status = 'SCHEDULED'")
            .await,
        1
    );
}
