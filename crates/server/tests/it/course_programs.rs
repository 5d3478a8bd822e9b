//! Course programs: administration of programs, steps and options, the reorder, soft delete and
//! the `in_use` refusals, and the public catalogue and detail. Shared helpers live here (the
//! course package tests use them too); the tests are in one module per concern.

mod admin;
mod catalogue;
mod deleting;
mod openapi;
mod options;
mod steps;

use aula_test_support::{TestApp, execute};
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
    t.group_class(admin, body).await
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

pub fn id(v: &Value) -> i64 {
    v["id"].as_i64().unwrap()
}

fn ids(list: &Value) -> Vec<i64> {
    list.as_array().unwrap().iter().map(id).collect()
}
