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
    availability_form_is_well_made(&html);
    let form = [
        ("timezone", "Europe/Madrid"),
        ("rule_0_weekday", "2"),
        ("rule_0_start", "09:00"),
        ("rule_0_end", "12:30"),
        ("rule_1_weekday", "1"),
        ("rule_1_start", ""),
        ("rule_1_end", ""),
        ("rule_2_weekday", "5"),
        ("rule_2_start", "18:00"),
        // A time picker cannot say 24:00: an end at 00:00 is the end of the day.
        ("rule_2_end", "00:00"),
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
    assert_eq!(r.headers()["location"], "/teacher/availability");
    let saved = t.get("/api/teachers/me/availability", Some(&token)).await;
    assert_eq!(
        saved.json["rules"],
        json!([{"weekday": 2, "startTime": "09:00", "endTime": "12:30"},
            {"weekday": 5, "startTime": "18:00", "endTime": "24:00"}])
    );
    assert_eq!(saved.json["exceptions"][0]["date"], "2026-12-24");
    // The notice comes from the session, once; the saved rows come back in time pickers.
    let (_, html) = t.page("/teacher/availability", Some(&token)).await;
    assert!(
        html.contains("role=\"status\">Availability saved."),
        "{html}"
    );
    availability_form_is_well_made(&html);
    assert!(
        html.contains("id=\"rule_1_end\" name=\"rule_1_end\" value=\"00:00\""),
        "24:00 is shown as 00:00 in the end field: {html}"
    );
    let (_, again) = t.page("/teacher/availability", Some(&token)).await;
    assert!(!again.contains("role=\"status\""), "a notice is shown once");

    let bad = [
        ("timezone", "Mars/Base"),
        ("rule_0_weekday", "2"),
        ("rule_0_start", "12:00"),
        ("rule_0_end", "09:00"),
        ("rule_1_weekday", "3"),
        ("rule_1_start", "09:00"),
        ("rule_1_end", "11:00"),
        ("rule_2_weekday", "3"),
        ("rule_2_start", "10:00"),
        ("rule_2_end", "12:00"),
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
        "problems are listed: {html}"
    );
    availability_form_is_well_made(&html);
    // Each problem is also beside its field, in the form's words, and the values are kept.
    assert!(
        html.contains("aria-describedby=\"rule_0_end-problem\"")
            && html.contains(
                "<p class=\"error\" id=\"rule_0_end-problem\">must be after the start time</p>"
            ),
        "{html}"
    );
    assert!(
        html.contains("aria-describedby=\"timezone-problem\"")
            && html.contains("id=\"timezone-problem\">is not a known time zone"),
        "{html}"
    );
    assert!(
        html.contains("Weekly hours, row 3: overlaps row 2")
            && html.contains("id=\"rule_2-problem\">overlaps row 2</p>"),
        "{html}"
    );
    assert!(
        html.contains("value=\"Mars/Base\"")
            && html.contains("id=\"rule_0_start\" name=\"rule_0_start\" value=\"12:00\""),
        "values kept: {html}"
    );
    for api_words in ["startTime", "rules[", "IANA time zone"] {
        assert!(!html.contains(api_words), "{api_words} in {html}");
    }
    let saved_after = t.get("/api/teachers/me/availability", Some(&token)).await;
    assert_eq!(saved_after.json, saved.json, "nothing is written");
}

/// The availability form: every start and end field is a time picker, every visible field has a
/// `<label for>` with a unique id, and no message is missing from the catalogue.
fn availability_form_is_well_made(html: &str) {
    assert!(!html.contains(aula_server::i18n::MISSING), "{html}");
    let attr = |tag: &str, name: &str| -> Option<String> {
        let key = format!(" {name}=\"");
        let at = tag.find(&key)? + key.len();
        Some(tag[at..at + tag[at..].find('"')?].to_owned())
    };
    let mut ids = std::collections::HashSet::new();
    let mut times = 0;
    for chunk in html.split('<').skip(1) {
        let tag = &chunk[..chunk.find('>').unwrap_or(chunk.len())];
        let is_field = tag.starts_with("input ") || tag.starts_with("select ");
        if !is_field || attr(tag, "type").as_deref() == Some("hidden") {
            continue;
        }
        let id = attr(tag, "id").unwrap_or_else(|| panic!("a field without an id: {tag}"));
        assert!(ids.insert(id.clone()), "the id {id} is used twice");
        assert!(
            html.contains(&format!("<label for=\"{id}\">")),
            "no label for {id}"
        );
        let name = attr(tag, "name").unwrap_or_default();
        if name.ends_with("_start") || name.ends_with("_end") {
            assert_eq!(
                attr(tag, "type").as_deref(),
                Some("time"),
                "{name} is a time picker like every start and end field"
            );
            times += 1;
        }
    }
    assert!(
        times >= 12,
        "rules and exceptions have start and end fields"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_availability_form_fits_a_390_px_window() {
    let t = TestApp::spawn().await;
    let (token, _) = t.teacher("teo@example.com").await;
    let hours = json!({"timezone": "America/Argentina/Buenos_Aires", "rules": [
        {"weekday": 3, "startTime": "09:00", "endTime": "13:00"},
        {"weekday": 3, "startTime": "15:00", "endTime": "24:00"}],
        "exceptions": [{"date": "2026-12-24", "startTime": "10:00", "endTime": "12:00", "available": true}]});
    let put = t
        .call(
            reqwest::Method::PUT,
            "/api/teachers/me/availability",
            Some(hours),
            Some(&token),
        )
        .await;
    assert_eq!(put.status, 200, "{:?}", put.json);
    let Some(b) = aula_test_support::webdriver::Browser::start().await else {
        return;
    };
    b.open(&t.url("/login?next=%2Fteacher%2Favailability"))
        .await;
    b.fill("E-mail", "teo@example.com").await;
    b.fill("Password", "correct horse").await;
    b.click("Log in").await;
    assert!(
        b.url().await.ends_with("/teacher/availability"),
        "{}",
        b.url().await
    );
    let fits = |when: &'static str| {
        let b = &b;
        async move {
            let wide = b.too_wide().await;
            assert!(wide.is_empty(), "{when}: wider than 390 px: {wide:?}");
            let found = b.axe_violations().await;
            assert!(found.is_empty(), "{when}: {found:#?}");
            assert!(!b.source().await.contains(aula_server::i18n::MISSING));
        }
    };
    fits("the saved form").await;
    // A problem beside its field still fits.
    b.fill("Time zone", "Mars/Base").await;
    b.click("Save availability").await;
    assert!(
        b.source().await.contains("is not a known time zone"),
        "{}",
        b.source().await
    );
    fits("the form with problems").await;
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
    let html = r.text().await.unwrap();
    assert!(!html.contains(aula_server::i18n::MISSING), "{html}");
}
