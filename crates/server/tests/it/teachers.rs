use aula_test_support::{TestApp, assert_error};
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn new_teachers_are_public_active_and_tier_zero() {
    let t = TestApp::spawn().await;
    let (_, id) = t.teacher("teo@example.com").await;
    let list = t.get("/api/teachers", None).await;
    assert_eq!(list.status, 200);
    let item = &list.json["items"][0];
    assert_eq!(item["id"], id);
    assert_eq!(item["displayName"], "Test User");
    assert_eq!(item["tier"], 0);
    assert_eq!(item["isActive"], true);
    assert_eq!(item["timezone"], "UTC");
    assert_eq!(item["languagesSpoken"], json!([]));
    let one = t.get(&format!("/api/teachers/{id}"), None).await;
    assert_eq!(one.json["id"], id);
    assert_error(&t.get("/api/teachers/999999", None).await, 404, "not_found");
}

#[tokio::test]
async fn a_grant_may_name_a_tier() {
    let t = TestApp::spawn().await;
    let admin = t.admin_token().await;
    let (_, user) = t.register("teo@example.com").await;
    let r = t
        .post(
            &format!("/api/admin/users/{}/roles", user["id"]),
            json!({"role": "teacher", "tier": 10}),
            Some(&admin),
        )
        .await;
    let id = r.json["teacherId"].as_i64().unwrap();
    assert_eq!(
        t.get(&format!("/api/teachers/{id}"), None).await.json["tier"],
        10
    );
}

#[tokio::test]
async fn teachers_edit_their_own_profile() {
    let t = TestApp::spawn().await;
    let (token, id) = t.teacher("teo@example.com").await;
    let body = json!({"bio": "Hi", "languagesSpoken": ["English", " Spanish "], "specialties": ["IELTS"], "yearsExperience": 7,
        "avatarUrl": "https://img.example.com/a.png", "timezone": "Europe/Madrid"});
    let r = t
        .call(
            Method::PATCH,
            "/api/teachers/me/profile",
            Some(body),
            Some(&token),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json["languagesSpoken"], json!(["English", "Spanish"]));
    assert_eq!(r.json["timezone"], "Europe/Madrid");
    assert_eq!(r.json["yearsExperience"], 7);
    let again = t.get(&format!("/api/teachers/{id}"), None).await;
    assert_eq!(again.json["bio"], "Hi");
    let bad = json!({"avatarUrl": "javascript:alert(1)", "timezone": "Mars/Olympus", "yearsExperience": -1});
    let r = t
        .call(
            Method::PATCH,
            "/api/teachers/me/profile",
            Some(bad),
            Some(&token),
        )
        .await;
    assert_error(&r, 422, "validation_failed");
    let f = r.json["error"]["fields"].as_object().unwrap();
    assert!(
        f.contains_key("avatarUrl")
            && f.contains_key("timezone")
            && f.contains_key("yearsExperience"),
        "{f:?}"
    );
    let (student, _) = t.register("sam@example.com").await;
    let r = t
        .call(
            Method::PATCH,
            "/api/teachers/me/profile",
            Some(json!({"bio": "x"})),
            Some(&student),
        )
        .await;
    assert_error(&r, 403, "forbidden");
}

#[tokio::test]
async fn admins_set_tier_and_active_and_inactive_teachers_leave_the_list() {
    let t = TestApp::spawn().await;
    let admin = t.admin_token().await;
    let (_, id) = t.teacher("teo@example.com").await;
    let path = format!("/api/admin/teachers/{id}");
    let r = t
        .call(
            Method::PATCH,
            &path,
            Some(json!({"tier": 20, "isActive": false})),
            Some(&admin),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(
        (r.json["tier"].as_i64(), r.json["isActive"].as_bool()),
        (Some(20), Some(false))
    );
    assert_eq!(t.get("/api/teachers", None).await.json["items"], json!([]));
    assert_error(
        &t.call(
            Method::PATCH,
            &path,
            Some(json!({"tier": -5})),
            Some(&admin),
        )
        .await,
        422,
        "validation_failed",
    );
    assert_error(
        &t.call(
            Method::PATCH,
            "/api/admin/teachers/999999",
            Some(json!({"tier": 1})),
            Some(&admin),
        )
        .await,
        404,
        "not_found",
    );
    let (student, _) = t.register("sam@example.com").await;
    assert_error(
        &t.call(
            Method::PATCH,
            &path,
            Some(json!({"tier": 1})),
            Some(&student),
        )
        .await,
        403,
        "forbidden",
    );
}
