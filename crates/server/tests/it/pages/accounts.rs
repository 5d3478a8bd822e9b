//! Home, login, logout and register pages.

use aula_server::i18n::MISSING;
use aula_test_support::{TestApp, csrf};
use serde_json::json;

/// Every word of the page came from the message catalogue.
fn complete(page: &str) {
    assert!(!page.contains(MISSING), "a message is missing: {page}");
}

#[tokio::test]
async fn home_page_renders_the_layout_for_visitors() {
    let t = TestApp::spawn().await;
    let r = t.get("/", None).await;
    assert_eq!(r.status, 200);
    assert!(
        r.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    assert!(r.text.contains("name=\"viewport\""), "phone-ready layout");
    assert!(r.text.contains("href=\"/login\"") && r.text.contains("href=\"/register\""));
    assert!(r.text.contains("A1 Beginner"));
    complete(&r.text);
}

#[tokio::test]
async fn home_page_shows_the_user_and_a_logout_button() {
    let t = TestApp::spawn().await;
    let (token, _) = t.register("ana@example.com").await;
    let r = t
        .client
        .get(t.url("/"))
        .header("cookie", format!("aula_session={token}"))
        .send()
        .await
        .unwrap();
    let html = r.text().await.unwrap();
    complete(&html);
    assert!(html.contains("Welcome, Test User."), "{html}");
    assert!(html.contains("action=\"/logout\""));
    assert!(!html.contains("href=\"/login\""));
}

#[tokio::test]
async fn login_form_sets_the_cookie_and_logout_form_clears_it() {
    let t = TestApp::spawn().await;
    t.register("ana@example.com").await;
    let bad = t
        .client
        .post(t.url("/login"))
        .form(&[("email", "ana@example.com"), ("password", "nope nope")])
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 401);
    let bad = bad.text().await.unwrap();
    complete(&bad);
    assert!(
        bad.contains("role=\"alert\">Wrong e-mail or password."),
        "{bad}"
    );
    assert!(
        bad.contains("value=\"ana@example.com\""),
        "the e-mail is kept"
    );
    let ok = t
        .client
        .post(t.url("/login"))
        .form(&[("email", "ana@example.com"), ("password", "correct horse")])
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), 303);
    let cookie = ok.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let me = t
        .client
        .get(t.url("/api/me"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 200);
    let out = t
        .client
        .post(t.url("/logout"))
        .header("cookie", &cookie)
        .form(&[("_csrf", csrf(cookie.trim_start_matches("aula_session=")))])
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), 303);
    let me = t
        .client
        .get(t.url("/api/me"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 401);
}

#[tokio::test]
async fn register_form_shows_field_problems_and_registers() {
    let t = TestApp::spawn().await;
    let form = [
        ("firstName", "Ana"),
        ("lastName", "P"),
        ("email", "bad"),
        ("password", "short"),
    ];
    let r = t
        .client
        .post(t.url("/register"))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    complete(&html);
    assert!(html.contains("Must be an e-mail address.") && html.contains("at least 8 characters."));
    assert!(
        html.contains("aria-describedby=\"email-problem\"")
            && html.contains("role=\"alert\">Please correct the fields below."),
        "{html}"
    );
    assert!(html.contains("value=\"Ana\""), "typed values are kept");
    let form = [
        ("firstName", "Ana"),
        ("lastName", "P"),
        ("email", "ana@example.com"),
        ("password", "long enough"),
    ];
    let r = t
        .client
        .post(t.url("/register"))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let login = t
        .post(
            "/api/auth/login",
            json!({"email": "ana@example.com", "password": "long enough"}),
            None,
        )
        .await;
    assert_eq!(login.status, 200);
}

#[tokio::test]
async fn home_page_in_headless_chromium() {
    let t = TestApp::spawn().await;
    let Some(dom) = aula_test_support::browser::dump_dom(&t.url("/")).await else {
        return;
    };
    assert!(dom.contains("Learn a language"));
    assert!(dom.contains("Log in"));
    assert!(dom.contains("C2 Proficiency"));
}

#[tokio::test]
async fn login_comes_back_to_the_page_asked_for_and_never_to_another_site() {
    let t = TestApp::spawn().await;
    t.register("ana@example.com").await;
    let gate = t.client.get(t.url("/me/courses")).send().await.unwrap();
    assert_eq!(gate.headers()["location"], "/login?next=%2Fme%2Fcourses");
    let form = t.get("/login?next=%2Fme%2Fcourses", None).await.text;
    complete(&form);
    assert!(
        form.contains("name=\"next\" value=\"/me/courses\""),
        "{form}"
    );
    for (next, to) in [
        ("/me/courses", "/me/courses"),
        ("//evil.example/x", "/"),
        ("https://evil.example", "/"),
    ] {
        let r = t
            .client
            .post(t.url("/login"))
            .form(&[
                ("email", "ana@example.com"),
                ("password", "correct horse"),
                ("next", next),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303);
        assert_eq!(r.headers()["location"], to, "{next}");
    }
    // Login CSRF: a login form posted from another site is refused.
    let r = t
        .client
        .post(t.url("/login"))
        .header("origin", "https://evil.example")
        .form(&[("email", "ana@example.com"), ("password", "correct horse")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    assert!(!r.headers().contains_key("set-cookie"));
}

#[tokio::test]
async fn the_back_office_shows_the_schools_numbers_to_admins_only() {
    let t = TestApp::spawn().await;
    let admin = t.admin_token().await;
    t.teacher("teo@example.com").await;
    let (student, _) = t.register("sam@example.com").await;
    let p = t.package(aula_test_support::credits_pack(1, 1)).await;
    t.buy(&student, p["id"].as_i64().unwrap()).await;
    let page = |token: &str| {
        t.client
            .get(t.url("/admin"))
            .header("cookie", format!("aula_session={token}"))
            .send()
    };
    let r = page(&admin).await.unwrap();
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    for (label, n) in [
        ("Students", 3),
        ("Teachers", 1),
        ("Upcoming sessions", 0),
        ("Active packages", 1),
        ("Sales in the last 30 days", 1),
    ] {
        assert!(
            html.contains(&format!("<dt>{label}</dt><dd>{n}</dd>")),
            "{label} = {n}: {html}"
        );
    }
    assert!(html.contains("href=\"/admin/purchases\""));
    assert_eq!(page(&student).await.unwrap().status(), 403);
    let visitor = t.client.get(t.url("/admin")).send().await.unwrap();
    assert_eq!(visitor.headers()["location"], "/login?next=%2Fadmin");
}

#[tokio::test]
async fn page_styles_leave_the_header_alone_and_the_menu_fits_the_visitor() {
    let t = TestApp::spawn().await;
    let (token, _) = t.register("ana@example.com").await;
    let page = |path: &'static str, token: Option<String>| {
        let mut req = t.client.get(t.url(path));
        if let Some(tok) = token {
            req = req.header("cookie", format!("aula_session={tok}"));
        }
        async move { req.send().await.unwrap().text().await.unwrap() }
    };
    let credits = page("/me/credits", Some(token.clone())).await;
    // The header's own rules are scoped (`header.site .bar`); no page rule may restyle them.
    for leak in ["\n  .bar{", "}.bar{", " .bar{", ".btn.ghost{color"] {
        assert!(
            !credits.replace("header.site .bar{", "").contains(leak),
            "{leak}"
        );
    }
    let home = page("/", Some(token)).await;
    assert!(
        !home.contains("Welcome back"),
        "a new student is not welcomed back"
    );
    assert!(!home.contains(">API</a>"), "the API link is for admins");
    let visitor = page("/", None).await;
    assert!(!visitor.contains(">API</a>"));
    let admin = t.admin_token().await;
    assert!(page("/", Some(admin)).await.contains(">API</a>"));
}

/// The text of every `<label>` of the page, in order.
fn labels(html: &str) -> Vec<String> {
    html.split("<label for=\"")
        .skip(1)
        .map(|rest| {
            let text = &rest[rest.find('>').map_or(0, |i| i + 1)..];
            text[..text.find("</label>").unwrap_or(0)].trim().to_owned()
        })
        .collect()
}

#[tokio::test]
async fn login_and_register_pages_use_the_contracts_words() {
    let t = TestApp::spawn().await;
    let login = t.get("/login", None).await;
    assert_eq!(login.status, 200);
    complete(&login.text);
    assert_eq!(labels(&login.text), ["E-mail", "Password"]);
    assert!(
        login
            .text
            .contains("<button class=\"btn\" type=\"submit\">Log in</button>")
    );
    assert!(login.text.contains("<h1>Log in</h1>"));

    let register = t.get("/register", None).await;
    assert_eq!(register.status, 200);
    complete(&register.text);
    assert_eq!(
        labels(&register.text),
        [
            "First name",
            "Last name",
            "E-mail",
            "Password (at least 8 characters)"
        ]
    );
    assert!(register.text.contains("type=\"submit\">Register</button>"));

    // An e-mail that is taken: 303 back to the form, which says so in words, once.
    t.register("ana@example.com").await;
    let r = t
        .client
        .post(t.url("/register"))
        .form(&[
            ("firstName", "Ana"),
            ("lastName", "Again"),
            ("email", "ana@example.com"),
            ("password", "long enough"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/register");
    let again = r.headers()["set-cookie"].to_str().unwrap().to_owned();
    let cookie = again.split(';').next().unwrap();
    let html = t
        .client
        .get(t.url("/register"))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    complete(&html);
    assert!(
        html.contains("role=\"alert\">That e-mail is already registered. Log in instead?"),
        "{html}"
    );
    let forged = t
        .client
        .get(t.url("/register"))
        .header("cookie", "aula_register_refused=<b>any text</b>")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!forged.contains("role=\"alert\""), "{forged}");

    // The visitor's home page offers to register or log in; no greeting.
    let home = t.get("/", None).await.text;
    complete(&home);
    assert!(
        home.contains("<h1>Learn a language with real teachers</h1>")
            && home.contains("href=\"/courses\"")
            && home.contains("href=\"/packages\"")
            && home.contains("href=\"/schedule\"")
            && !home.contains("Welcome,"),
        "{home}"
    );
}
