//! Read models answer in a fixed number of SQL statements whatever the number of items: each
//! route is measured on a small school and again after it grew, and must not send one more.

use aula_test_support::{NOW, TestApp, credits_pack};
use serde_json::json;

/// Adds `n` course programs (2 steps, each with its own class of 2 sessions as option) with a
/// package that sells each, bought by `student`, who also books a group session of each class.
async fn grow(t: &TestApp, admin: &str, teacher: i64, student: &str, from: usize, n: usize) {
    for k in from..from + n {
        let code = format!("QC{k}");
        let program = t
            .post(
                "/api/admin/course-programs",
                json!({"code": code, "title": format!("Course {k}"), "levelIds": [1]}),
                Some(admin),
            )
            .await;
        assert_eq!(program.status, 201, "{}", program.text);
        let id = program.json["id"].as_i64().unwrap();
        for step in 1..=2 {
            let day = 3 + k * 2 + step;
            let class = json!({"title": format!("Class {k}.{step}"), "capacityMax": 5, "levelIds": [1], "teacherIds": [teacher],
                "sessions": [
                    {"startAt": format!("2026-03-{day:02}T08:00:00Z"), "endAt": format!("2026-03-{day:02}T09:00:00Z")},
                    {"startAt": format!("2026-03-{day:02}T10:00:00Z"), "endAt": format!("2026-03-{day:02}T11:00:00Z")}]});
            let (class, sessions) = t.group_class(admin, class).await;
            let s = t
                .post(
                    &format!("/api/admin/course-programs/{id}/steps"),
                    json!({"stepOrder": step, "label": format!("{code}-{step}"), "title": format!("Step {step}"), "isRequired": true}),
                    Some(admin),
                )
                .await;
            assert_eq!(s.status, 201, "{}", s.text);
            let o = t
                .post(
                    &format!("/api/admin/course-programs/steps/{}/options", s.json["id"]),
                    json!({"groupClassId": class}),
                    Some(admin),
                )
                .await;
            assert_eq!(o.status, 201, "{}", o.text);
            let pack = t
                .package(json!({"name": format!("Pack {k}.{step}"), "amountMinor": 1000, "currency": "usd", "expiresInDays": null,
                    "allowances": [{"serviceType": "COURSE", "credits": 1, "courseProgramId": id},
                        {"serviceType": "GROUP", "credits": 5, "creditUnitMinutes": 60}]}))
                .await;
            t.buy(student, pack["id"].as_i64().unwrap()).await;
            let options = t
                .get(
                    &format!("/api/sessions/{}/compatible-credits", sessions[1]),
                    Some(student),
                )
                .await;
            let r = &options.json["recommended"];
            let b = t
                .post(
                    "/api/bookings",
                    json!({"sessionId": sessions[1], "studentPackageId": r["studentPackageId"], "allowanceId": r["allowanceId"]}),
                    Some(student),
                )
                .await;
            assert_eq!(b.status, 201, "{}", b.text);
        }
    }
}

#[tokio::test]
async fn reads_send_the_same_number_of_queries_for_one_item_or_many() {
    let t = TestApp::spawn().await;
    t.set_now(NOW);
    let admin = t.admin_token().await;
    let (teacher_token, teacher) = t.teacher("teo@example.com").await;
    let (student, _) = t.register("sam@example.com").await;
    let extra = t.package(credits_pack(2, 2)).await;
    t.buy(&student, extra["id"].as_i64().unwrap()).await;
    grow(&t, &admin, teacher, &student, 1, 1).await;

    let student_routes = [
        "/api/packages/my-credits",
        "/api/bookings/me",
        "/api/students/me/course-packages",
        "/api/waitlists/me",
        "/me/bookings",
        "/me/credits",
        "/me/courses",
        "/schedule",
    ];
    let public_routes = [
        "/api/course-programs",
        "/api/course-programs/QC1",
        "/api/packages",
        "/api/teachers",
        "/api/levels",
        "/api/sessions?type=GROUP",
        "/api/group-classes",
        "/courses",
        "/courses/QC1",
        "/packages",
    ];
    let teacher_routes = ["/teacher/sessions"];
    let admin_routes = [
        "/admin",
        "/admin/courses",
        "/admin/packages",
        "/admin/group-classes",
        "/admin/purchases",
        "/admin/users",
    ];
    let measure = |label: &'static str| {
        let (t, student, teacher_token, admin) = (&t, &student, &teacher_token, &admin);
        async move {
            let mut out = Vec::new();
            for (routes, token) in [
                (&student_routes[..], Some(student.as_str())),
                (&public_routes[..], None),
                (&teacher_routes[..], Some(teacher_token.as_str())),
                (&admin_routes[..], Some(admin.as_str())),
            ] {
                for path in routes {
                    let (status, n) = t.queries_of(path, token).await;
                    assert_eq!(status, 200, "{label}: {path}");
                    out.push((*path, n));
                }
            }
            out
        }
    };
    let small = measure("one course").await;
    grow(&t, &admin, teacher, &student, 2, 3).await;
    let large = measure("four courses").await;
    let mut growing = Vec::new();
    for ((path, a), (_, b)) in small.iter().zip(&large) {
        if b > a {
            growing.push(format!("{path}: {a} → {b}"));
        }
    }
    eprintln!("queries per request: {large:?}");
    assert!(
        growing.is_empty(),
        "these reads send more queries as the school grows: {growing:#?}"
    );
}

#[tokio::test]
async fn a_credit_booking_is_a_short_transaction() {
    let t = TestApp::spawn().await;
    let s = t.school(5, 2).await;
    let p = t.package(credits_pack(1, 4)).await;
    let (ana, sp, a) = aula_test_support::buyer(&t, "ana@example.com", &p).await;
    // The first booking warms what is read once per process.
    aula_test_support::book(&t, &ana, s.sessions[0], sp, a[1]).await;
    let before = t.db.queries();
    let b = aula_test_support::book(&t, &ana, s.sessions[1], sp, a[1]).await;
    assert_eq!(b.status, 201, "{}", b.text);
    let n = t.db.queries() - before;
    eprintln!("statements per credit booking: {n}");
    // The session is known from memory (one read of the versions, shared under load). SQLite
    // sends the lock, the seat count and the purchase, allowance and ledger as one call (the
    // transaction holds the write lock), and the booking, its ledger row and the confirmation
    // and reminder mails as one more. PostgreSQL locks the session, then counts its seats in the
    // statement that locks the purchase (the count must come after the session's lock, see
    // `book_credit`), reads the allowance and ledger, writes both rows from one `WITH`, and the
    // mails in one statement. One statement reads the session back with its seats for the answer.
    let bound = if t.database_url().starts_with("postgres") {
        7
    } else {
        4
    };
    assert!(n <= bound, "a credit booking sent {n} statements");
}
