//! Mails over real SMTP: every kind the school sends, written in the recipient's zone, both
//! parts; retries with back-off, a 5xx failing at once, the admin's retry, logged mails without
//! a server, reminders that respect cancellations, and two server processes never sending a mail
//! twice.

use std::time::Duration;

use aula_db::outbox::{self, MailRecord};
use aula_domain::mail::{MailKind, MailStatus};
use aula_test_support::smtp::{Answer, Parsed, SmtpSink};
use aula_test_support::{TestApp, book, buyer, credits_pack, csrf};
use reqwest::Method;
use serde_json::json;

use crate::server::Server;

/// The mails the sink got for `email`, parsed.
fn to(sink: &SmtpSink, email: &str) -> Vec<Parsed> {
    sink.received()
        .iter()
        .map(|r| r.parsed())
        .filter(|p| p.to.iter().any(|t| t == email))
        .collect()
}

/// Waits until the sink holds a mail to `email` whose subject begins with `subject`.
async fn arrived(sink: &SmtpSink, email: &str, subject: &str) -> Parsed {
    for _ in 0..300 {
        if let Some(p) = to(sink, email)
            .into_iter()
            .find(|p| p.subject.starts_with(subject))
        {
            return p;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let got: Vec<String> = to(sink, email).into_iter().map(|p| p.subject).collect();
    panic!("no mail {subject:?} to {email}; it got {got:?}");
}

/// The outbox rows of a user once `done` holds for them (at most 15 s).
async fn outbox_until(
    t: &TestApp,
    user_id: i64,
    done: impl Fn(&[MailRecord]) -> bool,
) -> Vec<MailRecord> {
    for _ in 0..300 {
        let rows = outbox::of_user(&t.db, user_id).await.unwrap();
        if done(&rows) {
            return rows;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let rows = outbox::of_user(&t.db, user_id).await.unwrap();
    panic!("the outbox never got there: {rows:#?}");
}

fn user_id(user: &serde_json::Value) -> i64 {
    user["id"].as_i64().unwrap()
}

#[tokio::test]
async fn the_school_mails_arrive_over_smtp_in_the_recipients_zone_with_both_parts() {
    let sink = SmtpSink::start().await;
    let t = TestApp::spawn_mail(Some(&sink.url())).await;
    t.set_now("2026-03-01T00:00:00Z");
    let admin = t.admin_token().await;
    let (_, teacher) = t.teacher("teo@example.com").await;
    let title = "Tapas & <b>Salsa</b>";
    let class = json!({"title": title, "capacityMax": 1, "levelIds": [], "teacherIds": [teacher],
        "sessions": [{"startAt": "2026-03-10T17:00:00Z", "endAt": "2026-03-10T18:00:00Z"}]});
    let (_, sessions) = t.group_class(&admin, class).await;
    let pack = t.package(credits_pack(2, 3)).await;

    // Registration → welcome; purchase → receipt.
    let (sam, sp, allowances) = buyer(&t, "sam@example.com", &pack).await;
    let welcome = arrived(&sink, "sam@example.com", "Welcome to Aula").await;
    assert!(welcome.alternative, "multipart/alternative with both parts");
    assert!(welcome.text.contains("Hello Test User,") && welcome.html.contains("Hello Test User,"));
    let receipt = arrived(&sink, "sam@example.com", "Your receipt: Credits").await;
    assert!(receipt.text.contains("$50.00"), "{}", receipt.text);
    assert!(receipt.text.contains(&format!("{}/me/credits", t.base)));

    // Sam reads times in Madrid; the confirmation says 18:00 there (17:00 UTC in March).
    let r = t
        .call(
            Method::PATCH,
            "/api/me",
            Some(json!({"timezone": "Europe/Madrid"})),
            Some(&sam),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let r = book(&t, &sam, sessions[0], sp, allowances[1]).await;
    assert_eq!(r.status, 201, "{}", r.text);
    let booked = arrived(&sink, "sam@example.com", "Booking confirmed").await;
    assert_eq!(booked.subject, format!("Booking confirmed: {title}"));
    let when = "Tuesday, 10 March 2026, 18:00 (Europe/Madrid)";
    assert!(booked.text.contains(when), "{}", booked.text);
    assert!(booked.html.contains(when), "{}", booked.html);
    assert!(booked.text.contains(&format!("{}/me/bookings", t.base)));
    assert!(
        booked
            .html
            .contains(&format!("href=\"{}/me/bookings\"", t.base))
    );
    // The class title is text in the HTML part, never markup.
    assert!(
        booked
            .html
            .contains("Tapas &#38; &#60;b&#62;Salsa&#60;/b&#62;"),
        "{}",
        booked.html
    );
    assert!(!booked.html.contains("<b>Salsa"));

    // Ana waits; Sam cancels: Sam is told the credit came back, Ana that the seat is hers.
    let (ana, ana_sp, ana_allowances) = buyer(&t, "ana@example.com", &pack).await;
    let full = book(&t, &ana, sessions[0], ana_sp, ana_allowances[1]).await;
    assert_eq!(full.status, 409);
    let r = t
        .post(
            "/api/waitlists",
            json!({"sessionId": sessions[0]}),
            Some(&ana),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    let mine = t.get("/api/bookings/me", Some(&sam)).await;
    let booking = mine.json["items"][0]["id"].as_i64().unwrap();
    let r = t
        .post(
            &format!("/api/bookings/{booking}/cancel"),
            json!({}),
            Some(&sam),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let cancelled = arrived(&sink, "sam@example.com", "Booking cancelled").await;
    assert!(
        cancelled.text.contains("1 credit was refunded."),
        "{}",
        cancelled.text
    );
    let promoted = arrived(&sink, "ana@example.com", "A seat is yours").await;
    assert!(
        promoted
            .text
            .contains("Tuesday, 10 March 2026, 17:00 (UTC)"),
        "{}",
        promoted.text
    );

    // The school cancels the session: Ana is told so (not "booking cancelled").
    let r = t
        .post(
            &format!("/api/admin/sessions/{}/cancel", sessions[0]),
            json!({}),
            Some(&admin),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let by_school = arrived(&sink, "ana@example.com", "Cancelled by the school").await;
    assert!(
        by_school.text.contains("1 credit was refunded."),
        "{}",
        by_school.text
    );
    assert!(
        to(&sink, "ana@example.com")
            .iter()
            .all(|p| !p.subject.starts_with("Booking cancelled"))
    );
    // Every kind has its own subject.
    let subjects: std::collections::BTreeSet<String> = sink
        .received()
        .iter()
        .map(|r| r.parsed().subject.split(':').next().unwrap().to_owned())
        .collect();
    assert!(subjects.len() >= 6, "{subjects:?}");
    assert!(
        sink.received()
            .iter()
            .all(|r| r.from.contains("school@aula.test"))
    );
}

/// The admin's "Retry" on `/admin/outbox` (303 whether or not the mail could be retried).
async fn retry(t: &TestApp, admin: &str, id: i64) {
    let r = t
        .client
        .post(t.url(&format!("/admin/outbox/{id}/retry")))
        .header("cookie", format!("aula_session={admin}"))
        .header("origin", &t.base)
        .form(&[("_csrf", csrf(admin))])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
}

#[tokio::test]
async fn a_refused_mail_is_retried_with_back_off_and_a_permanent_refusal_fails_it_for_the_admin() {
    let sink = SmtpSink::start().await;
    let t = TestApp::spawn_mail(Some(&sink.url())).await;
    t.set_now("2026-03-01T00:00:00Z");

    // 451: tried again 5 s later, then 10 s after the second failure.
    sink.answer(Answer::Temporary);
    let (_, ana) = t.register("ana@example.com").await;
    let rows = outbox_until(&t, user_id(&ana), |r| {
        r.len() == 1 && r[0].attempts == 1 && r[0].status == MailStatus::Queued
    })
    .await;
    assert!(
        rows[0].last_error.as_deref().unwrap_or("").contains("451"),
        "{rows:?}"
    );
    assert_eq!(
        rows[0].due_at,
        "2026-03-01T00:00:05Z"
            .parse::<chrono::DateTime<chrono::Utc>>()
            .unwrap()
    );
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(
        outbox::of_user(&t.db, user_id(&ana)).await.unwrap()[0].attempts,
        1,
        "not before its time"
    );
    t.set_now("2026-03-01T00:00:06Z");
    let rows = outbox_until(&t, user_id(&ana), |r| {
        r[0].attempts == 2 && r[0].status == MailStatus::Queued
    })
    .await;
    assert_eq!(
        rows[0].due_at,
        "2026-03-01T00:00:16Z"
            .parse::<chrono::DateTime<chrono::Utc>>()
            .unwrap()
    );
    sink.answer(Answer::Accept);
    t.set_now("2026-03-01T00:00:20Z");
    arrived(&sink, "ana@example.com", "Welcome").await;
    outbox_until(&t, user_id(&ana), |r| r[0].status == MailStatus::Sent).await;
    assert_eq!(to(&sink, "ana@example.com").len(), 1, "handed over once");

    // 550: failed at once, listed for the admin, who retries it.
    sink.answer(Answer::Permanent);
    let (_, bob) = t.register("bob@example.com").await;
    let rows = outbox_until(&t, user_id(&bob), |r| {
        r.len() == 1 && r[0].status == MailStatus::Failed
    })
    .await;
    assert_eq!(rows[0].attempts, 1);
    let admin = t.admin_token().await;
    let (status, page) = t.page("/admin/outbox", Some(&admin)).await;
    assert_eq!(status, 200);
    assert!(
        page.contains("bob@example.com") && page.contains("Failed") && page.contains("550"),
        "{page}"
    );
    assert!(page.contains(">Retry</button>"));
    let id = rows[0].id;
    retry(&t, &admin, id).await;
    sink.answer(Answer::Accept);
    arrived(&sink, "bob@example.com", "Welcome").await;
    let rows = outbox_until(&t, user_id(&bob), |r| r[0].status == MailStatus::Sent).await;
    assert_eq!(rows[0].subject.as_deref(), Some("Welcome to Aula"));
    // A mail that is not failed cannot be retried.
    retry(&t, &admin, id).await;
    assert_eq!(
        outbox::of_user(&t.db, user_id(&bob)).await.unwrap()[0].status,
        MailStatus::Sent
    );
}

#[tokio::test]
async fn without_an_smtp_server_mails_are_logged_and_stay_in_the_outbox() {
    let t = TestApp::spawn_mail(None).await;
    let (_, ana) = t.register("ana@example.com").await;
    let rows = outbox_until(&t, user_id(&ana), |r| {
        r.len() == 1 && r[0].status == MailStatus::Logged
    })
    .await;
    assert_eq!(rows[0].kind, MailKind::Welcome);
    assert_eq!(rows[0].subject.as_deref(), Some("Welcome to Aula"));
    let admin = t.admin_token().await;
    let (_, page) = t.page("/admin/outbox", Some(&admin)).await;
    assert!(
        page.contains("Logged (not sent)") && page.contains("No SMTP server is configured"),
        "{page}"
    );
}

#[tokio::test]
async fn a_reminder_goes_out_24_hours_before_and_never_for_a_cancelled_booking() {
    let sink = SmtpSink::start().await;
    let t = TestApp::spawn_mail(Some(&sink.url())).await;
    let school = t.school(4, 2).await; // now: 1 March 00:00; sessions 2 March 08:00 and 10:00 UTC
    let pack = t.package(credits_pack(2, 4)).await;
    let (sam, sp, allowances) = buyer(&t, "sam@example.com", &pack).await;
    let first = book(&t, &sam, school.sessions[0], sp, allowances[1]).await;
    let second = book(&t, &sam, school.sessions[1], sp, allowances[1]).await;
    assert_eq!((first.status.as_u16(), second.status.as_u16()), (201, 201));
    let second_id = second.json["id"].as_i64().unwrap();
    let r = t
        .post(
            &format!("/api/bookings/{second_id}/cancel"),
            json!({}),
            Some(&sam),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    arrived(&sink, "sam@example.com", "Booking cancelled").await;
    // A minute more than 24 h before: nothing yet.
    t.set_now("2026-03-01T07:59:00Z");
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert!(
        to(&sink, "sam@example.com")
            .iter()
            .all(|p| !p.subject.starts_with("Tomorrow"))
    );
    // 24 h before the first: its reminder, and none for the cancelled second.
    t.set_now("2026-03-01T08:00:30Z");
    let reminder = arrived(&sink, "sam@example.com", "Tomorrow: Conversation").await;
    assert!(
        reminder.text.contains("Monday, 2 March 2026, 08:00 (UTC)"),
        "{}",
        reminder.text
    );
    t.set_now("2026-03-01T10:00:30Z");
    let sam_id = t.get("/api/me", Some(&sam)).await.json["id"]
        .as_i64()
        .unwrap();
    let rows = outbox_until(&t, sam_id, |r| {
        r.iter()
            .filter(|m| m.kind == MailKind::Reminder)
            .all(|m| !matches!(m.status, MailStatus::Queued | MailStatus::Sending))
    })
    .await;
    let reminders: Vec<MailStatus> = rows
        .iter()
        .filter(|m| m.kind == MailKind::Reminder)
        .map(|m| m.status)
        .collect();
    assert_eq!(reminders, [MailStatus::Sent, MailStatus::Skipped]);
    assert_eq!(
        to(&sink, "sam@example.com")
            .iter()
            .filter(|p| p.subject.starts_with("Tomorrow"))
            .count(),
        1
    );
    // A booking made less than 24 h before its start gets no reminder.
    let (ana, ana_sp, ana_allowances) = buyer(&t, "ana@example.com", &pack).await;
    let late = book(&t, &ana, school.sessions[1], ana_sp, ana_allowances[1]).await;
    assert_eq!(late.status, 201, "{}", late.text);
    let ana_id = t.get("/api/me", Some(&ana)).await.json["id"]
        .as_i64()
        .unwrap();
    let rows = outbox::of_user(&t.db, ana_id).await.unwrap();
    assert!(
        rows.iter().all(|m| m.kind != MailKind::Reminder),
        "{rows:?}"
    );
}

#[tokio::test]
async fn two_server_processes_on_one_database_never_send_a_mail_twice() {
    let sink = SmtpSink::start().await;
    let t = TestApp::spawn().await;
    let url = sink.url();
    let env = [("AULA_SMTP_URL", url.as_str())];
    let a = Server::start_with(t.database_url(), &env).await;
    let b = Server::start_with(t.database_url(), &env).await;
    // 30 registrations through both processes: 30 welcome mails in the one outbox.
    let http = reqwest::Client::new();
    let mut calls = Vec::new();
    for i in 0..30 {
        let base = if i % 2 == 0 { &a.1 } else { &b.1 };
        calls.push(
            http.post(format!("{base}/api/auth/register"))
                .json(&json!({
            "email": format!("s{i}@example.com"), "password": "correct horse",
            "firstName": "S", "lastName": format!("{i}")}))
                .send(),
        );
    }
    for r in aula_test_support::join_all(calls).await {
        assert_eq!(r.unwrap().status(), 201);
    }
    sink.wait_for(30).await;
    // Both workers keep polling; nothing arrives twice.
    tokio::time::sleep(Duration::from_secs(3)).await;
    let got = sink.received();
    let mut to: Vec<String> = got.iter().flat_map(|r| r.to.clone()).collect();
    to.sort();
    to.dedup();
    assert_eq!((got.len(), to.len()), (30, 30));
    assert_eq!(
        t.count("SELECT COUNT(*) FROM outbox WHERE status = 'SENT'")
            .await,
        30
    );
    drop((a, b));
}

#[tokio::test]
async fn mails_done_with_are_purged_and_failed_ones_stay() {
    let t = TestApp::spawn().await;
    for email in ["a@example.com", "b@example.com", "c@example.com"] {
        t.register(email).await;
    }
    let ids: Vec<i64> = outbox::recent(&t.db, 10)
        .await
        .unwrap()
        .iter()
        .map(|m| m.id)
        .collect();
    assert_eq!(ids.len(), 3);
    let (sent, failed) = (ids[0], ids[1]);
    aula_test_support::execute(
        &t.db,
        &format!("UPDATE outbox SET status = 'SENT' WHERE id = {sent}"),
    )
    .await
    .unwrap();
    aula_test_support::execute(
        &t.db,
        &format!("UPDATE outbox SET status = 'FAILED' WHERE id = {failed}"),
    )
    .await
    .unwrap();
    let now = t.app.clock.now();
    assert_eq!(
        outbox::purge_done(&t.db, now - chrono::Duration::days(30))
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        outbox::purge_done(&t.db, now + chrono::Duration::days(31))
            .await
            .unwrap(),
        1
    );
    let left: Vec<MailStatus> = outbox::recent(&t.db, 10)
        .await
        .unwrap()
        .iter()
        .map(|m| m.status)
        .collect();
    assert_eq!(left.len(), 2);
    assert!(left.contains(&MailStatus::Queued) && left.contains(&MailStatus::Failed));
}
