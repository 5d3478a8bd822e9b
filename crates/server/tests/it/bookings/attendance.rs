//! Attendance by the session's teacher or an admin.

use aula_test_support::{TestApp, assert_error, book, buyer, credits_pack};
use serde_json::json;

#[tokio::test]
async fn attendance_completes_or_misses_and_repeating_changes_nothing() {
    let t = TestApp::spawn().await;
    let s = t.school(5, 1).await;
    let p = t.package(credits_pack(5, 5)).await;
    let (ana, sp, a) = buyer(&t, "ana@example.com", &p).await;
    let (bob, bsp, ba) = buyer(&t, "bob@example.com", &p).await;
    let x = book(&t, &ana, s.sessions[0], sp, a[1]).await.json["id"]
        .as_i64()
        .unwrap();
    let y = book(&t, &bob, s.sessions[0], bsp, ba[1]).await.json["id"]
        .as_i64()
        .unwrap();
    let path = format!("/api/sessions/{}/attendance", s.sessions[0]);
    let body = json!({"items": [{"bookingId": x, "status": "ATTENDED"}, {"bookingId": y, "status": "NO_SHOW"}]});
    assert_error(
        &t.post(&path, body.clone(), Some(&s.teacher_token)).await,
        409,
        "session_not_started",
    );
    t.set_now("2026-03-02T08:00:00Z");
    assert_error(
        &t.post(&path, body.clone(), Some(&ana)).await,
        403,
        "forbidden",
    );
    let (other, _) = t.teacher("other@example.com").await;
    assert_error(
        &t.post(&path, body.clone(), Some(&other)).await,
        403,
        "forbidden",
    );
    let r = t.post(&path, body.clone(), Some(&s.teacher_token)).await;
    assert_eq!(r.status, 200, "{}", r.text);
    let statuses: Vec<&str> = r.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["COMPLETED", "NO_SHOW"]);
    let again = t.post(&path, body, Some(&s.admin)).await;
    assert_eq!(again.json["items"], r.json["items"]);
    assert_error(
        &t.post(
            &path,
            json!({"items": [{"bookingId": 999_999, "status": "ATTENDED"}]}),
            Some(&s.admin),
        )
        .await,
        422,
        "validation_failed",
    );
    assert_error(
        &t.post(
            &path,
            json!({"items": [{"bookingId": x, "status": "LATE"}]}),
            Some(&s.admin),
        )
        .await,
        400,
        "invalid_request",
    );
    assert_error(
        &t.post(
            "/api/sessions/999999/attendance",
            json!({"items": [{"bookingId": x, "status": "ATTENDED"}]}),
            Some(&s.admin),
        )
        .await,
        404,
        "not_found",
    );
}
