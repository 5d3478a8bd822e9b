//! `PUT /api/admin/course-programs/{id}/texts/{locale}` and `PUT /api/admin/packages/{id}/texts/{locale}`.

use aula_test_support::{TestApp, assert_error};
use reqwest::Method;
use serde_json::{Value, json};

use super::{catalogue, get_in, put};

#[tokio::test]
async fn admins_set_the_texts_of_a_language_and_get_the_resource_in_it() {
    let t = TestApp::spawn().await;
    let c = catalogue(&t).await;
    let program = format!("/api/admin/course-programs/{}/texts/es", c.gram);
    let body = json!({"title": "Gramática básica", "description": "Gramática, en español"});
    let r = put(&t, &program, body.clone(), Some(&c.admin)).await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json["id"], c.gram);
    assert_eq!(r.json["code"], "GRAM");
    assert_eq!(r.json["title"], "Gramática básica");
    assert_eq!(r.json["description"], "Gramática, en español");
    assert_eq!(
        r.json["packages"][0]["name"], "Grammar pack",
        "no Spanish name yet"
    );
    // Again: the text is replaced, never doubled.
    let r = put(&t, &program, json!({"title": "Gramática"}), Some(&c.admin)).await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json["title"], "Gramática");
    assert_eq!(r.json["description"], Value::Null);
    assert_eq!(
        t.count("SELECT COUNT(*) FROM course_program_texts").await,
        1
    );

    let package = format!("/api/admin/packages/{}/texts/es", c.pack);
    let r = put(
        &t,
        &package,
        json!({"name": "Paquete", "description": "Un curso"}),
        Some(&c.admin),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json["id"], c.pack);
    assert_eq!(r.json["name"], "Paquete");
    assert_eq!(r.json["description"], "Un curso");
    assert_eq!(r.json["amountMinor"], 9900);
    assert_eq!(r.json["allowances"][0]["serviceType"], "COURSE");

    // English texts are texts too; the defaults stay as they were.
    let en = format!("/api/admin/course-programs/{}/texts/en", c.gram);
    let r = put(
        &t,
        &en,
        json!({"title": "Grammar, the basics"}),
        Some(&c.admin),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json["title"], "Grammar, the basics");
    let admin_view = t
        .get(
            &format!("/api/admin/course-programs/{}", c.gram),
            Some(&c.admin),
        )
        .await;
    assert_eq!(admin_view.json["title"], "Grammar basics");
}

#[tokio::test]
async fn a_text_breaking_a_rule_or_of_an_unknown_language_is_refused() {
    let t = TestApp::spawn().await;
    let c = catalogue(&t).await;
    let program = |locale: &str| format!("/api/admin/course-programs/{}/texts/{locale}", c.gram);
    let package = |locale: &str| format!("/api/admin/packages/{}/texts/{locale}", c.pack);
    for locale in ["fr", "ES", "es-MX", "english"] {
        let r = put(
            &t,
            &program(locale),
            json!({"title": "Bien hecho"}),
            Some(&c.admin),
        )
        .await;
        assert_error(&r, 422, "validation_failed");
        assert!(
            r.json["error"]["fields"]["locale"].is_string(),
            "{locale}: {}",
            r.text
        );
        let r = put(
            &t,
            &package(locale),
            json!({"name": "Paquete"}),
            Some(&c.admin),
        )
        .await;
        assert_error(&r, 422, "validation_failed");
        assert!(
            r.json["error"]["fields"]["locale"].is_string(),
            "{locale}: {}",
            r.text
        );
    }
    // The rules of creation: title 3-255, description ≤ 5000; name 1-200, description ≤ 2000.
    for bad in [
        json!({"title": "ab"}),
        json!({"title": "  a  "}),
        json!({"title": "x".repeat(256)}),
    ] {
        let r = put(&t, &program("es"), bad, Some(&c.admin)).await;
        assert_error(&r, 422, "validation_failed");
        assert!(r.json["error"]["fields"]["title"].is_string(), "{}", r.text);
    }
    let r = put(
        &t,
        &program("es"),
        json!({"title": "Bien", "description": "x".repeat(5001)}),
        Some(&c.admin),
    )
    .await;
    assert_error(&r, 422, "validation_failed");
    assert!(
        r.json["error"]["fields"]["description"].is_string(),
        "{}",
        r.text
    );
    for bad in [json!({"name": " "}), json!({"name": "x".repeat(201)})] {
        let r = put(&t, &package("es"), bad, Some(&c.admin)).await;
        assert_error(&r, 422, "validation_failed");
        assert!(r.json["error"]["fields"]["name"].is_string(), "{}", r.text);
    }
    let r = put(
        &t,
        &package("es"),
        json!({"name": "P", "description": "x".repeat(2001)}),
        Some(&c.admin),
    )
    .await;
    assert_error(&r, 422, "validation_failed");
    assert!(
        r.json["error"]["fields"]["description"].is_string(),
        "{}",
        r.text
    );
    // Both problems at once are named together.
    let r = put(&t, &program("fr"), json!({"title": "ab"}), Some(&c.admin)).await;
    assert!(
        r.json["error"]["fields"]["locale"].is_string(),
        "{}",
        r.text
    );
    assert!(r.json["error"]["fields"]["title"].is_string(), "{}", r.text);
    // A missing field is named too.
    let r = put(
        &t,
        &package("es"),
        json!({"title": "Paquete"}),
        Some(&c.admin),
    )
    .await;
    assert_error(&r, 422, "validation_failed");
    assert!(r.json["error"]["fields"]["name"].is_string(), "{}", r.text);
    assert_eq!(
        t.count("SELECT COUNT(*) FROM course_program_texts").await,
        0
    );
    assert_eq!(t.count("SELECT COUNT(*) FROM package_texts").await, 0);
}

#[tokio::test]
async fn only_admins_set_texts_and_only_of_what_exists() {
    let t = TestApp::spawn().await;
    let c = catalogue(&t).await;
    let (student, _) = t.register("sam@example.com").await;
    let routes = [
        (
            format!("/api/admin/course-programs/{}/texts/es", c.gram),
            json!({"title": "Gramática"}),
        ),
        (
            format!("/api/admin/packages/{}/texts/es", c.pack),
            json!({"name": "Paquete"}),
        ),
    ];
    for (path, body) in &routes {
        assert_error(
            &put(&t, path, body.clone(), None).await,
            401,
            "unauthenticated",
        );
        assert_error(
            &put(&t, path, body.clone(), Some(&student)).await,
            403,
            "forbidden",
        );
    }
    let unknown = [
        (
            "/api/admin/course-programs/999999/texts/es",
            json!({"title": "Gramática"}),
        ),
        (
            "/api/admin/packages/999999/texts/es",
            json!({"name": "Paquete"}),
        ),
        (
            "/api/admin/packages/abc/texts/es",
            json!({"name": "Paquete"}),
        ),
    ];
    for (path, body) in unknown {
        assert_error(&put(&t, path, body, Some(&c.admin)).await, 404, "not_found");
    }
    // A deleted program has no texts to set.
    let r = t
        .call(
            Method::DELETE,
            &format!("/api/admin/course-programs/{}", c.talk),
            None,
            Some(&c.admin),
        )
        .await;
    assert_eq!(r.status, 204, "{}", r.text);
    let r = put(
        &t,
        &format!("/api/admin/course-programs/{}/texts/es", c.talk),
        json!({"title": "Charla"}),
        Some(&c.admin),
    )
    .await;
    assert_error(&r, 404, "not_found");
    assert_eq!(
        t.count("SELECT COUNT(*) FROM course_program_texts").await,
        0
    );
    assert_eq!(t.count("SELECT COUNT(*) FROM package_texts").await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_writes_of_one_text_all_succeed_and_keep_one_row_per_language() {
    let t = TestApp::spawn().await;
    let c = catalogue(&t).await;
    let writes: Vec<_> = (0..12)
        .map(|i| {
            let (t, admin) = (&t, &c.admin);
            let locale = if i % 2 == 0 { "es" } else { "en" };
            let path = format!("/api/admin/course-programs/{}/texts/{locale}", c.gram);
            async move {
                put(
                    t,
                    &path,
                    json!({"title": format!("Title {i}")}),
                    Some(admin),
                )
                .await
            }
        })
        .collect();
    for r in aula_test_support::join_all(writes).await {
        assert_eq!(r.status, 200, "{}", r.text);
    }
    assert_eq!(
        t.count("SELECT COUNT(*) FROM course_program_texts").await,
        2
    );
    let (_, _, es) = get_in(&t, "/api/course-programs/GRAM", "es", None).await;
    assert!(es["title"].as_str().unwrap().starts_with("Title "), "{es}");
}
