//! The teacher's sessions, the roster and the attendance form.

use aula_test_support::{TestApp, book, buyer, credits_pack, csrf};

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
    let link = format!("/teacher/sessions/{}", s.sessions[0]);
    assert!(
        list.contains(&link) && list.contains("Conversation") && list.contains("1/5 booked"),
        "{list}"
    );
    let (_, before) = t.page(&link, Some(&s.teacher_token)).await;
    assert!(
        before.contains("Test User") && !before.contains("Save attendance"),
        "{before}"
    );

    t.set_now("2026-03-02T08:05:00Z");
    let (_, during) = t.page(&link, Some(&s.teacher_token)).await;
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
    assert!(
        after.contains("role=\"status\">Attendance saved"),
        "{after}"
    );
    let mine = t.get(&format!("/api/bookings/{booking}"), Some(&ana)).await;
    assert_eq!(mine.json["status"], "COMPLETED");

    // Students get the 403 page; another teacher does not see the session.
    assert_eq!(t.page("/teacher/sessions", Some(&ana)).await.0, 403);
    let (other, _) = t.teacher("otto@example.com").await;
    assert_eq!(t.page(&link, Some(&other)).await.0, 404);
}
