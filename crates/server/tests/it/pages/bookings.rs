//! Booking, waiting and cancelling from the pages; the student's course page.

use aula_test_support::{TestApp, csrf};
use serde_json::json;

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
    assert!(
        schedule.contains("class=\"cost\">1 credit<"),
        "the cost with the recommended credit is shown before booking: {schedule}"
    );
    // Bob has no credits: told so, nothing booked.
    let r = t
        .client
        .post(t.url(&format!("/schedule/{session}/book")))
        .header("cookie", cookie(&bob))
        .form(&[("_csrf", csrf(&bob))])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(
        r.headers()["location"],
        "/schedule",
        "back to the page it came from, never a message in the URL"
    );
    let seen = page_of(&t, &bob, "/schedule").await;
    assert!(
        seen.contains("role=\"alert\">None of your credits"),
        "{seen}"
    );
    let again = page_of(&t, &bob, "/schedule").await;
    assert!(
        !again.contains("role=\"alert\""),
        "the message is shown once"
    );
    let r = t
        .client
        .post(t.url(&format!("/schedule/{session}/book")))
        .header("cookie", cookie(&ana))
        .form(&[("_csrf", csrf(&ana))])
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["location"], "/me/bookings");
    assert!(
        page_of(&t, &ana, "/me/bookings")
            .await
            .contains("role=\"status\">Booked")
    );
    let schedule = page_of(&t, &ana, "/schedule?tz=UTC").await;
    assert!(
        schedule.contains("class=\"booked\">Booked<")
            && !schedule.contains(&format!("/schedule/{session}/book")),
        "the schedule says Booked instead of offering Book: {schedule}"
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
    assert!(
        full.contains("class=\"cost\">No credit of yours fits"),
        "the cost is shown before booking: {full}"
    );
    let r = t
        .client
        .post(t.url(&format!("/schedule/{session}/wait")))
        .header("cookie", cookie(&bob))
        .form(&[("_csrf", csrf(&bob))])
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["location"], "/schedule");
    let waiting = page_of(&t, &bob, "/schedule?tz=UTC").await;
    assert!(
        waiting.contains("role=\"status\">You are number 1 on the waiting list")
            && waiting.contains("class=\"waiting\">You are number 1 on the waiting list<")
            && !waiting.contains(&format!("/schedule/{session}/wait")),
        "the student's place is shown where the session is: {waiting}"
    );
    let id = t.get("/api/bookings/me", Some(&ana)).await.json["items"][0]["id"]
        .as_i64()
        .unwrap();
    let listed = page_of(&t, &ana, "/me/bookings").await;
    assert!(
        listed.contains("Can be cancelled until"),
        "the deadline is shown: {listed}"
    );
    let r = t
        .client
        .post(t.url(&format!("/me/bookings/{id}/cancel")))
        .header("cookie", cookie(&ana))
        .form(&[("_csrf", csrf(&ana))])
        .send()
        .await
        .unwrap();
    let confirm = format!("/me/bookings/{id}/cancel");
    assert_eq!(
        r.headers()["location"],
        confirm.as_str(),
        "first a confirmation"
    );
    let page = page_of(&t, &ana, &confirm).await;
    assert!(
        page.contains("Tiny class")
            && page.contains("1 credit goes back")
            && page.contains("Yes, cancel booking"),
        "{page}"
    );
    assert_eq!(
        t.get("/api/packages/my-credits", Some(&ana)).await.json["totalRemaining"],
        2,
        "nothing cancelled yet"
    );
    let r = t
        .client
        .post(t.url(&format!("{confirm}/confirm")))
        .header("cookie", cookie(&ana))
        .form(&[("_csrf", csrf(&ana))])
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["location"], "/me/bookings");
    assert!(
        page_of(&t, &ana, "/me/bookings")
            .await
            .contains("role=\"status\">Cancelled")
    );
    assert_eq!(
        t.get("/api/packages/my-credits", Some(&ana)).await.json["totalRemaining"],
        3
    );
    let visitor = t.client.get(t.url("/me/bookings")).send().await.unwrap();
    assert_eq!(visitor.status(), 303);
    assert_eq!(
        visitor.headers()["location"],
        "/login?next=%2Fme%2Fbookings"
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
        .form(&[("sessionId", session.to_string()), ("_csrf", csrf(&token))])
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["location"], "/me/courses");
    assert!(
        page_of(&t, &token, "/me/courses")
            .await
            .contains("role=\"status\">Step booked.")
    );
    let view = t
        .get("/api/students/me/course-packages", Some(&token))
        .await;
    assert_eq!(view.json["items"][0]["steps"][0]["status"], "BOOKED");
    let again = t
        .client
        .post(t.url(&format!("/me/courses/{sp}/steps/{step1}/book")))
        .header("cookie", &cookie)
        .form(&[("sessionId", session.to_string()), ("_csrf", csrf(&token))])
        .send()
        .await
        .unwrap();
    assert_eq!(again.headers()["location"], "/me/courses");
    assert!(
        page_of(&t, &token, "/me/courses")
            .await
            .contains("role=\"alert\">")
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

/// The HTML of a page as the user with this token sees it.
async fn page_of(t: &TestApp, token: &str, path: &str) -> String {
    t.client
        .get(t.url(path))
        .header("cookie", format!("aula_session={token}"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_session_only_a_higher_tier_credit_pays_needs_the_students_own_consent() {
    let t = TestApp::spawn().await;
    let s = t.school(5, 1).await;
    let p = t
        .package(json!({"name": "Private only", "amountMinor": 5000, "currency": "usd", "expiresInDays": null,
            "allowances": [{"serviceType": "PRIVATE", "credits": 4, "creditUnitMinutes": 60}]}))
        .await;
    let (sam, _) = t.register("sam@example.com").await;
    t.buy(&sam, p["id"].as_i64().unwrap()).await;
    let session = s.sessions[0];
    let post = |path: String, form: Vec<(&'static str, String)>| {
        t.client
            .post(t.url(&path))
            .header("cookie", format!("aula_session={sam}"))
            .form(&form)
            .send()
    };
    let r = post(
        format!("/schedule/{session}/book"),
        vec![("_csrf", csrf(&sam))],
    )
    .await
    .unwrap();
    let choose = format!("/schedule/{session}/credit");
    assert_eq!(
        r.headers()["location"],
        choose.as_str(),
        "no booking without a choice"
    );
    let page = page_of(&t, &sam, &choose).await;
    assert!(
        page.contains("<legend>Credit</legend>")
            && page.contains("I agree to use a higher-tier credit")
            && page.contains("Confirm booking"),
        "{page}"
    );
    assert!(
        !page.contains("name=\"consent\" value=\"yes\" checked"),
        "never ticked for the student"
    );
    let credit = page
        .split("name=\"credit\" value=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap()
        .to_owned();
    let r = post(
        choose.clone(),
        vec![("credit", credit.clone()), ("_csrf", csrf(&sam))],
    )
    .await
    .unwrap();
    assert_eq!(
        r.headers()["location"],
        choose.as_str(),
        "back to the choice"
    );
    assert!(page_of(&t, &sam, &choose).await.contains("role=\"alert\">"));
    assert_eq!(
        t.get("/api/bookings/me", Some(&sam)).await.json["items"],
        json!([])
    );
    let r = post(
        choose,
        vec![
            ("credit", credit),
            ("consent", "yes".into()),
            ("_csrf", csrf(&sam)),
        ],
    )
    .await
    .unwrap();
    assert_eq!(r.headers()["location"], "/me/bookings");
    let mine = t.get("/api/bookings/me", Some(&sam)).await;
    assert_eq!(
        mine.json["items"][0]["status"], "CONFIRMED",
        "{}",
        mine.text
    );
}
