//! Options: attaching and detaching group classes, and detaching while a booking goes through.

use aula_test_support::{TestApp, assert_error, join_all};
use reqwest::Method;
use serde_json::json;

use super::{ADMIN, class, course_package, id, option, program, step};

#[tokio::test]
async fn options_attach_and_detach_group_classes() {
    let t = TestApp::spawn().await;
    t.set_now("2026-03-01T00:00:00Z");
    let admin = t.admin_token().await;
    let (_, teacher) = t.teacher("tina@example.com").await;
    let (conversation, _) = class(
        &t,
        &admin,
        teacher,
        "Conversation",
        &["2026-03-10T10:00:00Z"],
    )
    .await;
    let p = id(&program(&t, &admin, json!({"code": "SFZ", "title": "Spanish"})).await);
    let s = id(&step(&t, &admin, p, 1, "SFZ-1").await);
    let o = option(&t, &admin, s, conversation).await;
    assert_eq!(
        o,
        json!({"id": id(&o), "groupClassId": conversation, "title": "Conversation", "isActive": true})
    );
    let got = t.get(&format!("{ADMIN}/{p}"), Some(&admin)).await.json;
    assert_eq!(got["steps"][0]["options"], json!([o]));

    let path = format!("{ADMIN}/steps/{s}/options");
    assert_error(
        &t.post(&path, json!({"groupClassId": conversation}), Some(&admin))
            .await,
        409,
        "duplicate",
    );
    let r = t
        .post(&path, json!({"groupClassId": 999999}), Some(&admin))
        .await;
    assert_error(&r, 422, "validation_failed");
    assert!(r.json["error"]["fields"]["groupClassId"].is_string());
    assert_error(
        &t.post(&path, json!({}), Some(&admin)).await,
        422,
        "validation_failed",
    );
    let unknown_step = format!("{ADMIN}/steps/999999/options");
    assert_error(
        &t.post(
            &unknown_step,
            json!({"groupClassId": conversation}),
            Some(&admin),
        )
        .await,
        404,
        "not_found",
    );

    let del = format!("{ADMIN}/steps/options/{}", id(&o));
    assert_eq!(
        t.call(Method::DELETE, &del, None, Some(&admin))
            .await
            .status,
        204
    );
    assert_error(
        &t.call(Method::DELETE, &del, None, Some(&admin)).await,
        404,
        "not_found",
    );
    let got = t.get(&format!("{ADMIN}/{p}"), Some(&admin)).await.json;
    assert_eq!(got["steps"][0]["options"], json!([]));
    // Attaching it again works.
    option(&t, &admin, s, conversation).await;
}

#[tokio::test]
async fn detaching_an_option_and_booking_through_it_never_both_succeed() {
    let t = TestApp::spawn().await;
    t.set_now("2026-03-01T00:00:00Z");
    let admin = t.admin_token().await;
    let (_, teacher) = t.teacher("tina@example.com").await;
    let (morning, sessions) =
        class(&t, &admin, teacher, "Morning", &["2026-03-20T10:00:00Z"]).await;
    let p = id(&program(&t, &admin, json!({"code": "SFZ", "title": "Spanish"})).await);
    let s1 = id(&step(&t, &admin, p, 1, "SFZ-1").await);
    let package = course_package(&t, p, "SFZ course").await;
    let (token, _) = t.register("sam@example.com").await;
    t.buy(&token, package).await;
    let book = json!({"sessionId": sessions[0], "courseStepId": s1});
    for round in 0..8 {
        let o = id(&option(&t, &admin, s1, morning).await);
        let del = format!("{ADMIN}/steps/options/{o}");
        let (detached, booked) = if round % 2 == 0 {
            let r = join_all(vec![
                t.call(Method::DELETE, &del, None, Some(&admin)),
                t.call(
                    Method::POST,
                    "/api/bookings",
                    Some(book.clone()),
                    Some(&token),
                ),
            ])
            .await;
            (r[0].status.as_u16(), r[1].status.as_u16())
        } else {
            let r = join_all(vec![
                t.call(
                    Method::POST,
                    "/api/bookings",
                    Some(book.clone()),
                    Some(&token),
                ),
                t.call(Method::DELETE, &del, None, Some(&admin)),
            ])
            .await;
            (r[1].status.as_u16(), r[0].status.as_u16())
        };
        assert!(
            matches!((detached, booked), (204, 422) | (409, 201)),
            "round {round}: detach {detached}, booking {booked}"
        );
        let confirmed = format!(
            "SELECT COUNT(*) FROM bookings WHERE course_step_id = {s1} AND status = 'CONFIRMED'"
        );
        if booked == 201 {
            let b = t
                .count(&format!(
                    "SELECT MAX(id) FROM bookings WHERE course_step_id = {s1}"
                ))
                .await;
            let r = t
                .post(
                    &format!("/api/bookings/{b}/cancel"),
                    json!({}),
                    Some(&token),
                )
                .await;
            assert_eq!(r.status, 200, "{}", r.text);
            assert_eq!(
                t.call(Method::DELETE, &del, None, Some(&admin))
                    .await
                    .status,
                204
            );
        }
        assert_eq!(t.count(&confirmed).await, 0);
    }
}
