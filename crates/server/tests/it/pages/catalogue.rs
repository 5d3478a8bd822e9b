//! The course catalogue and a course's page, as a visitor, a student and an enrolled student.

use aula_test_support::TestApp;
use serde_json::json;

use crate::course_programs::{class, course_package, id, option, program, step};

#[tokio::test]
async fn visitors_and_students_browse_courses_and_buy_or_see_enrolled() {
    let t = TestApp::spawn().await;
    t.set_now("2026-03-01T00:00:00Z");
    let admin = t.admin_token().await;
    let (_, teacher) = t.teacher("tina@example.com").await;
    let (morning, _) = class(
        &t,
        &admin,
        teacher,
        "Morning group",
        &["2026-03-10T10:00:00Z"],
    )
    .await;
    let p = id(&program(
        &t,
        &admin,
        json!({"code": "SFZ", "title": "Spanish from zero", "timezone": "Europe/Madrid"}),
    )
    .await);
    let s1 = id(&step(&t, &admin, p, 1, "SFZ-1").await);
    step(&t, &admin, p, 2, "SFZ-2").await;
    option(&t, &admin, s1, morning).await;
    let package = course_package(&t, p, "SFZ course").await;

    let (status, list) = t.page("/courses", None).await;
    assert_eq!(status, 200);
    assert!(
        list.contains("Spanish from zero")
            && list.contains("href=\"/courses/SFZ\"")
            && list.contains("2 steps")
            && list.contains("€200.00"),
        "{list}"
    );
    let (status, page) = t.page("/courses/SFZ", None).await;
    assert_eq!(status, 200);
    assert!(
        page.contains("SFZ-1") && page.contains("Step SFZ-2"),
        "{page}"
    );
    assert!(
        page.contains("Morning group") && page.contains("4 free seat"),
        "{page}"
    );
    assert!(
        page.contains("(UTC)"),
        "times name the viewer's zone: {page}"
    );
    let madrid = t
        .client
        .get(t.url("/courses/SFZ"))
        .header("cookie", "aula_tz=Europe/Madrid")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        madrid.contains("(Europe/Madrid)"),
        "the zone the browser stored is the viewer's: {madrid}"
    );
    assert!(page.contains("Log in to buy") && page.contains("/login?next=%2Fcourses%2FSFZ"));
    assert!(!page.contains(">Buy<"), "a visitor gets no Buy button");

    let (token, _) = t.register("sam@example.com").await;
    let (_, page) = t.page("/courses/sfz", Some(&token)).await;
    assert!(
        page.contains(&format!("action=\"/packages/{package}/buy\"")) && page.contains(">Buy<")
    );
    t.buy(&token, package).await;
    let (_, page) = t.page("/courses/SFZ", Some(&token)).await;
    assert!(
        page.contains("Enrolled") && page.contains("href=\"/me/courses\""),
        "{page}"
    );
    assert!(!page.contains(">Buy<"));

    let (status, missing) = t.page("/courses/NOPE", None).await;
    assert_eq!(status, 404);
    assert!(missing.contains("<h1>"), "an HTML page, not JSON");
}

#[tokio::test]
async fn my_courses_never_offers_a_session_another_step_already_holds() {
    let t = TestApp::spawn().await;
    t.set_now("2026-03-01T00:00:00Z");
    let admin = t.admin_token().await;
    let (_, teacher) = t.teacher("tina@example.com").await;
    let (group, sessions) = class(
        &t,
        &admin,
        teacher,
        "Morning group",
        &["2026-03-10T10:00:00Z", "2026-03-12T10:00:00Z"],
    )
    .await;
    let p = id(&program(&t, &admin, json!({"code": "SFZ", "title": "Spanish"})).await);
    let s1 = id(&step(&t, &admin, p, 1, "SFZ-1").await);
    let s2 = id(&step(&t, &admin, p, 2, "SFZ-2").await);
    option(&t, &admin, s1, group).await;
    option(&t, &admin, s2, group).await;
    let package = course_package(&t, p, "SFZ course").await;
    let (token, _) = t.register("sam@example.com").await;
    t.buy(&token, package).await;
    let sp = t.count("SELECT MAX(id) FROM student_packages").await;
    let r = t
        .post(
            "/api/bookings",
            json!({"sessionId": sessions[0], "courseStepId": s1, "studentPackageId": sp}),
            Some(&token),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    let (_, page) = t.page("/me/courses", Some(&token)).await;
    let step2 = page.split(&format!("id=\"step-{s2}\"")).nth(1).unwrap();
    let step2 = step2.split("</li>").next().unwrap();
    assert!(
        !step2.contains(&format!("value=\"{}\"", sessions[0])),
        "the session step 1 holds is not offered for step 2: {step2}"
    );
    assert!(
        step2.contains(&format!("value=\"{}\"", sessions[1])),
        "{step2}"
    );
}

#[tokio::test]
async fn a_refused_buy_goes_back_to_the_course_page_as_a_sentence() {
    let t = TestApp::spawn().await;
    t.set_now("2026-03-01T00:00:00Z");
    let admin = t.admin_token().await;
    let p = id(&program(&t, &admin, json!({"code": "OFF", "title": "Off sale"})).await);
    step(&t, &admin, p, 1, "OFF-1").await;
    let pid = course_package(&t, p, "Off course").await;
    let (sam, _) = t.register("sam@example.com").await;
    // The page was open when the school took the package off sale.
    t.post(
        &format!("/api/admin/packages/{pid}/deactivate"),
        json!({}),
        Some(&admin),
    )
    .await;
    let r = t
        .client
        .post(t.url(&format!("/packages/{pid}/buy")))
        .header("cookie", format!("aula_session={sam}"))
        .header("referer", t.url("/courses/OFF"))
        .form(&[("_csrf", aula_test_support::csrf(&sam))])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/courses/OFF");
    let (_, page) = t.page("/courses/OFF", Some(&sam)).await;
    assert!(
        page.contains("role=\"alert\">This package is not on sale any more."),
        "{page}"
    );
}
