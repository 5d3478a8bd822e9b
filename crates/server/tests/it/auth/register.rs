use aula_test_support::{TestApp, assert_error};
use serde_json::json;

#[tokio::test]
async fn registers_a_student_and_returns_a_working_token() {
    let t = TestApp::spawn().await;
    let r = t
        .post("/api/auth/register", json!({"email": "  Ana@Example.COM ", "password": "12345678", "firstName": "Ana", "lastName": "Pérez"}), None)
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    let user = &r.json["user"];
    assert_eq!(user["email"], "ana@example.com");
    assert_eq!(user["firstName"], "Ana");
    assert_eq!(user["lastName"], "Pérez");
    assert_eq!(user["roles"], json!(["student"]));
    assert!(user["studentId"].as_i64().is_some());
    assert_eq!(user["teacherId"], serde_json::Value::Null);
    let cookie = r
        .headers
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(
        cookie.starts_with("aula_session=")
            && cookie.contains("HttpOnly")
            && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    assert!(
        !cookie.contains("Secure"),
        "plain http public URL: no Secure flag"
    );
    let me = t.get("/api/me", r.json["token"].as_str()).await;
    assert_eq!(me.status, 200);
    assert_eq!(me.json["email"], "ana@example.com");
}

#[tokio::test]
async fn a_registered_email_is_a_duplicate_in_any_case() {
    let t = TestApp::spawn().await;
    t.register("ana@example.com").await;
    let r = t.post("/api/auth/register", json!({"email": "ANA@example.com", "password": "12345678", "firstName": "A", "lastName": "B"}), None).await;
    assert_error(&r, 409, "duplicate");
}

#[tokio::test]
async fn field_rules_answer_422_with_every_field() {
    let t = TestApp::spawn().await;
    let r = t
        .post(
            "/api/auth/register",
            json!({"email": "nope", "password": "short", "firstName": " ", "lastName": "B"}),
            None,
        )
        .await;
    assert_error(&r, 422, "validation_failed");
    let fields = r.json["error"]["fields"].as_object().expect("fields");
    assert!(
        fields.contains_key("email")
            && fields.contains_key("password")
            && fields.contains_key("firstName"),
        "{fields:?}"
    );
    assert!(!fields.contains_key("lastName"));
}

#[tokio::test]
async fn a_missing_field_is_a_validation_error_and_a_wrong_type_is_a_bad_request() {
    let t = TestApp::spawn().await;
    let r = t
        .post(
            "/api/auth/register",
            json!({"email": "a@b.io", "password": "12345678", "firstName": "A"}),
            None,
        )
        .await;
    assert_error(&r, 422, "validation_failed");
    assert_eq!(r.json["error"]["fields"]["lastName"], "is required");
    let r = t
        .post(
            "/api/auth/register",
            json!({"email": 5, "password": "12345678", "firstName": "A", "lastName": "B"}),
            None,
        )
        .await;
    assert_error(&r, 400, "invalid_request");
}

#[tokio::test]
async fn nothing_is_written_when_registration_fails() {
    let t = TestApp::spawn().await;
    let r = t
        .post(
            "/api/auth/register",
            json!({"email": "a@b.io", "password": "short", "firstName": "A", "lastName": "B"}),
            None,
        )
        .await;
    assert_eq!(r.status, 422);
    assert_eq!(aula_db::accounts::count(&t.db).await.unwrap(), 0);
}
