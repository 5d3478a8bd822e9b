//! Course steps: the roadmap's phase-9 scenario and the step rules.

use aula_test_support::{NOW, School, TestApp, assert_error, book, execute, remaining};
use serde_json::{Value, json};

/// A 4-step program whose steps can each be taken in the sessions of the school's class and of a
/// second class; returns (program id, step ids, the second class's session ids).
async fn program(t: &TestApp, s: &School) -> (i64, Vec<i64>, Vec<i64>) {
    let program = t.course_program("SFZ", 4).await;
    let body = json!({"title": "SFZ evening", "capacityMax": 5, "levelIds": [], "teacherIds": [s.teacher],
        "sessions": [{"startAt": "2026-03-03T18:00:00Z", "endAt": "2026-03-03T19:00:00Z"}, {"startAt": "2026-03-04T18:00:00Z", "endAt": "2026-03-04T19:00:00Z"}]});
    let (other_class, other_sessions) = t.group_class(&s.admin, body).await;
    let mut steps = Vec::new();
    for n in 1..=4 {
        let step = t
            .count(&format!(
                "SELECT id FROM course_steps WHERE label = 'SFZ-{n}'"
            ))
            .await;
        for class in [s.class, other_class] {
            execute(&t.db, &format!("INSERT INTO course_step_options (course_step_id, group_class_id, is_active, created_at) VALUES ({step}, {class}, TRUE, '{NOW}')")).await.unwrap();
        }
        steps.push(step);
    }
    (program, steps, other_sessions)
}

fn bundle(program: i64) -> Value {
    json!({"name": "SFZ bundle", "amountMinor": 30000, "currency": "usd", "expiresInDays": null, "allowances": [
        {"serviceType": "COURSE", "credits": 1, "courseProgramId": program},
        {"serviceType": "PRIVATE", "credits": 2, "creditUnitMinutes": 60},
        {"serviceType": "GROUP", "credits": 3, "creditUnitMinutes": 60}]})
}

async fn status_of(t: &TestApp, sp: i64, step: i64) -> String {
    for s in ["UNBOOKED", "BOOKED", "COMPLETED", "MISSED", "CANCELLED"] {
        if t.count(&format!("SELECT COUNT(*) FROM student_course_step_progress WHERE student_package_id = {sp} AND course_step_id = {step} AND status = '{s}'")).await == 1 {
            return s.to_owned();
        }
    }
    "NONE".to_owned()
}

#[tokio::test]
async fn phase_nine_scenario() {
    let t = TestApp::spawn().await;
    let s = t.school(5, 3).await;
    let (program, steps, other) = program(&t, &s).await;
    let p = t.package(bundle(program)).await;
    let (token, _) = t.register("sam@example.com").await;
    t.buy(&token, p["id"].as_i64().unwrap()).await;
    let sp = t.get("/api/packages/my-credits", Some(&token)).await.json["items"][0]["id"]
        .as_i64()
        .unwrap();
    assert_eq!(t.count(&format!("SELECT COUNT(*) FROM student_course_step_progress WHERE student_package_id = {sp} AND status = 'UNBOOKED'")).await, 4);

    // Step 1 in the class's first session: a COURSE_STEP booking, no credit spent.
    let r = t
        .post(
            "/api/bookings",
            json!({"sessionId": s.sessions[0], "courseStepId": steps[0]}),
            Some(&token),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    assert_eq!(
        (
            r.json["kind"].as_str(),
            r.json["creditsCost"].as_i64(),
            r.json["courseStepId"].as_i64()
        ),
        (Some("COURSE_STEP"), Some(0), Some(steps[0]))
    );
    assert_eq!(
        (
            r.json["studentPackageId"].as_i64(),
            r.json["allowanceId"].is_null()
        ),
        (Some(sp), true)
    );
    assert_eq!(
        t.count(&format!(
            "SELECT COUNT(*) FROM package_uses WHERE student_package_id = {sp}"
        ))
        .await,
        0,
        "no PackageUse"
    );
    assert_eq!(status_of(&t, sp, steps[0]).await, "BOOKED");
    let step_booking = r.json["id"].as_i64().unwrap();

    // The same step again, in the other option's session: refused.
    let again = t
        .post(
            "/api/bookings",
            json!({"sessionId": other[0], "courseStepId": steps[0]}),
            Some(&token),
        )
        .await;
    assert_error(&again, 409, "step_already_booked");

    // A bonus group credit spent on a drop-in class, then cancelled back to the same allowance.
    let drop_body = json!({"title": "Drop-in", "capacityMax": 5, "levelIds": [], "teacherIds": [s.teacher],
        "sessions": [{"startAt": "2026-03-05T18:00:00Z", "endAt": "2026-03-05T19:00:00Z"}]});
    let drop_in = t
        .post("/api/admin/group-classes", drop_body, Some(&s.admin))
        .await
        .json["sessions"][0]["id"]
        .as_i64()
        .unwrap();
    let group = p["allowances"][2]["id"].as_i64().unwrap();
    let d = book(&t, &token, drop_in, sp, group).await;
    assert_eq!(d.status, 201, "{}", d.text);
    assert_eq!(remaining(&t, &token, group).await, 2);
    let c = t
        .post(
            &format!("/api/bookings/{}/cancel", d.json["id"]),
            json!({}),
            Some(&token),
        )
        .await;
    assert_eq!(
        c.json["refundedTo"],
        json!({"studentPackageId": sp, "allowanceId": group})
    );
    assert_eq!(remaining(&t, &token, group).await, 3);

    // Attendance completes the step.
    t.set_now("2026-03-02T08:30:00Z");
    let a = t
        .post(
            &format!("/api/sessions/{}/attendance", s.sessions[0]),
            json!({"items": [{"bookingId": step_booking, "status": "ATTENDED"}]}),
            Some(&s.teacher_token),
        )
        .await;
    assert_eq!(a.status, 200, "{}", a.text);
    assert_eq!(status_of(&t, sp, steps[0]).await, "COMPLETED");
    assert_eq!(t.count(&format!("SELECT COUNT(*) FROM student_course_step_progress WHERE student_package_id = {sp} AND completed_at IS NOT NULL")).await, 1);
}

#[tokio::test]
async fn step_rules_enrolment_options_cancel_and_make_up() {
    let t = TestApp::spawn().await;
    let s = t.school(5, 3).await;
    let (program, steps, other) = program(&t, &s).await;
    let p = t.package(bundle(program)).await;
    let (token, _) = t.register("sam@example.com").await;
    let (stranger, _) = t.register("eve@example.com").await;
    t.buy(&token, p["id"].as_i64().unwrap()).await;
    let sp = t.get("/api/packages/my-credits", Some(&token)).await.json["items"][0]["id"]
        .as_i64()
        .unwrap();
    assert_error(
        &t.post(
            "/api/bookings",
            json!({"sessionId": s.sessions[0], "courseStepId": steps[1]}),
            Some(&stranger),
        )
        .await,
        409,
        "not_enrolled",
    );
    // A session of a class that is no option of the step.
    let lone = json!({"title": "Other", "capacityMax": 5, "levelIds": [], "teacherIds": [s.teacher], "sessions": [{"startAt": "2026-03-06T10:00:00Z", "endAt": "2026-03-06T11:00:00Z"}]});
    let lone = t
        .post("/api/admin/group-classes", lone, Some(&s.admin))
        .await
        .json["sessions"][0]["id"]
        .as_i64()
        .unwrap();
    let r = t
        .post(
            "/api/bookings",
            json!({"sessionId": lone, "courseStepId": steps[1]}),
            Some(&token),
        )
        .await;
    assert_error(&r, 422, "validation_failed");
    assert!(r.json["error"]["fields"]["sessionId"].is_string());
    assert_error(
        &t.post(
            "/api/bookings",
            json!({"sessionId": s.sessions[0], "courseStepId": 999_999}),
            Some(&token),
        )
        .await,
        404,
        "not_found",
    );
    // Cancelling a step booking puts the step back to UNBOOKED.
    let b = t
        .post(
            "/api/bookings",
            json!({"sessionId": other[0], "courseStepId": steps[1]}),
            Some(&token),
        )
        .await;
    assert_eq!(b.status, 201, "{}", b.text);
    t.post(
        &format!("/api/bookings/{}/cancel", b.json["id"]),
        json!({}),
        Some(&token),
    )
    .await;
    assert_eq!(status_of(&t, sp, steps[1]).await, "UNBOOKED");
    // A missed step may be made up.
    let b = t
        .post(
            "/api/bookings",
            json!({"sessionId": s.sessions[0], "courseStepId": steps[1]}),
            Some(&token),
        )
        .await;
    t.set_now("2026-03-02T09:30:00Z");
    t.post(
        &format!("/api/sessions/{}/attendance", s.sessions[0]),
        json!({"items": [{"bookingId": b.json["id"], "status": "NO_SHOW"}]}),
        Some(&s.admin),
    )
    .await;
    assert_eq!(status_of(&t, sp, steps[1]).await, "MISSED");
    let makeup = t
        .post(
            "/api/bookings",
            json!({"sessionId": other[0], "courseStepId": steps[1], "studentPackageId": sp}),
            Some(&token),
        )
        .await;
    assert_eq!(makeup.status, 201, "{}", makeup.text);
    assert_eq!(status_of(&t, sp, steps[1]).await, "BOOKED");
    // Cancelling the whole session releases steps booked on it.
    let x = t
        .post(
            "/api/bookings",
            json!({"sessionId": s.sessions[2], "courseStepId": steps[2]}),
            Some(&token),
        )
        .await;
    assert_eq!(x.status, 201, "{}", x.text);
    t.post(
        &format!("/api/admin/sessions/{}/cancel", s.sessions[2]),
        json!({}),
        Some(&s.admin),
    )
    .await;
    assert_eq!(status_of(&t, sp, steps[2]).await, "UNBOOKED");
}
