//! The public schedule and the teacher's availability form.

use aula_test_support::{TestApp, csrf};
use serde_json::json;

async fn scheduled(t: &TestApp) -> i64 {
    t.set_now("2026-03-01T00:00:00Z");
    let admin = t.admin_token().await;
    let (_, a) = t.teacher("teo@example.com").await;
    let body = json!({"title": "Evening conversation", "capacityMax": 6, "levelIds": [2], "teacherIds": [a],
        "sessions": [{"startAt": "2026-03-02T17:00:00Z", "endAt": "2026-03-02T18:00:00Z"}, {"startAt": "2026-03-03T23:30:00Z", "endAt": "2026-03-04T00:30:00Z"}]});
    assert_eq!(
        t.post("/api/admin/group-classes", body, Some(&admin))
            .await
            .status,
        201
    );
    a
}

#[tokio::test]
async fn schedule_groups_sessions_by_day_in_the_visitors_zone() {
    let t = TestApp::spawn().await;
    let teacher = scheduled(&t).await;
    let utc = t.get("/schedule?tz=UTC", None).await.text;
    assert!(utc.contains("Evening conversation") && utc.contains("A2"));
    assert!(
        utc.contains("Monday, 2 March 2026")
            && utc.contains("17:00")
            && utc.contains("Tuesday, 3 March 2026")
    );
    assert!(utc.contains("6 of 6 seats free"));
    let madrid = t.get("/schedule?tz=Europe/Madrid", None).await.text;
    assert!(
        madrid.contains("18:00") && madrid.contains("Wednesday, 4 March 2026"),
        "23:30Z is 00:30 on Wednesday in Madrid"
    );
    assert!(madrid.contains("Europe/Madrid"));
    let filtered = t.get("/schedule?tz=UTC&levelId=5", None).await.text;
    assert!(!filtered.contains("Evening conversation"));
    let by_teacher = t
        .get(&format!("/schedule?tz=UTC&teacherId={teacher}"), None)
        .await
        .text;
    assert!(by_teacher.contains("Evening conversation"));
}

#[tokio::test]
async fn schedule_in_headless_chromium_uses_a_named_zone() {
    let t = TestApp::spawn().await;
    scheduled(&t).await;
    let Some(dom) = aula_test_support::browser::dump_dom(&t.url("/schedule")).await else {
        return;
    };
    assert!(dom.contains("Group class schedule"));
    assert!(dom.contains("zone-name"), "the zone is named");
}

#[tokio::test]
async fn teachers_edit_their_availability_in_a_form() {
    let t = TestApp::spawn().await;
    let (token, _) = t.teacher("teo@example.com").await;
    let cookie = format!("aula_session={token}");
    let page = t
        .client
        .get(t.url("/teacher/availability"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(
        html.contains("name=\"rule_0_weekday\"") && html.contains("Europe/Madrid"),
        "form with zone list"
    );
    let form = [
        ("timezone", "Europe/Madrid"),
        ("rule_0_weekday", "2"),
        ("rule_0_start", "09:00"),
        ("rule_0_end", "12:30"),
        ("rule_1_weekday", "1"),
        ("rule_1_start", ""),
        ("rule_1_end", ""),
        ("exc_0_date", "2026-12-24"),
        ("exc_0_start", ""),
        ("exc_0_end", ""),
        ("_csrf", &csrf(&token)),
    ];
    let r = t
        .client
        .post(t.url("/teacher/availability"))
        .header("cookie", &cookie)
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let saved = t.get("/api/teachers/me/availability", Some(&token)).await;
    assert_eq!(
        saved.json["rules"],
        json!([{"weekday": 2, "startTime": "09:00", "endTime": "12:30"}])
    );
    assert_eq!(saved.json["exceptions"][0]["date"], "2026-12-24");
    let bad = [
        ("timezone", "Mars/Base"),
        ("rule_0_weekday", "2"),
        ("rule_0_start", "12:00"),
        ("rule_0_end", "09:00"),
        ("_csrf", &csrf(&token)),
    ];
    let r = t
        .client
        .post(t.url("/teacher/availability"))
        .header("cookie", &cookie)
        .form(&bad)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(
        html.contains("Time zone:") && html.contains("Weekly hours, row 1: end time"),
        "problems are listed"
    );
}

#[tokio::test]
async fn the_availability_page_is_for_teachers_only() {
    let t = TestApp::spawn().await;
    let r = t
        .client
        .get(t.url("/teacher/availability"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        (
            r.status().as_u16(),
            r.headers()["location"].to_str().unwrap()
        ),
        (303, "/login?next=%2Fteacher%2Favailability")
    );
    let (student, _) = t.register("sam@example.com").await;
    let r = t
        .client
        .get(t.url("/teacher/availability"))
        .header("cookie", format!("aula_session={student}"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
}
