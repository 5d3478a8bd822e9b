//! The session read model, filters, paging and cancellation.

use aula_test_support::{TestApp, assert_error, execute};
use reqwest::Method;
use serde_json::json;

async fn setup(t: &TestApp) -> (String, i64, i64, Vec<i64>) {
    t.set_now("2026-03-01T00:00:00Z");
    let admin = t.admin_token().await;
    let (_, a) = t.teacher("a@example.com").await;
    let (_, b) = t.teacher("b@example.com").await;
    let body = json!({"title": "A1 class", "capacityMax": 2, "levelIds": [1], "teacherIds": [a],
        "recurrence": {"timezone": "UTC", "weekdays": [1, 3], "startTime": "10:00", "durationMinutes": 60, "startDate": "2026-03-02", "endDate": "2026-03-15"}});
    let (_, ids) = t.group_class(&admin, body).await;
    let body = json!({"title": "C1 class", "capacityMax": 8, "levelIds": [5], "teacherIds": [b], "sessions": [{"startAt": "2026-03-04T15:00:00Z", "endAt": "2026-03-04T16:00:00Z"}]});
    t.group_class(&admin, body).await;
    (admin, a, b, ids)
}

#[tokio::test]
async fn lists_sessions_with_filters_and_paging() {
    let t = TestApp::spawn().await;
    let (_, a, b, _) = setup(&t).await;
    let all = t.get("/api/sessions", None).await;
    assert_eq!(
        (
            all.json["total"].as_i64(),
            all.json["page"].as_i64(),
            all.json["pageSize"].as_i64()
        ),
        (Some(5), Some(1), Some(20))
    );
    let starts: Vec<&str> = all.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["startAt"].as_str().unwrap())
        .collect();
    let mut sorted = starts.clone();
    sorted.sort();
    assert_eq!(starts, sorted, "by start time");
    assert_eq!(
        t.get("/api/sessions?levelId=5", None).await.json["total"],
        1
    );
    assert_eq!(
        t.get(&format!("/api/sessions?teacherId={a}"), None)
            .await
            .json["total"],
        4
    );
    assert_eq!(
        t.get(&format!("/api/sessions?teacherId={b}&type=GROUP"), None)
            .await
            .json["total"],
        1
    );
    assert_eq!(
        t.get("/api/sessions?type=PRIVATE", None).await.json["total"],
        0
    );
    // [from, to) on the start.
    let week = t
        .get(
            "/api/sessions?from=2026-03-02T10:00:00Z&to=2026-03-04T15:00:00Z",
            None,
        )
        .await;
    assert_eq!(week.json["total"], 2);
    let page = t.get("/api/sessions?page=2&pageSize=2", None).await;
    assert_eq!(page.json["items"].as_array().unwrap().len(), 2);
    assert_error(
        &t.get("/api/sessions?type=COURSE", None).await,
        400,
        "invalid_request",
    );
    assert_error(
        &t.get("/api/sessions?pageSize=500", None).await,
        422,
        "validation_failed",
    );
}

#[tokio::test]
async fn counts_come_from_bookings_and_the_waitlist() {
    let t = TestApp::spawn().await;
    let (_, _, _, ids) = setup(&t).await;
    let sid = ids[0];
    let mut students = Vec::new();
    for i in 0..4 {
        students.push(
            t.register(&format!("s{i}@example.com")).await.1["studentId"]
                .as_i64()
                .unwrap(),
        );
    }
    let now = "'2026-03-01T00:00:00Z'";
    for (s, status) in [
        (students[0], "CONFIRMED"),
        (students[1], "CONFIRMED"),
        (students[2], "CANCELLED"),
    ] {
        execute(&t.db, &format!("INSERT INTO bookings (session_id, student_id, status, kind, created_at, updated_at) VALUES ({sid}, {s}, '{status}', 'CREDIT', {now}, {now})")).await.unwrap();
    }
    execute(&t.db, &format!("INSERT INTO waitlist_entries (session_id, student_id, created_at) VALUES ({sid}, {}, {now})", students[3])).await.unwrap();
    let s = t.get(&format!("/api/sessions/{sid}"), None).await;
    assert_eq!(s.status, 200);
    assert_eq!(
        (
            s.json["bookedCount"].as_i64(),
            s.json["availableSpots"].as_i64(),
            s.json["waitlistCount"].as_i64()
        ),
        (Some(2), Some(0), Some(1))
    );
    assert_eq!(s.json["title"], "A1 class");
    assert_error(&t.get("/api/sessions/999999", None).await, 404, "not_found");
    assert_error(&t.get("/api/sessions/abc", None).await, 404, "not_found");
}

#[tokio::test]
async fn admins_cancel_sessions() {
    let t = TestApp::spawn().await;
    let (admin, _, _, ids) = setup(&t).await;
    let path = format!("/api/admin/sessions/{}/cancel", ids[0]);
    let (student, _) = t.register("s@example.com").await;
    assert_error(
        &t.call(Method::POST, &path, None, Some(&student)).await,
        403,
        "forbidden",
    );
    let r = t.call(Method::POST, &path, None, Some(&admin)).await;
    assert_eq!(
        (r.status.as_u16(), r.json["status"].as_str()),
        (200, Some("CANCELLED"))
    );
    assert_eq!(
        t.call(Method::POST, &path, None, Some(&admin)).await.json["status"],
        "CANCELLED",
        "again changes nothing"
    );
    assert_eq!(
        t.get(&format!("/api/sessions/{}", ids[0]), None).await.json["status"],
        "CANCELLED"
    );
    assert_error(
        &t.call(
            Method::POST,
            "/api/admin/sessions/999999/cancel",
            None,
            Some(&admin),
        )
        .await,
        404,
        "not_found",
    );
    execute(
        &t.db,
        &format!(
            "UPDATE sessions SET status = 'COMPLETED' WHERE id = {}",
            ids[1]
        ),
    )
    .await
    .unwrap();
    let done = t
        .call(
            Method::POST,
            &format!("/api/admin/sessions/{}/cancel", ids[1]),
            None,
            Some(&admin),
        )
        .await;
    assert_error(&done, 409, "session_not_bookable");
}
