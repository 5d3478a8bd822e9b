//! Public reads answered from memory while the catalogue version the database keeps is current:
//! ETags and 304s, every write seen on the next request (also a write made by another server
//! process on the same database), seats always live.

use aula_test_support::{NOW, TestApp};
use serde_json::{Value, json};

use crate::server::Server;

async fn get_with_tag(t: &TestApp, path: &str, tag: Option<&str>) -> (u16, Option<String>, String) {
    let mut req = t.client.get(t.url(path));
    if let Some(tag) = tag {
        req = req.header("if-none-match", tag);
    }
    let r = req.send().await.unwrap();
    let status = r.status().as_u16();
    let etag = r
        .headers()
        .get("etag")
        .map(|v| v.to_str().unwrap().to_owned());
    (status, etag, r.text().await.unwrap())
}

#[tokio::test]
async fn public_reads_carry_an_etag_and_change_with_every_write() {
    let t = TestApp::spawn().await;
    t.set_now(NOW);
    let admin = t.admin_token().await;
    for path in [
        "/api/course-programs",
        "/api/packages",
        "/api/levels",
        "/api/teachers",
    ] {
        let (status, tag, _) = get_with_tag(&t, path, None).await;
        assert_eq!(status, 200, "{path}");
        let tag = tag.unwrap_or_else(|| panic!("{path} has an ETag"));
        let (again, _, body) = get_with_tag(&t, path, Some(&tag)).await;
        assert_eq!(again, 304, "{path}: unchanged → 304");
        assert!(body.is_empty());
    }
    let (_, before, _) = get_with_tag(&t, "/api/course-programs", None).await;
    let created = t
        .post(
            "/api/admin/course-programs",
            json!({"code": "NEW", "title": "Brand new"}),
            Some(&admin),
        )
        .await;
    assert_eq!(created.status, 201);
    let (status, after, body) = get_with_tag(&t, "/api/course-programs", before.as_deref()).await;
    assert_eq!(status, 200, "a write makes the old tag stale");
    assert_ne!(before, after);
    assert!(body.contains("Brand new"), "{body}");
    // A teacher's new name is seen in the teacher list at once.
    let (teo, _) = t.teacher("teo@example.com").await;
    let (_, tag, _) = get_with_tag(&t, "/api/teachers", None).await;
    let renamed = t
        .call(
            reqwest::Method::PATCH,
            "/api/me",
            Some(json!({"firstName": "Teodoro"})),
            Some(&teo),
        )
        .await;
    assert_eq!(renamed.status, 200);
    let (status, _, body) = get_with_tag(&t, "/api/teachers", tag.as_deref()).await;
    assert_eq!(status, 200);
    assert!(body.contains("Teodoro"), "{body}");
}

#[tokio::test]
async fn course_detail_seats_are_live_without_a_catalogue_write() {
    let t = TestApp::spawn().await;
    let s = t.school(5, 1).await;
    let program = t
        .post(
            "/api/admin/course-programs",
            json!({"code": "SEAT", "title": "Seats"}),
            Some(&s.admin),
        )
        .await
        .json["id"]
        .as_i64()
        .unwrap();
    let step = t
        .post(
            &format!("/api/admin/course-programs/{program}/steps"),
            json!({"stepOrder": 1, "label": "S-1", "title": "One", "isRequired": true}),
            Some(&s.admin),
        )
        .await
        .json["id"]
        .as_i64()
        .unwrap();
    t.post(
        &format!("/api/admin/course-programs/steps/{step}/options"),
        json!({"groupClassId": s.class}),
        Some(&s.admin),
    )
    .await;
    let seats = |v: &Value| v["steps"][0]["options"][0]["sessions"][0]["availableSpots"].clone();
    let (_, tag, body) = get_with_tag(&t, "/api/course-programs/SEAT", None).await;
    assert_eq!(seats(&serde_json::from_str(&body).unwrap()), 5);
    let p = t.package(aula_test_support::credits_pack(1, 2)).await;
    let (ana, sp, a) = aula_test_support::buyer(&t, "ana@example.com", &p).await;
    let version = t
        .count("SELECT version FROM data_versions WHERE name = 'catalogue'")
        .await;
    let b = aula_test_support::book(&t, &ana, s.sessions[0], sp, a[1]).await;
    assert_eq!(b.status, 201);
    assert_eq!(
        t.count("SELECT version FROM data_versions WHERE name = 'catalogue'")
            .await,
        version,
        "a booking never touches the catalogue version"
    );
    let (status, _, body) = get_with_tag(&t, "/api/course-programs/SEAT", tag.as_deref()).await;
    assert_eq!(status, 200, "the seats changed, so did the answer");
    assert_eq!(seats(&serde_json::from_str(&body).unwrap()), 4);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_made_through_another_server_process_is_seen_on_the_next_request() {
    // The other process runs on the real clock: so does this one.
    let t = TestApp::spawn().await;
    let admin = t.admin_token().await;
    let other = Server::start(t.database_url()).await;
    let (_, tag, body) = get_with_tag(&t, "/api/course-programs", None).await;
    assert!(!body.contains("Elsewhere"));
    let client = reqwest::Client::new();
    let r = client
        .post(format!("{}/api/admin/course-programs", other.1))
        .bearer_auth(&admin)
        .json(&json!({"code": "ELSE", "title": "Elsewhere"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201, "{:?}", r.text().await);
    let (status, _, body) = get_with_tag(&t, "/api/course-programs", tag.as_deref()).await;
    assert_eq!(status, 200);
    assert!(body.contains("Elsewhere"), "{body}");
    let (status, _, _) = get_with_tag(&t, "/api/course-programs/ELSE", None).await;
    assert_eq!(status, 200);
}

/// Sessions are kept in memory by the accounts version the database keeps: a role granted or
/// taken away and a logout, made through another server process, count on this process's next
/// request; logging in, registering and a session's flash message do not move the version.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_role_change_or_a_logout_through_another_server_process_counts_on_the_next_request() {
    let t = TestApp::spawn().await;
    let admin = t.admin_token().await;
    let (ana, user) = t.register("ana@example.com").await;
    let other = Server::start(t.database_url()).await;
    let accounts = || t.count("SELECT version FROM data_versions WHERE name = 'accounts'");
    assert_eq!(t.get("/api/me", Some(&ana)).await.status, 200);
    assert_eq!(t.get("/api/admin/users", Some(&ana)).await.status, 403);
    let version = accounts().await;
    let (_, _) = t.register("bea@example.com").await;
    let login = t
        .post(
            "/api/auth/login",
            json!({"email": "ana@example.com", "password": "correct horse"}),
            None,
        )
        .await;
    assert_eq!(login.status, 200, "{}", login.text);
    assert_eq!(
        accounts().await,
        version,
        "new sessions change no session seen"
    );

    let client = reqwest::Client::new();
    let roles = format!("{}/api/admin/users/{}/roles", other.1, user["id"]);
    let r = client
        .post(&roles)
        .bearer_auth(&admin)
        .json(&json!({"role": "admin"}))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success(), "{:?}", r.text().await);
    assert_eq!(
        t.get("/api/admin/users", Some(&ana)).await.status,
        200,
        "the role granted elsewhere counts at once"
    );
    let r = client
        .delete(format!("{roles}/admin"))
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success(), "{:?}", r.text().await);
    assert_eq!(t.get("/api/admin/users", Some(&ana)).await.status, 403);

    let r = client
        .post(format!("{}/api/auth/logout", other.1))
        .bearer_auth(&ana)
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success(), "{:?}", r.text().await);
    let me = t.get("/api/me", Some(&ana)).await;
    assert_eq!(me.status, 401, "logged out elsewhere: {}", me.text);
}

/// A student's credits are answered from memory while nothing of theirs changed (the second read
/// sends no ledger statement), and every write that changes them is seen on the next request,
/// also one made outside this server process (here straight in the database): a spend, a
/// refund of the purchase, a change of an allowance, and the purchase's expiry.
#[tokio::test]
async fn my_credits_are_kept_until_a_ledger_write_from_anywhere_or_an_expiry() {
    use aula_test_support::{buyer, credits_pack, execute};
    let t = TestApp::spawn().await;
    t.set_now(NOW);
    // Expires within a login's lifetime.
    let mut pack = credits_pack(2, 4);
    pack["expiresInDays"] = json!(1);
    let p = t.package(pack).await;
    let (token, sp, allowances) = buyer(&t, "kim@example.com", &p).await;
    let (other, other_sp, _) = buyer(&t, "lee@example.com", &p).await;
    let total = |r: &aula_test_support::Reply| {
        r.json["totalRemaining"]
            .as_i64()
            .unwrap_or_else(|| panic!("{} {}", r.status, r.text))
    };
    let mine = t.get("/api/packages/my-credits", Some(&token)).await;
    assert_eq!(total(&mine), 6, "{}", mine.text);

    // Nothing changed: from memory (the shared version reads only).
    let before = t.db.queries();
    let again = t.get("/api/packages/my-credits", Some(&token)).await;
    assert_eq!(again.json, mine.json);
    let sent = t.db.queries() - before;
    assert!(sent <= 2, "a kept answer sent {sent} statements");
    // Another student's ledger moves: this one stays kept.
    execute(&t.db, &format!("INSERT INTO package_uses (student_package_id, allowance_id, kind, credits, created_at) VALUES ({other_sp}, {}, 'USE', 1, '2026-03-01T00:00:00Z')", allowances[1])).await.unwrap();
    assert_eq!(
        total(&t.get("/api/packages/my-credits", Some(&token)).await),
        6
    );

    // A spend written outside the server.
    execute(&t.db, &format!("INSERT INTO package_uses (student_package_id, allowance_id, kind, credits, created_at) VALUES ({sp}, {}, 'USE', 1, '2026-03-01T00:00:00Z')", allowances[1])).await.unwrap();
    assert_eq!(
        total(&t.get("/api/packages/my-credits", Some(&token)).await),
        5
    );
    // An allowance changed (the catalogue's version).
    execute(
        &t.db,
        &format!(
            "UPDATE package_allowances SET credits = 10 WHERE id = {}",
            allowances[1]
        ),
    )
    .await
    .unwrap();
    assert_eq!(
        total(&t.get("/api/packages/my-credits", Some(&token)).await),
        11
    );
    // The other student's purchase refunded outside the server: gone from their list.
    assert_eq!(
        total(&t.get("/api/packages/my-credits", Some(&other)).await),
        11
    );
    execute(
        &t.db,
        &format!(
            "UPDATE student_packages SET refunded_at = '2026-03-01T00:00:00Z' WHERE id = {other_sp}"
        ),
    )
    .await
    .unwrap();
    let refunded = t.get("/api/packages/my-credits", Some(&other)).await;
    assert_eq!(refunded.json, json!({"items": [], "totalRemaining": 0}));
    // The purchase expires: it leaves the list at its expiry, with no write at all.
    let expires = mine.json["items"][0]["expiresAt"]
        .as_str()
        .unwrap()
        .to_owned();
    let expires = chrono::DateTime::parse_from_rfc3339(&expires)
        .unwrap()
        .with_timezone(&chrono::Utc);
    t.clock.set(expires - chrono::Duration::seconds(1));
    assert_eq!(
        total(&t.get("/api/packages/my-credits", Some(&token)).await),
        11
    );
    t.clock.set(expires);
    let gone = t.get("/api/packages/my-credits", Some(&token)).await;
    assert_eq!(gone.json, json!({"items": [], "totalRemaining": 0}));
}
