//! Steps: adding, replacing and deleting them, reordering, and reaching enrolled students.

use aula_test_support::{TestApp, assert_error, join_all};
use reqwest::Method;
use serde_json::json;

use super::{ADMIN, course_package, id, ids, program, step};

#[tokio::test]
async fn steps_are_added_replaced_and_deleted() {
    let t = TestApp::spawn().await;
    let admin = t.admin_token().await;
    let p = id(&program(&t, &admin, json!({"code": "SFZ", "title": "Spanish"})).await);
    let steps = format!("{ADMIN}/{p}/steps");
    let second = step(&t, &admin, p, 2, "SFZ-2").await;
    let body =
        json!({"stepOrder": 1, "label": " SFZ-1 ", "title": "Greetings", "description": "Hola"});
    let first = t.post(&steps, body, Some(&admin)).await;
    assert_eq!(first.status, 201, "{}", first.text);
    assert_eq!(
        first.json,
        json!({"id": id(&first.json), "stepOrder": 1, "label": "SFZ-1", "title": "Greetings", "description": "Hola",
            "isRequired": true, "options": []}),
        "isRequired defaults to true"
    );
    let got = t.get(&format!("{ADMIN}/{p}"), Some(&admin)).await.json;
    assert_eq!(got["stepCount"], 2);
    assert_eq!(
        ids(&got["steps"]),
        [id(&first.json), id(&second)],
        "in step order"
    );

    for (order, label) in [(1, "OTHER"), (3, "SFZ-2")] {
        let dup = json!({"stepOrder": order, "label": label, "title": "Dup", "isRequired": false});
        assert_error(&t.post(&steps, dup, Some(&admin)).await, 409, "duplicate");
    }
    let bad = json!({"stepOrder": 0, "label": " ", "title": "", "description": "x".repeat(5001), "isRequired": true});
    let r = t.post(&steps, bad, Some(&admin)).await;
    assert_error(&r, 422, "validation_failed");
    for key in ["stepOrder", "label", "title", "description"] {
        assert!(
            r.json["error"]["fields"][key].is_string(),
            "{key}: {}",
            r.text
        );
    }
    let long = json!({"stepOrder": 3, "label": "x".repeat(101), "title": "x".repeat(256), "isRequired": true});
    let r = t.post(&steps, long, Some(&admin)).await;
    assert!(
        r.json["error"]["fields"]["label"].is_string()
            && r.json["error"]["fields"]["title"].is_string()
    );
    let r = t
        .post(&steps, json!({"label": "S", "title": "T"}), Some(&admin))
        .await;
    assert_error(&r, 422, "validation_failed");
    assert!(r.json["error"]["fields"]["stepOrder"].is_string());
    let ok = json!({"stepOrder": 3, "label": "SFZ-3", "title": "Three", "isRequired": true});
    assert_error(
        &t.post(&format!("{ADMIN}/999999/steps"), ok.clone(), Some(&admin))
            .await,
        404,
        "not_found",
    );

    let path = format!("{ADMIN}/steps/{}", id(&second));
    let put = t
        .call(
            Method::PUT,
            &path,
            Some(json!({"stepOrder": 5, "label": "SFZ-5", "title": "Five", "isRequired": false})),
            Some(&admin),
        )
        .await;
    assert_eq!(put.status, 200, "{}", put.text);
    assert_eq!(
        (
            put.json["stepOrder"].as_i64(),
            put.json["label"].as_str(),
            put.json["isRequired"].as_bool(),
            put.json["description"].is_null()
        ),
        (Some(5), Some("SFZ-5"), Some(false), true)
    );
    let clash = json!({"stepOrder": 1, "label": "SFZ-5", "title": "Five", "isRequired": false});
    assert_error(
        &t.call(Method::PUT, &path, Some(clash), Some(&admin)).await,
        409,
        "duplicate",
    );
    let bad = json!({"stepOrder": -1, "label": "SFZ-5", "title": "Five", "isRequired": false});
    assert_error(
        &t.call(Method::PUT, &path, Some(bad), Some(&admin)).await,
        422,
        "validation_failed",
    );
    assert_error(
        &t.call(
            Method::PUT,
            &format!("{ADMIN}/steps/999999"),
            Some(ok),
            Some(&admin),
        )
        .await,
        404,
        "not_found",
    );

    let gone = t.call(Method::DELETE, &path, None, Some(&admin)).await;
    assert_eq!(gone.status, 204, "{}", gone.text);
    assert_error(
        &t.call(Method::DELETE, &path, None, Some(&admin)).await,
        404,
        "not_found",
    );
    assert_eq!(
        ids(&t.get(&format!("{ADMIN}/{p}"), Some(&admin)).await.json["steps"]),
        [id(&first.json)]
    );
}

#[tokio::test]
async fn reordering_renumbers_every_step_in_one_go() {
    let t = TestApp::spawn().await;
    let admin = t.admin_token().await;
    let p = id(&program(&t, &admin, json!({"code": "SFZ", "title": "Spanish"})).await);
    let a = id(&step(&t, &admin, p, 1, "A").await);
    let b = id(&step(&t, &admin, p, 2, "B").await);
    let c = id(&step(&t, &admin, p, 7, "C").await);
    let path = format!("{ADMIN}/{p}/steps/order");
    let r = t
        .call(
            Method::PUT,
            &path,
            Some(json!({"stepIds": [c, a, b]})),
            Some(&admin),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(ids(&r.json["steps"]), [c, a, b]);
    let orders: Vec<i64> = r.json["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["stepOrder"].as_i64().unwrap())
        .collect();
    assert_eq!(orders, [1, 2, 3]);
    assert_eq!(
        t.get(&format!("{ADMIN}/{p}"), Some(&admin)).await.json,
        r.json
    );

    let other = id(&program(&t, &admin, json!({"code": "OTHER", "title": "Other"})).await);
    let foreign = id(&step(&t, &admin, other, 1, "A").await);
    for wrong in [
        json!([c, a]),
        json!([c, a, b, foreign]),
        json!([c, a, a]),
        json!([c, a, foreign]),
        json!([]),
    ] {
        let r = t
            .call(
                Method::PUT,
                &path,
                Some(json!({"stepIds": wrong})),
                Some(&admin),
            )
            .await;
        assert_error(&r, 422, "validation_failed");
        assert!(r.json["error"]["fields"]["stepIds"].is_string());
    }
    let r = t
        .call(
            Method::PUT,
            &path,
            Some(json!({"stepIds": "nope"})),
            Some(&admin),
        )
        .await;
    assert_error(&r, 400, "invalid_request");
    let r = t
        .call(
            Method::PUT,
            &format!("{ADMIN}/999999/steps/order"),
            Some(json!({"stepIds": []})),
            Some(&admin),
        )
        .await;
    assert_error(&r, 404, "not_found");
    // Orders stay unique: the freed order 7 can be used, a taken one cannot.
    step(&t, &admin, p, 7, "D").await;
    let dup = json!({"stepOrder": 3, "label": "E", "title": "E", "isRequired": true});
    assert_error(
        &t.post(&format!("{ADMIN}/{p}/steps"), dup, Some(&admin))
            .await,
        409,
        "duplicate",
    );
}

#[tokio::test]
async fn concurrent_reorders_and_additions_keep_orders_unique() {
    let t = TestApp::spawn().await;
    let admin = t.admin_token().await;
    let p = id(&program(&t, &admin, json!({"code": "SFZ", "title": "Spanish"})).await);
    let mut steps = Vec::new();
    for n in 1..=4 {
        steps.push(id(&step(&t, &admin, p, n, &format!("S-{n}")).await));
    }
    let path = format!("{ADMIN}/{p}/steps/order");
    let orders: Vec<Vec<i64>> = (0..8)
        .map(|k| {
            let mut o = steps.clone();
            o.rotate_left(k % 4);
            o
        })
        .collect();
    let replies = join_all(
        orders
            .iter()
            .map(|o| {
                t.call(
                    Method::PUT,
                    &path,
                    Some(json!({"stepIds": o})),
                    Some(&admin),
                )
            })
            .collect(),
    )
    .await;
    for r in &replies {
        assert_eq!(r.status, 200, "{}", r.text);
    }
    let finals: Vec<i64> = t.get(&format!("{ADMIN}/{p}"), Some(&admin)).await.json["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["stepOrder"].as_i64().unwrap())
        .collect();
    assert_eq!(finals, [1, 2, 3, 4]);

    let body = |n: i64| json!({"stepOrder": 5, "label": format!("NEW-{n}"), "title": "New", "isRequired": true});
    let steps_path = format!("{ADMIN}/{p}/steps");
    let replies = join_all(
        (0..8)
            .map(|n| t.post(&steps_path, body(n), Some(&admin)))
            .collect(),
    )
    .await;
    let created = replies.iter().filter(|r| r.status == 201).count();
    assert_eq!(created, 1, "one wins the order");
    for r in replies.iter().filter(|r| r.status != 201) {
        assert_error(r, 409, "duplicate");
    }
}

#[tokio::test]
async fn a_new_step_reaches_students_already_enrolled() {
    let t = TestApp::spawn().await;
    let admin = t.admin_token().await;
    let p = id(&program(&t, &admin, json!({"code": "SFZ", "title": "Spanish"})).await);
    step(&t, &admin, p, 1, "SFZ-1").await;
    step(&t, &admin, p, 2, "SFZ-2").await;
    let package = course_package(&t, p, "SFZ course").await;
    let (token, _) = t.register("sam@example.com").await;
    t.buy(&token, package).await;
    let (other, _) = t.register("ona@example.com").await;
    let cs = t.buy(&other, package).await;
    t.webhook(&aula_test_support::refund_event(
        "evt_refund",
        &format!("pi_{cs}"),
        20000,
        20000,
    ))
    .await;
    let third = id(&step(&t, &admin, p, 3, "SFZ-3").await);
    let rows = |status: &str| {
        format!(
            "SELECT COUNT(*) FROM student_course_step_progress WHERE course_step_id = {third} AND status = '{status}'"
        )
    };
    assert_eq!(
        t.count(&rows("UNBOOKED")).await,
        1,
        "the refunded package gets nothing"
    );
    assert_eq!(
        t.count("SELECT COUNT(*) FROM student_course_step_progress")
            .await,
        5
    );
}
