//! The back office's course pages: create, edit, steps and options, all by forms.

use aula_test_support::TestApp;
use serde_json::json;

#[tokio::test]
async fn admins_build_a_course_with_steps_and_options_on_the_pages() {
    let t = TestApp::spawn().await;
    t.set_now("2026-03-01T00:00:00Z");
    let admin = t.admin_token().await;
    let (_, teacher) = t.teacher("teo@example.com").await;
    let class = json!({"title": "Evening group", "capacityMax": 4, "levelIds": [], "teacherIds": [teacher],
        "sessions": [{"startAt": "2026-03-10T18:00:00Z", "endAt": "2026-03-10T19:00:00Z"}]});
    let (class_id, _) = t.group_class(&admin, class).await;

    let (status, form) = t.page("/admin/courses/new", Some(&admin)).await;
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
    let again = r.text().await.unwrap();
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
    let (_, view) = t.page(&page, Some(&admin)).await;
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
    let (_, view) = t.page(&page, Some(&admin)).await;
    assert!(
        view.contains("Evening group") && view.contains("Remove option"),
        "{view}"
    );
    // Move the first step down: SFZ-2 is now first.
    t.submit(&format!("{page}/steps/{step1}/down"), &admin, &[])
        .await;
    let (_, view) = t.page(&page, Some(&admin)).await;
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
    let (_, list) = t.page("/admin/courses", Some(&admin)).await;
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
    let (_, view) = t.page(&page, Some(&admin)).await;
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
    let (status, form) = t.page("/admin/packages/new", Some(&admin)).await;
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
    let again = r.text().await.unwrap();
    assert!(
        again.contains("write the price like 149.00") && again.contains("value=\"SFZ complete\"")
    );
    assert_eq!(t.count("SELECT COUNT(*) FROM packages").await, 0);
    fields[1] = ("price", "149.5");
    let r = t.submit("/admin/packages", &admin, &fields).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let (_, list) = t.page("/admin/packages", Some(&admin)).await;
    assert!(
        list.contains("role=\"status\">SFZ complete created.") && list.contains("149.50 EUR"),
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
    let (_, list) = t.page("/admin/packages", Some(&admin)).await;
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
    let (status, form) = t.page("/admin/policy", Some(&admin)).await;
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
    assert!(r.text().await.unwrap().contains("value=\"500\""));
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
    let (_, page) = t.page("/admin/policy", Some(&admin)).await;
    assert!(page.contains("role=\"status\">Policy saved"));
}

#[tokio::test]
async fn admins_find_users_and_change_their_roles_on_the_page() {
    let t = TestApp::spawn().await;
    let admin = t.admin_token().await;
    let (_, ana) = t.register("ana@example.com").await;
    t.register("bob@example.com").await;
    let ana_id = ana["id"].as_i64().unwrap();
    let (status, page) = t.page("/admin/users?search=ana", Some(&admin)).await;
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
    let (_, page) = t.page("/admin/users", Some(&admin)).await;
    assert!(
        page.contains("role=\"alert\">Tier"),
        "a refused tier is a sentence: {page}"
    );
    t.submit(
        &format!("/admin/users/{ana_id}/make-teacher"),
        &admin,
        &[("tier", "10")],
    )
    .await;
    let (_, page) = t.page("/admin/users?role=teacher", Some(&admin)).await;
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
    let (_, page) = t
        .page("/admin/users?role=admin&search=ana", Some(&admin))
        .await;
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
    let (status, form) = t.page("/admin/group-classes/new", Some(&admin)).await;
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
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("value=\"Evening conversation\"")
    );
    assert_eq!(t.count("SELECT COUNT(*) FROM group_classes").await, 0);
    fields.push(("weekdays", "1"));
    fields.push(("weekdays", "3"));
    let r = t.submit("/admin/group-classes", &admin, &fields).await;
    assert_eq!(r.status(), 303);
    let page = r.headers()["location"].to_str().unwrap().to_owned();
    let (_, view) = t.page(&page, Some(&admin)).await;
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
    let r = t
        .submit(&format!("{page}/sessions/{session}/cancel"), &admin, &[])
        .await;
    assert_eq!(r.status(), 303);
    let (_, view) = t.page(&page, Some(&admin)).await;
    assert!(
        view.contains("Session cancelled") && view.contains("CANCELLED"),
        "{view}"
    );
    let (_, list) = t.page("/admin/group-classes", Some(&admin)).await;
    assert!(list.contains("Evening conversation") && list.contains("8 seats"));
}
