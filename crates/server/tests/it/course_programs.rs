//! Course programs: administration of programs, steps and options, the reorder, soft delete and
//! the `in_use` refusals, and the public catalogue and detail.

use aula_test_support::{TestApp, assert_error, execute, join_all};
use reqwest::Method;
use serde_json::{Value, json};

const ADMIN: &str = "/api/admin/course-programs";

/// Creates a program through the admin API; returns its JSON.
pub async fn program(t: &TestApp, admin: &str, body: Value) -> Value {
    let r = t.post(ADMIN, body, Some(admin)).await;
    assert_eq!(r.status, 201, "create program: {}", r.text);
    r.json
}

/// Adds a step through the admin API; returns its JSON.
pub async fn step(t: &TestApp, admin: &str, program: i64, order: i64, label: &str) -> Value {
    let body = json!({"stepOrder": order, "label": label, "title": format!("Step {label}"), "isRequired": true});
    let r = t
        .post(&format!("{ADMIN}/{program}/steps"), body, Some(admin))
        .await;
    assert_eq!(r.status, 201, "add step: {}", r.text);
    r.json
}

/// A group class of `teacher` with one-hour sessions starting at `starts`; returns (class id,
/// session ids).
pub async fn class(
    t: &TestApp,
    admin: &str,
    teacher: i64,
    title: &str,
    starts: &[&str],
) -> (i64, Vec<i64>) {
    let sessions: Vec<Value> = starts
        .iter()
        .map(|s| {
            let start: chrono::DateTime<chrono::Utc> = s.parse().unwrap();
            json!({"startAt": s, "endAt": (start + chrono::Duration::hours(1)).to_rfc3339()})
        })
        .collect();
    let body = json!({"title": title, "capacityMax": 4, "levelIds": [], "teacherIds": [teacher], "sessions": sessions});
    let r = t.post("/api/admin/group-classes", body, Some(admin)).await;
    assert_eq!(r.status, 201, "create class: {}", r.text);
    let ids = r.json["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_i64().unwrap())
        .collect();
    (r.json["id"].as_i64().unwrap(), ids)
}

/// Attaches a class to a step; returns the option JSON.
pub async fn option(t: &TestApp, admin: &str, step: i64, class: i64) -> Value {
    let r = t
        .post(
            &format!("{ADMIN}/steps/{step}/options"),
            json!({"groupClassId": class}),
            Some(admin),
        )
        .await;
    assert_eq!(r.status, 201, "add option: {}", r.text);
    r.json
}

/// A package selling `program` (plus GROUP credits); returns its id.
pub async fn course_package(t: &TestApp, program: i64, name: &str) -> i64 {
    let p = t
        .package(
            json!({"name": name, "amountMinor": 20000, "currency": "eur", "expiresInDays": null,
        "allowances": [{"serviceType": "COURSE", "credits": 1, "courseProgramId": program},
                       {"serviceType": "GROUP", "credits": 2, "creditUnitMinutes": 60}]}),
        )
        .await;
    p["id"].as_i64().unwrap()
}

/// A CONFIRMED course-step booking put in place with SQL; returns its id.
pub async fn course_booking(t: &TestApp, session: i64, student: i64, sp: i64, step: i64) -> i64 {
    let now = "'2026-03-01T00:00:00Z'";
    execute(&t.db, &format!("INSERT INTO bookings (session_id, student_id, status, kind, student_package_id, course_step_id, created_at, updated_at) VALUES ({session}, {student}, 'CONFIRMED', 'COURSE_STEP', {sp}, {step}, {now}, {now})")).await.unwrap();
    t.count(&format!(
        "SELECT MAX(id) FROM bookings WHERE course_step_id = {step}"
    ))
    .await
}

fn id(v: &Value) -> i64 {
    v["id"].as_i64().unwrap()
}

fn ids(list: &Value) -> Vec<i64> {
    list.as_array().unwrap().iter().map(id).collect()
}

#[tokio::test]
async fn admins_create_read_replace_and_list_programs() {
    let t = TestApp::spawn().await;
    let admin = t.admin_token().await;
    let plain = program(
        &t,
        &admin,
        json!({"code": "SFZ", "title": "Spanish from zero"}),
    )
    .await;
    assert_eq!(
        plain,
        json!({"id": id(&plain), "code": "SFZ", "title": "Spanish from zero", "description": null, "timezone": "UTC",
            "isActive": true, "levels": [], "levelIds": [], "stepCount": 0, "steps": []})
    );
    let full = program(
        &t,
        &admin,
        json!({"code": "B2-EXAM", "title": "  Exam prep  ", "description": "Six weeks",
        "timezone": "Europe/Madrid", "isActive": false, "levelIds": [4, 3, 4]}),
    )
    .await;
    assert_eq!(full["title"], "Exam prep");
    assert_eq!(full["timezone"], "Europe/Madrid");
    assert_eq!(full["isActive"], false);
    assert_eq!(full["levelIds"], json!([3, 4]));
    assert_eq!(full["levels"][0]["code"], "B1");
    assert_eq!(full["levels"][1]["sortOrder"], 40);

    let list = t.get(ADMIN, Some(&admin)).await;
    assert_eq!(list.status, 200);
    assert_eq!(
        ids(&list.json["items"]),
        [id(&plain), id(&full)],
        "inactive ones too"
    );
    let got = t.get(&format!("{ADMIN}/{}", id(&full)), Some(&admin)).await;
    assert_eq!(got.json, full);

    // PUT replaces: omitted fields take their defaults.
    let path = format!("{ADMIN}/{}", id(&full));
    let put = t
        .call(
            Method::PUT,
            &path,
            Some(json!({"code": "B2-EXAM2", "title": "Exam", "levelIds": [1]})),
            Some(&admin),
        )
        .await;
    assert_eq!(put.status, 200, "{}", put.text);
    assert_eq!(
        (
            put.json["code"].as_str(),
            put.json["description"].is_null(),
            put.json["timezone"].as_str(),
            put.json["isActive"].as_bool()
        ),
        (Some("B2-EXAM2"), true, Some("UTC"), Some(true))
    );
    assert_eq!(put.json["levelIds"], json!([1]));
    assert_eq!(t.get(&path, Some(&admin)).await.json, put.json);
    let taken = json!({"code": "SFZ", "title": "Exam"});
    assert_error(
        &t.call(Method::PUT, &path, Some(taken), Some(&admin)).await,
        409,
        "duplicate",
    );
    let ok = json!({"code": "NEW", "title": "New"});
    assert_error(
        &t.call(
            Method::PUT,
            &format!("{ADMIN}/999999"),
            Some(ok),
            Some(&admin),
        )
        .await,
        404,
        "not_found",
    );
    assert_error(
        &t.get(&format!("{ADMIN}/999999"), Some(&admin)).await,
        404,
        "not_found",
    );
    assert_error(
        &t.get(&format!("{ADMIN}/abc"), Some(&admin)).await,
        404,
        "not_found",
    );
}

#[tokio::test]
async fn program_rules_are_422_with_fields_and_codes_are_unique() {
    let t = TestApp::spawn().await;
    let admin = t.admin_token().await;
    let bad = json!({"code": "sfz", "title": "ab", "description": "x".repeat(5001), "timezone": "Mars/Base", "levelIds": [1, 999]});
    let r = t.post(ADMIN, bad, Some(&admin)).await;
    assert_error(&r, 422, "validation_failed");
    let fields = r.json["error"]["fields"].as_object().unwrap();
    for key in ["code", "title", "description", "timezone", "levelIds"] {
        assert!(fields.contains_key(key), "{key} missing in {fields:?}");
    }
    for code in [
        "A",
        "1AB",
        "-AB",
        "A B",
        "AB_C",
        "Ab",
        &format!("A{}", "B".repeat(50)),
    ] {
        let r = t
            .post(ADMIN, json!({"code": code, "title": "Valid"}), Some(&admin))
            .await;
        assert_error(&r, 422, "validation_failed");
        assert!(r.json["error"]["fields"]["code"].is_string(), "{code}");
    }
    let r = t
        .post(ADMIN, json!({"title": "No code"}), Some(&admin))
        .await;
    assert_error(&r, 422, "validation_failed");
    assert!(r.json["error"]["fields"]["code"].is_string());
    assert_error(
        &t.post(
            ADMIN,
            json!({"code": "AB", "title": "Valid", "isActive": "yes"}),
            Some(&admin),
        )
        .await,
        400,
        "invalid_request",
    );
    assert_eq!(
        t.count("SELECT COUNT(*) FROM course_programs").await,
        0,
        "nothing stored"
    );

    program(&t, &admin, json!({"code": "AB", "title": "abc"})).await;
    program(
        &t,
        &admin,
        json!({"code": format!("A{}", "9-".repeat(24) + "Z"), "title": "x".repeat(255)}),
    )
    .await;
    assert_error(
        &t.post(ADMIN, json!({"code": "AB", "title": "Again"}), Some(&admin))
            .await,
        409,
        "duplicate",
    );
}

#[tokio::test]
async fn only_admins_manage_course_programs() {
    let t = TestApp::spawn().await;
    let (student, _) = t.register("sam@example.com").await;
    let body = json!({"code": "SFZ", "title": "Spanish"});
    let step = json!({"stepOrder": 1, "label": "S-1", "title": "One", "isRequired": true});
    let routes = [
        (Method::POST, ADMIN.to_owned(), Some(body.clone())),
        (Method::GET, ADMIN.to_owned(), None),
        (Method::GET, format!("{ADMIN}/1"), None),
        (Method::PUT, format!("{ADMIN}/1"), Some(body)),
        (Method::DELETE, format!("{ADMIN}/1"), None),
        (Method::POST, format!("{ADMIN}/1/steps"), Some(step.clone())),
        (
            Method::PUT,
            format!("{ADMIN}/1/steps/order"),
            Some(json!({"stepIds": []})),
        ),
        (Method::PUT, format!("{ADMIN}/steps/1"), Some(step)),
        (Method::DELETE, format!("{ADMIN}/steps/1"), None),
        (
            Method::POST,
            format!("{ADMIN}/steps/1/options"),
            Some(json!({"groupClassId": 1})),
        ),
        (Method::DELETE, format!("{ADMIN}/steps/options/1"), None),
    ];
    for (method, path, body) in routes {
        let anon = t.call(method.clone(), &path, body.clone(), None).await;
        assert_error(&anon, 401, "unauthenticated");
        let denied = t.call(method.clone(), &path, body, Some(&student)).await;
        assert_error(&denied, 403, "forbidden");
    }
}

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

#[tokio::test]
async fn deleted_programs_vanish_and_keep_their_code() {
    let t = TestApp::spawn().await;
    let admin = t.admin_token().await;
    let keep = id(&program(&t, &admin, json!({"code": "KEEP", "title": "Keep"})).await);
    let p = id(&program(&t, &admin, json!({"code": "SFZ", "title": "Spanish"})).await);
    let s = id(&step(&t, &admin, p, 1, "SFZ-1").await);
    // A package on sale that nobody bought does not hold the program.
    course_package(&t, p, "SFZ course").await;
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

#[tokio::test]
async fn the_openapi_document_describes_the_course_program_routes() {
    let t = TestApp::spawn().await;
    let doc = t.get("/api/openapi.json", None).await.json;
    let routes = [
        ("post", "/api/admin/course-programs"),
        ("get", "/api/admin/course-programs"),
        ("get", "/api/admin/course-programs/{id}"),
        ("put", "/api/admin/course-programs/{id}"),
        ("delete", "/api/admin/course-programs/{id}"),
        ("post", "/api/admin/course-programs/{id}/steps"),
        ("put", "/api/admin/course-programs/{id}/steps/order"),
        ("put", "/api/admin/course-programs/steps/{stepId}"),
        ("delete", "/api/admin/course-programs/steps/{stepId}"),
        ("post", "/api/admin/course-programs/steps/{stepId}/options"),
        (
            "delete",
            "/api/admin/course-programs/steps/options/{optionId}",
        ),
        ("get", "/api/course-programs"),
        ("get", "/api/course-programs/{idOrCode}"),
        ("get", "/api/students/me/course-packages"),
        ("get", "/api/students/me/course-packages/{studentPackageId}"),
    ];
    for (method, path) in routes {
        let op = &doc["paths"][path][method];
        assert!(op.is_object(), "{method} {path} is not documented");
        assert!(
            op["description"].is_string() || op["summary"].is_string(),
            "{method} {path} has no docs"
        );
    }
}
