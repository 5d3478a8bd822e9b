//! Bookings over HTTP: shared set-up, then one module per concern.

mod attendance;
mod cancel;
mod course;
mod credit;
mod private;
mod races;
mod reschedule;
mod waitlist;

use aula_test_support::TestApp;
use serde_json::{Value, json};

/// The clock of every booking test: Sunday 1 March 2026, midnight UTC.
pub const NOW: &str = "2026-03-01T00:00:00Z";

/// A school: an admin, a tier-0 teacher, a group class with `sessions` one-hour sessions on
/// 2 March 2026 (10:00, 12:00, …) and `capacity` seats.
pub struct School {
    pub admin: String,
    pub teacher_token: String,
    pub teacher: i64,
    pub class: i64,
    pub sessions: Vec<i64>,
}

pub async fn school(t: &TestApp, capacity: i64, sessions: usize) -> School {
    t.set_now(NOW);
    let admin = t.admin_token().await;
    let (teacher_token, teacher) = t.teacher("teo@example.com").await;
    let times: Vec<Value> = (0..sessions)
        .map(|i| json!({"startAt": format!("2026-03-02T{:02}:00:00Z", 8 + 2 * i), "endAt": format!("2026-03-02T{:02}:00:00Z", 9 + 2 * i)}))
        .collect();
    let body = json!({"title": "Conversation", "capacityMax": capacity, "levelIds": [], "teacherIds": [teacher], "sessions": times});
    let r = t.post("/api/admin/group-classes", body, Some(&admin)).await;
    assert_eq!(r.status, 201, "{}", r.text);
    let sessions = r.json["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_i64().unwrap())
        .collect();
    School {
        admin,
        teacher_token,
        teacher,
        class: r.json["id"].as_i64().unwrap(),
        sessions,
    }
}

/// A package of PRIVATE (30-min) and GROUP (60-min) credits.
pub fn credits_pack(private: i64, group: i64) -> Value {
    json!({"name": "Credits", "amountMinor": 5000, "currency": "usd", "expiresInDays": 60, "allowances": [
        {"serviceType": "PRIVATE", "credits": private, "creditUnitMinutes": 30},
        {"serviceType": "GROUP", "credits": group, "creditUnitMinutes": 60}]})
}

/// A student who bought `package`: (token, student package id, allowance ids in package order).
pub async fn buyer(t: &TestApp, email: &str, package: &Value) -> (String, i64, Vec<i64>) {
    let (token, _) = t.register(email).await;
    t.buy(&token, package["id"].as_i64().unwrap()).await;
    let mine = t.get("/api/packages/my-credits", Some(&token)).await;
    let sp = mine.json["items"][0]["id"].as_i64().unwrap();
    let allowances = package["allowances"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_i64().unwrap())
        .collect();
    (token, sp, allowances)
}

/// Books a session with credits.
pub async fn book(
    t: &TestApp,
    token: &str,
    session: i64,
    sp: i64,
    allowance: i64,
) -> aula_test_support::Reply {
    t.post(
        "/api/bookings",
        json!({"sessionId": session, "studentPackageId": sp, "allowanceId": allowance}),
        Some(token),
    )
    .await
}

/// Remaining credits of one allowance of the student's first purchase.
pub async fn remaining(t: &TestApp, token: &str, allowance: i64) -> i64 {
    let mine = t.get("/api/packages/my-credits", Some(token)).await;
    mine.json["items"][0]["allowances"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["allowanceId"] == allowance)
        .unwrap()["remainingCredits"]
        .as_i64()
        .unwrap()
}
