//! Deleting: programs are soft-deleted and keep their code; what students need is 409 `in_use`.

use aula_test_support::{TestApp, assert_error, execute};
use reqwest::Method;
use serde_json::json;

use super::{ADMIN, class, course_booking, course_package, id, ids, option, program, step};

#[tokio::test]
async fn deleted_programs_vanish_and_keep_their_code() {
    let t = TestApp::spawn().await;
    let admin = t.admin_token().await;
    let keep = id(&program(&t, &admin, json!({"code": "KEEP", "title": "Keep"})).await);
    let p = id(&program(&t, &admin, json!({"code": "SFZ", "title": "Spanish"})).await);
    let s = id(&step(&t, &admin, p, 1, "SFZ-1").await);
    // A deactivated package that nobody bought does not hold the program (an active one does).
    let package = course_package(&t, p, "SFZ course").await;
    let off = t
        .post(
            &format!("/api/admin/packages/{package}/deactivate"),
            json!({}),
            Some(&admin),
        )
        .await;
    assert_eq!(off.status, 200, "{}", off.text);
    let path = format!("{ADMIN}/{p}");
    let r = t.call(Method::DELETE, &path, None, Some(&admin)).await;
    assert_eq!(r.status, 204, "{}", r.text);
    assert!(r.text.is_empty());
    assert_error(&t.get(&path, Some(&admin)).await, 404, "not_found");
    assert_error(
        &t.call(Method::DELETE, &path, None, Some(&admin)).await,
        404,
        "not_found",
    );
    assert_eq!(ids(&t.get(ADMIN, Some(&admin)).await.json["items"]), [keep]);
    assert_eq!(
        ids(&t.get("/api/course-programs", None).await.json["items"]),
        [keep]
    );
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
        &t.post(
            ADMIN,
            json!({"code": "SFZ", "title": "Again"}),
            Some(&admin),
        )
        .await,
        409,
        "duplicate",
    );
    // Its steps can no longer be changed.
    let body = json!({"stepOrder": 2, "label": "SFZ-2", "title": "Two", "isRequired": true});
    assert_error(
        &t.post(&format!("{path}/steps"), body.clone(), Some(&admin))
            .await,
        404,
        "not_found",
    );
    assert_error(
        &t.call(
            Method::PUT,
            &format!("{ADMIN}/steps/{s}"),
            Some(body),
            Some(&admin),
        )
        .await,
        404,
        "not_found",
    );
}

#[tokio::test]
async fn deleting_what_students_depend_on_is_409_in_use() {
    let t = TestApp::spawn().await;
    t.set_now("2026-03-01T00:00:00Z");
    let admin = t.admin_token().await;
    let (_, teacher) = t.teacher("tina@example.com").await;
    let (morning, sessions) =
        class(&t, &admin, teacher, "Morning", &["2026-03-10T10:00:00Z"]).await;
    let (evening, _) = class(&t, &admin, teacher, "Evening", &["2026-03-10T18:00:00Z"]).await;
    let p = id(&program(&t, &admin, json!({"code": "SFZ", "title": "Spanish"})).await);
    let s1 = id(&step(&t, &admin, p, 1, "SFZ-1").await);
    let o_morning = id(&option(&t, &admin, s1, morning).await);
    let o_evening = id(&option(&t, &admin, s1, evening).await);
    let package = course_package(&t, p, "SFZ course").await;
    let (token, user) = t.register("sam@example.com").await;
    t.buy(&token, package).await;
    let sp = t.count("SELECT MAX(id) FROM student_packages").await;

    assert_error(
        &t.call(Method::DELETE, &format!("{ADMIN}/{p}"), None, Some(&admin))
            .await,
        409,
        "in_use",
    );
    assert_error(
        &t.call(
            Method::DELETE,
            &format!("{ADMIN}/steps/{s1}"),
            None,
            Some(&admin),
        )
        .await,
        409,
        "in_use",
    );
    let booking =
        course_booking(&t, sessions[0], user["studentId"].as_i64().unwrap(), sp, s1).await;
    let del_morning = format!("{ADMIN}/steps/options/{o_morning}");
    assert_error(
        &t.call(Method::DELETE, &del_morning, None, Some(&admin))
            .await,
        409,
        "in_use",
    );
    // The other class holds no booking of the step; a cancelled booking holds nothing.
    let del_evening = format!("{ADMIN}/steps/options/{o_evening}");
    assert_eq!(
        t.call(Method::DELETE, &del_evening, None, Some(&admin))
            .await
            .status,
        204
    );
    execute(
        &t.db,
        &format!("UPDATE bookings SET status = 'CANCELLED' WHERE id = {booking}"),
    )
    .await
    .unwrap();
    assert_eq!(
        t.call(Method::DELETE, &del_morning, None, Some(&admin))
            .await
            .status,
        204
    );
    assert_eq!(
        t.count(&format!(
            "SELECT COUNT(*) FROM course_programs WHERE id = {p} AND deleted_at IS NULL"
        ))
        .await,
        1
    );

    // A step that only a booking points at is in use too.
    let q = id(&program(&t, &admin, json!({"code": "QUICK", "title": "Quick"})).await);
    let lone = id(&step(&t, &admin, q, 1, "Q-1").await);
    course_booking(
        &t,
        sessions[0],
        user["studentId"].as_i64().unwrap(),
        sp,
        lone,
    )
    .await;
    assert_error(
        &t.call(
            Method::DELETE,
            &format!("{ADMIN}/steps/{lone}"),
            None,
            Some(&admin),
        )
        .await,
        409,
        "in_use",
    );
}

#[tokio::test]
async fn a_program_an_active_package_sells_cannot_be_deleted_and_a_deleted_one_cannot_be_bought() {
    let t = TestApp::spawn().await;
    let admin = t.admin_token().await;
    let p = id(&program(&t, &admin, json!({"code": "SFZ", "title": "Spanish"})).await);
    let package = course_package(&t, p, "SFZ course").await;
    let r = t
        .call(Method::DELETE, &format!("{ADMIN}/{p}"), None, Some(&admin))
        .await;
    assert_error(&r, 409, "in_use");
    assert!(
        r.json["error"]["message"]
            .as_str()
            .unwrap()
            .contains("deactivate")
    );
    // Deactivated, nobody enrolled: it may go; the package can no longer be bought.
    let off = t
        .post(
            &format!("/api/admin/packages/{package}/deactivate"),
            json!({}),
            Some(&admin),
        )
        .await;
    assert_eq!(off.status, 200, "{}", off.text);
    let gone = t
        .call(Method::DELETE, &format!("{ADMIN}/{p}"), None, Some(&admin))
        .await;
    assert_eq!(gone.status, 204, "{}", gone.text);
    let on = t
        .post(
            &format!("/api/admin/packages/{package}/activate"),
            json!({}),
            Some(&admin),
        )
        .await;
    assert_eq!(on.status, 200, "{}", on.text);
    let (token, _) = t.register("sam@example.com").await;
    let r = t
        .post("/api/checkout", json!({"packageId": package}), Some(&token))
        .await;
    assert_error(&r, 409, "package_inactive");
}
