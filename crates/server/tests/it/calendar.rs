//! Calendar feeds: the secret URL and its rotation, and the feed read back with an independent
//! iCalendar parser (the `ical` crate), its local times resolved against its own VTIMEZONEs.

use aula_test_support::{TestApp, assert_error, book, buyer, credits_pack, join_all};
use chrono::{DateTime, NaiveDateTime, Utc};
use ical::parser::ical::component::IcalCalendar;
use reqwest::Method;
use serde_json::json;

mod reader;

use reader::{Seen, events, local, value};

/// The feed URL of the user with `token`.
async fn feed_url(t: &TestApp, token: &str) -> String {
    let r = t.get("/api/me/calendar", Some(token)).await;
    assert_eq!(r.status, 200, "{}", r.text);
    r.json["url"].as_str().expect("url").to_owned()
}

/// Fetches a feed: (status, content type, body).
async fn fetch(t: &TestApp, url: &str) -> (u16, String, String) {
    let r = t.client.get(url).send().await.expect("feed answered");
    let status = r.status().as_u16();
    let kind = r
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    (status, kind, r.text().await.expect("feed body"))
}

/// The feed of the user with `token`, parsed.
async fn feed(t: &TestApp, token: &str) -> IcalCalendar {
    read(t, &feed_url(t, token).await).await
}

/// The feed at `url`, checked and parsed.
async fn read(t: &TestApp, url: &str) -> IcalCalendar {
    let (status, kind, text) = fetch(t, url).await;
    assert_eq!(status, 200, "{text}");
    assert_eq!(kind, "text/calendar; charset=utf-8");
    assert!(
        text.split_inclusive('\n')
            .all(|l| l.ends_with("\r\n") && l.len() <= 77),
        "CRLF lines of at most 75 octets: {text}"
    );
    let mut parser = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
    let cal = parser.next().expect("a VCALENDAR").expect("parses");
    assert!(parser.next().is_none(), "one VCALENDAR");
    cal
}

fn at(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

#[tokio::test]
async fn the_feed_url_stays_the_same_until_rotated() {
    let t = TestApp::spawn().await;
    assert_error(
        &t.get("/api/me/calendar", None).await,
        401,
        "unauthenticated",
    );
    assert_error(
        &t.post("/api/me/calendar/rotate", json!({}), None).await,
        401,
        "unauthenticated",
    );
    let (token, _) = t.register("sam@example.com").await;
    let first = feed_url(&t, &token).await;
    assert_eq!(feed_url(&t, &token).await, first, "the same on every call");
    let secret = first
        .strip_prefix(&format!("{}/calendar/", t.base))
        .and_then(|f| f.strip_suffix(".ics"))
        .unwrap_or_else(|| panic!("an absolute feed URL: {first}"));
    assert!(secret.len() >= 22, "{secret}");
    assert!(
        secret
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    );
    let (other, _) = t.register("ana@example.com").await;
    assert_ne!(feed_url(&t, &other).await, first, "one secret per user");
    assert_eq!(fetch(&t, &first).await.0, 200);

    let r = t
        .post("/api/me/calendar/rotate", json!({}), Some(&token))
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let second = r.json["url"].as_str().unwrap().to_owned();
    assert_ne!(second, first);
    assert_eq!(feed_url(&t, &token).await, second);
    assert_eq!(fetch(&t, &second).await.0, 200);
    // The old URL answers exactly like a token nobody ever had.
    let old = fetch(&t, &first).await;
    let unknown = fetch(&t, &t.url(&format!("/calendar/{}.ics", "a".repeat(64)))).await;
    assert_eq!(old.0, 404);
    assert_eq!(old, unknown);
    for path in [
        "/calendar/",
        "/calendar/x.txt",
        "/calendar/.ics",
        "/calendar/a.b.ics",
    ] {
        assert_eq!(fetch(&t, &t.url(path)).await.0, 404, "{path}");
    }
    assert_eq!(fetch(&t, second.trim_end_matches(".ics")).await.0, 404);
}

#[tokio::test]
async fn first_calls_at_once_agree_on_one_url() {
    let t = TestApp::spawn().await;
    let (token, _) = t.register("sam@example.com").await;
    let calls = (0..6).map(|_| feed_url(&t, &token)).collect();
    let urls = join_all(calls).await;
    assert!(urls.iter().all(|u| *u == urls[0]), "{urls:?}");
    assert_eq!(feed_url(&t, &token).await, urls[0]);
}

#[tokio::test]
async fn a_booking_keeps_its_uid_through_rotation_and_cancellation() {
    let t = TestApp::spawn().await;
    let s = t.school(5, 1).await;
    let p = t.package(credits_pack(5, 5)).await;
    let (token, sp, a) = buyer(&t, "sam@example.com", &p).await;
    assert!(feed(&t, &token).await.events.is_empty());
    let id = book(&t, &token, s.sessions[0], sp, a[1]).await.json["id"]
        .as_i64()
        .unwrap();

    let cal = feed(&t, &token).await;
    let seen = events(&cal);
    assert_eq!(seen.len(), 1, "{seen:?}");
    let e = &seen[0];
    assert_eq!(e.uid, format!("booking-{id}@aula"));
    assert_eq!(
        (e.summary.as_str(), e.status.as_str()),
        ("Conversation", "CONFIRMED")
    );
    // No zone of its own: the school's (UTC in tests), with its VTIMEZONE.
    assert_eq!(e.zone, "UTC");
    assert_eq!(cal.timezones.len(), 1);
    assert_eq!(
        (e.start, e.end),
        (at("2026-03-02T08:00:00Z"), at("2026-03-02T09:00:00Z"))
    );

    let r = t
        .post("/api/me/calendar/rotate", json!({}), Some(&token))
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(events(&feed(&t, &token).await)[0].uid, e.uid);

    let r = t
        .post(
            &format!("/api/bookings/{id}/cancel"),
            json!({}),
            Some(&token),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let seen = events(&feed(&t, &token).await);
    assert_eq!(seen.len(), 1, "a cancelled booking stays");
    assert_eq!(
        (seen[0].uid.as_str(), seen[0].status.as_str()),
        (e.uid.as_str(), "CANCELLED")
    );
}

#[tokio::test]
async fn a_teacher_sees_the_sessions_they_teach_in_a_fixed_number_of_queries() {
    let t = TestApp::spawn().await;
    let s = t.school(5, 2).await;
    let p = t.package(credits_pack(5, 5)).await;
    let (student, sp, a) = buyer(&t, "sam@example.com", &p).await;
    assert_eq!(
        book(&t, &student, s.sessions[1], sp, a[1]).await.status,
        201
    );
    let r = t
        .post(
            &format!("/api/admin/sessions/{}/cancel", s.sessions[1]),
            json!({}),
            Some(&s.admin),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);

    let url = feed_url(&t, &s.teacher_token).await;
    let before = t.db.queries();
    assert_eq!(fetch(&t, &url).await.0, 200);
    let two_sessions = t.db.queries() - before;
    let seen = events(&feed(&t, &s.teacher_token).await);
    let lines: Vec<(String, String, String)> = seen
        .iter()
        .map(|e| (e.uid.clone(), e.summary.clone(), e.status.clone()))
        .collect();
    assert_eq!(
        lines,
        [
            (
                format!("session-{}@aula", s.sessions[0]),
                "Conversation".into(),
                "CONFIRMED".into()
            ),
            (
                format!("session-{}@aula", s.sessions[1]),
                "Conversation".into(),
                "CANCELLED".into()
            ),
        ]
    );
    // The student's booking ended with the session, and says so.
    let theirs = events(&feed(&t, &student).await);
    assert_eq!(theirs.len(), 1);
    assert_eq!(theirs[0].status, "CANCELLED");

    // Three more sessions in another class: the same number of statements.
    let times: Vec<_> = (0..3)
        .map(|i| json!({"startAt": format!("2026-03-03T{:02}:00:00Z", 8 + 2 * i), "endAt": format!("2026-03-03T{:02}:00:00Z", 9 + 2 * i)}))
        .collect();
    let body = json!({"title": "Grammar", "capacityMax": 5, "levelIds": [], "teacherIds": [s.teacher], "sessions": times});
    t.group_class(&s.admin, body).await;
    let before = t.db.queries();
    let (status, _, text) = fetch(&t, &url).await;
    assert_eq!(status, 200);
    assert_eq!(t.db.queries() - before, two_sessions);
    assert_eq!(text.matches("BEGIN:VEVENT").count(), 5);
}

#[tokio::test]
async fn private_lessons_are_named_and_kept_in_the_zone_they_were_booked_in() {
    let t = TestApp::spawn().await;
    let s = t.school(5, 1).await;
    let rules = json!({"timezone": "Europe/Madrid", "rules": [{"weekday": 3, "startTime": "09:00", "endTime": "13:00"}], "exceptions": []});
    let r = t
        .call(
            Method::PUT,
            "/api/teachers/me/availability",
            Some(rules),
            Some(&s.teacher_token),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let p = t.package(credits_pack(5, 5)).await;
    let (token, sp, a) = buyer(&t, "sam@example.com", &p).await;
    let body = json!({"teacherId": s.teacher, "startAt": "2026-03-04T09:00:00+01:00", "endAt": "2026-03-04T10:00:00+01:00", "studentPackageId": sp, "allowanceId": a[0]});
    let r = t.post("/api/bookings", body, Some(&token)).await;
    assert_eq!(r.status, 201, "{}", r.text);

    let mine = events(&feed(&t, &token).await);
    assert_eq!(mine[0].summary, "Private lesson with Test User");
    assert_eq!(mine[0].zone, "Europe/Madrid");
    assert_eq!(mine[0].local_start, local("20260304T090000"));
    assert_eq!(mine[0].start, at("2026-03-04T08:00:00Z"));
    let taught = events(&feed(&t, &s.teacher_token).await);
    let private: Vec<&Seen> = taught
        .iter()
        .filter(|e| e.zone == "Europe/Madrid")
        .collect();
    assert_eq!(private.len(), 1, "{taught:?}");
    assert_eq!(private[0].summary, "Private lesson");
}

#[tokio::test]
async fn a_madrid_class_stays_at_18_00_across_the_march_clock_change() {
    let t = TestApp::spawn().await;
    t.set_now("2027-03-01T00:00:00Z");
    let admin = t.admin_token().await;
    let (teacher_token, teacher) = t.teacher("teo@example.com").await;
    // Mondays 15, 22 March (CET) and 29 March, 5 April (CEST: clocks change on Sunday 28 March).
    let body = json!({"title": "Evening conversation", "capacityMax": 6, "levelIds": [], "teacherIds": [teacher], "sessions": [],
        "recurrence": {"timezone": "Europe/Madrid", "weekdays": [1], "startTime": "18:00", "durationMinutes": 60,
            "startDate": "2027-03-15", "endDate": "2027-04-05"}});
    let (_, ids) = t.group_class(&admin, body).await;
    assert_eq!(ids.len(), 4);

    let cal = feed(&t, &teacher_token).await;
    let madrid = cal
        .timezones
        .iter()
        .find(|z| value(&z.properties, "TZID") == "Europe/Madrid")
        .expect("a VTIMEZONE for Europe/Madrid");
    assert!(
        madrid
            .transitions
            .iter()
            .any(|o| value(&o.properties, "TZOFFSETTO") == "+0200"),
        "the summer offset is described"
    );
    let seen = events(&cal);
    let starts: Vec<(String, NaiveDateTime, DateTime<Utc>)> = seen
        .iter()
        .map(|e| (e.zone.clone(), e.local_start, e.start))
        .collect();
    let expect = |day: &str, utc: &str| {
        (
            "Europe/Madrid".to_owned(),
            local(&format!("{day}T180000")),
            at(utc),
        )
    };
    assert_eq!(
        starts,
        [
            expect("20270315", "2027-03-15T17:00:00Z"),
            expect("20270322", "2027-03-22T17:00:00Z"),
            expect("20270329", "2027-03-29T16:00:00Z"),
            expect("20270405", "2027-04-05T16:00:00Z"),
        ]
    );
    // The instants agree with the API's.
    for (e, id) in seen.iter().zip(&ids) {
        let s = t.get(&format!("/api/sessions/{id}"), None).await;
        assert_eq!(
            s.json["startAt"],
            e.start.format("%Y-%m-%dT%H:%M:%SZ").to_string()
        );
        assert_eq!(e.end - e.start, chrono::Duration::hours(1));
    }
    // A student booked on both sides of the change sees the same local hour.
    let p = t.package(credits_pack(5, 5)).await;
    let (student, sp, a) = buyer(&t, "sam@example.com", &p).await;
    for id in &ids[1..3] {
        assert_eq!(book(&t, &student, *id, sp, a[1]).await.status, 201);
    }
    let booked: Vec<(String, NaiveDateTime, DateTime<Utc>)> = events(&feed(&t, &student).await)
        .into_iter()
        .map(|e| (e.zone, e.local_start, e.start))
        .collect();
    assert_eq!(
        booked,
        [
            expect("20270322", "2027-03-22T17:00:00Z"),
            expect("20270329", "2027-03-29T16:00:00Z"),
        ]
    );
}

#[tokio::test]
async fn events_older_than_30_days_leave_the_feed() {
    let t = TestApp::spawn().await;
    let s = t.school(5, 1).await;
    let p = t.package(credits_pack(5, 5)).await;
    let (token, sp, a) = buyer(&t, "sam@example.com", &p).await;
    assert_eq!(book(&t, &token, s.sessions[0], sp, a[1]).await.status, 201);
    let (mine, taught) = (
        feed_url(&t, &token).await,
        feed_url(&t, &s.teacher_token).await,
    );
    // The session starts 2026-03-02T08:00Z (the login sessions expire meanwhile; the feeds not).
    t.set_now("2026-04-01T07:59:00Z");
    assert_eq!(read(&t, &mine).await.events.len(), 1);
    assert_eq!(read(&t, &taught).await.events.len(), 1);
    t.set_now("2026-04-01T08:01:00Z");
    assert!(read(&t, &mine).await.events.is_empty());
    assert!(read(&t, &taught).await.events.is_empty());
}
