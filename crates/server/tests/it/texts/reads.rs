//! The public reads in the request's language, cached per language and per catalogue version.

use aula_test_support::TestApp;

use super::{catalogue, get_in, spanish, titles};

#[tokio::test]
async fn public_reads_show_the_requests_language_else_the_default_text() {
    let t = TestApp::spawn().await;
    let c = catalogue(&t).await;
    spanish(&t, &c).await;
    let (status, _, es) = get_in(&t, "/api/course-programs", "es", None).await;
    assert_eq!(status, 200);
    assert_eq!(
        titles(&es),
        ["Gramática básica", "Small talk"],
        "TALK has no Spanish text"
    );
    assert_eq!(es["items"][0]["description"], "Gramática, en español");
    assert_eq!(es["items"][1]["description"], "Small talk, in English");
    assert_eq!(
        es["items"][0]["packages"][0]["name"],
        "Paquete de gramática"
    );
    let (_, _, en) = get_in(&t, "/api/course-programs", "en", None).await;
    assert_eq!(titles(&en), ["Grammar basics", "Small talk"]);
    assert_eq!(en["items"][0]["packages"][0]["name"], "Grammar pack");
    // `es-MX` is Spanish; a language the school does not speak reads the default.
    let (_, _, mx) = get_in(&t, "/api/course-programs/GRAM", "es-MX,es;q=0.9", None).await;
    assert_eq!(mx["title"], "Gramática básica");
    assert_eq!(mx["description"], "Gramática, en español");
    let by_id = format!("/api/course-programs/{}", c.gram);
    let (_, _, fr) = get_in(&t, &by_id, "fr", None).await;
    assert_eq!(fr["title"], "Grammar basics");
    let (_, _, talk) = get_in(&t, "/api/course-programs/TALK", "es", None).await;
    assert_eq!(talk["title"], "Small talk");
    // Packages, also filtered.
    for path in [
        "/api/packages",
        &format!("/api/packages?courseProgramId={}", c.gram),
    ] {
        let (_, _, es) = get_in(&t, path, "es", None).await;
        assert_eq!(titles(&es), ["Paquete de gramática"], "{path}");
        assert_eq!(es["items"][0]["description"], "Un curso");
        let (_, _, en) = get_in(&t, path, "en", None).await;
        assert_eq!(titles(&en), ["Grammar pack"], "{path}");
        assert_eq!(en["items"][0]["description"], "One course");
    }
}

#[tokio::test]
async fn cached_answers_are_kept_per_language() {
    let t = TestApp::spawn().await;
    let c = catalogue(&t).await;
    spanish(&t, &c).await;
    for (path, field, en, es) in [
        (
            "/api/course-programs",
            "/items/0/title",
            "Grammar basics",
            "Gramática básica",
        ),
        (
            "/api/course-programs/GRAM",
            "/title",
            "Grammar basics",
            "Gramática básica",
        ),
        (
            "/api/packages",
            "/items/0/name",
            "Grammar pack",
            "Paquete de gramática",
        ),
    ] {
        let mut tags = [String::new(), String::new()];
        // Asked alternately, each language gets its own answer every time (cached or not).
        for round in 0..3 {
            for (i, (lang, want)) in [("en", en), ("es", es)].into_iter().enumerate() {
                let (status, tag, body) = get_in(&t, path, lang, None).await;
                assert_eq!(status, 200, "{path} {lang}");
                assert_eq!(
                    body.pointer(field).unwrap(),
                    want,
                    "{path} in {lang}, round {round}"
                );
                if round > 0 {
                    assert_eq!(tag, tags[i], "{path} in {lang}: a stable tag");
                }
                tags[i] = tag;
            }
        }
        assert_ne!(tags[0], tags[1], "{path}: each language has its own tag");
        // The English tag never answers Spanish with a 304, and the other way round.
        let (status, _, body) = get_in(&t, path, "es", Some(&tags[0])).await;
        assert_eq!(status, 200, "{path}");
        assert_eq!(body.pointer(field).unwrap(), es);
        let (status, _, _) = get_in(&t, path, "en", Some(&tags[1])).await;
        assert_eq!(status, 200, "{path}");
        let (status, _, _) = get_in(&t, path, "en", Some(&tags[0])).await;
        assert_eq!(status, 304, "{path}: unchanged in English");
    }
}

#[tokio::test]
async fn a_text_change_is_seen_on_the_next_read() {
    let t = TestApp::spawn().await;
    let c = catalogue(&t).await;
    let version = || t.count("SELECT version FROM data_versions WHERE name = 'catalogue'");
    // Cached in Spanish before any Spanish text: the default.
    let (_, tag, es) = get_in(&t, "/api/course-programs/GRAM", "es", None).await;
    assert_eq!(es["title"], "Grammar basics");
    let (_, list_tag, _) = get_in(&t, "/api/packages", "es", None).await;
    let before = version().await;
    spanish(&t, &c).await;
    assert!(
        version().await > before,
        "writing a text bumps the catalogue version"
    );
    let (status, _, es) = get_in(&t, "/api/course-programs/GRAM", "es", Some(&tag)).await;
    assert_eq!(status, 200, "the old tag is stale");
    assert_eq!(es["title"], "Gramática básica");
    let (status, _, es) = get_in(&t, "/api/packages", "es", Some(&list_tag)).await;
    assert_eq!(status, 200);
    assert_eq!(titles(&es), ["Paquete de gramática"]);
    // A text written straight to the table (another process, an operator) counts as well.
    let before = version().await;
    aula_test_support::execute(
        &t.db,
        &format!("UPDATE course_program_texts SET title = 'Gramática nueva' WHERE course_program_id = {}", c.gram),
    )
    .await
    .unwrap();
    assert!(
        version().await > before,
        "the table's own trigger bumps the version"
    );
    let (_, _, es) = get_in(&t, "/api/course-programs", "es", None).await;
    assert_eq!(es["items"][0]["title"], "Gramática nueva");
    let before = version().await;
    aula_test_support::execute(&t.db, "DELETE FROM package_texts")
        .await
        .unwrap();
    assert!(version().await > before);
    let (_, _, es) = get_in(&t, "/api/packages", "es", None).await;
    assert_eq!(titles(&es), ["Grammar pack"], "back to the default");
}
