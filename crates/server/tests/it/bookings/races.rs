//! Invariants under concurrency: no overbooked session, no credit spent twice, no course step
//! booked twice — in one process, and across two server processes sharing one database.

use aula_test_support::{NOW, TestApp, book, buyer, credits_pack, execute, join_all, remaining};
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn twenty_students_race_for_two_seats() {
    let t = TestApp::spawn().await;
    let s = t.school(2, 1).await;
    let p = t.package(credits_pack(1, 2)).await;
    let mut students = Vec::new();
    for i in 0..20 {
        students.push(buyer(&t, &format!("s{i}@example.com"), &p).await);
    }
    let tries = students
        .iter()
        .map(|(token, sp, a)| book(&t, token, s.sessions[0], *sp, a[1]))
        .collect();
    let replies = join_all(tries).await;
    let won = replies.iter().filter(|r| r.status == 201).count();
    let full = replies
        .iter()
        .filter(|r| r.status == 409 && r.json["error"]["code"] == "session_full")
        .count();
    assert_eq!(
        (won, full),
        (2, 18),
        "{:?}",
        replies.iter().map(|r| r.text.clone()).collect::<Vec<_>>()
    );
    assert_eq!(
        t.count(&format!(
            "SELECT COUNT(*) FROM bookings WHERE session_id = {} AND status = 'CONFIRMED'",
            s.sessions[0]
        ))
        .await,
        2
    );
    assert_eq!(
        t.count("SELECT COUNT(*) FROM package_uses WHERE kind = 'USE'")
            .await,
        2,
        "only winners paid"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_student_fires_eight_bookings_with_two_credits() {
    let t = TestApp::spawn().await;
    let s = t.school(5, 8).await;
    let p = t.package(credits_pack(1, 2)).await;
    let (token, sp, a) = buyer(&t, "sam@example.com", &p).await;
    let tries = s
        .sessions
        .iter()
        .map(|session| book(&t, &token, *session, sp, a[1]))
        .collect();
    let replies = join_all(tries).await;
    let won = replies.iter().filter(|r| r.status == 201).count();
    let short = replies
        .iter()
        .filter(|r| r.json["error"]["code"] == "insufficient_credits")
        .count();
    assert_eq!((won, short), (2, 6));
    assert_eq!(remaining(&t, &token, a[1]).await, 0);
    assert_eq!(t.count(&format!("SELECT COALESCE(SUM(credits), 0) FROM package_uses WHERE student_package_id = {sp} AND kind = 'USE'")).await, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_requests_for_the_same_step_book_it_once() {
    let t = TestApp::spawn().await;
    let s = t.school(5, 2).await;
    let program = t.course_program("SFZ", 1).await;
    let step = t
        .count("SELECT id FROM course_steps WHERE label = 'SFZ-1'")
        .await;
    execute(&t.db, &format!("INSERT INTO course_step_options (course_step_id, group_class_id, is_active, created_at) VALUES ({step}, {}, TRUE, '{NOW}')", s.class)).await.unwrap();
    let p = t
        .package(
            json!({"name": "SFZ", "amountMinor": 100, "currency": "usd", "expiresInDays": null,
        "allowances": [{"serviceType": "COURSE", "credits": 1, "courseProgramId": program}]}),
        )
        .await;
    let (token, _) = t.register("sam@example.com").await;
    t.buy(&token, p["id"].as_i64().unwrap()).await;
    for _ in 0..3 {
        let tries = s
            .sessions
            .iter()
            .map(|session| {
                t.post(
                    "/api/bookings",
                    json!({"sessionId": session, "courseStepId": step}),
                    Some(&token),
                )
            })
            .collect();
        let replies = join_all(tries).await;
        let won: Vec<_> = replies.iter().filter(|r| r.status == 201).collect();
        assert_eq!(
            won.len(),
            1,
            "{:?}",
            replies.iter().map(|r| r.text.clone()).collect::<Vec<_>>()
        );
        assert!(
            replies
                .iter()
                .any(|r| r.json["error"]["code"] == "step_already_booked")
        );
        // Free the step for the next round.
        let id = won[0].json["id"].as_i64().unwrap();
        assert_eq!(
            t.post(
                &format!("/api/bookings/{id}/cancel"),
                json!({}),
                Some(&token)
            )
            .await
            .status,
            200
        );
    }
    assert_eq!(
        t.count(&format!(
            "SELECT COUNT(*) FROM bookings WHERE course_step_id = {step} AND status = 'CONFIRMED'"
        ))
        .await,
        0
    );
}

/// A second `aula serve` process on the test's database; killed when dropped.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_seat_race_holds_across_two_server_processes() {
    let t = TestApp::spawn().await;
    // The processes run on the real clock: a session a week ahead.
    let now = chrono::Utc::now();
    t.clock.set(now);
    let admin = t.admin_token().await;
    let (_, teacher) = t.teacher("teo@example.com").await;
    let start = (now + chrono::Duration::days(7))
        .format("%Y-%m-%dT%H:00:00Z")
        .to_string();
    let end = (now + chrono::Duration::days(7) + chrono::Duration::hours(1))
        .format("%Y-%m-%dT%H:00:00Z")
        .to_string();
    let class = json!({"title": "Race", "capacityMax": 2, "levelIds": [], "teacherIds": [teacher], "sessions": [{"startAt": start, "endAt": end}]});
    let session = t.group_class(&admin, class).await.1[0];
    let p = t.package(credits_pack(1, 2)).await;
    let mut students = Vec::new();
    for i in 0..16 {
        students.push(buyer(&t, &format!("s{i}@example.com"), &p).await);
    }
    let one = crate::server::Server::start(t.database_url()).await;
    let two = crate::server::Server::start(t.database_url()).await;
    let client = reqwest::Client::new();
    let tries = students
        .iter()
        .enumerate()
        .map(|(i, (token, sp, a))| {
            let base = if i % 2 == 0 { &one.1 } else { &two.1 };
            client
                .post(format!("{base}/api/bookings"))
                .bearer_auth(token)
                .json(&json!({"sessionId": session, "studentPackageId": sp, "allowanceId": a[1]}))
                .send()
        })
        .collect();
    let replies = join_all(tries).await;
    let statuses: Vec<u16> = replies
        .into_iter()
        .map(|r| r.expect("answered").status().as_u16())
        .collect();
    assert_eq!(
        statuses.iter().filter(|s| **s == 201).count(),
        2,
        "{statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|s| **s == 409).count(),
        14,
        "{statuses:?}"
    );
    assert_eq!(
        t.count(&format!(
            "SELECT COUNT(*) FROM bookings WHERE session_id = {session} AND status = 'CONFIRMED'"
        ))
        .await,
        2
    );
}

/// One labelled request of the mixed-writes test.
type Write<'a> = std::pin::Pin<
    Box<dyn std::future::Future<Output = (&'static str, aula_test_support::Reply)> + 'a>,
>;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_mixed_writes_wait_for_each_other_and_never_fail() {
    let t = TestApp::spawn().await;
    let s = t.school(40, 4).await;
    let p = t.package(credits_pack(4, 10)).await;
    let mut cancels = Vec::new();
    let mut moves = Vec::new();
    let mut bookers = Vec::new();
    for i in 0..24 {
        let (token, sp, a) = buyer(&t, &format!("b{i}@example.com"), &p).await;
        match i {
            0..8 => {
                let r = book(&t, &token, s.sessions[0], sp, a[1]).await;
                cancels.push((token, r.json["id"].as_i64().unwrap()));
            }
            8..14 => {
                let r = book(&t, &token, s.sessions[1], sp, a[1]).await;
                moves.push((token, r.json["id"].as_i64().unwrap()));
            }
            _ => bookers.push((token, sp, a[1])),
        }
    }
    let mut grantees = Vec::new();
    for i in 0..8 {
        let (_, user) = t.register(&format!("g{i}@example.com")).await;
        grantees.push(user["id"].as_i64().unwrap());
    }
    let mut checkouts = Vec::new();
    for i in 0..8 {
        let (token, _) = t.register(&format!("c{i}@example.com")).await;
        let r = t
            .post("/api/checkout", json!({"packageId": p["id"]}), Some(&token))
            .await;
        checkouts.push(r.json["checkoutSessionId"].as_str().unwrap().to_owned());
    }
    let (t, s) = (&t, &s);
    let mut writes: Vec<Write> = Vec::new();
    for i in 0..10 {
        writes.push(Box::pin(async move {
            let body = json!({"email": format!("new{i}@example.com"), "password": "long enough", "firstName": "N", "lastName": "W"});
            ("register", t.post("/api/auth/register", body, None).await)
        }));
    }
    for user in &grantees {
        writes.push(Box::pin(async move {
            let path = format!("/api/admin/users/{user}/roles");
            (
                "grant",
                t.post(&path, json!({"role": "teacher"}), Some(&s.admin))
                    .await,
            )
        }));
    }
    for (token, id) in &cancels {
        writes.push(Box::pin(async move {
            let path = format!("/api/bookings/{id}/cancel");
            ("cancel", t.post(&path, json!({}), Some(token)).await)
        }));
    }
    for (token, id) in &moves {
        writes.push(Box::pin(async move {
            let path = format!("/api/bookings/{id}/reschedule");
            let body = json!({"sessionId": s.sessions[2]});
            ("reschedule", t.post(&path, body, Some(token)).await)
        }));
    }
    for (token, sp, allowance) in &bookers {
        writes.push(Box::pin(async move {
            ("book", book(t, token, s.sessions[3], *sp, *allowance).await)
        }));
    }
    for cs in &checkouts {
        writes.push(Box::pin(async move {
            let event =
                aula_test_support::completed_event(&format!("evt_{cs}"), cs, &format!("pi_{cs}"));
            ("webhook", t.webhook(&event).await)
        }));
    }
    assert_eq!(writes.len(), 50);
    let replies = join_all(writes).await;
    let wrong: Vec<String> = replies
        .iter()
        .filter(|(what, r)| {
            let expected = match *what {
                "register" | "book" => 201,
                _ => 200,
            };
            r.status != expected
        })
        .map(|(what, r)| format!("{what}: {} {}", r.status, r.text))
        .collect();
    assert!(wrong.is_empty(), "{wrong:#?}");
    assert_eq!(
        t.count("SELECT COUNT(*) FROM bookings WHERE status = 'CONFIRMED'")
            .await,
        16,
        "10 new bookings and 6 moved ones"
    );
    assert_eq!(t.count("SELECT COUNT(*) FROM student_packages").await, 32);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn lowering_the_capacity_during_bookings_never_leaves_a_session_overbooked() {
    let t = TestApp::spawn().await;
    let s = t.school(10, 1).await;
    let p = t.package(credits_pack(1, 2)).await;
    let mut students = Vec::new();
    for i in 0..10 {
        students.push(buyer(&t, &format!("s{i}@example.com"), &p).await);
    }
    let t_ref = &t;
    let session = s.sessions[0];
    let mut tries: Vec<Write<'_>> = students
        .iter()
        .map(|(token, sp, a)| -> Write<'_> {
            Box::pin(async move { ("book", book(t_ref, token, session, *sp, a[1]).await) })
        })
        .collect();
    let admin = s.admin.clone();
    let class = s.class;
    tries.insert(
        5,
        Box::pin(async move {
            let r = t_ref
                .call(
                    reqwest::Method::PATCH,
                    &format!("/api/admin/group-classes/{class}"),
                    Some(json!({"capacityMax": 3})),
                    Some(&admin),
                )
                .await;
            ("lower", r)
        }),
    );
    let replies = join_all(tries).await;
    assert!(replies.iter().all(|(_, r)| !r.status.is_server_error()));
    let capacity = t
        .count(&format!(
            "SELECT capacity_max FROM sessions WHERE id = {}",
            s.sessions[0]
        ))
        .await;
    let seats = t
        .count(&format!(
            "SELECT COUNT(*) FROM bookings WHERE session_id = {} AND status = 'CONFIRMED'",
            s.sessions[0]
        ))
        .await;
    assert!(seats <= capacity, "{seats} seats taken of {capacity}");
    let lowered = replies
        .iter()
        .any(|(k, r)| *k == "lower" && r.status == 200);
    assert_eq!(
        capacity == 3,
        lowered,
        "the capacity changed only if the change answered 200"
    );
}
