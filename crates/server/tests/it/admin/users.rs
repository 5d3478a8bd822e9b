use aula_test_support::{TestApp, assert_error};
use reqwest::Method;
use serde_json::json;

async fn named(t: &TestApp, email: &str, first: &str, last: &str) -> i64 {
    let r = t.post("/api/auth/register", json!({"email": email, "password": "correct horse", "firstName": first, "lastName": last}), None).await;
    assert_eq!(r.status, 201);
    r.json["user"]["id"].as_i64().unwrap()
}

#[tokio::test]
async fn admin_routes_need_a_login_and_the_admin_role() {
    let t = TestApp::spawn().await;
    assert_error(
        &t.get("/api/admin/users", None).await,
        401,
        "unauthenticated",
    );
    let (student, user) = t.register("sam@example.com").await;
    assert_error(
        &t.get("/api/admin/users", Some(&student)).await,
        403,
        "forbidden",
    );
    let id = user["id"].as_i64().unwrap();
    let r = t
        .post(
            &format!("/api/admin/users/{id}/roles"),
            json!({"role": "admin"}),
            Some(&student),
        )
        .await;
    assert_error(&r, 403, "forbidden");
    let r = t
        .call(
            Method::DELETE,
            &format!("/api/admin/users/{id}/roles/admin"),
            None,
            Some(&student),
        )
        .await;
    assert_error(&r, 403, "forbidden");
    let (teacher, _) = t.user_with_role("teo@example.com", "teacher").await;
    assert_error(
        &t.get("/api/admin/users", Some(&teacher)).await,
        403,
        "forbidden",
    );
}

#[tokio::test]
async fn lists_searches_filters_and_pages_users() {
    let t = TestApp::spawn().await;
    let admin = t.admin_token().await;
    named(&t, "ana@example.com", "Ana", "Pérez").await;
    named(&t, "bob@example.com", "Bob", "Santana").await;
    named(&t, "cleo@school.io", "Cleo", "Smith").await;
    let (_, teo) = t.user_with_role("teo@example.com", "teacher").await;

    let all = t.get("/api/admin/users", Some(&admin)).await;
    assert_eq!(all.status, 200);
    assert_eq!(all.json["total"], 5);
    assert_eq!(all.json["page"], 1);
    assert_eq!(all.json["pageSize"], 20);

    let ana = t.get("/api/admin/users?search=ANA", Some(&admin)).await;
    let emails: Vec<&str> = ana.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["email"].as_str().unwrap())
        .collect();
    assert_eq!(
        emails,
        ["ana@example.com", "bob@example.com"],
        "first name or last name, any case"
    );

    let by_domain = t
        .get("/api/admin/users?search=school.io", Some(&admin))
        .await;
    assert_eq!(by_domain.json["total"], 1);
    let wildcard = t.get("/api/admin/users?search=%25", Some(&admin)).await;
    assert_eq!(wildcard.json["total"], 0, "a % is searched literally");

    let teachers = t.get("/api/admin/users?role=teacher", Some(&admin)).await;
    assert_eq!(teachers.json["total"], 1);
    assert_eq!(teachers.json["items"][0]["id"], teo["id"]);
    let admins = t.get("/api/admin/users?role=admin", Some(&admin)).await;
    assert_eq!(admins.json["items"][0]["email"], "root-admin@aula.test");

    let page2 = t
        .get("/api/admin/users?page=2&pageSize=2", Some(&admin))
        .await;
    assert_eq!(page2.json["items"].as_array().unwrap().len(), 2);
    assert_eq!(page2.json["total"], 5);
    assert_eq!(page2.json["pageSize"], 2);
}

#[tokio::test]
async fn bad_paging_and_role_filters_are_rejected() {
    let t = TestApp::spawn().await;
    let admin = t.admin_token().await;
    assert_error(
        &t.get("/api/admin/users?pageSize=101", Some(&admin)).await,
        422,
        "validation_failed",
    );
    assert_error(
        &t.get("/api/admin/users?page=0", Some(&admin)).await,
        400,
        "invalid_request",
    );
    assert_error(
        &t.get("/api/admin/users?page=abc", Some(&admin)).await,
        400,
        "invalid_request",
    );
    assert_error(
        &t.get("/api/admin/users?role=king", Some(&admin)).await,
        400,
        "invalid_request",
    );
}

#[tokio::test]
async fn grants_and_revokes_roles() {
    let t = TestApp::spawn().await;
    let admin = t.admin_token().await;
    let (token, user) = t.register("teo@example.com").await;
    let id = user["id"].as_i64().unwrap();

    let r = t
        .post(
            &format!("/api/admin/users/{id}/roles"),
            json!({"role": "teacher", "tier": 20}),
            Some(&admin),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json["roles"], json!(["student", "teacher"]));
    let teacher_id = r.json["teacherId"].as_i64().unwrap();
    // Granting again keeps the same teacher profile.
    let again = t
        .post(
            &format!("/api/admin/users/{id}/roles"),
            json!({"role": "teacher"}),
            Some(&admin),
        )
        .await;
    assert_eq!(again.json["teacherId"], teacher_id);

    let r = t
        .post(
            &format!("/api/admin/users/{id}/roles"),
            json!({"role": "admin"}),
            Some(&admin),
        )
        .await;
    assert_eq!(r.json["roles"], json!(["student", "teacher", "admin"]));
    assert_eq!(
        t.get("/api/admin/users", Some(&token)).await.status,
        200,
        "the new admin may use admin routes"
    );

    let r = t
        .call(
            Method::DELETE,
            &format!("/api/admin/users/{id}/roles/teacher"),
            None,
            Some(&admin),
        )
        .await;
    assert_eq!(r.status, 204);
    let me = t.get("/api/me", Some(&token)).await;
    assert_eq!(me.json["roles"], json!(["student", "admin"]));
    assert_eq!(me.json["teacherId"], serde_json::Value::Null);

    let r = t
        .call(
            Method::DELETE,
            &format!("/api/admin/users/{id}/roles/admin"),
            None,
            Some(&admin),
        )
        .await;
    assert_eq!(r.status, 204);
    assert_error(
        &t.get("/api/admin/users", Some(&token)).await,
        403,
        "forbidden",
    );

    // Re-granting the teacher role brings back the same profile.
    let r = t
        .post(
            &format!("/api/admin/users/{id}/roles"),
            json!({"role": "teacher"}),
            Some(&admin),
        )
        .await;
    assert_eq!(r.json["teacherId"], teacher_id);
}

#[tokio::test]
async fn role_changes_reject_bad_input() {
    let t = TestApp::spawn().await;
    let admin = t.admin_token().await;
    let (_, user) = t.register("teo@example.com").await;
    let id = user["id"].as_i64().unwrap();
    let path = format!("/api/admin/users/{id}/roles");
    assert_error(
        &t.post(&path, json!({"role": "king"}), Some(&admin)).await,
        400,
        "invalid_request",
    );
    assert_error(
        &t.post(&path, json!({"role": "student"}), Some(&admin))
            .await,
        400,
        "invalid_request",
    );
    assert_error(
        &t.post(&path, json!({"role": "teacher", "tier": -1}), Some(&admin))
            .await,
        422,
        "validation_failed",
    );
    assert_error(
        &t.post(&path, json!({"role": "admin", "tier": 10}), Some(&admin))
            .await,
        422,
        "validation_failed",
    );
    assert_error(
        &t.post(&path, json!({}), Some(&admin)).await,
        422,
        "validation_failed",
    );
    assert_error(
        &t.post(
            "/api/admin/users/999999/roles",
            json!({"role": "admin"}),
            Some(&admin),
        )
        .await,
        404,
        "not_found",
    );
    assert_error(
        &t.post(
            "/api/admin/users/abc/roles",
            json!({"role": "admin"}),
            Some(&admin),
        )
        .await,
        404,
        "not_found",
    );
    let r = t
        .call(
            Method::DELETE,
            &format!("/api/admin/users/{id}/roles/king"),
            None,
            Some(&admin),
        )
        .await;
    assert_error(&r, 404, "not_found");
    let r = t
        .call(
            Method::DELETE,
            "/api/admin/users/999999/roles/admin",
            None,
            Some(&admin),
        )
        .await;
    assert_error(&r, 404, "not_found");
}
