//! The public catalogue and the public detail of a program.

use aula_test_support::{TestApp, assert_error, execute};
use serde_json::json;

use super::{class, course_booking, course_package, id, ids, option, program, step};

#[tokio::test]
async fn the_public_catalogue_lists_active_programs_with_their_packages() {
    let t = TestApp::spawn().await;
    let admin = t.admin_token().await;
    let p = program(
        &t,
        &admin,
        json!({"code": "SFZ", "title": "Spanish from zero", "description": "Start here",
        "timezone": "Europe/Madrid", "levelIds": [1]}),
    )
    .await;
    let p = id(&p);
    step(&t, &admin, p, 1, "SFZ-1").await;
    step(&t, &admin, p, 2, "SFZ-2").await;
    let hidden = id(&program(
        &t,
        &admin,
        json!({"code": "HIDDEN", "title": "Hidden", "isActive": false}),
    )
    .await);
    let other = id(&program(&t, &admin, json!({"code": "OTHER", "title": "Other"})).await);
    let selling = course_package(&t, p, "SFZ course").await;
    let retired = course_package(&t, p, "Old SFZ course").await;
    let r = t
        .post(
            &format!("/api/admin/packages/{retired}/deactivate"),
            json!({}),
            Some(&admin),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    course_package(&t, hidden, "Hidden course").await;
    let r = t.get("/api/course-programs", None).await;
    assert_eq!(r.status, 200);
    assert_eq!(ids(&r.json["items"]), [p, other], "active programs only");
    assert_eq!(
        r.json["items"][0],
        json!({"id": p, "code": "SFZ", "title": "Spanish from zero", "description": "Start here", "timezone": "Europe/Madrid",
            "stepCount": 2, "levels": [{"id": 1, "code": "A1", "name": "Beginner", "sortOrder": 10}],
            "packages": [{"id": selling, "name": "SFZ course", "amountMinor": 20000, "currency": "eur"}]})
    );
    assert_eq!(r.json["items"][1]["packages"], json!([]));
}

#[tokio::test]
async fn the_public_detail_takes_an_id_or_a_code_and_shows_upcoming_sessions() {
    let t = TestApp::spawn().await;
    t.set_now("2026-03-01T00:00:00Z");
    let admin = t.admin_token().await;
    let (_, teacher) = t.teacher("tina@example.com").await;
    let starts = [
        "2026-03-05T10:00:00Z",
        "2026-03-12T10:00:00Z",
        "2026-03-19T10:00:00Z",
    ];
    let (morning, sessions) = class(&t, &admin, teacher, "Morning", &starts).await;
    let (evening, _) = class(&t, &admin, teacher, "Evening", &["2026-03-12T18:00:00Z"]).await;
    let p = id(&program(&t, &admin, json!({"code": "SFZ", "title": "Spanish"})).await);
    let s2 = id(&step(&t, &admin, p, 2, "SFZ-2").await);
    let s1 = id(&step(&t, &admin, p, 1, "SFZ-1").await);
    let o1 = id(&option(&t, &admin, s1, morning).await);
    let off = id(&option(&t, &admin, s1, evening).await);
    execute(
        &t.db,
        &format!("UPDATE course_step_options SET is_active = false WHERE id = {off}"),
    )
    .await
    .unwrap();
    let package = course_package(&t, p, "SFZ course").await;
    let (token, user) = t.register("sam@example.com").await;
    t.buy(&token, package).await;
    let sp = t.count("SELECT MAX(id) FROM student_packages").await;
    course_booking(&t, sessions[2], user["studentId"].as_i64().unwrap(), sp, s1).await;
    let r = t
        .post(
            &format!("/api/admin/sessions/{}/cancel", sessions[1]),
            json!({}),
            Some(&admin),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    t.set_now("2026-03-06T00:00:00Z");

    let by_id = t.get(&format!("/api/course-programs/{p}"), None).await;
    assert_eq!(by_id.status, 200, "{}", by_id.text);
    assert_eq!(
        t.get("/api/course-programs/SFZ", None).await.json,
        by_id.json
    );
    assert_eq!(
        t.get("/api/course-programs/sfz", None).await.json,
        by_id.json
    );
    let d = &by_id.json;
    assert_eq!(
        (d["code"].as_str(), d["stepCount"].as_i64()),
        (Some("SFZ"), Some(2))
    );
    assert_eq!(d["packages"][0]["id"], package);
    assert_eq!(ids(&d["steps"]), [s1, s2]);
    assert_eq!(d["steps"][0]["label"], "SFZ-1");
    assert_eq!(d["steps"][0]["isRequired"], true);
    assert_eq!(ids(&d["steps"][0]["options"]), [o1], "only active options");
    let o = &d["steps"][0]["options"][0];
    assert_eq!(
        (o["groupClassId"].as_i64(), o["title"].as_str()),
        (Some(morning), Some("Morning"))
    );
    // The past session and the cancelled one are left out; the booked seat shows.
    assert_eq!(ids(&o["sessions"]), [sessions[2]]);
    let s = &o["sessions"][0];
    assert_eq!(
        (
            s["startAt"].as_str(),
            s["status"].as_str(),
            s["bookedCount"].as_i64(),
            s["availableSpots"].as_i64()
        ),
        (
            Some("2026-03-19T10:00:00Z"),
            Some("SCHEDULED"),
            Some(1),
            Some(3)
        )
    );
    assert_eq!(d["steps"][1]["options"], json!([]));

    execute(
        &t.db,
        &format!("UPDATE course_programs SET is_active = false WHERE id = {p}"),
    )
    .await
    .unwrap();
    assert_error(
        &t.get(&format!("/api/course-programs/{p}"), None).await,
        404,
        "not_found",
    );
    assert_error(
        &t.get("/api/course-programs/SFZ", None).await,
        404,
        "not_found",
    );
    assert_error(
        &t.get("/api/course-programs/999999", None).await,
        404,
        "not_found",
    );
    assert_error(
        &t.get("/api/course-programs/99999999999999999999999", None)
            .await,
        404,
        "not_found",
    );
    assert_error(
        &t.get("/api/course-programs/NOPE", None).await,
        404,
        "not_found",
    );
}
