//! The error contract of api.md on any route.

use aula_test_support::{TestApp, assert_error};
use axum::routing::get;
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn malformed_json_is_400() {
    let t = TestApp::spawn().await;
    let r = t
        .post_raw(
            "/api/auth/login",
            "application/json",
            b"{\"email\": ".to_vec(),
        )
        .await;
    assert_error(&r, 400, "invalid_request");
    let r = t
        .post_raw("/api/auth/login", "application/json", b"[1,2]".to_vec())
        .await;
    assert_error(&r, 400, "invalid_request");
    let r = t
        .post_raw("/api/auth/login", "text/plain", b"{}".to_vec())
        .await;
    assert_error(&r, 400, "invalid_request");
}

#[tokio::test]
async fn unknown_routes_are_404_json_and_wrong_methods_405() {
    let t = TestApp::spawn().await;
    assert_error(&t.get("/api/nope", None).await, 404, "not_found");
    // Any other unknown path is the HTML 404 page.
    let page = t.get("/nope/at/all", None).await;
    assert_eq!(page.status, 404);
    assert!(
        page.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    assert!(
        page.text.contains("<h1>Page not found</h1>") && page.text.contains("<main"),
        "{}",
        page.text
    );
    assert_error(
        &t.call(Method::DELETE, "/api/me", None, None).await,
        405,
        "method_not_allowed",
    );
    assert_error(
        &t.call(Method::GET, "/api/auth/login", None, None).await,
        405,
        "method_not_allowed",
    );
}

#[tokio::test]
async fn bodies_over_one_mebibyte_are_413() {
    let t = TestApp::spawn().await;
    let mut body = b"{\"email\":\"".to_vec();
    body.extend(std::iter::repeat_n(b'a', (1 << 20) + 10));
    body.extend(b"\",\"password\":\"x\"}");
    let r = t
        .post_raw("/api/auth/login", "application/json", body)
        .await;
    assert_error(&r, 413, "payload_too_large");
}

#[tokio::test]
async fn a_panicking_handler_answers_500_json_and_the_server_lives_on() {
    async fn boom() -> &'static str {
        panic!("boom at {}", 42)
    }
    let extra = axum::Router::new().route("/__test/panic", get(boom));
    let t = TestApp::spawn_with(extra).await;
    let r = t.get("/__test/panic", None).await;
    assert_error(&r, 500, "internal");
    assert!(
        !r.text.contains("boom"),
        "no panic text in the body: {}",
        r.text
    );
    assert_eq!(t.get("/healthz", None).await.status, 200);
}

#[tokio::test]
async fn instants_and_dates_outside_2000_to_2100_are_422_naming_the_field() {
    let t = TestApp::spawn().await;
    let admin = t.admin_token().await;
    let (student, _) = t.register("sam@example.com").await;
    let (_, teacher) = t.teacher("teo@example.com").await;
    for (path, field) in [
        ("/api/sessions?from=1999-12-31T23:59:59Z", "from"),
        ("/api/sessions?to=2100-01-01T00:00:00Z", "to"),
        ("/api/group-classes?from=1970-01-01T00:00:00Z", "from"),
        (
            "/api/availability?teacherIds=1&from=2100-01-01T00:00:00Z&to=2100-01-02T00:00:00Z",
            "from",
        ),
    ] {
        let r = t.get(path, Some(&student)).await;
        assert_error(&r, 422, "validation_failed");
        assert!(
            r.json["error"]["fields"][field].is_string(),
            "{path}: {}",
            r.text
        );
    }
    let mine = t
        .get("/api/bookings/me?from=9999-01-01T00:00:00Z", Some(&student))
        .await;
    assert_error(&mine, 422, "validation_failed");
    // A value that does not parse at all stays a 400.
    let r = t.get("/api/sessions?from=yesterday", None).await;
    assert_error(&r, 400, "invalid_request");
    let r = t
        .get("/api/sessions?from=%2B275760-09-13T00:00:00Z", None)
        .await;
    assert!(r.status == 400 || r.status == 422, "{}", r.text);
    let class = json!({"title": "Far", "capacityMax": 2, "levelIds": [], "teacherIds": [teacher],
        "sessions": [{"startAt": "2150-01-01T10:00:00Z", "endAt": "2150-01-01T11:00:00Z"}]});
    let r = t
        .post("/api/admin/group-classes", class, Some(&admin))
        .await;
    assert_error(&r, 422, "validation_failed");
    let fields = &r.json["error"]["fields"];
    assert!(
        fields["sessions[0].startAt"].is_string() || fields["sessions[0].endAt"].is_string(),
        "{}",
        r.text
    );
    let weekly = json!({"title": "Far", "capacityMax": 2, "levelIds": [], "teacherIds": [teacher],
        "recurrence": {"timezone": "UTC", "weekdays": [1], "startTime": "10:00", "durationMinutes": 60,
            "startDate": "2099-12-01", "endDate": "2100-01-31"}});
    let r = t
        .post("/api/admin/group-classes", weekly, Some(&admin))
        .await;
    assert_error(&r, 422, "validation_failed");
    assert!(
        r.json["error"]["fields"]["recurrence.endDate"].is_string(),
        "{}",
        r.text
    );
    let private = json!({"teacherId": teacher, "startAt": "1999-01-01T10:00:00Z", "endAt": "1999-01-01T11:00:00Z"});
    let r = t.post("/api/bookings", private, Some(&student)).await;
    assert_error(&r, 422, "validation_failed");
    let fields = &r.json["error"]["fields"];
    assert!(
        fields["startAt"].is_string() || fields["endAt"].is_string(),
        "{}",
        r.text
    );
}

#[tokio::test]
async fn paging_past_the_end_is_an_empty_page_and_bad_paging_is_400() {
    let t = TestApp::spawn().await;
    let admin = t.admin_token().await;
    let r = t.get("/api/sessions?page=999999", None).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json["items"], json!([]));
    assert_eq!(r.json["total"], 0);
    let r = t
        .get("/api/admin/users?page=1000000000", Some(&admin))
        .await;
    assert_eq!(
        (r.status.as_u16(), r.json["total"].as_i64()),
        (200, Some(1))
    );
    for q in [
        "page=0",
        "page=-1",
        "pageSize=0",
        "page=1.5",
        "page=99999999999999999999",
        "page=1000000001",
    ] {
        let r = t.get(&format!("/api/sessions?{q}"), None).await;
        assert_error(&r, 400, "invalid_request");
    }
}
