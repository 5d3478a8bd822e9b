//! Weekly availability (`/api/teachers/me/availability`) and free slots (`/api/availability`).

use aula_test_support::{TestApp, assert_error};
use reqwest::Method;
use serde_json::{Value, json};

async fn madrid_teacher(t: &TestApp) -> (String, i64) {
    let (token, id) = t.teacher("teo@example.com").await;
    let body = json!({"timezone": "Europe/Madrid", "rules": [{"weekday": 1, "startTime": "09:00", "endTime": "11:00"}], "exceptions": []});
    let r = t
        .call(
            Method::PUT,
            "/api/teachers/me/availability",
            Some(body),
            Some(&token),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    (token, id)
}

fn starts(r: &Value) -> Vec<String> {
    r["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["startAt"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn put_replaces_the_whole_set_and_get_returns_it() {
    let t = TestApp::spawn().await;
    let (token, id) = t.teacher("teo@example.com").await;
    let body = json!({"timezone": "Europe/Madrid",
        "rules": [{"weekday": 1, "startTime": "09:00", "endTime": "13:00"}, {"weekday": 1, "startTime": "16:00", "endTime": "24:00"}],
        "exceptions": [{"date": "2026-03-02", "available": false}, {"date": "2026-03-03", "startTime": "10:00", "endTime": "12:00", "available": true}]});
    let r = t
        .call(
            Method::PUT,
            "/api/teachers/me/availability",
            Some(body.clone()),
            Some(&token),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json, body);
    assert_eq!(
        t.get("/api/teachers/me/availability", Some(&token))
            .await
            .json,
        body
    );
    assert_eq!(
        t.get(&format!("/api/teachers/{id}"), None).await.json["timezone"],
        "Europe/Madrid"
    );
    let smaller = json!({"timezone": "UTC", "rules": [{"weekday": 7, "startTime": "10:00", "endTime": "11:00"}], "exceptions": []});
    t.call(
        Method::PUT,
        "/api/teachers/me/availability",
        Some(smaller.clone()),
        Some(&token),
    )
    .await;
    assert_eq!(
        t.get("/api/teachers/me/availability", Some(&token))
            .await
            .json,
        smaller
    );
}

#[tokio::test]
async fn bad_rules_are_422_naming_each_problem_and_nothing_changes() {
    let t = TestApp::spawn().await;
    let (token, _) = madrid_teacher(&t).await;
    let bad = json!({"timezone": "Europe/Nowhere",
        "rules": [{"weekday": 1, "startTime": "09:00", "endTime": "12:00"}, {"weekday": 1, "startTime": "11:00", "endTime": "13:00"},
                  {"weekday": 2, "startTime": "10:00", "endTime": "09:00"}, {"weekday": 8, "startTime": "10:00", "endTime": "11:00"}],
        "exceptions": [{"date": "2026-02-30", "available": false}]});
    let r = t
        .call(
            Method::PUT,
            "/api/teachers/me/availability",
            Some(bad),
            Some(&token),
        )
        .await;
    assert_error(&r, 422, "validation_failed");
    let f = r.json["error"]["fields"].as_object().unwrap();
    for key in [
        "timezone",
        "rules[1]",
        "rules[2].endTime",
        "rules[3].weekday",
        "exceptions[0].date",
    ] {
        assert!(f.contains_key(key), "{key} missing in {f:?}");
    }
    let saved = t.get("/api/teachers/me/availability", Some(&token)).await;
    assert_eq!(saved.json["timezone"], "Europe/Madrid", "the old set stays");
    assert_eq!(saved.json["rules"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn only_teachers_have_availability() {
    let t = TestApp::spawn().await;
    let body = json!({"timezone": "UTC", "rules": [], "exceptions": []});
    assert_error(
        &t.call(
            Method::PUT,
            "/api/teachers/me/availability",
            Some(body.clone()),
            None,
        )
        .await,
        401,
        "unauthenticated",
    );
    let (student, _) = t.register("sam@example.com").await;
    assert_error(
        &t.call(
            Method::PUT,
            "/api/teachers/me/availability",
            Some(body),
            Some(&student),
        )
        .await,
        403,
        "forbidden",
    );
    assert_error(
        &t.get("/api/teachers/me/availability", Some(&student)).await,
        403,
        "forbidden",
    );
}

#[tokio::test]
async fn slots_are_local_wall_clock_on_both_sides_of_the_clock_change() {
    let t = TestApp::spawn().await;
    t.set_now("2026-03-01T00:00:00Z");
    let (_, id) = madrid_teacher(&t).await;
    let winter = t.get(&format!("/api/availability?teacherIds={id}&from=2026-03-02T00:00:00Z&to=2026-03-03T00:00:00Z&durationMinutes=60"), None).await;
    assert_eq!(winter.status, 200, "{}", winter.text);
    assert_eq!(
        starts(&winter.json),
        [
            "2026-03-02T08:00:00Z",
            "2026-03-02T08:30:00Z",
            "2026-03-02T09:00:00Z"
        ]
    );
    assert_eq!(winter.json["items"][0]["endAt"], "2026-03-02T09:00:00Z");
    assert_eq!(winter.json["items"][0]["teacherId"], id);
    let summer = t.get(&format!("/api/availability?teacherIds={id}&from=2026-03-30T00:00:00Z&to=2026-03-31T00:00:00Z"), None).await;
    assert_eq!(
        starts(&summer.json),
        [
            "2026-03-30T07:00:00Z",
            "2026-03-30T07:30:00Z",
            "2026-03-30T08:00:00Z"
        ]
    );
}

#[tokio::test]
async fn exceptions_sessions_and_the_past_are_left_out() {
    let t = TestApp::spawn().await;
    t.set_now("2026-03-01T00:00:00Z");
    let (token, id) = madrid_teacher(&t).await;
    let url = |d: &str| {
        format!(
            "/api/availability?teacherIds={id}&from={d}T00:00:00Z&to={d}T23:59:00Z&durationMinutes=30"
        )
    };
    assert_eq!(starts(&t.get(&url("2026-03-09"), None).await.json).len(), 4);
    // A day off on 9 March, extra hours on the 10th (a Tuesday).
    let body = json!({"timezone": "Europe/Madrid", "rules": [{"weekday": 1, "startTime": "09:00", "endTime": "11:00"}],
        "exceptions": [{"date": "2026-03-09", "available": false}, {"date": "2026-03-10", "startTime": "15:00", "endTime": "16:00", "available": true}]});
    t.call(
        Method::PUT,
        "/api/teachers/me/availability",
        Some(body),
        Some(&token),
    )
    .await;
    assert!(starts(&t.get(&url("2026-03-09"), None).await.json).is_empty());
    assert_eq!(
        starts(&t.get(&url("2026-03-10"), None).await.json),
        ["2026-03-10T14:00:00Z", "2026-03-10T14:30:00Z"]
    );
    // A group session 10:00-11:00 local on 16 March takes the hour.
    let admin = t.admin_token().await;
    let class = json!({"title": "C", "capacityMax": 4, "levelIds": [], "teacherIds": [id],
        "sessions": [{"startAt": "2026-03-16T09:00:00Z", "endAt": "2026-03-16T10:00:00Z"}]});
    assert_eq!(
        t.post("/api/admin/group-classes", class, Some(&admin))
            .await
            .status,
        201
    );
    assert_eq!(
        starts(&t.get(&url("2026-03-16"), None).await.json),
        ["2026-03-16T08:00:00Z", "2026-03-16T08:30:00Z"]
    );
    // At 09:40 local on 23 March only the later slots remain.
    t.set_now("2026-03-23T08:40:00Z");
    assert_eq!(
        starts(&t.get(&url("2026-03-23"), None).await.json),
        ["2026-03-23T09:00:00Z", "2026-03-23T09:30:00Z"]
    );
}

#[tokio::test]
async fn inactive_teachers_offer_nothing() {
    let t = TestApp::spawn().await;
    t.set_now("2026-03-01T00:00:00Z");
    let (_, id) = madrid_teacher(&t).await;
    let admin = t.admin_token().await;
    t.call(
        Method::PATCH,
        &format!("/api/admin/teachers/{id}"),
        Some(json!({"isActive": false})),
        Some(&admin),
    )
    .await;
    let r = t.get(&format!("/api/availability?teacherIds={id}&from=2026-03-02T00:00:00Z&to=2026-03-03T00:00:00Z"), None).await;
    assert_eq!(r.json["items"], json!([]));
}

#[tokio::test]
async fn bad_ranges_and_parameters_are_rejected() {
    let t = TestApp::spawn().await;
    let (_, id) = madrid_teacher(&t).await;
    let q = |rest: &str| format!("/api/availability?teacherIds={id}&{rest}");
    assert_error(
        &t.get(
            &q("from=2026-03-01T00:00:00Z&to=2026-06-01T00:00:00Z"),
            None,
        )
        .await,
        422,
        "validation_failed",
    );
    assert_error(
        &t.get(
            &q("from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z"),
            None,
        )
        .await,
        422,
        "validation_failed",
    );
    assert_error(
        &t.get(
            &q("from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z&durationMinutes=20"),
            None,
        )
        .await,
        422,
        "validation_failed",
    );
    assert_error(
        &t.get(&q("from=yesterday&to=2026-03-02T00:00:00Z"), None)
            .await,
        400,
        "invalid_request",
    );
    assert_error(
        &t.get(
            "/api/availability?teacherIds=a,b&from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z",
            None,
        )
        .await,
        422,
        "validation_failed",
    );
    assert_error(
        &t.get(
            "/api/availability?from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z",
            None,
        )
        .await,
        400,
        "invalid_request",
    );
    let ok = t
        .get(
            &q("from=2026-03-01T00:00:00Z&to=2026-05-30T00:00:00Z"),
            None,
        )
        .await;
    assert_eq!(ok.status, 200, "90 days exactly is allowed");
}
