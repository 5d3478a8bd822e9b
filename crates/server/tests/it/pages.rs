use aula_test_support::TestApp;
use serde_json::json;

#[tokio::test]
async fn home_page_renders_the_layout_for_visitors() {
    let t = TestApp::spawn().await;
    let r = t.get("/", None).await;
    assert_eq!(r.status, 200);
    assert!(
        r.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    assert!(r.text.contains("name=\"viewport\""), "phone-ready layout");
    assert!(r.text.contains("href=\"/login\"") && r.text.contains("href=\"/register\""));
    assert!(r.text.contains("A1 Beginner"));
}

#[tokio::test]
async fn home_page_shows_the_user_and_a_logout_button() {
    let t = TestApp::spawn().await;
    let (token, _) = t.register("ana@example.com").await;
    let r = t
        .client
        .get(t.url("/"))
        .header("cookie", format!("aula_session={token}"))
        .send()
        .await
        .unwrap();
    let html = r.text().await.unwrap();
    assert!(html.contains("Test User"));
    assert!(html.contains("action=\"/logout\""));
    assert!(!html.contains("href=\"/login\""));
}

#[tokio::test]
async fn login_form_sets_the_cookie_and_logout_form_clears_it() {
    let t = TestApp::spawn().await;
    t.register("ana@example.com").await;
    let bad = t
        .client
        .post(t.url("/login"))
        .form(&[("email", "ana@example.com"), ("password", "nope nope")])
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 401);
    assert!(
        bad.text()
            .await
            .unwrap()
            .contains("Wrong e-mail or password")
    );
    let ok = t
        .client
        .post(t.url("/login"))
        .form(&[("email", "ana@example.com"), ("password", "correct horse")])
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), 303);
    let cookie = ok.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let me = t
        .client
        .get(t.url("/api/me"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 200);
    let out = t
        .client
        .post(t.url("/logout"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), 303);
    let me = t
        .client
        .get(t.url("/api/me"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 401);
}

#[tokio::test]
async fn register_form_shows_field_problems_and_registers() {
    let t = TestApp::spawn().await;
    let form = [
        ("firstName", "Ana"),
        ("lastName", "P"),
        ("email", "bad"),
        ("password", "short"),
    ];
    let r = t
        .client
        .post(t.url("/register"))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains("must be an e-mail address") && html.contains("at least 8 characters"));
    assert!(html.contains("value=\"Ana\""), "typed values are kept");
    let form = [
        ("firstName", "Ana"),
        ("lastName", "P"),
        ("email", "ana@example.com"),
        ("password", "long enough"),
    ];
    let r = t
        .client
        .post(t.url("/register"))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let login = t
        .post(
            "/api/auth/login",
            json!({"email": "ana@example.com", "password": "long enough"}),
            None,
        )
        .await;
    assert_eq!(login.status, 200);
}

#[tokio::test]
async fn home_page_in_headless_chromium() {
    let t = TestApp::spawn().await;
    let Some(dom) = aula_test_support::browser::dump_dom(&t.url("/")).await else {
        return;
    };
    assert!(dom.contains("Learn a language"));
    assert!(dom.contains("Log in"));
    assert!(dom.contains("C2 Proficiency"));
}

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
        utc.contains("Monday 2 March 2026")
            && utc.contains("17:00")
            && utc.contains("Tuesday 3 March 2026")
    );
    assert!(utc.contains("6 of 6 seats free"));
    let madrid = t.get("/schedule?tz=Europe/Madrid", None).await.text;
    assert!(
        madrid.contains("18:00") && madrid.contains("Wednesday 4 March 2026"),
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
        html.contains("timezone") && html.contains("rules[0].endTime"),
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
        (303, "/login")
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

#[tokio::test]
async fn buying_through_the_dev_checkout_page_grants_credits() {
    let t = TestApp::spawn().await;
    let p = t
        .package(json!({"name": "Five private", "amountMinor": 12500, "currency": "usd", "expiresInDays": null,
            "allowances": [{"serviceType": "PRIVATE", "credits": 5, "creditUnitMinutes": 30}]}))
        .await;
    let catalogue = t.get("/packages", None).await.text;
    assert!(
        catalogue.contains("Five private")
            && catalogue.contains("125.00 USD")
            && catalogue.contains("5 private lesson credits of 30 min")
    );
    let (token, _) = t.register("sam@example.com").await;
    let cookie = format!("aula_session={token}");
    let buy = t
        .client
        .post(t.url(&format!("/packages/{}/buy", p["id"])))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(buy.status(), 303);
    let to = buy.headers()["location"].to_str().unwrap().to_owned();
    assert!(to.contains("/checkout/dev/cs_dev_"), "{to}");
    let page = t
        .client
        .get(&to)
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Five private") && page.contains("Pay"));
    if let Some(dom) = aula_test_support::browser::dump_dom(&to).await {
        assert!(
            dom.contains("id=\"pay\""),
            "the Pay button renders in a browser"
        );
    }
    let paid = t
        .client
        .post(format!("{to}/pay"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(paid.status(), 303);
    assert!(
        paid.headers()["location"]
            .to_str()
            .unwrap()
            .starts_with("/checkout/success")
    );
    assert_eq!(
        t.get("/api/packages/my-credits", Some(&token)).await.json["totalRemaining"],
        5
    );
    let mine = t
        .client
        .get(t.url("/me/credits"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(mine.contains("5 of 5 left"));
    let again = t
        .client
        .get(&to)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        again.contains("complete") && !again.contains("id=\"pay\""),
        "a paid session cannot be paid again"
    );
    assert_eq!(t.get("/checkout/success", None).await.status, 200);
    assert_eq!(t.get("/checkout/cancel", None).await.status, 200);
    assert_eq!(t.get("/checkout/dev/cs_unknown", None).await.status, 404);
}

#[tokio::test]
async fn my_credits_page_needs_a_login() {
    let t = TestApp::spawn().await;
    let r = t.client.get(t.url("/me/credits")).send().await.unwrap();
    assert_eq!(r.status(), 303);
    let r = t
        .client
        .post(t.url("/packages/1/buy"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
}

#[tokio::test]
async fn students_book_wait_and_cancel_from_the_pages() {
    let t = TestApp::spawn().await;
    t.set_now("2026-03-01T00:00:00Z");
    let admin = t.admin_token().await;
    let (_, teacher) = t.teacher("teo@example.com").await;
    let class = json!({"title": "Tiny class", "capacityMax": 1, "levelIds": [1], "teacherIds": [teacher],
        "sessions": [{"startAt": "2026-03-02T17:00:00Z", "endAt": "2026-03-02T18:00:00Z"}]});
    let session = t
        .post("/api/admin/group-classes", class, Some(&admin))
        .await
        .json["sessions"][0]["id"]
        .as_i64()
        .unwrap();
    let p = t.package(json!({"name": "Group pack", "amountMinor": 1000, "currency": "usd", "expiresInDays": null,
        "allowances": [{"serviceType": "GROUP", "credits": 3, "creditUnitMinutes": 60}]})).await;
    let (ana, _) = t.register("ana@example.com").await;
    let (bob, _) = t.register("bob@example.com").await;
    t.buy(&ana, p["id"].as_i64().unwrap()).await;
    let cookie = |token: &str| format!("aula_session={token}");
    let schedule = t
        .client
        .get(t.url("/schedule?tz=UTC"))
        .header("cookie", cookie(&ana))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(schedule.contains(&format!("/schedule/{session}/book")));
    // Bob has no credits: told so, nothing booked.
    let r = t
        .client
        .post(t.url(&format!("/schedule/{session}/book")))
        .header("cookie", cookie(&bob))
        .send()
        .await
        .unwrap();
    let to = r.headers()["location"].to_str().unwrap().to_owned();
    assert!(to.contains("problem="), "{to}");
    let r = t
        .client
        .post(t.url(&format!("/schedule/{session}/book")))
        .header("cookie", cookie(&ana))
        .send()
        .await
        .unwrap();
    assert!(
        r.headers()["location"]
            .to_str()
            .unwrap()
            .contains("notice=Booked")
    );
    let mine = t
        .client
        .get(t.url("/me/bookings"))
        .header("cookie", cookie(&ana))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        mine.contains("Tiny class")
            && mine.contains("CONFIRMED")
            && mine.contains("Cancel booking")
    );
    // Now full: Bob joins the waiting list from the schedule.
    let full = t
        .client
        .get(t.url("/schedule?tz=UTC"))
        .header("cookie", cookie(&bob))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(full.contains(&format!("/schedule/{session}/wait")));
    let r = t
        .client
        .post(t.url(&format!("/schedule/{session}/wait")))
        .header("cookie", cookie(&bob))
        .send()
        .await
        .unwrap();
    assert!(
        r.headers()["location"]
            .to_str()
            .unwrap()
            .contains("waiting"),
        "{:?}",
        r.headers()["location"]
    );
    let id = t.get("/api/bookings/me", Some(&ana)).await.json["items"][0]["id"]
        .as_i64()
        .unwrap();
    let r = t
        .client
        .post(t.url(&format!("/me/bookings/{id}/cancel")))
        .header("cookie", cookie(&ana))
        .send()
        .await
        .unwrap();
    assert!(
        r.headers()["location"]
            .to_str()
            .unwrap()
            .contains("Cancelled")
    );
    assert_eq!(
        t.get("/api/packages/my-credits", Some(&ana)).await.json["totalRemaining"],
        3
    );
    assert_eq!(
        t.client
            .get(t.url("/me/bookings"))
            .send()
            .await
            .unwrap()
            .status(),
        303
    );
}

#[tokio::test]
async fn students_see_their_course_and_book_the_next_step_on_the_page() {
    let t = TestApp::spawn().await;
    t.set_now("2026-03-01T00:00:00Z");
    let admin = t.admin_token().await;
    let (_, teacher) = t.teacher("teo@example.com").await;
    let class = json!({"title": "SFZ cohort", "capacityMax": 5, "levelIds": [], "teacherIds": [teacher],
        "sessions": [{"startAt": "2026-03-02T17:00:00Z", "endAt": "2026-03-02T18:00:00Z"}, {"startAt": "2026-03-09T17:00:00Z", "endAt": "2026-03-09T18:00:00Z"}]});
    let class = t
        .post("/api/admin/group-classes", class, Some(&admin))
        .await
        .json;
    let program = t.course_program("SFZ", 2).await;
    for n in 1..=2 {
        let step = t
            .count(&format!(
                "SELECT id FROM course_steps WHERE label = 'SFZ-{n}'"
            ))
            .await;
        aula_test_support::execute(&t.db, &format!("INSERT INTO course_step_options (course_step_id, group_class_id, is_active, created_at) VALUES ({step}, {}, TRUE, '2026-03-01T00:00:00Z')", class["id"])).await.unwrap();
    }
    let p = t
        .package(
            json!({"name": "SFZ", "amountMinor": 100, "currency": "usd", "expiresInDays": null,
        "allowances": [{"serviceType": "COURSE", "credits": 1, "courseProgramId": program}]}),
        )
        .await;
    let (token, _) = t.register("sam@example.com").await;
    t.buy(&token, p["id"].as_i64().unwrap()).await;
    let cookie = format!("aula_session={token}");
    let page = t
        .client
        .get(t.url("/me/courses"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("SFZ course")
            && page.contains("0 of 2 steps completed")
            && page.contains("Book this step"),
        "{page}"
    );
    let sp = t.get("/api/packages/my-credits", Some(&token)).await.json["items"][0]["id"]
        .as_i64()
        .unwrap();
    let step1 = t
        .count("SELECT id FROM course_steps WHERE label = 'SFZ-1'")
        .await;
    let session = class["sessions"][0]["id"].as_i64().unwrap();
    let r = t
        .client
        .post(t.url(&format!("/me/courses/{sp}/steps/{step1}/book")))
        .header("cookie", &cookie)
        .form(&[("sessionId", session.to_string())])
        .send()
        .await
        .unwrap();
    assert!(
        r.headers()["location"]
            .to_str()
            .unwrap()
            .contains("notice="),
        "{:?}",
        r.headers()["location"]
    );
    let view = t
        .get("/api/students/me/course-packages", Some(&token))
        .await;
    assert_eq!(view.json["items"][0]["steps"][0]["status"], "BOOKED");
    let again = t
        .client
        .post(t.url(&format!("/me/courses/{sp}/steps/{step1}/book")))
        .header("cookie", &cookie)
        .form(&[("sessionId", session.to_string())])
        .send()
        .await
        .unwrap();
    assert!(
        again.headers()["location"]
            .to_str()
            .unwrap()
            .contains("problem=")
    );
    assert_eq!(
        t.client
            .get(t.url("/me/courses"))
            .send()
            .await
            .unwrap()
            .status(),
        303
    );
}
