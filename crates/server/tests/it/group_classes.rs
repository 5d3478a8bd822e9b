//! Group classes: creation (explicit and recurring sessions), conflicts, edits and lists.

use aula_test_support::{TestApp, assert_error, execute};
use reqwest::Method;
use serde_json::{Value, json};

fn class(teachers: &[i64], sessions: Value) -> Value {
    json!({"title": "Conversation", "description": "Talk", "capacityMax": 6, "levelIds": [1, 2], "teacherIds": teachers, "sessions": sessions})
}

fn one(start: &str, end: &str) -> Value {
    json!([{"startAt": start, "endAt": end}])
}

#[tokio::test]
async fn creates_a_class_with_explicit_and_recurring_sessions() {
    let t = TestApp::spawn().await;
    t.set_now("2026-03-01T00:00:00Z");
    let admin = t.admin_token().await;
    let (_, a) = t.teacher("a@example.com").await;
    let (_, b) = t.teacher("b@example.com").await;
    let mut body = class(
        &[a, b],
        one("2026-03-20T10:00:00+01:00", "2026-03-20T11:00:00+01:00"),
    );
    body["primaryTeacherId"] = json!(b);
    body["recurrence"] = json!({"timezone": "Europe/Madrid", "weekdays": [1], "startTime": "18:00", "durationMinutes": 90,
        "startDate": "2026-03-23", "endDate": "2026-04-06"});
    let r = t.post("/api/admin/group-classes", body, Some(&admin)).await;
    assert_eq!(r.status, 201, "{}", r.text);
    assert_eq!(r.json["title"], "Conversation");
    assert_eq!(r.json["primaryTeacherId"], b);
    assert_eq!(r.json["teacherIds"], json!([b, a]), "primary first");
    assert_eq!(r.json["levels"][0]["code"], "A1");
    assert_eq!(r.json["recurrence"]["startTime"], "18:00");
    let starts: Vec<&str> = r.json["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["startAt"].as_str().unwrap())
        .collect();
    // 18:00 Madrid is 17:00Z in winter and 16:00Z after the clock change of 29 March.
    assert_eq!(
        starts,
        [
            "2026-03-20T09:00:00Z",
            "2026-03-23T17:00:00Z",
            "2026-03-30T16:00:00Z",
            "2026-04-06T16:00:00Z"
        ]
    );
    let s = &r.json["sessions"][1];
    assert_eq!(s["endAt"], "2026-03-23T18:30:00Z");
    assert_eq!(
        (s["type"].as_str(), s["status"].as_str()),
        (Some("GROUP"), Some("SCHEDULED"))
    );
    assert_eq!(
        (
            s["capacityMax"].as_i64(),
            s["bookedCount"].as_i64(),
            s["availableSpots"].as_i64(),
            s["waitlistCount"].as_i64()
        ),
        (Some(6), Some(0), Some(6), Some(0))
    );
    assert_eq!(s["teacherId"], b);
    let id = r.json["id"].as_i64().unwrap();
    let got = t.get(&format!("/api/group-classes/{id}"), None).await;
    assert_eq!(got.json["sessions"].as_array().unwrap().len(), 4);
    assert_error(
        &t.get("/api/group-classes/999999", None).await,
        404,
        "not_found",
    );
}

#[tokio::test]
async fn invalid_classes_are_422_with_fields() {
    let t = TestApp::spawn().await;
    t.set_now("2026-03-01T00:00:00Z");
    let admin = t.admin_token().await;
    let (_, a) = t.teacher("a@example.com").await;
    let body = json!({"title": " ", "capacityMax": 0, "levelIds": [999], "teacherIds": [a, 424242], "primaryTeacherId": 77,
        "sessions": [{"startAt": "2026-03-02T10:00:00Z", "endAt": "2026-03-02T09:00:00Z"}, {"startAt": "2026-02-01T10:00:00Z", "endAt": "2026-02-01T11:00:00Z"}],
        "recurrence": {"timezone": "Nowhere", "weekdays": [0], "startTime": "25:00", "durationMinutes": 5, "startDate": "2026-03-10", "endDate": "2026-03-01"}});
    let r = t.post("/api/admin/group-classes", body, Some(&admin)).await;
    assert_error(&r, 422, "validation_failed");
    let f = r.json["error"]["fields"].as_object().unwrap();
    for key in [
        "title",
        "capacityMax",
        "levelIds",
        "teacherIds",
        "primaryTeacherId",
        "sessions[0].endAt",
        "sessions[1].startAt",
        "recurrence.timezone",
        "recurrence.weekdays",
        "recurrence.startTime",
        "recurrence.durationMinutes",
    ] {
        assert!(f.contains_key(key), "{key} missing in {f:?}");
    }
    let none = t
        .post(
            "/api/admin/group-classes",
            class(&[a], json!([])),
            Some(&admin),
        )
        .await;
    assert_error(&none, 422, "validation_failed");
    assert!(none.json["error"]["fields"]["sessions"].is_string());
    let big = json!({"title": "x", "capacityMax": 501, "levelIds": [], "teacherIds": [a], "sessions": []});
    assert_error(
        &t.post("/api/admin/group-classes", big, Some(&admin)).await,
        422,
        "validation_failed",
    );
    assert_eq!(
        t.get("/api/sessions", None).await.json["total"],
        0,
        "nothing written"
    );
}

#[tokio::test]
async fn a_teacher_cannot_hold_two_overlapping_sessions() {
    let t = TestApp::spawn().await;
    t.set_now("2026-03-01T00:00:00Z");
    let admin = t.admin_token().await;
    let (_, a) = t.teacher("a@example.com").await;
    let (_, b) = t.teacher("b@example.com").await;
    let first = t
        .post(
            "/api/admin/group-classes",
            class(&[a], one("2026-03-02T10:00:00Z", "2026-03-02T11:00:00Z")),
            Some(&admin),
        )
        .await;
    assert_eq!(first.status, 201);
    // Overlapping the teacher's other class (even as the second teacher of this one).
    let r = t
        .post(
            "/api/admin/group-classes",
            class(&[b, a], one("2026-03-02T10:30:00Z", "2026-03-02T11:30:00Z")),
            Some(&admin),
        )
        .await;
    assert_error(&r, 409, "slot_unavailable");
    // Overlapping among themselves.
    let two = json!([{"startAt": "2026-03-03T10:00:00Z", "endAt": "2026-03-03T11:00:00Z"}, {"startAt": "2026-03-03T10:59:00Z", "endAt": "2026-03-03T12:00:00Z"}]);
    assert_error(
        &t.post("/api/admin/group-classes", class(&[b], two), Some(&admin))
            .await,
        409,
        "slot_unavailable",
    );
    // Touching is not overlapping.
    let touching = t
        .post(
            "/api/admin/group-classes",
            class(&[a], one("2026-03-02T11:00:00Z", "2026-03-02T12:00:00Z")),
            Some(&admin),
        )
        .await;
    assert_eq!(touching.status, 201, "{}", touching.text);
    // Cancelled sessions do not count.
    let sid = first.json["sessions"][0]["id"].as_i64().unwrap();
    let c = t
        .call(
            Method::POST,
            &format!("/api/admin/sessions/{sid}/cancel"),
            None,
            Some(&admin),
        )
        .await;
    assert_eq!(c.json["status"], "CANCELLED");
    let again = t
        .post(
            "/api/admin/group-classes",
            class(&[a], one("2026-03-02T10:00:00Z", "2026-03-02T11:00:00Z")),
            Some(&admin),
        )
        .await;
    assert_eq!(again.status, 201, "{}", again.text);
}

#[tokio::test]
async fn inactive_teachers_get_no_new_sessions() {
    let t = TestApp::spawn().await;
    t.set_now("2026-03-01T00:00:00Z");
    let admin = t.admin_token().await;
    let (_, a) = t.teacher("a@example.com").await;
    t.call(
        Method::PATCH,
        &format!("/api/admin/teachers/{a}"),
        Some(json!({"isActive": false})),
        Some(&admin),
    )
    .await;
    let r = t
        .post(
            "/api/admin/group-classes",
            class(&[a], one("2026-03-02T10:00:00Z", "2026-03-02T11:00:00Z")),
            Some(&admin),
        )
        .await;
    assert_error(&r, 422, "validation_failed");
    assert!(r.json["error"]["fields"]["teacherIds"].is_string());
}

#[tokio::test]
async fn edits_title_capacity_levels_teachers_and_active() {
    let t = TestApp::spawn().await;
    t.set_now("2026-03-01T00:00:00Z");
    let admin = t.admin_token().await;
    let (_, a) = t.teacher("a@example.com").await;
    let (_, b) = t.teacher("b@example.com").await;
    let (_, c) = t.teacher("c@example.com").await;
    let r = t
        .post(
            "/api/admin/group-classes",
            class(&[a], one("2026-03-02T10:00:00Z", "2026-03-02T11:00:00Z")),
            Some(&admin),
        )
        .await;
    let id = r.json["id"].as_i64().unwrap();
    let sid = r.json["sessions"][0]["id"].as_i64().unwrap();
    // c teaches at the same time elsewhere.
    t.post(
        "/api/admin/group-classes",
        class(&[c], one("2026-03-02T10:30:00Z", "2026-03-02T11:30:00Z")),
        Some(&admin),
    )
    .await;
    let path = format!("/api/admin/group-classes/{id}");
    let patch = json!({"title": "Renamed", "capacityMax": 3, "levelIds": [3], "teacherIds": [a, b], "primaryTeacherId": b, "isActive": true});
    let r = t
        .call(Method::PATCH, &path, Some(patch), Some(&admin))
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json["title"], "Renamed");
    assert_eq!(r.json["levels"][0]["code"], "B1");
    assert_eq!(r.json["primaryTeacherId"], b);
    assert_eq!(r.json["sessions"][0]["capacityMax"], 3);
    assert_eq!(r.json["sessions"][0]["teacherId"], b);
    assert_error(
        &t.call(
            Method::PATCH,
            &path,
            Some(json!({"teacherIds": [c]})),
            Some(&admin),
        )
        .await,
        409,
        "slot_unavailable",
    );
    // Two seats booked: capacity may not drop below 2.
    let student = t.register("s1@example.com").await.1["studentId"]
        .as_i64()
        .unwrap();
    let other = t.register("s2@example.com").await.1["studentId"]
        .as_i64()
        .unwrap();
    for s in [student, other] {
        let sql = format!(
            "INSERT INTO bookings (session_id, student_id, status, kind, created_at, updated_at) VALUES ({sid}, {s}, 'CONFIRMED', 'CREDIT', '2026-03-01T00:00:00Z', '2026-03-01T00:00:00Z')"
        );
        execute(&t.db, &sql).await.unwrap();
    }
    let r = t
        .call(
            Method::PATCH,
            &path,
            Some(json!({"capacityMax": 1})),
            Some(&admin),
        )
        .await;
    assert_eq!(r.status, 409, "{}", r.text);
    assert_eq!(
        t.call(
            Method::PATCH,
            &path,
            Some(json!({"capacityMax": 2})),
            Some(&admin)
        )
        .await
        .status,
        200
    );
    assert_error(
        &t.call(
            Method::PATCH,
            &path,
            Some(json!({"capacityMax": 0})),
            Some(&admin),
        )
        .await,
        422,
        "validation_failed",
    );
    assert_error(
        &t.call(
            Method::PATCH,
            "/api/admin/group-classes/999999",
            Some(json!({"title": "x"})),
            Some(&admin),
        )
        .await,
        404,
        "not_found",
    );
    let r = t
        .call(
            Method::PATCH,
            &path,
            Some(json!({"isActive": false})),
            Some(&admin),
        )
        .await;
    assert_eq!(r.json["isActive"], false);
    let listed: Vec<i64> = t.get("/api/group-classes", None).await.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_i64().unwrap())
        .collect();
    assert!(!listed.contains(&id), "inactive classes are not listed");
}

#[tokio::test]
async fn lists_classes_by_level_teacher_and_dates() {
    let t = TestApp::spawn().await;
    t.set_now("2026-03-01T00:00:00Z");
    let admin = t.admin_token().await;
    let (_, a) = t.teacher("a@example.com").await;
    let (_, b) = t.teacher("b@example.com").await;
    let mut early = class(&[a], one("2026-03-02T10:00:00Z", "2026-03-02T11:00:00Z"));
    early["levelIds"] = json!([1]);
    let mut late = class(&[b], one("2026-04-02T10:00:00Z", "2026-04-02T11:00:00Z"));
    late["levelIds"] = json!([5]);
    let e = t
        .post("/api/admin/group-classes", early, Some(&admin))
        .await
        .json["id"]
        .clone();
    let l = t
        .post("/api/admin/group-classes", late, Some(&admin))
        .await
        .json["id"]
        .clone();
    let ids = |r: &Value| {
        r["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        ids(&t.get("/api/group-classes", None).await.json),
        [e.clone(), l.clone()]
    );
    assert_eq!(
        ids(&t.get("/api/group-classes?levelId=5", None).await.json),
        std::slice::from_ref(&l)
    );
    assert_eq!(
        ids(&t
            .get(&format!("/api/group-classes?teacherId={a}"), None)
            .await
            .json),
        std::slice::from_ref(&e)
    );
    assert_eq!(
        ids(&t
            .get(
                "/api/group-classes?from=2026-03-15T00:00:00Z&to=2026-05-01T00:00:00Z",
                None
            )
            .await
            .json),
        [l]
    );
    assert_error(
        &t.get("/api/group-classes?levelId=x", None).await,
        400,
        "invalid_request",
    );
}

#[tokio::test]
async fn only_admins_create_and_edit_classes() {
    let t = TestApp::spawn().await;
    let (teacher, a) = t.teacher("a@example.com").await;
    let body = class(&[a], one("2030-03-02T10:00:00Z", "2030-03-02T11:00:00Z"));
    assert_error(
        &t.post("/api/admin/group-classes", body.clone(), None).await,
        401,
        "unauthenticated",
    );
    assert_error(
        &t.post("/api/admin/group-classes", body.clone(), Some(&teacher))
            .await,
        403,
        "forbidden",
    );
    let (student, _) = t.register("s@example.com").await;
    assert_error(
        &t.post("/api/admin/group-classes", body, Some(&student))
            .await,
        403,
        "forbidden",
    );
    assert_error(
        &t.call(
            Method::PATCH,
            "/api/admin/group-classes/1",
            Some(json!({"title": "x"})),
            Some(&student),
        )
        .await,
        403,
        "forbidden",
    );
}
