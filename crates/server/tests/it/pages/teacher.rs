//! The teacher's sessions, the roster and the attendance form.

use aula_server::i18n::MISSING;
use aula_test_support::{TestApp, book, buyer, credits_pack, csrf};
use serde_json::json;

/// Every word of the page came from the message catalogue.
fn complete(page: &str) {
    assert!(!page.contains(MISSING), "a message is missing: {page}");
}

/// The page with its escaped apostrophes read back (`session&#39;s` → `session's`).
fn read(page: &str) -> String {
    page.replace("&#39;", "'").replace("&#x27;", "'")
}

#[tokio::test]
async fn teachers_see_their_sessions_and_mark_attendance_from_the_start() {
    let t = TestApp::spawn().await;
    let s = t.school(5, 1).await;
    let p = t.package(credits_pack(1, 2)).await;
    let (ana, sp, a) = buyer(&t, "ana@example.com", &p).await;
    let booking = book(&t, &ana, s.sessions[0], sp, a[1]).await.json["id"]
        .as_i64()
        .unwrap();
    let (status, list) = t.page("/teacher/sessions", Some(&s.teacher_token)).await;
    assert_eq!(status, 200);
    complete(&list);
    let link = format!("/teacher/sessions/{}", s.sessions[0]);
    assert!(
        list.contains(&link) && list.contains("Conversation") && list.contains("1/5 booked"),
        "{list}"
    );
    let (_, before) = t.page(&link, Some(&s.teacher_token)).await;
    complete(&before);
    assert!(
        before.contains("Test User") && !before.contains("Save attendance"),
        "{before}"
    );

    t.set_now("2026-03-02T08:05:00Z");
    let (_, during) = t.page(&link, Some(&s.teacher_token)).await;
    complete(&during);
    assert!(
        during.contains("<legend>Test User</legend>")
            && during.contains(">Attended</label>")
            && during.contains(">No-show</label>")
            && during.contains("Save attendance"),
        "{during}"
    );
    let r = t
        .client
        .post(t.url(&format!("{link}/attendance")))
        .header("cookie", format!("aula_session={}", s.teacher_token))
        .form(&[
            (format!("b{booking}"), "attended".to_owned()),
            ("_csrf".to_owned(), csrf(&s.teacher_token)),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], link.as_str());
    let (_, after) = t.page(&link, Some(&s.teacher_token)).await;
    complete(&after);
    assert!(
        after.contains("role=\"status\">Attendance saved for 1 student."),
        "{after}"
    );
    let mine = t.get(&format!("/api/bookings/{booking}"), Some(&ana)).await;
    assert_eq!(mine.json["status"], "COMPLETED");

    // Students get the 403 page; another teacher does not see the session.
    assert_eq!(t.page("/teacher/sessions", Some(&ana)).await.0, 403);
    let (other, _) = t.teacher("otto@example.com").await;
    assert_eq!(t.page(&link, Some(&other)).await.0, 404);
}

/// The text of the element that follows `marker` up to the next `<`, white space folded.
fn text_after<'a>(html: &'a str, marker: &str) -> &'a str {
    let start = html.find(marker).map_or(html.len(), |i| i + marker.len());
    let rest = &html[start..];
    rest[..rest.find('<').unwrap_or(rest.len())].trim()
}

#[tokio::test]
async fn the_session_list_and_roster_show_times_in_the_teachers_zone_with_names_and_status() {
    let t = TestApp::spawn().await;
    let s = t.school(5, 2).await;
    // The teacher's saved zone is the zone of the pages (not the school's, not UTC).
    let zone = t
        .call(
            reqwest::Method::PATCH,
            "/api/me",
            Some(json!({"timezone": "America/Mexico_City"})),
            Some(&s.teacher_token),
        )
        .await;
    assert_eq!(zone.status, 200, "{:?}", zone.json);
    let p = t.package(credits_pack(1, 2)).await;
    let (ana, sp, a) = buyer(&t, "ana@example.com", &p).await;
    t.call(
        reqwest::Method::PATCH,
        "/api/me",
        Some(json!({"firstName": "Ana", "lastName": "Pérez Gil"})),
        Some(&ana),
    )
    .await;
    book(&t, &ana, s.sessions[0], sp, a[1]).await;

    let (_, list) = t.page("/teacher/sessions", Some(&s.teacher_token)).await;
    complete(&list);
    // 08:00–09:00 UTC is 02:00–03:00 in Mexico City; each time names its zone.
    let first = format!("/teacher/sessions/{}", s.sessions[0]);
    let second = format!("/teacher/sessions/{}", s.sessions[1]);
    let item = |link: &str| {
        let at = list
            .find(&format!("href=\"{link}\""))
            .expect("a link per session");
        list[at..at + list[at..].find("</li>").expect("the session's item")].to_owned()
    };
    let one = item(&first);
    assert!(
        one.contains("Conversation")
            && one.contains("Monday, 2 March 2026, 02:00–03:00 (America/Mexico_City)")
            && one.contains("1/5 booked"),
        "{one}"
    );
    let two = item(&second);
    assert!(
        two.contains("04:00–05:00 (America/Mexico_City)") && two.contains("0/5 booked"),
        "{two}"
    );
    assert!(list.find(&first) < list.find(&second), "in time order");

    let (_, page) = t.page(&first, Some(&s.teacher_token)).await;
    complete(&page);
    assert!(
        page.contains("<h1>Conversation</h1>")
            && page.contains("Monday, 2 March 2026, 02:00–03:00 (America/Mexico_City)"),
        "{page}"
    );
    // The roster: the full name (first name, a space, last name) and the booking's status.
    assert_eq!(text_after(&page, "<span class=\"name\">"), "Ana Pérez Gil");
    assert_eq!(
        text_after(
            &page,
            "<span class=\"name\">Ana Pérez Gil</span> <span class=\"meta\">"
        ),
        "Booked"
    );
    assert!(read(&page).contains("Attendance can be taken from the session's start."));
}

#[tokio::test]
async fn attendance_before_the_start_or_without_a_choice_is_refused_with_a_sentence() {
    let t = TestApp::spawn().await;
    let s = t.school(5, 1).await;
    let p = t.package(credits_pack(1, 2)).await;
    let (ana, sp, a) = buyer(&t, "ana@example.com", &p).await;
    let booking = book(&t, &ana, s.sessions[0], sp, a[1]).await.json["id"]
        .as_i64()
        .unwrap();
    let link = format!("/teacher/sessions/{}", s.sessions[0]);
    let post = |fields: Vec<(String, String)>| {
        let mut fields = fields;
        fields.push(("_csrf".to_owned(), csrf(&s.teacher_token)));
        t.client
            .post(t.url(&format!("{link}/attendance")))
            .header("cookie", format!("aula_session={}", s.teacher_token))
            .form(&fields)
            .send()
    };
    // Before the start: the refusal comes back as the catalogue's sentence, nothing changes.
    let r = post(vec![(format!("b{booking}"), "no_show".to_owned())])
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let (_, page) = t.page(&link, Some(&s.teacher_token)).await;
    complete(&page);
    assert!(
        read(&page).contains("role=\"alert\">Attendance can be taken from the session's start."),
        "{page}"
    );
    let mine = t.get(&format!("/api/bookings/{booking}"), Some(&ana)).await;
    assert_eq!(mine.json["status"], "CONFIRMED");

    // From the start, a form with no choice saves nothing and says what to do.
    t.set_now("2026-03-02T08:30:00Z");
    let r = post(Vec::new()).await.unwrap();
    assert_eq!(r.status(), 303);
    let (_, page) = t.page(&link, Some(&s.teacher_token)).await;
    complete(&page);
    assert!(
        page.contains("role=\"alert\">Choose Attended or No-show for each student."),
        "{page}"
    );
    let r = post(vec![(format!("b{booking}"), "no_show".to_owned())])
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let (_, page) = t.page(&link, Some(&s.teacher_token)).await;
    complete(&page);
    assert!(
        page.contains(&format!(
            "id=\"n{booking}\" name=\"b{booking}\" value=\"no_show\" checked"
        )),
        "the saved mark is shown: {page}"
    );
    assert_eq!(
        text_after(
            &page,
            "<span class=\"name\">Test User</span> <span class=\"meta\">"
        ),
        "No-show"
    );
}
