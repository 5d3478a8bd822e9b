//! The data model's invariants, held by the database itself on both engines.

use aula_test_support::{TestApp, backend_name, execute, query_text};

const T0: &str = "'2026-03-02T10:00:00Z'";

async fn fixture(t: &TestApp) {
    let sql = [
        format!(
            "INSERT INTO users (id, email, first_name, last_name, created_at, updated_at) VALUES (1001, 'a@x.io', 'A', 'B', {T0}, {T0})"
        ),
        format!("INSERT INTO students (id, user_id, created_at) VALUES (2001, 1001, {T0})"),
        format!(
            "INSERT INTO teachers (id, user_id, created_at, updated_at) VALUES (3001, 1001, {T0}, {T0})"
        ),
        format!(
            "INSERT INTO sessions (id, type, status, teacher_id, start_at, end_at, capacity_max, created_at, updated_at) \
             VALUES (4001, 'GROUP', 'SCHEDULED', 3001, '2026-03-03T10:00:00Z', '2026-03-03T11:00:00Z', 5, {T0}, {T0})"
        ),
    ];
    for s in sql {
        execute(&t.db, &s)
            .await
            .unwrap_or_else(|e| panic!("{s}: {e}"));
    }
}

fn booking(id: i64, status: &str) -> String {
    format!(
        "INSERT INTO bookings (id, session_id, student_id, status, kind, created_at, updated_at) \
         VALUES ({id}, 4001, 2001, '{status}', 'CREDIT', {T0}, {T0})"
    )
}

#[tokio::test]
async fn foreign_keys_are_enforced() {
    let t = TestApp::spawn().await;
    let r = execute(
        &t.db,
        &format!("INSERT INTO students (user_id, created_at) VALUES (999999, {T0})"),
    )
    .await;
    assert!(r.is_err(), "a student of no user was accepted");
}

#[tokio::test]
async fn sqlite_runs_in_wal_mode_with_foreign_keys() {
    let t = TestApp::spawn().await;
    if backend_name() != "sqlite" {
        return;
    }
    assert_eq!(
        query_text(&t.db, "PRAGMA journal_mode").await.as_deref(),
        Some("wal")
    );
}

#[tokio::test]
async fn one_confirmed_booking_per_student_and_session_but_cancelled_rows_do_not_block() {
    let t = TestApp::spawn().await;
    fixture(&t).await;
    execute(&t.db, &booking(1, "CONFIRMED")).await.unwrap();
    assert!(
        execute(&t.db, &booking(2, "CONFIRMED")).await.is_err(),
        "second active seat accepted"
    );
    execute(
        &t.db,
        "UPDATE bookings SET status = 'CANCELLED' WHERE id = 1",
    )
    .await
    .unwrap();
    execute(&t.db, &booking(2, "CONFIRMED"))
        .await
        .expect("re-booking after a cancellation");
    execute(&t.db, &booking(3, "CANCELLED"))
        .await
        .expect("several cancelled rows");
}

#[tokio::test]
async fn checks_reject_impossible_rows() {
    let t = TestApp::spawn().await;
    fixture(&t).await;
    assert!(
        execute(&t.db, &booking(9, "MAYBE")).await.is_err(),
        "unknown booking status"
    );
    let backwards = format!(
        "INSERT INTO sessions (type, status, teacher_id, start_at, end_at, capacity_max, created_at, updated_at) \
         VALUES ('GROUP', 'SCHEDULED', 3001, '2026-03-03T11:00:00Z', '2026-03-03T10:00:00Z', 5, {T0}, {T0})"
    );
    assert!(
        execute(&t.db, &backwards).await.is_err(),
        "a session ending before it starts"
    );
}

#[tokio::test]
async fn a_stripe_event_is_recorded_once() {
    let t = TestApp::spawn().await;
    let sql = format!(
        "INSERT INTO stripe_events (event_id, event_type, received_at) VALUES ('evt_1', 'x', {T0})"
    );
    execute(&t.db, &sql).await.unwrap();
    assert!(execute(&t.db, &sql).await.is_err());
}

#[tokio::test]
async fn course_step_progress_is_unique_per_package_and_step() {
    let t = TestApp::spawn().await;
    fixture(&t).await;
    let sql = [
        format!(
            "INSERT INTO course_programs (id, code, title, created_at, updated_at) VALUES (1, 'SFZ', 'S', {T0}, {T0})"
        ),
        format!(
            "INSERT INTO course_steps (id, course_program_id, step_order, label, title, created_at, updated_at) VALUES (1, 1, 1, 'SFZ-1', 'One', {T0}, {T0})"
        ),
        format!(
            "INSERT INTO packages (id, service_key, name, amount_minor, currency, created_at, updated_at) VALUES (1, 'k', 'P', 100, 'usd', {T0}, {T0})"
        ),
        format!(
            "INSERT INTO student_packages (id, student_id, package_id, package_name, purchased_at, amount_minor, currency, created_at) VALUES (1, 2001, 1, 'P', {T0}, 100, 'usd', {T0})"
        ),
    ];
    for s in sql {
        execute(&t.db, &s)
            .await
            .unwrap_or_else(|e| panic!("{s}: {e}"));
    }
    let progress = format!(
        "INSERT INTO student_course_step_progress (student_package_id, course_step_id, status, updated_at) VALUES (1, 1, 'UNBOOKED', {T0})"
    );
    execute(&t.db, &progress).await.unwrap();
    assert!(execute(&t.db, &progress).await.is_err());
    let dup_order = format!(
        "INSERT INTO course_steps (course_program_id, step_order, label, title, created_at, updated_at) VALUES (1, 1, 'SFZ-2', 'Two', {T0}, {T0})"
    );
    assert!(
        execute(&t.db, &dup_order).await.is_err(),
        "two steps with one order"
    );
}
