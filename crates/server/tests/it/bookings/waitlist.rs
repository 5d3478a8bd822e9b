//! Waiting lists and automatic promotion when a seat frees.

use aula_test_support::{TestApp, assert_error, book, buyer, credits_pack};
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn joins_only_full_sessions_and_keeps_dense_positions() {
    let t = TestApp::spawn().await;
    let s = t.school(1, 2).await;
    let p = t.package(credits_pack(5, 5)).await;
    let (ana, sp, a) = buyer(&t, "ana@example.com", &p).await;
    let (bob, _) = t.register("bob@example.com").await;
    let (cleo, _) = t.register("cleo@example.com").await;
    assert_error(
        &t.post(
            "/api/waitlists",
            json!({"sessionId": s.sessions[0]}),
            Some(&bob),
        )
        .await,
        409,
        "session_not_full",
    );
    book(&t, &ana, s.sessions[0], sp, a[1]).await;
    assert_error(
        &t.post(
            "/api/waitlists",
            json!({"sessionId": s.sessions[0]}),
            Some(&ana),
        )
        .await,
        409,
        "already_booked",
    );
    let b = t
        .post(
            "/api/waitlists",
            json!({"sessionId": s.sessions[0]}),
            Some(&bob),
        )
        .await;
    assert_eq!(
        (
            b.status.as_u16(),
            b.json["position"].as_i64(),
            b.json["sessionId"].as_i64()
        ),
        (201, Some(1), Some(s.sessions[0]))
    );
    let c = t
        .post(
            "/api/waitlists",
            json!({"sessionId": s.sessions[0]}),
            Some(&cleo),
        )
        .await;
    assert_eq!(c.json["position"], 2);
    assert_error(
        &t.post(
            "/api/waitlists",
            json!({"sessionId": s.sessions[0]}),
            Some(&bob),
        )
        .await,
        409,
        "duplicate",
    );
    assert_error(
        &t.post("/api/waitlists", json!({"sessionId": 999_999}), Some(&bob))
            .await,
        404,
        "not_found",
    );
    assert_eq!(
        t.get(&format!("/api/sessions/{}", s.sessions[0]), None)
            .await
            .json["waitlistCount"],
        2
    );
    let bid = b.json["id"].as_i64().unwrap();
    assert_error(
        &t.call(
            Method::DELETE,
            &format!("/api/waitlists/{bid}"),
            None,
            Some(&cleo),
        )
        .await,
        404,
        "not_found",
    );
    assert_eq!(
        t.call(
            Method::DELETE,
            &format!("/api/waitlists/{bid}"),
            None,
            Some(&bob)
        )
        .await
        .status,
        204
    );
    let mine = t.get("/api/waitlists/me", Some(&cleo)).await;
    assert_eq!(mine.json["items"][0]["position"], 1, "positions stay dense");
    assert_eq!(
        t.get("/api/waitlists/me", Some(&bob)).await.json["items"],
        json!([])
    );
}

#[tokio::test]
async fn a_freed_seat_goes_to_the_first_waiting_student_who_can_pay() {
    let t = TestApp::spawn().await;
    let s = t.school(1, 1).await;
    let p = t.package(credits_pack(5, 5)).await;
    let (ana, sp, a) = buyer(&t, "ana@example.com", &p).await;
    let (bob, _) = t.register("bob@example.com").await; // no credits
    let (cleo, _, ca) = buyer(&t, "cleo@example.com", &p).await;
    let seat = book(&t, &ana, s.sessions[0], sp, a[1]).await.json["id"]
        .as_i64()
        .unwrap();
    t.post(
        "/api/waitlists",
        json!({"sessionId": s.sessions[0]}),
        Some(&bob),
    )
    .await;
    t.post(
        "/api/waitlists",
        json!({"sessionId": s.sessions[0]}),
        Some(&cleo),
    )
    .await;
    assert_eq!(
        t.post(
            &format!("/api/bookings/{seat}/cancel"),
            json!({}),
            Some(&ana)
        )
        .await
        .status,
        200
    );
    // Bob cannot pay and keeps his place; Cleo gets the seat with her recommended (group) credit.
    let cleo_bookings = t.get("/api/bookings/me", Some(&cleo)).await;
    let got = &cleo_bookings.json["items"][0];
    assert_eq!(
        (got["status"].as_str(), got["allowanceId"].as_i64()),
        (Some("CONFIRMED"), Some(ca[1]))
    );
    assert_eq!(
        t.get("/api/waitlists/me", Some(&cleo)).await.json["items"],
        json!([])
    );
    let bob_place = t.get("/api/waitlists/me", Some(&bob)).await;
    assert_eq!(bob_place.json["items"][0]["position"], 1);
    let session = t
        .get(&format!("/api/sessions/{}", s.sessions[0]), None)
        .await;
    assert_eq!(
        (
            session.json["bookedCount"].as_i64(),
            session.json["waitlistCount"].as_i64()
        ),
        (Some(1), Some(1))
    );
}

#[tokio::test]
async fn new_seats_from_a_bigger_capacity_go_to_waiting_students() {
    let t = TestApp::spawn().await;
    let s = t.school(1, 1).await;
    let p = t.package(credits_pack(5, 5)).await;
    let (ana, sp, a) = buyer(&t, "ana@example.com", &p).await;
    let (bob, _, ba) = buyer(&t, "bob@example.com", &p).await;
    book(&t, &ana, s.sessions[0], sp, a[1]).await;
    t.post(
        "/api/waitlists",
        json!({"sessionId": s.sessions[0]}),
        Some(&bob),
    )
    .await;
    let r = t
        .call(
            Method::PATCH,
            &format!("/api/admin/group-classes/{}", s.class),
            Some(json!({"capacityMax": 2})),
            Some(&s.admin),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json["sessions"][0]["bookedCount"], 2);
    assert_eq!(r.json["sessions"][0]["waitlistCount"], 0);
    let bob_booking = &t.get("/api/bookings/me", Some(&bob)).await.json["items"][0];
    assert_eq!(
        (
            bob_booking["status"].as_str(),
            bob_booking["allowanceId"].as_i64()
        ),
        (Some("CONFIRMED"), Some(ba[1]))
    );
}

#[tokio::test]
async fn private_sessions_have_no_waiting_list() {
    let t = TestApp::spawn().await;
    let s = t.school(1, 1).await;
    let now = "'2026-03-01T00:00:00Z'";
    aula_test_support::execute(&t.db, &format!("INSERT INTO sessions (type, status, teacher_id, start_at, end_at, capacity_max, created_at, updated_at) VALUES ('PRIVATE', 'SCHEDULED', {}, '2026-03-05T10:00:00Z', '2026-03-05T11:00:00Z', 1, {now}, {now})", s.teacher)).await.unwrap();
    let private = t
        .count("SELECT MAX(id) FROM sessions WHERE type = 'PRIVATE'")
        .await;
    let (bob, _) = t.register("bob@example.com").await;
    // Checked before "not full": the private session has its one seat free.
    assert_error(
        &t.post("/api/waitlists", json!({"sessionId": private}), Some(&bob))
            .await,
        409,
        "session_not_bookable",
    );
}
