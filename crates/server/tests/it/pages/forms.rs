//! Every page form, read from the router itself: a POST without the session's `_csrf` or from
//! another origin is the 403 page and changes nothing; pages of a role refuse other users, and a
//! visitor's form goes to the login page.

use aula_test_support::{TestApp, csrf};

/// The page routes that take a POST, with `{…}` parameters filled with `1`.
fn page_posts() -> Vec<String> {
    let router = include_str!("../../../src/router.rs");
    let mut out = Vec::new();
    for line in router.lines().map(str::trim) {
        let Some(rest) = line.strip_prefix(".route(\"") else {
            continue;
        };
        let Some((path, handlers)) = rest.split_once('"') else {
            continue;
        };
        if path.starts_with("/api/") || !handlers.contains("post(") {
            continue;
        }
        let mut filled = String::new();
        let mut inside = false;
        for c in path.chars() {
            match c {
                '{' => inside = true,
                '}' => {
                    inside = false;
                    filled.push('1');
                }
                _ if inside => {}
                c => filled.push(c),
            }
        }
        out.push(filled);
    }
    out
}

#[tokio::test]
async fn every_page_form_refuses_a_missing_or_wrong_token_and_a_foreign_origin() {
    let t = TestApp::spawn().await;
    let (token, _) = t.register("sam@example.com").await;
    let posts = page_posts();
    assert!(posts.len() >= 20, "the router was read: {posts:?}");
    let users_before = t.count("SELECT COUNT(*) FROM users").await;
    for path in &posts {
        // Login and register have no session to bind a token to: only the origin is checked.
        let open = matches!(path.as_str(), "/login" | "/register");
        for (token_field, origin) in [
            (None, None),
            (Some("forged".to_owned()), None),
            (Some(csrf(&token)), Some("https://evil.example")),
        ] {
            if open && origin.is_none() {
                continue;
            }
            let mut form = vec![("name".to_owned(), "x".to_owned())];
            if let Some(v) = token_field.clone() {
                form.push(("_csrf".into(), v));
            }
            let mut req = t
                .client
                .post(t.url(path))
                .header("cookie", format!("aula_session={token}"))
                .form(&form);
            if let Some(o) = origin {
                req = req.header("origin", o);
            }
            let r = req.send().await.unwrap();
            assert_eq!(
                r.status(),
                403,
                "{path} with {token_field:?} from {origin:?}"
            );
            let html = r.text().await.unwrap();
            assert!(
                html.contains("<h1>This form cannot be accepted</h1>"),
                "{path}: the 403 page in the layout: {html}"
            );
        }
    }
    assert_eq!(t.count("SELECT COUNT(*) FROM users").await, users_before);
    // The session still works: nothing was logged out by the refused forms.
    assert_eq!(t.page("/me/bookings", Some(&token)).await.0, 200);
}

#[tokio::test]
async fn role_pages_refuse_other_users_and_send_visitors_to_log_in() {
    let t = TestApp::spawn().await;
    let (student, _) = t.register("sam@example.com").await;
    for path in page_posts() {
        let role = if path.starts_with("/admin") {
            "admin"
        } else if path.starts_with("/teacher/") {
            "teacher"
        } else {
            continue;
        };
        let r = t.submit(&path, &student, &[("name", "x")]).await;
        assert_eq!(r.status(), 403, "a student posting to {path} ({role} only)");
        let visitor = t
            .client
            .post(t.url(&path))
            .form(&[("name", "x")])
            .send()
            .await
            .unwrap();
        assert_eq!(visitor.status(), 303, "{path}: {:?}", visitor.text().await);
        assert!(
            visitor.headers()["location"]
                .to_str()
                .unwrap()
                .starts_with("/login"),
            "{path}: {:?}",
            visitor.headers()["location"]
        );
    }
}
