//! A teacher's page: profile, free private slots, and booking one with a chosen credit.

use aula_test_support::TestApp;
use reqwest::Method;
use serde_json::json;

/// A teacher free on Mondays 09:00-11:00 in Madrid, and the first free start on Monday 2 March.
async fn free_teacher(t: &TestApp) -> i64 {
    t.set_now("2026-03-01T00:00:00Z");
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
    id
}

fn no_missing_words(page: &str) {
    assert!(!page.contains(aula_server::i18n::MISSING), "{page}");
}

#[tokio::test]
async fn visitors_see_a_teachers_free_slots_in_their_zone_and_are_asked_to_log_in() {
    let t = TestApp::spawn().await;
    let id = free_teacher(&t).await;
    let (status, page) = t.page(&format!("/teachers/{id}"), None).await;
    assert_eq!(status, 200);
    no_missing_words(&page);
    assert!(
        page.contains("<h1>Test User</h1>") || page.contains("Test User"),
        "{page}"
    );
    // 09:00 Madrid is 08:00 UTC; a 60-minute lesson can start at 08:00 or 09:00 (UTC shown).
    assert!(
        page.contains("Monday, 2 March 2026") && page.contains(">08:00</time>–09:00"),
        "{page}"
    );
    assert!(page.contains("Times in UTC"), "{page}");
    assert!(
        page.contains(&format!("/login?next=/teachers/{id}")) && page.contains("Log in to book")
    );
    let short = t.page(&format!("/teachers/{id}?minutes=30"), None).await.1;
    assert!(
        short.contains(">10:30</time>–11:00") || short.contains(">09:30</time>–10:00"),
        "{short}"
    );
    assert_eq!(t.page("/teachers/999999", None).await.0, 404);
}

#[tokio::test]
async fn a_higher_tier_credit_books_a_private_slot_only_with_the_students_own_tick() {
    let t = TestApp::spawn().await;
    let id = free_teacher(&t).await;
    // Only a premium (tier 1) private credit: a higher tier than this tier-0 teacher needs.
    let p = t.package(json!({"name": "Premium privates", "amountMinor": 9000, "currency": "usd", "expiresInDays": null,
        "allowances": [{"serviceType": "PRIVATE", "credits": 4, "creditUnitMinutes": 30, "teacherTier": 1}]})).await;
    let (sam, _) = t.register("sam@example.com").await;
    t.buy(&sam, p["id"].as_i64().unwrap()).await;

    let (_, page) = t.page(&format!("/teachers/{id}"), Some(&sam)).await;
    assert!(
        page.contains(&format!("action=\"/teachers/{id}/book\""))
            && page.contains(">Book</button>"),
        "{page}"
    );
    let start = "2026-03-02T08:00:00+00:00";
    let choose = format!(
        "/teachers/{id}/book?start={}&minutes=60",
        start.replace('+', "%2B")
    );
    let (status, choice) = t.page(&choose, Some(&sam)).await;
    assert_eq!(status, 200);
    no_missing_words(&choice);
    assert!(
        choice.contains("<legend>Credit</legend>")
            && choice.contains("Premium privates · costs 2 credits, 4 left · higher tier")
            && choice.contains("I agree to use a higher-tier credit")
            && choice.contains("Confirm booking")
            && choice.contains("Private lesson with Test User"),
        "{choice}"
    );
    assert!(
        !choice.contains("value=\"yes\" checked"),
        "never ticked for the student"
    );
    let credit = choice
        .split("name=\"credit\" value=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap()
        .to_owned();

    // Without the tick: refused, back on the teacher's page with the sentence, nothing booked.
    let r = t
        .submit(
            &format!("/teachers/{id}/book"),
            &sam,
            &[("start", start), ("minutes", "60"), ("credit", &credit)],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], format!("/teachers/{id}").as_str());
    let (_, back) = t.page(&format!("/teachers/{id}"), Some(&sam)).await;
    assert!(back.contains("role=\"alert\">"), "{back}");
    assert!(
        !back.contains("cross_tier"),
        "a sentence, not a code: {back}"
    );
    assert_eq!(t.count("SELECT COUNT(*) FROM bookings").await, 0);

    // With the tick: booked, on the bookings page with the teacher's name.
    let r = t
        .submit(
            &format!("/teachers/{id}/book"),
            &sam,
            &[
                ("start", start),
                ("minutes", "60"),
                ("credit", &credit),
                ("consent", "yes"),
            ],
        )
        .await;
    assert_eq!(r.headers()["location"], "/me/bookings");
    let (_, mine) = t.page("/me/bookings", Some(&sam)).await;
    no_missing_words(&mine);
    assert!(
        mine.contains("role=\"status\">Booked with 2 credits")
            && mine.contains("Private lesson with Test User")
            && mine.contains("Monday, 2 March 2026, 08:00–09:00 (UTC)"),
        "{mine}"
    );
    assert_eq!(
        t.get("/api/packages/my-credits", Some(&sam)).await.json["totalRemaining"],
        2
    );
    // The slot is gone from the teacher's page.
    let (_, after) = t.page(&format!("/teachers/{id}"), Some(&sam)).await;
    assert!(
        !after.contains("datetime=\"2026-03-02T08:00:00+00:00\"")
            && after.contains("datetime=\"2026-03-09T08:00:00+00:00\""),
        "{after}"
    );

    // The saved zone of the student is the zone of every page.
    t.call(
        Method::PATCH,
        "/api/me",
        Some(json!({"timezone": "Europe/Madrid"})),
        Some(&sam),
    )
    .await;
    let (_, mine) = t.page("/me/bookings", Some(&sam)).await;
    assert!(
        mine.contains("Monday, 2 March 2026, 09:00–10:00 (Europe/Madrid)"),
        "{mine}"
    );
}

#[tokio::test]
async fn booking_a_private_slot_needs_a_login_and_the_forms_token() {
    let t = TestApp::spawn().await;
    let id = free_teacher(&t).await;
    let r = t
        .client
        .get(t.url(&format!("/teachers/{id}/book?start=2026-03-02T08:00:00Z")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert!(
        r.headers()["location"]
            .to_str()
            .unwrap()
            .starts_with("/login?next=")
    );
    let (sam, _) = t.register("sam@example.com").await;
    let r = t
        .client
        .post(t.url(&format!("/teachers/{id}/book")))
        .header("cookie", format!("aula_session={sam}"))
        .form(&[("start", "2026-03-02T08:00:00Z"), ("credit", "1:1")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403, "no _csrf, no booking");
    // A made-up time is refused with a sentence, not a 500.
    let r = t
        .submit(
            &format!("/teachers/{id}/book"),
            &sam,
            &[("start", "yesterday"), ("credit", "1:1")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let (_, back) = t.page(&format!("/teachers/{id}"), Some(&sam)).await;
    assert!(
        back.contains("role=\"alert\">That time cannot be booked"),
        "{back}"
    );
}
