//! The student's course packages: one item per purchase of a course, steps in order with their
//! progress, the booked session and the next step to book.

use aula_test_support::{TestApp, assert_error, execute, refund_event};
use serde_json::{Value, json};

use crate::course_programs::{class, course_booking, course_package, program, step};

const MINE: &str = "/api/students/me/course-packages";

/// A program with steps `SFZ-1`..`SFZ-n` (added in reverse order) and a package selling it;
/// returns (program id, step ids in order, package id).
async fn course(t: &TestApp, admin: &str, steps: i64) -> (i64, Vec<i64>, i64) {
    let p = program(
        t,
        admin,
        json!({"code": "SFZ", "title": "Spanish from zero"}),
    )
    .await["id"]
        .as_i64()
        .unwrap();
    let mut ids = Vec::new();
    for n in (1..=steps).rev() {
        ids.insert(
            0,
            step(t, admin, p, n, &format!("SFZ-{n}")).await["id"]
                .as_i64()
                .unwrap(),
        );
    }
    (p, ids, course_package(t, p, "SFZ course").await)
}

fn step_ids(item: &Value) -> Vec<i64> {
    item["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["stepId"].as_i64().unwrap())
        .collect()
}

async fn latest_student_package(t: &TestApp) -> i64 {
    t.count("SELECT MAX(id) FROM student_packages").await
}

#[tokio::test]
async fn course_packages_need_a_login() {
    let t = TestApp::spawn().await;
    assert_error(&t.get(MINE, None).await, 401, "unauthenticated");
    assert_error(
        &t.get(&format!("{MINE}/1"), None).await,
        401,
        "unauthenticated",
    );
}

#[tokio::test]
async fn a_bought_course_lists_its_steps_unbooked_in_order() {
    let t = TestApp::spawn().await;
    t.set_now("2026-03-01T00:00:00Z");
    let admin = t.admin_token().await;
    let (p, steps, package) = course(&t, &admin, 3).await;
    let credits_only = t
        .package(
            json!({"name": "Group ten", "amountMinor": 5000, "currency": "usd", "expiresInDays": 30,
        "allowances": [{"serviceType": "GROUP", "credits": 10, "creditUnitMinutes": 60}]}),
        )
        .await;
    let (token, _) = t.register("sam@example.com").await;
    assert_eq!(t.get(MINE, Some(&token)).await.json, json!({"items": []}));
    t.buy(&token, credits_only["id"].as_i64().unwrap()).await;
    t.buy(&token, package).await;
    let sp = latest_student_package(&t).await;

    let r = t.get(MINE, Some(&token)).await;
    assert_eq!(r.status, 200, "{}", r.text);
    let items = r.json["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "packages without a course are left out");
    let item = &items[0];
    assert_eq!(
        (
            item["studentPackageId"].as_i64(),
            item["courseProgramId"].as_i64(),
            item["code"].as_str(),
            item["title"].as_str()
        ),
        (Some(sp), Some(p), Some("SFZ"), Some("Spanish from zero"))
    );
    assert_eq!(item["purchasedAt"], "2026-03-01T00:00:00Z");
    assert!(item["expiresAt"].is_null());
    assert_eq!(
        (
            item["totalSteps"].as_i64(),
            item["completedSteps"].as_i64(),
            item["bookedSteps"].as_i64(),
            item["nextStepId"].as_i64()
        ),
        (Some(3), Some(0), Some(0), Some(steps[0]))
    );
    assert_eq!(step_ids(item), steps);
    assert_eq!(
        item["steps"][0],
        json!({"stepId": steps[0], "stepOrder": 1, "label": "SFZ-1", "title": "Step SFZ-1", "isRequired": true,
            "status": "UNBOOKED", "bookingId": null, "session": null, "bookedAt": null, "completedAt": null})
    );
    let one = t.get(&format!("{MINE}/{sp}"), Some(&token)).await;
    assert_eq!(one.status, 200, "{}", one.text);
    assert_eq!(&one.json, item);
}

#[tokio::test]
async fn booked_completed_and_missed_steps_show_their_sessions_and_the_next_step() {
    let t = TestApp::spawn().await;
    t.set_now("2026-03-01T00:00:00Z");
    let admin = t.admin_token().await;
    let (_, teacher) = t.teacher("tina@example.com").await;
    let (_, sessions) = class(
        &t,
        &admin,
        teacher,
        "Morning",
        &["2026-03-05T10:00:00Z", "2026-03-12T10:00:00Z"],
    )
    .await;
    let (_, steps, package) = course(&t, &admin, 4).await;
    let (token, user) = t.register("sam@example.com").await;
    t.buy(&token, package).await;
    let sp = latest_student_package(&t).await;
    let student = user["studentId"].as_i64().unwrap();
    let done = course_booking(&t, sessions[0], student, sp, steps[0]).await;
    let booked = course_booking(&t, sessions[1], student, sp, steps[2]).await;
    execute(
        &t.db,
        &format!("UPDATE bookings SET status = 'COMPLETED' WHERE id = {done}"),
    )
    .await
    .unwrap();
    let set = |step: i64, status: &str, booking: i64, session: i64, completed: &str| {
        format!(
            "UPDATE student_course_step_progress SET status = '{status}', booking_id = {booking}, session_id = {session}, \
            booked_at = '2026-03-02T09:00:00Z', completed_at = {completed} WHERE student_package_id = {sp} AND course_step_id = {step}"
        )
    };
    execute(
        &t.db,
        &set(
            steps[0],
            "COMPLETED",
            done,
            sessions[0],
            "'2026-03-05T11:00:00Z'",
        ),
    )
    .await
    .unwrap();
    execute(&t.db, &set(steps[2], "BOOKED", booked, sessions[1], "NULL"))
        .await
        .unwrap();
    execute(
        &t.db,
        &format!(
            "UPDATE student_course_step_progress SET status = 'MISSED' WHERE course_step_id = {}",
            steps[1]
        ),
    )
    .await
    .unwrap();

    let item = t.get(&format!("{MINE}/{sp}"), Some(&token)).await.json;
    assert_eq!(
        (
            item["totalSteps"].as_i64(),
            item["completedSteps"].as_i64(),
            item["bookedSteps"].as_i64()
        ),
        (Some(4), Some(1), Some(1))
    );
    assert_eq!(
        item["nextStepId"], steps[1],
        "a missed step is made up first"
    );
    let statuses: Vec<&str> = item["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["COMPLETED", "MISSED", "BOOKED", "UNBOOKED"]);
    let first = &item["steps"][0];
    assert_eq!(first["bookingId"], done);
    assert_eq!(first["bookedAt"], "2026-03-02T09:00:00Z");
    assert_eq!(first["completedAt"], "2026-03-05T11:00:00Z");
    assert_eq!(first["session"]["id"], sessions[0]);
    let third = &item["steps"][2];
    assert_eq!(
        (third["bookingId"].as_i64(), third["completedAt"].is_null()),
        (Some(booked), true)
    );
    let s = &third["session"];
    assert_eq!(
        (
            s["id"].as_i64(),
            s["startAt"].as_str(),
            s["title"].as_str(),
            s["bookedCount"].as_i64(),
            s["availableSpots"].as_i64()
        ),
        (
            Some(sessions[1]),
            Some("2026-03-12T10:00:00Z"),
            Some("Morning"),
            Some(1),
            Some(3)
        )
    );
    assert!(item["steps"][1]["session"].is_null());
    assert_eq!(t.get(MINE, Some(&token)).await.json["items"][0], item);

    // With every step done or booked, nothing is next.
    execute(&t.db, &format!("UPDATE student_course_step_progress SET status = 'COMPLETED' WHERE student_package_id = {sp} AND status <> 'BOOKED'")).await.unwrap();
    let item = t.get(&format!("{MINE}/{sp}"), Some(&token)).await.json;
    assert!(item["nextStepId"].is_null());
    assert_eq!(
        (
            item["completedSteps"].as_i64(),
            item["bookedSteps"].as_i64()
        ),
        (Some(3), Some(1))
    );
}

#[tokio::test]
async fn booking_and_cancelling_a_step_through_the_api_shows_in_the_course() {
    let t = TestApp::spawn().await;
    t.set_now("2026-03-01T00:00:00Z");
    let admin = t.admin_token().await;
    let (_, teacher) = t.teacher("tina@example.com").await;
    let (morning, sessions) =
        class(&t, &admin, teacher, "Morning", &["2026-03-10T10:00:00Z"]).await;
    let (p, steps, package) = course(&t, &admin, 2).await;
    crate::course_programs::option(&t, &admin, steps[0], morning).await;
    let (token, _) = t.register("sam@example.com").await;
    t.buy(&token, package).await;
    let sp = latest_student_package(&t).await;
    t.set_now("2026-03-02T08:00:00Z");
    let r = t
        .post(
            "/api/bookings",
            json!({"sessionId": sessions[0], "courseStepId": steps[0]}),
            Some(&token),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    let booking = r.json["id"].as_i64().unwrap();

    let item = t.get(&format!("{MINE}/{sp}"), Some(&token)).await.json;
    let first = &item["steps"][0];
    assert_eq!(
        (
            first["status"].as_str(),
            first["bookingId"].as_i64(),
            first["session"]["id"].as_i64(),
            first["bookedAt"].as_str()
        ),
        (
            Some("BOOKED"),
            Some(booking),
            Some(sessions[0]),
            Some("2026-03-02T08:00:00Z")
        )
    );
    assert_eq!(first["session"]["availableSpots"], 3);
    assert_eq!(
        (item["bookedSteps"].as_i64(), item["nextStepId"].as_i64()),
        (Some(1), Some(steps[1]))
    );
    let detail = t.get(&format!("/api/course-programs/{p}"), None).await.json;
    assert_eq!(
        detail["steps"][0]["options"][0]["sessions"][0]["availableSpots"],
        3
    );

    let r = t
        .post(
            &format!("/api/bookings/{booking}/cancel"),
            json!({}),
            Some(&token),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let item = t.get(&format!("{MINE}/{sp}"), Some(&token)).await.json;
    assert_eq!(item["steps"][0]["status"], "UNBOOKED");
    assert_eq!(
        (item["bookedSteps"].as_i64(), item["nextStepId"].as_i64()),
        (Some(0), Some(steps[0]))
    );
}

#[tokio::test]
async fn one_course_package_is_404_unless_it_is_the_callers_course() {
    let t = TestApp::spawn().await;
    let admin = t.admin_token().await;
    let (_, _, package) = course(&t, &admin, 2).await;
    let credits_only = t
        .package(
            json!({"name": "Group ten", "amountMinor": 5000, "currency": "usd", "expiresInDays": 30,
        "allowances": [{"serviceType": "GROUP", "credits": 10, "creditUnitMinutes": 60}]}),
        )
        .await;
    let (sam, _) = t.register("sam@example.com").await;
    let (ona, _) = t.register("ona@example.com").await;
    t.buy(&sam, package).await;
    let sams = latest_student_package(&t).await;
    t.buy(&sam, credits_only["id"].as_i64().unwrap()).await;
    let credits = latest_student_package(&t).await;
    assert_eq!(
        t.get(&format!("{MINE}/{sams}"), Some(&sam)).await.status,
        200
    );
    assert_error(
        &t.get(&format!("{MINE}/{sams}"), Some(&ona)).await,
        404,
        "not_found",
    );
    assert_eq!(t.get(MINE, Some(&ona)).await.json, json!({"items": []}));
    assert_error(
        &t.get(&format!("{MINE}/{credits}"), Some(&sam)).await,
        404,
        "not_found",
    );
    assert_error(
        &t.get(&format!("{MINE}/999999"), Some(&sam)).await,
        404,
        "not_found",
    );
    assert_error(
        &t.get(&format!("{MINE}/abc"), Some(&sam)).await,
        404,
        "not_found",
    );
}

#[tokio::test]
async fn expired_and_refunded_courses_leave_the_list() {
    let t = TestApp::spawn().await;
    t.set_now("2026-03-01T00:00:00Z");
    let admin = t.admin_token().await;
    let (p, _, _) = course(&t, &admin, 2).await;
    let monthly = t
        .package(
            json!({"name": "SFZ week", "amountMinor": 9000, "currency": "eur", "expiresInDays": 7,
        "allowances": [{"serviceType": "COURSE", "credits": 1, "courseProgramId": p}]}),
        )
        .await;
    let (sam, _) = t.register("sam@example.com").await;
    t.buy(&sam, monthly["id"].as_i64().unwrap()).await;
    let week = latest_student_package(&t).await;
    let item = &t.get(MINE, Some(&sam)).await.json["items"][0];
    assert_eq!(item["expiresAt"], "2026-03-08T00:00:00Z");
    t.set_now("2026-03-08T00:00:00Z");
    assert_eq!(
        t.get(MINE, Some(&sam)).await.json,
        json!({"items": []}),
        "expired"
    );
    assert_eq!(
        t.get(&format!("{MINE}/{week}"), Some(&sam)).await.status,
        200,
        "still readable by id"
    );

    let (ona, _) = t.register("ona@example.com").await;
    let forever = course_package(&t, p, "SFZ course").await;
    let cs = t.buy(&ona, forever).await;
    let sp = latest_student_package(&t).await;
    assert_eq!(
        t.get(MINE, Some(&ona)).await.json["items"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let r = t
        .webhook(&refund_event(
            "evt_refund",
            &format!("pi_{cs}"),
            20000,
            20000,
        ))
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(
        t.get(MINE, Some(&ona)).await.json,
        json!({"items": []}),
        "refunded"
    );
    let item = t.get(&format!("{MINE}/{sp}"), Some(&ona)).await.json;
    let statuses: Vec<&str> = item["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["CANCELLED", "CANCELLED"], "the enrolment ended");
    assert!(item["nextStepId"].is_null());
}

#[tokio::test]
async fn newest_purchases_come_first_with_one_item_each() {
    let t = TestApp::spawn().await;
    t.set_now("2026-03-01T00:00:00Z");
    let admin = t.admin_token().await;
    let (_, _, package) = course(&t, &admin, 1).await;
    let (sam, _) = t.register("sam@example.com").await;
    t.buy(&sam, package).await;
    let first = latest_student_package(&t).await;
    t.set_now("2026-03-02T00:00:00Z");
    t.buy(&sam, package).await;
    let second = latest_student_package(&t).await;
    let items = t.get(MINE, Some(&sam)).await.json["items"].clone();
    let order: Vec<i64> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["studentPackageId"].as_i64().unwrap())
        .collect();
    assert_eq!(order, [second, first]);
}
