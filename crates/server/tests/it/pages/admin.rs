//! The back office's pages: courses (create, edit, steps and options), packages, the policy,
//! users and group classes (a weekly class, adding and cancelling sessions), all by forms. Every
//! page they render has all its words in the message catalogue.

use std::collections::BTreeSet;

use aula_server::i18n::MISSING;
use aula_test_support::{TestApp, csrf};
use serde_json::json;

/// Asserts what every admin page must be: no message missing from the catalogue, ids unique.
#[track_caller]
fn complete(html: &str) {
    assert!(!html.contains(MISSING), "a message is missing: {html}");
    let mut seen = BTreeSet::new();
    for id in html
        .split(" id=\"")
        .skip(1)
        .filter_map(|r| r.split('"').next())
    {
        assert!(seen.insert(id), "id {id} is used twice: {html}");
    }
}

/// An admin page as the user with `token` sees it, checked by [`complete`].
async fn visit(t: &TestApp, path: &str, token: &str) -> (u16, String) {
    let (status, html) = t.page(path, Some(token)).await;
    complete(&html);
    (status, html)
}

/// The page a form's answer shows (a 422 page), checked by [`complete`].
async fn body(r: reqwest::Response) -> String {
    let html = r.text().await.unwrap();
    complete(&html);
    html
}

/// Posts a page form without the `_csrf` field.
async fn post_without_token(
    t: &TestApp,
    path: &str,
    token: &str,
    form: &[(&str, &str)],
) -> reqwest::Response {
    t.client
        .post(t.url(path))
        .header("cookie", format!("aula_session={token}"))
        .form(form)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn admins_build_a_course_with_steps_and_options_on_the_pages() {
    let t = TestApp::spawn().await;
    t.set_now("2026-03-01T00:00:00Z");
    let admin = t.admin_token().await;
    let (_, teacher) = t.teacher("teo@example.com").await;
    let class = json!({"title": "Evening group", "capacityMax": 4, "levelIds": [], "teacherIds": [teacher],
        "sessions": [{"startAt": "2026-03-10T18:00:00Z", "endAt": "2026-03-10T19:00:00Z"}]});
    let (class_id, _) = t.group_class(&admin, class).await;

    let (status, form) = visit(&t, "/admin/courses/new", &admin).await;
    assert_eq!(status, 200);
    assert!(form.contains("<label for=\"code\">Code</label>") && form.contains(">A1</label>"));
    // A bad code: 422, the message beside the field, the values kept, nothing written.
    let r = t
        .submit(
            "/admin/courses",
            &admin,
            &[
                ("code", "x"),
                ("title", "Spanish from zero"),
                ("timezone", "Europe/Madrid"),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    let again = body(r).await;
    assert!(
        again.contains("id=\"code-error\"") && again.contains("value=\"Spanish from zero\""),
        "{again}"
    );
    assert_eq!(t.count("SELECT COUNT(*) FROM course_programs").await, 0);

    let r = t
        .submit(
            "/admin/courses",
            &admin,
            &[
                ("code", "SFZ"),
                ("title", "Spanish from zero"),
                ("timezone", "Europe/Madrid"),
                ("levels", "1"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let page = r.headers()["location"].to_str().unwrap().to_owned();
    assert!(page.starts_with("/admin/courses/"), "{page}");
    let (_, view) = visit(&t, &page, &admin).await;
    assert!(view.contains("role=\"status\">Course created."), "{view}");

    for (label, title) in [("SFZ-1", "Greetings"), ("SFZ-2", "Numbers")] {
        let r = t
            .submit(
                &format!("{page}/steps"),
                &admin,
                &[("label", label), ("title", title), ("required", "yes")],
            )
            .await;
        assert_eq!(r.status(), 303);
    }
    let program = t
        .count("SELECT id FROM course_programs WHERE code = 'SFZ'")
        .await;
    let step1 = t
        .count("SELECT id FROM course_steps WHERE label = 'SFZ-1'")
        .await;
    let r = t
        .submit(
            &format!("{page}/steps/{step1}/options"),
            &admin,
            &[("groupClassId", &class_id.to_string())],
        )
        .await;
    assert_eq!(r.status(), 303);
    let (_, view) = visit(&t, &page, &admin).await;
    assert!(
        view.contains("Evening group") && view.contains("Remove option"),
        "{view}"
    );
    // Move the first step down: SFZ-2 is now first.
    t.submit(&format!("{page}/steps/{step1}/down"), &admin, &[])
        .await;
    let (_, view) = visit(&t, &page, &admin).await;
    assert!(
        view.find("SFZ-2").unwrap() < view.find("SFZ-1").unwrap(),
        "{view}"
    );
    let api = t
        .get(
            &format!("/api/admin/course-programs/{program}"),
            Some(&admin),
        )
        .await;
    assert_eq!(api.json["steps"][0]["label"], "SFZ-2");
    // Save the course's fields.
    let r = t
        .submit(
            &page,
            &admin,
            &[
                ("title", "Spanish from zero (evenings)"),
                ("timezone", "Europe/Madrid"),
                ("active", "yes"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let (_, list) = visit(&t, "/admin/courses", &admin).await;
    assert!(
        list.contains("Spanish from zero (evenings)") && list.contains("2 steps"),
        "{list}"
    );
    // A refusal comes back as a sentence: a student holds the course, so its step stays.
    let package = t
        .package(
            json!({"name": "SFZ", "amountMinor": 100, "currency": "usd", "expiresInDays": null,
            "allowances": [{"serviceType": "COURSE", "credits": 1, "courseProgramId": program}]}),
        )
        .await;
    let (student, _) = t.register("sam@example.com").await;
    t.buy(&student, package["id"].as_i64().unwrap()).await;
    t.submit(&format!("{page}/steps/{step1}/delete"), &admin, &[])
        .await;
    let (_, view) = visit(&t, &page, &admin).await;
    assert!(
        view.contains("role=\"alert\">") && !view.contains("in_use"),
        "{view}"
    );
    assert_eq!(t.page(&page, Some(&student)).await.0, 403);
}

#[tokio::test]
async fn admins_create_a_course_package_and_take_it_off_sale_on_the_pages() {
    let t = TestApp::spawn().await;
    let admin = t.admin_token().await;
    let program = t.course_program("SFZ", 2).await;
    let (status, form) = visit(&t, "/admin/packages/new", &admin).await;
    assert_eq!(status, 200);
    assert!(
        form.contains("<legend>Allowance 3</legend>") && form.contains("SFZ course"),
        "{form}"
    );
    let course = program.to_string();
    let mut fields = vec![
        ("name", "SFZ complete"),
        ("price", "149.5"),
        ("currency", "eur"),
        ("expires", ""),
        ("a1_type", "COURSE"),
        ("a1_credits", "1"),
        ("a1_course", course.as_str()),
        ("a2_type", "GROUP"),
        ("a2_credits", "4"),
        ("a2_minutes", "60"),
        ("a3_type", "NONE"),
    ];
    // A price that is not an amount: 422, the message beside the price, nothing written.
    fields[1] = ("price", "lots");
    let r = t.submit("/admin/packages", &admin, &fields).await;
    assert_eq!(r.status(), 422);
    let again = body(r).await;
    assert!(
        again.contains("Write the price like 149.00.") && again.contains("value=\"SFZ complete\""),
        "{again}"
    );
    assert_eq!(t.count("SELECT COUNT(*) FROM packages").await, 0);
    fields[1] = ("price", "149.5");
    let r = t.submit("/admin/packages", &admin, &fields).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let (_, list) = visit(&t, "/admin/packages", &admin).await;
    assert!(
        list.contains("role=\"status\">SFZ complete created.") && list.contains("€149.50"),
        "{list}"
    );
    let api = t.get("/api/packages", None).await;
    let item = &api.json["items"][0];
    assert_eq!(item["amountMinor"], 14950);
    assert_eq!(item["allowances"][0]["serviceType"], "COURSE");
    assert_eq!(item["allowances"][0]["courseProgramId"], program);
    assert_eq!(item["allowances"][1]["credits"], 4);
    let id = item["id"].as_i64().unwrap();
    t.submit(&format!("/admin/packages/{id}/deactivate"), &admin, &[])
        .await;
    assert_eq!(t.get("/api/packages", None).await.json["items"], json!([]));
    let (_, list) = visit(&t, "/admin/packages", &admin).await;
    assert!(list.contains(">Activate</button>"));
    t.submit(&format!("/admin/packages/{id}/activate"), &admin, &[])
        .await;
    assert_eq!(
        t.get("/api/packages", None).await.json["items"][0]["id"],
        id
    );
}

#[tokio::test]
async fn admins_change_the_cancellation_policy_on_its_page() {
    let t = TestApp::spawn().await;
    let admin = t.admin_token().await;
    let (status, form) = visit(&t, "/admin/policy", &admin).await;
    assert_eq!(status, 200);
    assert!(form.contains(">Allow cancellation</label>") && form.contains("Save policy"));
    let r = t
        .submit(
            "/admin/policy",
            &admin,
            &[
                ("allowCancellation", "yes"),
                ("cancellationDeadlineHours", "500"),
                ("reschedulingDeadlineHours", "2"),
                ("maxReschedulesPerBooking", "1"),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    let again = body(r).await;
    assert!(
        again.contains("value=\"500\"") && again.contains("Must be between 0 and 168."),
        "{again}"
    );
    let r = t
        .submit(
            "/admin/policy",
            &admin,
            &[
                ("allowCancellation", "yes"),
                ("cancellationDeadlineHours", "48"),
                ("allowRescheduling", "yes"),
                ("reschedulingDeadlineHours", "2"),
                ("maxReschedulesPerBooking", "1"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let p = t.get("/api/policies/cancellation", None).await;
    assert_eq!(
        (
            p.json["cancellationDeadlineHours"].as_i64(),
            p.json["refundCreditsOnCancel"].as_bool()
        ),
        (Some(48), Some(false)),
        "an unticked box is off: {}",
        p.text
    );
    let (_, page) = visit(&t, "/admin/policy", &admin).await;
    assert!(page.contains("role=\"status\">Policy saved"));
}

#[tokio::test]
async fn admins_find_users_and_change_their_roles_on_the_page() {
    let t = TestApp::spawn().await;
    let admin = t.admin_token().await;
    let (_, ana) = t.register("ana@example.com").await;
    t.register("bob@example.com").await;
    let ana_id = ana["id"].as_i64().unwrap();
    let (status, page) = visit(&t, "/admin/users?search=ana", &admin).await;
    assert_eq!(status, 200);
    assert!(
        page.contains("ana@example.com") && !page.contains("bob@example.com"),
        "{page}"
    );
    assert!(page.contains(">Make teacher</button>") && page.contains(">Tier</label>"));
    let r = t
        .submit(
            &format!("/admin/users/{ana_id}/make-teacher"),
            &admin,
            &[("tier", "5000")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let (_, page) = visit(&t, "/admin/users", &admin).await;
    assert!(
        page.contains("role=\"alert\">Tier must be between 0 and 1000."),
        "a refused tier is a sentence: {page}"
    );
    t.submit(
        &format!("/admin/users/{ana_id}/make-teacher"),
        &admin,
        &[("tier", "10")],
    )
    .await;
    let (_, page) = visit(&t, "/admin/users?role=teacher", &admin).await;
    assert!(
        page.contains("ana@example.com") && page.contains(">Remove teacher</button>"),
        "{page}"
    );
    let teachers = t.get("/api/teachers", None).await;
    assert_eq!(teachers.json["items"][0]["tier"], 10, "{}", teachers.text);
    t.submit(&format!("/admin/users/{ana_id}/make-admin"), &admin, &[])
        .await;
    t.submit(
        &format!("/admin/users/{ana_id}/remove-teacher"),
        &admin,
        &[],
    )
    .await;
    let (_, page) = visit(&t, "/admin/users?role=admin&search=ana", &admin).await;
    assert!(
        page.contains("ana@example.com")
            && page.contains(">Remove admin</button>")
            && page.contains(">Make teacher</button>")
    );
}

#[tokio::test]
async fn admins_create_a_weekly_class_and_cancel_one_of_its_sessions() {
    let t = TestApp::spawn().await;
    t.set_now("2026-03-01T00:00:00Z");
    let admin = t.admin_token().await;
    let (_, teacher) = t.teacher("teo@example.com").await;
    let teacher = teacher.to_string();
    let (status, form) = visit(&t, "/admin/group-classes/new", &admin).await;
    assert_eq!(status, 200);
    assert!(
        form.contains("<legend>Weekdays</legend>")
            && form.contains(">Mon</label>")
            && form.contains("Create class")
    );
    let mut fields = vec![
        ("title", "Evening conversation"),
        ("capacity", "8"),
        ("levels", "2"),
        ("teacher", teacher.as_str()),
        ("timezone", "Europe/Madrid"),
        ("startTime", "18:00"),
        ("duration", "60"),
        ("from", "2026-03-02"),
        ("until", "2026-03-15"),
    ];
    // No weekday chosen: 422 and nothing made.
    let r = t.submit("/admin/group-classes", &admin, &fields).await;
    assert_eq!(r.status(), 422);
    let again = body(r).await;
    assert!(
        again.contains("value=\"Evening conversation\"") && again.contains("Must not be empty."),
        "{again}"
    );
    assert_eq!(t.count("SELECT COUNT(*) FROM group_classes").await, 0);
    fields.push(("weekdays", "1"));
    fields.push(("weekdays", "3"));
    let r = t.submit("/admin/group-classes", &admin, &fields).await;
    assert_eq!(r.status(), 303);
    let page = r.headers()["location"].to_str().unwrap().to_owned();
    let (_, view) = visit(&t, &page, &admin).await;
    assert!(
        view.contains("role=\"status\">Class created.") && view.contains("Europe/Madrid"),
        "{view}"
    );
    assert_eq!(
        view.matches("0/8").count(),
        4,
        "Mon and Wed for two weeks: {view}"
    );
    let session = t
        .count("SELECT MIN(id) FROM sessions WHERE group_class_id IS NOT NULL")
        .await;
    // A session is cancelled only from its own class's page.
    let r = t
        .submit(
            &format!("/admin/group-classes/999999/sessions/{session}/cancel"),
            &admin,
            &[],
        )
        .await;
    assert_eq!(r.status(), 404);
    assert_eq!(
        t.count("SELECT COUNT(*) FROM sessions WHERE status = 'CANCELLED'")
            .await,
        0
    );
    let r = t
        .submit(&format!("{page}/sessions/{session}/cancel"), &admin, &[])
        .await;
    assert_eq!(r.status(), 303);
    let (_, view) = visit(&t, &page, &admin).await;
    assert!(
        view.contains("Session cancelled") && view.contains("<td>Cancelled</td>"),
        "{view}"
    );
    let (_, list) = visit(&t, "/admin/group-classes", &admin).await;
    assert!(list.contains("Evening conversation") && list.contains("8 seats"));
}

/// A weekly class made on its page in `zone` with one session, Monday 2 March 2026 at 18:00
/// local; returns the class page's path.
async fn weekly_class(t: &TestApp, admin: &str, teacher: i64, zone: &str) -> String {
    let teacher = teacher.to_string();
    let fields = [
        ("title", "Evening conversation"),
        ("capacity", "8"),
        ("teacher", teacher.as_str()),
        ("timezone", zone),
        ("weekdays", "1"),
        ("startTime", "18:00"),
        ("duration", "60"),
        ("from", "2026-03-02"),
        ("until", "2026-03-08"),
    ];
    let r = t.submit("/admin/group-classes", admin, &fields).await;
    assert_eq!(r.status(), 303);
    r.headers()["location"].to_str().unwrap().to_owned()
}

/// The sessions of a class as the public API shows them: (startAt, endAt) in order.
async fn class_sessions(t: &TestApp, page: &str) -> Vec<(String, String)> {
    let id = page.rsplit('/').next().unwrap();
    let api = t.get(&format!("/api/group-classes/{id}"), None).await;
    api.json["sessions"]
        .as_array()
        .expect("sessions")
        .iter()
        .map(|s| {
            (
                s["startAt"].as_str().unwrap().to_owned(),
                s["endAt"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[tokio::test]
async fn admins_add_a_session_to_a_class_in_its_time_zone() {
    let t = TestApp::spawn().await;
    t.set_now("2026-03-01T00:00:00Z");
    let admin = t.admin_token().await;
    let (_, teacher) = t.teacher("teo@example.com").await;
    let page = weekly_class(&t, &admin, teacher, "Europe/Madrid").await;
    let (status, view) = visit(&t, &page, &admin).await;
    assert_eq!(status, 200);
    assert!(
        view.contains("<label for=\"startsAt\">Starts at (Europe/Madrid)</label>")
            && view.contains("type=\"datetime-local\"")
            && view.contains("<label for=\"sessionDuration\">Duration (minutes)</label>")
            && view.contains(">Add session</button>"),
        "{view}"
    );
    // The session list is in the viewer's zone (the school's: UTC), each time naming it.
    assert!(
        view.contains("Monday, 2 March 2026, 17:00–18:00 (UTC)"),
        "{view}"
    );

    // 18:00 in Madrid on 20 March is 17:00 UTC; it lasts 90 minutes.
    let added = format!("{page}/sessions");
    let r = t
        .submit(
            &added,
            &admin,
            &[("startsAt", "2026-03-20T18:00"), ("duration", "90")],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], page.as_str());
    let sessions = class_sessions(&t, &page).await;
    assert_eq!(sessions.len(), 2, "{sessions:?}");
    assert_eq!(
        sessions[1],
        (
            "2026-03-20T17:00:00Z".to_owned(),
            "2026-03-20T18:30:00Z".to_owned()
        )
    );
    let (_, view) = visit(&t, &page, &admin).await;
    assert!(
        view.contains("role=\"status\">Session added: Friday, 20 March 2026, 17:00 (UTC).")
            && view.contains("Friday, 20 March 2026, 17:00–18:30 (UTC)")
            && view.matches("0/8").count() == 2,
        "{view}"
    );
    let stored = t
        .count("SELECT COUNT(*) FROM sessions WHERE source_timezone = 'Europe/Madrid' AND type = 'GROUP' AND status = 'SCHEDULED'")
        .await;
    assert_eq!(stored, 2);
}

#[tokio::test]
async fn a_bad_session_start_or_duration_shows_the_form_again() {
    let t = TestApp::spawn().await;
    t.set_now("2026-03-01T00:00:00Z");
    let admin = t.admin_token().await;
    let (_, teacher) = t.teacher("teo@example.com").await;
    let page = weekly_class(&t, &admin, teacher, "Europe/Madrid").await;
    let added = format!("{page}/sessions");
    let count = "SELECT COUNT(*) FROM sessions";
    for (start, duration, field, message) in [
        (
            "",
            "60",
            "startsAt",
            "Choose the day and time the session starts.",
        ),
        (
            "next friday",
            "60",
            "startsAt",
            "Write the day and time like 2026-03-10T18:00.",
        ),
        (
            "2026-02-20T18:00",
            "60",
            "startsAt",
            "Must be in the future.",
        ),
        (
            "2026-03-20T18:00",
            "5",
            "sessionDuration",
            "Must be between 15 and 480.",
        ),
        (
            "2026-03-20T18:00",
            "600",
            "sessionDuration",
            "Must be between 15 and 480.",
        ),
        (
            "2026-03-20T18:00",
            "an hour",
            "sessionDuration",
            "Write a whole number.",
        ),
    ] {
        let r = t
            .submit(
                &added,
                &admin,
                &[("startsAt", start), ("duration", duration)],
            )
            .await;
        assert_eq!(r.status(), 422, "{start} / {duration}");
        let again = body(r).await;
        // The message is beside the field, which names it in its aria-describedby.
        let described = again.contains(&format!("aria-describedby=\"{field}-error\""))
            || again.contains(&format!(" {field}-error\""));
        let message = format!("<span id=\"{field}-error\" class=\"error\">{message}</span>");
        assert!(
            described && again.contains(&message),
            "{start} / {duration}: {again}"
        );
        assert!(
            again.contains(&format!("value=\"{start}\""))
                && again.contains(&format!("value=\"{duration}\"")),
            "the values are kept: {again}"
        );
        assert_eq!(t.count(count).await, 1, "nothing written");
    }
}

#[tokio::test]
async fn a_session_the_teacher_cannot_give_is_refused_with_a_sentence() {
    let t = TestApp::spawn().await;
    t.set_now("2026-03-01T00:00:00Z");
    let admin = t.admin_token().await;
    let (_, teacher) = t.teacher("teo@example.com").await;
    let page = weekly_class(&t, &admin, teacher, "Europe/Madrid").await;
    // The teacher's other class: 25 March, 10:00-11:00 UTC.
    let other = json!({"title": "Morning group", "capacityMax": 4, "levelIds": [], "teacherIds": [teacher],
        "sessions": [{"startAt": "2026-03-25T10:00:00Z", "endAt": "2026-03-25T11:00:00Z"}]});
    t.group_class(&admin, other).await;
    let added = format!("{page}/sessions");
    // Overlapping the class's own Monday session (17:00-18:00 UTC), then the other class.
    for start in ["2026-03-02T18:30", "2026-03-25T11:30"] {
        let r = t
            .submit(&added, &admin, &[("startsAt", start), ("duration", "60")])
            .await;
        assert_eq!(r.status(), 303, "{start}");
        assert_eq!(r.headers()["location"], page.as_str());
        let (_, view) = visit(&t, &page, &admin).await;
        assert!(
            view.contains("role=\"alert\">That time is not free: the teacher is busy")
                && !view.contains("slot_unavailable"),
            "{start}: {view}"
        );
        assert_eq!(t.count("SELECT COUNT(*) FROM sessions").await, 2);
    }
    // Right after the other class is free.
    let r = t
        .submit(
            &added,
            &admin,
            &[("startsAt", "2026-03-25T12:00"), ("duration", "60")],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(t.count("SELECT COUNT(*) FROM sessions").await, 3);
}

#[tokio::test]
async fn a_class_without_a_zone_reads_the_start_in_the_viewers_zone() {
    let t = TestApp::spawn().await;
    t.set_now("2026-03-01T00:00:00Z");
    let admin = t.admin_token().await;
    let (_, teacher) = t.teacher("teo@example.com").await;
    let class = json!({"title": "Evening group", "capacityMax": 4, "levelIds": [], "teacherIds": [teacher],
        "sessions": [{"startAt": "2026-03-10T18:00:00Z", "endAt": "2026-03-10T19:00:00Z"}]});
    let (class, _) = t.group_class(&admin, class).await;
    let page = format!("/admin/group-classes/{class}");
    let in_mexico = |path: String| {
        t.client
            .get(t.url(&path))
            .header(
                "cookie",
                format!("aula_session={admin}; aula_tz=America/Mexico_City"),
            )
            .send()
    };
    let html = in_mexico(page.clone()).await.unwrap().text().await.unwrap();
    complete(&html);
    assert!(
        html.contains("<label for=\"startsAt\">Starts at (America/Mexico_City)</label>")
            && html.contains("The class has no time zone of its own")
            && html.contains("Tuesday, 10 March 2026, 12:00–13:00 (America/Mexico_City)"),
        "{html}"
    );
    let r = t
        .client
        .post(t.url(&format!("{page}/sessions")))
        .header(
            "cookie",
            format!("aula_session={admin}; aula_tz=America/Mexico_City"),
        )
        .form(&[
            ("startsAt", "2026-03-20T10:00"),
            ("duration", "45"),
            ("_csrf", csrf(&admin).as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let sessions = class_sessions(&t, &page).await;
    assert_eq!(
        sessions[1],
        (
            "2026-03-20T16:00:00Z".to_owned(),
            "2026-03-20T16:45:00Z".to_owned()
        )
    );
}

#[tokio::test]
async fn adding_a_session_needs_the_token_and_the_admin_role() {
    let t = TestApp::spawn().await;
    t.set_now("2026-03-01T00:00:00Z");
    let admin = t.admin_token().await;
    let (_, teacher) = t.teacher("teo@example.com").await;
    let page = weekly_class(&t, &admin, teacher, "Europe/Madrid").await;
    let added = format!("{page}/sessions");
    let form = [("startsAt", "2026-03-20T18:00"), ("duration", "60")];
    let r = post_without_token(&t, &added, &admin, &form).await;
    assert_eq!(r.status(), 403);
    complete(&r.text().await.unwrap());
    let (student, _) = t.register("sam@example.com").await;
    let r = t.submit(&added, &student, &form).await;
    assert_eq!(r.status(), 403);
    assert_eq!(visit(&t, &page, &student).await.0, 403);
    assert_eq!(t.count("SELECT COUNT(*) FROM sessions").await, 1);
}

#[tokio::test]
async fn admins_edit_a_step_of_a_course_on_its_page() {
    let t = TestApp::spawn().await;
    let admin = t.admin_token().await;
    let program = t.course_program("SFZ", 2).await;
    let other = t.course_program("QC", 1).await;
    let step = |label: &'static str| {
        let t = &t;
        async move {
            t.count(&format!(
                "SELECT id FROM course_steps WHERE label = '{label}'"
            ))
            .await
        }
    };
    let (s1, s2, foreign) = (step("SFZ-1").await, step("SFZ-2").await, step("QC-1").await);
    let page = format!("/admin/courses/{program}");
    let (status, html) = visit(&t, &page, &admin).await;
    assert_eq!(status, 200);
    for (field, label) in [
        ("label", "Label"),
        ("title", "Title"),
        ("description", "Description"),
        ("required", "Required"),
    ] {
        assert!(
            html.contains(&format!("<label for=\"step-{s1}-{field}\">{label}</label>")),
            "{field}: {html}"
        );
    }
    assert!(
        html.contains(&format!(
            "id=\"step-{s1}-label\" name=\"label\" value=\"SFZ-1\""
        )) && html.contains(&format!(
            "id=\"step-{s2}-title\" name=\"title\" value=\"Step 2\""
        )) && html.matches(">Save step</button>").count() == 2,
        "{html}"
    );

    let edit = format!("{page}/steps/{s1}");
    let r = t
        .submit(
            &edit,
            &admin,
            &[
                ("label", "SFZ-1a"),
                ("title", "Hello and goodbye"),
                ("description", "Greetings at any time of day."),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], page.as_str());
    let (_, html) = visit(&t, &page, &admin).await;
    assert!(
        html.contains("role=\"status\">Step SFZ-1a saved.")
            && html.contains("SFZ-1a · Hello and goodbye"),
        "{html}"
    );
    let api = t
        .get(
            &format!("/api/admin/course-programs/{program}"),
            Some(&admin),
        )
        .await;
    let first = &api.json["steps"][0];
    assert_eq!(
        (
            &first["label"],
            &first["title"],
            &first["description"],
            &first["isRequired"],
            &first["stepOrder"]
        ),
        (
            &json!("SFZ-1a"),
            &json!("Hello and goodbye"),
            &json!("Greetings at any time of day."),
            &json!(false),
            &json!(1)
        ),
        "{}",
        api.text
    );

    // An empty title: 422, the message beside it, the values kept, nothing written.
    let r = t
        .submit(
            &edit,
            &admin,
            &[("label", "SFZ-1b"), ("title", " "), ("required", "yes")],
        )
        .await;
    assert_eq!(r.status(), 422);
    let again = body(r).await;
    assert!(
        again.contains(&format!(
            "aria-describedby=\"step-{s1}-title-error\""
        )) && again.contains(&format!(
            "<span id=\"step-{s1}-title-error\" class=\"error\">Must be 1 to 255 characters.</span>"
        )) && again.contains(&format!("id=\"step-{s1}-label\" name=\"label\" value=\"SFZ-1b\""))
            && again.contains(&format!("id=\"step-{s2}-label\" name=\"label\" value=\"SFZ-2\"")),
        "{again}"
    );
    assert_eq!(step("SFZ-1b").await, -1);
    assert_eq!(step("SFZ-1a").await, s1);

    // A label another step has: refused, said as a sentence.
    let r = t
        .submit(&edit, &admin, &[("label", "SFZ-2"), ("title", "Again")])
        .await;
    assert_eq!(r.status(), 303);
    let (_, html) = visit(&t, &page, &admin).await;
    assert!(
        html.contains("role=\"alert\">Another step of this course already has this label."),
        "{html}"
    );
    assert_eq!(step("SFZ-1a").await, s1);

    // A step of another course is not on this page.
    let r = t
        .submit(
            &format!("{page}/steps/{foreign}"),
            &admin,
            &[("label", "QC-9"), ("title", "Elsewhere")],
        )
        .await;
    assert_eq!(r.status(), 404);
    assert_eq!(step("QC-1").await, foreign);
    assert_ne!(other, program);
}

#[tokio::test]
async fn editing_a_step_needs_the_token_and_the_admin_role() {
    let t = TestApp::spawn().await;
    let admin = t.admin_token().await;
    let program = t.course_program("SFZ", 1).await;
    let s1 = t
        .count("SELECT id FROM course_steps WHERE label = 'SFZ-1'")
        .await;
    let edit = format!("/admin/courses/{program}/steps/{s1}");
    let form = [("label", "SFZ-X"), ("title", "Changed")];
    let r = post_without_token(&t, &edit, &admin, &form).await;
    assert_eq!(r.status(), 403);
    complete(&r.text().await.unwrap());
    let (student, _) = t.register("sam@example.com").await;
    assert_eq!(t.submit(&edit, &student, &form).await.status(), 403);
    assert_eq!(
        t.count("SELECT COUNT(*) FROM course_steps WHERE label = 'SFZ-1' AND title = 'Step 1'")
            .await,
        1
    );
}

#[tokio::test]
async fn every_admin_page_has_all_its_words() {
    let t = TestApp::spawn().await;
    t.set_now("2026-03-01T00:00:00Z");
    let admin = t.admin_token().await;
    let (_, teacher) = t.teacher("teo@example.com").await;
    let class = weekly_class(&t, &admin, teacher, "Europe/Madrid").await;
    let program = t.course_program("SFZ", 2).await;
    let p = t.package(aula_test_support::credits_pack(2, 2)).await;
    let (student, _) = t.register("sam@example.com").await;
    t.buy(&student, p["id"].as_i64().unwrap()).await;
    for path in [
        "/admin".to_owned(),
        "/admin/courses".to_owned(),
        "/admin/courses/new".to_owned(),
        format!("/admin/courses/{program}"),
        "/admin/packages".to_owned(),
        "/admin/packages/new".to_owned(),
        "/admin/group-classes".to_owned(),
        "/admin/group-classes/new".to_owned(),
        class,
        "/admin/users".to_owned(),
        "/admin/policy".to_owned(),
        "/admin/purchases".to_owned(),
    ] {
        let (status, html) = visit(&t, &path, &admin).await;
        assert_eq!(status, 200, "{path}");
        assert!(html.contains("<h1>"), "{path}: {html}");
    }
}

#[tokio::test]
async fn a_refused_create_goes_back_to_its_form_as_a_sentence() {
    let t = TestApp::spawn().await;
    t.set_now("2026-03-01T00:00:00Z");
    let admin = t.admin_token().await;
    let (_, teacher) = t.teacher("teo@example.com").await;
    // A code already taken: 409 in the API, so 303 back to the form with the sentence.
    let course = [("code", "SFZ"), ("title", "Spanish from zero")];
    assert_eq!(
        t.submit("/admin/courses", &admin, &course).await.status(),
        303
    );
    let r = t.submit("/admin/courses", &admin, &course).await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/admin/courses/new");
    let (_, form) = visit(&t, "/admin/courses/new", &admin).await;
    assert!(form.contains("role=\"alert\">"), "{form}");
    assert_eq!(t.count("SELECT COUNT(*) FROM course_programs").await, 1);
    // A teacher busy at that time: the same.
    let busy = json!({"title": "Taken", "capacityMax": 4, "levelIds": [], "teacherIds": [teacher],
        "sessions": [{"startAt": "2026-03-02T17:00:00Z", "endAt": "2026-03-02T18:00:00Z"}]});
    t.group_class(&admin, busy).await;
    let teacher = teacher.to_string();
    let class = [
        ("title", "Clash"),
        ("capacity", "5"),
        ("teacher", teacher.as_str()),
        ("timezone", "UTC"),
        ("weekdays", "1"),
        ("startTime", "17:30"),
        ("duration", "60"),
        ("from", "2026-03-02"),
        ("until", "2026-03-02"),
    ];
    let r = t.submit("/admin/group-classes", &admin, &class).await;
    assert_eq!(r.status(), 303, "{:?}", r.text().await);
    let (_, form) = visit(&t, "/admin/group-classes/new", &admin).await;
    assert!(
        form.contains("role=\"alert\">That time is not free"),
        "{form}"
    );
    assert_eq!(t.count("SELECT COUNT(*) FROM group_classes").await, 1);
}
