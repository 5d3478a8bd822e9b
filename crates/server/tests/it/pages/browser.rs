//! The whole school in a real browser, by clicks: an admin builds a course and sells it, a
//! student buys it through the dev checkout, books a step, cancels and books again, the teacher
//! marks attendance and the student sees the step completed.

use aula_test_support::TestApp;
use aula_test_support::webdriver::Browser;
use serde_json::json;

/// No serious or critical axe-core violation on the page the browser shows, and nothing wider
/// than the phone-sized window; no message missing from the catalogue.
async fn accessible(b: &Browser) {
    let found = b.axe_violations().await;
    assert!(found.is_empty(), "{}: {found:#?}", b.url().await);
    let wide = b.too_wide().await;
    assert!(
        wide.is_empty(),
        "{} is wider than 390 px: {wide:?}",
        b.url().await
    );
    assert!(
        !b.source().await.contains(aula_server::i18n::MISSING),
        "{}",
        b.url().await
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_course_from_the_back_office_to_a_completed_step_by_clicks() {
    let t = TestApp::spawn().await;
    t.set_now("2026-03-01T00:00:00Z");
    let admin = t.admin_token().await;
    let (_, teacher) = t.teacher("teo@example.com").await;
    let class = json!({"title": "Evening group", "capacityMax": 4, "levelIds": [], "teacherIds": [teacher],
        "sessions": [{"startAt": "2026-03-10T18:00:00Z", "endAt": "2026-03-10T19:00:00Z"}]});
    let (_, sessions) = t.group_class(&admin, class).await;
    let Some(b) = Browser::start().await else {
        return;
    };
    let login = |email: &'static str, password: &'static str| {
        let b = &b;
        let url = t.url("/login");
        async move {
            b.open(&url).await;
            b.fill("E-mail", email).await;
            b.fill("Password", password).await;
            b.click("Log in").await;
        }
    };

    // The admin builds the course and its package.
    login("root-admin@aula.test", "admin password").await;
    b.open(&t.url("/admin/courses/new")).await;
    accessible(&b).await;
    b.fill("Code", "SFZ").await;
    b.fill("Title", "Spanish from zero").await;
    b.click("Create course").await;
    assert!(
        b.url().await.contains("/admin/courses/"),
        "{}",
        b.url().await
    );
    accessible(&b).await;
    b.fill_in("Add step", "Label", "SFZ-1").await;
    b.fill_in("Add step", "Title", "Greetings").await;
    b.click("Add step").await;
    b.choose("Group class", "Evening group").await;
    b.click("Add option").await;
    assert!(b.source().await.contains("Remove option"));
    b.open(&t.url("/admin/packages/new")).await;
    accessible(&b).await;
    b.fill("Name", "SFZ course").await;
    b.fill("Price", "149.00").await;
    b.fill("Currency", "eur").await;
    b.choose("Type", "Course").await;
    b.fill("Credits", "1").await;
    b.choose("Course", "Spanish from zero").await;
    b.click("Create package").await;
    assert!(
        b.source().await.contains("SFZ course created."),
        "{}",
        b.source().await
    );
    b.click("Log out").await;

    // A student registers, buys through the dev checkout and books the step.
    b.open(&t.url("/register")).await;
    accessible(&b).await;
    b.fill("First name", "Sam").await;
    b.fill("Last name", "Student").await;
    b.fill("E-mail", "sam@example.com").await;
    b.fill("Password", "correct horse").await;
    b.click("Register").await;
    b.open(&t.url("/courses/SFZ")).await;
    b.click("Buy").await;
    assert!(
        b.url().await.contains("/checkout/dev/"),
        "{}",
        b.url().await
    );
    accessible(&b).await;
    b.click("Pay").await;
    assert!(b.url().await.ends_with("/me/courses"), "{}", b.url().await);
    assert!(
        b.source().await.contains("0 of 1 steps completed"),
        "{}",
        b.source().await
    );
    accessible(&b).await;
    b.choose("Choose a session", "").await;
    b.click("Book this step").await;
    assert!(b.source().await.contains("Step booked."));
    b.open(&t.url("/me/bookings")).await;
    accessible(&b).await;
    b.click("Cancel booking").await;
    b.click("Yes, cancel booking").await;
    assert!(
        b.source().await.contains("Cancelled"),
        "{}",
        b.source().await
    );
    b.open(&t.url("/me/courses")).await;
    b.choose("Choose a session", "").await;
    b.click("Book this step").await;
    b.click("Log out").await;

    // The teacher marks attendance once the session has started.
    t.set_now("2026-03-10T18:10:00Z");
    login("teo@example.com", "correct horse").await;
    b.open(&t.url(&format!("/teacher/sessions/{}", sessions[0])))
        .await;
    accessible(&b).await;
    b.tick("Attended").await;
    b.click("Save attendance").await;
    assert!(b.source().await.contains("Attendance saved"));
    b.click("Log out").await;

    // The student sees the step completed.
    login("sam@example.com", "correct horse").await;
    b.open(&t.url("/me/courses")).await;
    let page = b.source().await;
    assert!(
        page.contains("1 of 1 steps completed") && page.contains("COMPLETED"),
        "{page}"
    );
}

/// A teacher free on Monday mornings in Madrid, and Sam, who bought private credits (1 March 2026).
async fn teacher_with_hours_and_a_buyer() -> (TestApp, i64) {
    let t = TestApp::spawn().await;
    t.set_now("2026-03-01T00:00:00Z");
    let (teo, teacher) = t.teacher("teo@example.com").await;
    let hours = json!({"timezone": "Europe/Madrid", "rules": [{"weekday": 1, "startTime": "09:00", "endTime": "11:00"}], "exceptions": []});
    t.call(
        reqwest::Method::PUT,
        "/api/teachers/me/availability",
        Some(hours),
        Some(&teo),
    )
    .await;
    let p = t.package(aula_test_support::credits_pack(4, 1)).await;
    let (sam, _) = t.register("sam@example.com").await;
    t.buy(&sam, p["id"].as_i64().unwrap()).await;
    (t, teacher)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_private_lesson_from_the_teachers_page_by_clicks() {
    let (t, teacher) = teacher_with_hours_and_a_buyer().await;
    let Some(b) = Browser::start().await else {
        return;
    };
    b.open(&t.url(&format!("/teachers/{teacher}"))).await;
    accessible(&b).await;
    b.follow("Log in to book").await;
    b.fill("E-mail", "sam@example.com").await;
    b.fill("Password", "correct horse").await;
    b.click("Log in").await;
    assert!(
        b.url().await.ends_with(&format!("/teachers/{teacher}")),
        "back where the visitor was: {}",
        b.url().await
    );
    accessible(&b).await;
    b.click("Book").await;
    assert!(b.url().await.contains("/book?start="), "{}", b.url().await);
    accessible(&b).await;
    assert!(
        !b.source()
            .await
            .contains("I agree to use a higher-tier credit"),
        "an exact-tier credit needs no consent"
    );
    b.click("Confirm booking").await;
    assert!(b.url().await.ends_with("/me/bookings"), "{}", b.url().await);
    let page = b.source().await;
    assert!(
        page.contains("Booked with 2 credits") && page.contains("Private lesson with Test User"),
        "{page}"
    );
    accessible(&b).await;
}

/// The same private lesson with the keyboard alone: Tab to each control, type, Enter. Every
/// control on the way shows its focus.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_private_lesson_with_the_keyboard_alone() {
    let (t, teacher) = teacher_with_hours_and_a_buyer().await;
    let Some(b) = Browser::start().await else {
        return;
    };
    b.open(&t.url(&format!("/teachers/{teacher}"))).await;
    b.tab_to("Log in to book").await;
    b.enter().await;
    b.tab_to("E-mail").await;
    b.keys("sam@example.com").await;
    b.tab_to("Password").await;
    b.keys("correct horse").await;
    b.enter().await;
    assert!(
        b.url().await.ends_with(&format!("/teachers/{teacher}")),
        "{}",
        b.url().await
    );
    b.tab_to("Book").await;
    b.enter().await;
    assert!(b.url().await.contains("/book?start="), "{}", b.url().await);
    b.tab_to("Confirm booking").await;
    b.enter().await;
    assert!(b.url().await.ends_with("/me/bookings"), "{}", b.url().await);
    let page = b.source().await;
    assert!(page.contains("Booked with 2 credits"), "{page}");
    // Cancelling is reachable by keyboard too, through its confirmation.
    b.tab_to("Cancel").await;
    b.enter().await;
    assert!(b.url().await.contains("/cancel"), "{}", b.url().await);
    accessible(&b).await;
}

/// A browser set to Spanish, end to end: the home page, the catalogue with the course's Spanish
/// title the admin set, the dev checkout, "Mis cursos", booking a step, the booking's date in
/// Spanish, and the mails in Spanish.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_spanish_student_from_the_home_page_to_a_booked_step_and_its_mails() {
    use crate::course_programs::{class, course_package, id, option, program, step};
    let sink = aula_test_support::smtp::SmtpSink::start().await;
    let t = TestApp::spawn_mail(Some(&sink.url())).await;
    t.set_now("2026-12-01T00:00:00Z");
    let admin = t.admin_token().await;
    let (_, teacher) = t.teacher("teo@example.com").await;
    let p = id(&program(
        &t,
        &admin,
        json!({"code": "SFZ", "title": "Spanish from zero"}),
    )
    .await);
    let s = id(&step(&t, &admin, p, 1, "SFZ-1").await);
    let (c, _) = class(
        &t,
        &admin,
        teacher,
        "Grupo de tarde",
        &["2026-12-03T16:30:00Z"],
    )
    .await;
    option(&t, &admin, s, c).await;
    course_package(&t, p, "SFZ course").await;
    let r = t
        .call(
            reqwest::Method::PUT,
            &format!("/api/admin/course-programs/{p}/texts/es"),
            Some(json!({"title": "Español desde cero", "description": "Para empezar de cero."})),
            Some(&admin),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let Some(b) = Browser::start_in("es-ES").await else {
        return;
    };

    b.open(&t.url("/")).await;
    let home = b.source().await;
    assert!(home.contains("<html lang=\"es\">"), "{home}");
    assert!(home.contains("Aprende un idioma con profesores de verdad"));
    accessible(&b).await;
    b.follow("Registrarse").await;
    accessible(&b).await;
    b.fill("Nombre", "Sara").await;
    b.fill("Apellidos", "Gómez").await;
    b.fill("Correo electrónico", "sara@example.com").await;
    b.fill("Contraseña", "correct horse").await;
    b.click("Registrarse").await;
    b.open(&t.url("/courses")).await;
    assert!(
        b.source().await.contains("Español desde cero"),
        "{}",
        b.source().await
    );
    accessible(&b).await;
    b.open(&t.url("/courses/SFZ")).await;
    accessible(&b).await;
    b.click("Comprar").await;
    assert!(
        b.url().await.contains("/checkout/dev/"),
        "{}",
        b.url().await
    );
    accessible(&b).await;
    b.click("Pagar").await;
    assert!(b.url().await.ends_with("/me/courses"), "{}", b.url().await);
    let mine = b.source().await;
    assert!(mine.contains("0 de 1 pasos completados"), "{mine}");
    assert!(mine.contains("Mis cursos"));
    accessible(&b).await;
    b.choose("Elige una sesión", "").await;
    b.click("Reservar este paso").await;
    assert!(
        b.source().await.contains("Paso reservado."),
        "{}",
        b.source().await
    );
    b.open(&t.url("/me/bookings")).await;
    let bookings = b.source().await;
    assert!(
        bookings.contains("jueves, 3 de diciembre de 2026"),
        "{bookings}"
    );
    accessible(&b).await;

    // The mails speak Spanish too, with Spanish dates.
    let sara = |subject: &'static str| {
        let sink = &sink;
        async move {
            for _ in 0..300 {
                if let Some(p) = sink.received().iter().map(|r| r.parsed()).find(|p| {
                    p.to.iter().any(|a| a == "sara@example.com") && p.subject.starts_with(subject)
                }) {
                    return p;
                }
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            }
            panic!("no mail {subject:?} to Sara");
        }
    };
    let welcome = sara("Te damos la bienvenida a Aula").await;
    assert!(
        welcome.text.starts_with("Hola Sara Gómez:"),
        "{}",
        welcome.text
    );
    sara("Tu recibo: SFZ course").await;
    let booked = sara("Reserva confirmada: Grupo de tarde").await;
    assert!(
        booked.text.contains("jueves, 3 de diciembre de 2026"),
        "{}",
        booked.text
    );
}
