//! Administering programs: create, read, replace and list, the 422 rules and who may do it.

use aula_test_support::{TestApp, assert_error};
use reqwest::Method;
use serde_json::json;

use super::{ADMIN, id, ids, program};

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
