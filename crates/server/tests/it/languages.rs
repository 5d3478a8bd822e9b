//! English and Spanish: the order in which the language is chosen (a saved `locale`, the cookie,
//! `Accept-Language`, `AULA_DEFAULT_LOCALE`), `?lang=`, the layout's switch, every page complete in
//! Spanish, and API messages in the Bearer user's language (codes never change).

use aula_server::i18n::MISSING;
use aula_test_support::TestApp;
use reqwest::Method;
use serde_json::json;

use crate::server::Server;

const EN_HEADING: &str = "<h1>Learn a language with real teachers</h1>";
const ES_HEADING: &str = "<h1>Aprende un idioma con profesores de verdad</h1>";

/// The home page with these headers: (status, `<html lang>` value, body, set-cookie).
async fn home(
    t: &TestApp,
    path: &str,
    headers: &[(&str, &str)],
) -> (String, String, Option<String>) {
    let mut req = t.client.get(t.url(path));
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let r = req.send().await.unwrap();
    assert_eq!(r.status(), 200, "{path}");
    let cookie = r
        .headers()
        .get("set-cookie")
        .map(|c| c.to_str().unwrap().to_owned());
    let body = r.text().await.unwrap();
    let lang = body
        .split("<html lang=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap_or_default()
        .to_owned();
    assert!(!body.contains(MISSING), "{path}: {body}");
    (lang, body, cookie)
}

#[tokio::test]
async fn a_visitors_language_is_lang_then_the_cookie_then_accept_language_then_english() {
    let t = TestApp::spawn().await;
    let (lang, body, _) = home(&t, "/", &[]).await;
    assert_eq!(lang, "en");
    assert!(body.contains(EN_HEADING), "{body}");
    assert!(
        body.contains("href=\"?lang=es\"") && body.contains(">Español</a>"),
        "{body}"
    );

    let (lang, body, _) = home(&t, "/", &[("accept-language", "es-MX,es;q=0.9,en;q=0.5")]).await;
    assert_eq!(lang, "es");
    assert!(body.contains(ES_HEADING), "{body}");
    assert!(body.contains("href=\"?lang=en\"") && body.contains(">English</a>"));
    let (lang, _, _) = home(&t, "/", &[("accept-language", "fr, en;q=0.4, es;q=0.8")]).await;
    assert_eq!(lang, "es", "the higher q-value wins");

    // The cookie beats Accept-Language; ?lang= beats both and sets the cookie (no Secure on http).
    let headers = [("accept-language", "es"), ("cookie", "aula_lang=en")];
    assert_eq!(home(&t, "/", &headers).await.0, "en");
    let (lang, _, cookie) = home(&t, "/?lang=es", &[("cookie", "aula_lang=en")]).await;
    assert_eq!(lang, "es");
    let cookie = cookie.expect("the language cookie");
    assert!(
        cookie.starts_with("aula_lang=es;") && !cookie.contains("Secure"),
        "{cookie}"
    );
    assert_eq!(
        home(&t, "/courses?lang=en", &[("accept-language", "es")])
            .await
            .0,
        "en"
    );
    // The switch keeps the page's query.
    let (_, body, _) = home(&t, "/login?next=%2Fme%2Fcourses", &[]).await;
    assert!(
        body.contains("href=\"?next=%2Fme%2Fcourses&#38;lang=es\""),
        "{body}"
    );
    // An unknown ?lang= changes nothing.
    let (lang, _, cookie) = home(&t, "/?lang=fr", &[("accept-language", "es")]).await;
    assert_eq!((lang.as_str(), cookie), ("es", None));
}

#[tokio::test]
async fn a_users_saved_language_wins_and_lang_saves_it() {
    let t = TestApp::spawn().await;
    let (token, _) = t.register("ana@example.com").await;
    let session = format!("aula_session={token}");
    // Registered without a language: the browser's applies.
    let me = t.get("/api/me", Some(&token)).await;
    assert_eq!(me.json["locale"], serde_json::Value::Null);
    let headers = [("cookie", session.as_str()), ("accept-language", "es")];
    assert_eq!(home(&t, "/", &headers).await.0, "es");
    // A saved locale beats the cookie and the browser.
    let r = t
        .call(
            Method::PATCH,
            "/api/me",
            Some(json!({"locale": "en"})),
            Some(&token),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let cookies = format!("{session}; aula_lang=es");
    let headers = [("cookie", cookies.as_str()), ("accept-language", "es")];
    assert_eq!(home(&t, "/", &headers).await.0, "en");
    // ?lang=es on any page saves it.
    let (lang, _, _) = home(&t, "/me/bookings?lang=es", &[("cookie", session.as_str())]).await;
    assert_eq!(lang, "es");
    assert_eq!(t.get("/api/me", Some(&token)).await.json["locale"], "es");
    assert_eq!(home(&t, "/", &[("cookie", session.as_str())]).await.0, "es");
    // Registering in Spanish keeps Spanish.
    let r = t
        .client
        .post(t.url("/api/auth/register"))
        .header("accept-language", "es-ES")
        .json(&json!({"email": "eva@example.com", "password": "correct horse", "firstName": "Eva", "lastName": "Ruiz"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let body: serde_json::Value = r.json().await.unwrap();
    let eva = body["token"].as_str().unwrap().to_owned();
    assert_eq!(t.get("/api/me", Some(&eva)).await.json["locale"], "es");
    let bad = t
        .call(
            Method::PATCH,
            "/api/me",
            Some(json!({"locale": "fr"})),
            Some(&token),
        )
        .await;
    assert_eq!(bad.status, 422);
}

#[tokio::test]
async fn api_messages_follow_the_bearer_users_language_and_codes_never_change() {
    let t = TestApp::spawn().await;
    let (token, _) = t.register("ana@example.com").await;
    let r = t.get("/api/admin/users", Some(&token)).await;
    assert_eq!(r.json["error"]["code"], "forbidden");
    assert_eq!(r.json["error"]["message"], "your roles do not allow this");
    t.call(
        Method::PATCH,
        "/api/me",
        Some(json!({"locale": "es"})),
        Some(&token),
    )
    .await;
    let r = t.get("/api/admin/users", Some(&token)).await;
    assert_eq!(r.json["error"]["code"], "forbidden");
    assert_eq!(
        r.json["error"]["message"],
        "tus roles no permiten esta acción"
    );
    // A visitor: Accept-Language.
    let r = t
        .client
        .post(t.url("/api/auth/register"))
        .header("accept-language", "es")
        .json(&json!({"email": "nope", "password": "x", "firstName": "A", "lastName": "B"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["error"]["code"], "validation_failed");
    assert_eq!(
        body["error"]["fields"]["email"],
        "debe ser una dirección de correo electrónico"
    );
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("algunos campos no son válidos"),
        "{body}"
    );
}

#[tokio::test]
async fn the_default_language_is_aula_default_locale() {
    let t = TestApp::spawn().await;
    let server = Server::start_with(t.database_url(), &[("AULA_DEFAULT_LOCALE", "es")]).await;
    let body = reqwest::get(format!("{}/", server.1))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        body.contains("<html lang=\"es\">") && body.contains(ES_HEADING),
        "{body}"
    );
    let body = reqwest::Client::new()
        .get(format!("{}/", server.1))
        .header("accept-language", "en-US")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(body.contains("<html lang=\"en\">"), "{body}");
}

#[tokio::test]
async fn every_page_is_complete_in_spanish() {
    let t = TestApp::spawn().await;
    let school = t.school(4, 2).await;
    let program = t.course_program("SFZ", 2).await;
    let p = t.package(aula_test_support::credits_pack(2, 2)).await;
    let (student, sp, allowances) = aula_test_support::buyer(&t, "sam@example.com", &p).await;
    let r = aula_test_support::book(&t, &student, school.sessions[0], sp, allowances[1]).await;
    assert_eq!(r.status, 201, "{}", r.text);
    let pages = [
        (None, "/".to_owned()),
        (None, "/login".to_owned()),
        (None, "/register".to_owned()),
        (None, "/password-reset".to_owned()),
        (None, "/courses".to_owned()),
        (None, "/courses/SFZ".to_owned()),
        (None, "/packages".to_owned()),
        (None, "/schedule".to_owned()),
        (None, format!("/teachers/{}", school.teacher)),
        (Some(&student), "/me/bookings".to_owned()),
        (Some(&student), "/me/courses".to_owned()),
        (Some(&student), "/me/credits".to_owned()),
        (Some(&school.teacher_token), "/teacher/sessions".to_owned()),
        (
            Some(&school.teacher_token),
            format!("/teacher/sessions/{}", school.sessions[0]),
        ),
        (
            Some(&school.teacher_token),
            "/teacher/availability".to_owned(),
        ),
        (Some(&school.admin), "/admin".to_owned()),
        (Some(&school.admin), "/admin/courses".to_owned()),
        (Some(&school.admin), "/admin/courses/new".to_owned()),
        (Some(&school.admin), format!("/admin/courses/{program}")),
        (Some(&school.admin), "/admin/packages".to_owned()),
        (Some(&school.admin), "/admin/packages/new".to_owned()),
        (
            Some(&school.admin),
            format!("/admin/packages/{}", p["id"].as_i64().unwrap()),
        ),
        (Some(&school.admin), "/admin/group-classes".to_owned()),
        (Some(&school.admin), "/admin/group-classes/new".to_owned()),
        (
            Some(&school.admin),
            format!("/admin/group-classes/{}", school.class),
        ),
        (Some(&school.admin), "/admin/users".to_owned()),
        (Some(&school.admin), "/admin/policy".to_owned()),
        (Some(&school.admin), "/admin/purchases".to_owned()),
        (Some(&school.admin), "/admin/outbox".to_owned()),
    ];
    for (token, path) in pages {
        let cookie = token
            .map(|tk| format!("aula_session={tk}"))
            .unwrap_or_default();
        let (lang, body, _) =
            home(&t, &path, &[("cookie", &cookie), ("accept-language", "es")]).await;
        assert_eq!(lang, "es", "{path}");
        assert!(body.contains("<h1>"), "{path}");
        // The English words of the layout are gone.
        assert!(
            !body.contains(">Log out<") && !body.contains(">Log in<"),
            "{path}: {body}"
        );
    }
}
