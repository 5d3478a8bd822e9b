//! The public and student pages in the viewer's language, and the admin pages' "Texts" forms.

use aula_test_support::TestApp;
use serde_json::Value;

use super::{admin_page, catalogue, complete, get_in, page_in, spanish, titles};

#[tokio::test]
async fn pages_show_the_texts_of_the_viewers_language() {
    let t = TestApp::spawn().await;
    let c = catalogue(&t).await;
    spanish(&t, &c).await;
    let html = page_in(&t, "/courses/GRAM", None, "es").await;
    assert!(html.contains("<h1>Gramática básica</h1>"), "{html}");
    assert!(html.contains("Gramática, en español"), "{html}");
    assert!(html.contains("Paquete de gramática"), "{html}");
    let html = page_in(&t, "/courses/GRAM", None, "en").await;
    assert!(html.contains("<h1>Grammar basics</h1>"), "{html}");
    assert!(html.contains("Grammar basics, in English"), "{html}");
    assert!(html.contains("Grammar pack"), "{html}");
    let html = page_in(&t, "/courses/TALK", None, "es").await;
    assert!(html.contains("<h1>Small talk</h1>"), "the default: {html}");
    let html = page_in(&t, "/courses", None, "es").await;
    assert!(html.contains(">Gramática básica</a>"), "{html}");
    assert!(html.contains(">Small talk</a>"), "{html}");
    let html = page_in(&t, "/packages", None, "es").await;
    assert!(html.contains("<h2>Paquete de gramática</h2>"), "{html}");
    assert!(html.contains("Un curso"), "{html}");
    let html = page_in(&t, "/packages", None, "en").await;
    assert!(html.contains("<h2>Grammar pack</h2>"), "{html}");
    // A student's own pages.
    let (student, _) = t.register("sam@example.com").await;
    t.buy(&student, c.pack).await;
    let html = page_in(&t, "/me/courses", Some(&student), "es").await;
    assert!(html.contains("<h2>Gramática básica <small>"), "{html}");
    let html = page_in(&t, "/me/courses", Some(&student), "en").await;
    assert!(html.contains("<h2>Grammar basics <small>"), "{html}");
    let html = page_in(&t, "/me/credits", Some(&student), "es").await;
    assert!(html.contains("<h2>Paquete de gramática</h2>"), "{html}");
    let html = page_in(&t, "/me/credits", Some(&student), "en").await;
    assert!(html.contains("<h2>Grammar pack</h2>"), "{html}");
    let r = t
        .client
        .get(t.url("/api/students/me/course-packages"))
        .bearer_auth(&student)
        .header("accept-language", "es")
        .send()
        .await
        .unwrap();
    let mine: Value = r.json().await.unwrap();
    assert_eq!(mine["items"][0]["title"], "Gramática básica");
}

#[tokio::test]
async fn admins_edit_both_languages_of_a_course_on_its_page() {
    let t = TestApp::spawn().await;
    let c = catalogue(&t).await;
    let path = format!("/admin/courses/{}", c.gram);
    let html = admin_page(&t, &path, &c.admin).await;
    for label in [
        "Title (English)",
        "Description (English)",
        "Title (Spanish)",
        "Description (Spanish)",
    ] {
        assert!(
            html.contains(&format!("\">{label}</label>")),
            "{label}: {html}"
        );
    }
    assert!(
        html.contains("<button class=\"btn\" type=\"submit\">Save texts</button>"),
        "{html}"
    );
    // The course's own "Title" comes first, as before.
    let first = html.find("<label for=\"title\">Title</label>").unwrap();
    assert!(first < html.find("Title (English)").unwrap());

    let texts = format!("{path}/texts");
    let form = [
        ("title-en", ""),
        ("description-en", ""),
        ("title-es", "Gramática básica"),
        ("description-es", "Para empezar"),
    ];
    let r = t.submit(&texts, &c.admin, &form).await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"].to_str().unwrap(), path);
    let html = admin_page(&t, &path, &c.admin).await;
    assert!(html.contains("role=\"status\">Texts saved.</p>"), "{html}");
    assert!(
        html.contains("name=\"title-es\" lang=\"es\" value=\"Gramática básica\""),
        "{html}"
    );
    assert_eq!(
        t.count("SELECT COUNT(*) FROM course_program_texts WHERE locale = 'es' AND title = 'Gramática básica'")
            .await,
        1
    );
    assert_eq!(
        t.count("SELECT COUNT(*) FROM course_program_texts WHERE locale = 'en'")
            .await,
        0
    );
    let (_, _, es) = get_in(&t, "/api/course-programs/GRAM", "es", None).await;
    assert_eq!(es["title"], "Gramática básica");
    assert_eq!(es["description"], "Para empezar");

    // Bad input: 422, the message beside its field, the values kept, nothing written (neither
    // language).
    let bad = [
        ("title-en", "Grammar, the basics"),
        ("description-en", ""),
        ("title-es", "ab"),
        ("description-es", "Otra vez"),
    ];
    let r = t.submit(&texts, &c.admin, &bad).await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    complete(&html);
    assert!(
        html.contains("aria-describedby=\"text-title-es-error\">\n      <span id=\"text-title-es-error\" class=\"error\">Must be 3 to 255 characters.</span>"),
        "{html}"
    );
    assert!(
        html.contains("name=\"title-es\" lang=\"es\" value=\"ab\""),
        "{html}"
    );
    assert!(html.contains(">Otra vez</textarea>"), "{html}");
    assert!(
        html.contains("name=\"title-en\" lang=\"en\" value=\"Grammar, the basics\""),
        "{html}"
    );
    assert!(
        html.contains("role=\"alert\">The texts were not saved"),
        "{html}"
    );
    assert_eq!(
        t.count("SELECT COUNT(*) FROM course_program_texts").await,
        1
    );
    assert_eq!(
        t.count("SELECT COUNT(*) FROM course_program_texts WHERE title = 'Gramática básica'")
            .await,
        1
    );

    // Both fields of a language left empty: it shows the default text again.
    let clear = [("title-es", ""), ("description-es", "")];
    assert_eq!(t.submit(&texts, &c.admin, &clear).await.status(), 303);
    assert_eq!(
        t.count("SELECT COUNT(*) FROM course_program_texts").await,
        0
    );
    let (_, _, es) = get_in(&t, "/api/course-programs/GRAM", "es", None).await;
    assert_eq!(es["title"], "Grammar basics");

    // An unknown course.
    let r = t
        .submit("/admin/courses/999999/texts", &c.admin, &form)
        .await;
    assert_eq!(r.status(), 404);
}

#[tokio::test]
async fn admins_edit_both_languages_of_a_package_on_its_page() {
    let t = TestApp::spawn().await;
    let c = catalogue(&t).await;
    let path = format!("/admin/packages/{}", c.pack);
    let list = admin_page(&t, "/admin/packages", &c.admin).await;
    assert!(
        list.contains(&format!("<a href=\"{path}\">Grammar pack</a>")),
        "{list}"
    );
    let html = admin_page(&t, &path, &c.admin).await;
    assert!(html.contains("<h1>Grammar pack</h1>"), "{html}");
    for label in [
        "Name (English)",
        "Description (English)",
        "Name (Spanish)",
        "Description (Spanish)",
    ] {
        assert!(
            html.contains(&format!("\">{label}</label>")),
            "{label}: {html}"
        );
    }
    let form = [
        ("title-es", "Paquete de gramática"),
        ("description-es", "Un curso"),
    ];
    let r = t.submit(&path, &c.admin, &form).await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"].to_str().unwrap(), path);
    let html = admin_page(&t, &path, &c.admin).await;
    assert!(html.contains("role=\"status\">Texts saved.</p>"), "{html}");
    let (_, _, es) = get_in(&t, "/api/packages", "es", None).await;
    assert_eq!(titles(&es), ["Paquete de gramática"]);

    let long = "x".repeat(201);
    let bad = [("title-es", long.as_str()), ("description-es", "Un curso")];
    let r = t.submit(&path, &c.admin, &bad).await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    complete(&html);
    assert!(
        html.contains(
            "<span id=\"text-title-es-error\" class=\"error\">Must be 1 to 200 characters.</span>"
        ),
        "{html}"
    );
    assert!(html.contains(&format!("value=\"{long}\"")), "{html}");
    assert_eq!(
        t.count("SELECT COUNT(*) FROM package_texts WHERE name = 'Paquete de gramática'")
            .await,
        1
    );
    // Without the form's token: the 403 page, nothing written.
    let r = t
        .client
        .post(t.url(&path))
        .header("cookie", format!("aula_session={}", c.admin))
        .form(&[("title-es", "Robado")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    assert_eq!(
        t.count("SELECT COUNT(*) FROM package_texts WHERE name = 'Robado'")
            .await,
        0
    );
    assert_eq!(
        t.page("/admin/packages/999999", Some(&c.admin)).await.0,
        404
    );
}
