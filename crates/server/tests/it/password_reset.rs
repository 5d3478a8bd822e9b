//! Password reset: `POST /api/auth/password-reset[/confirm]` and the pages `/password-reset` and
//! `/password-reset/{token}`.

use aula_domain::mail::MailKind;
use aula_server::i18n::MISSING;
use aula_server::services::auth::hash_token;
use aula_test_support::{TestApp, assert_error};
use serde_json::json;

const ASK: &str = "/api/auth/password-reset";
const CONFIRM: &str = "/api/auth/password-reset/confirm";

/// Registers `email` (password "correct horse"); returns (session token, user id).
async fn user(t: &TestApp, email: &str) -> (String, i64) {
    let (token, user) = t.register(email).await;
    (token, user["id"].as_i64().unwrap())
}

/// The tokens of the reset mails written to the user, oldest first.
async fn mailed_tokens(t: &TestApp, user_id: i64) -> Vec<String> {
    aula_db::outbox::of_user(&t.db, user_id)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.kind == MailKind::PasswordReset)
        .map(|m| m.payload["token"].as_str().unwrap().to_owned())
        .collect()
}

/// Asks for a reset of `email` and returns the token of the mail it wrote.
async fn reset_token(t: &TestApp, email: &str, user_id: i64) -> String {
    let r = t.post(ASK, json!({ "email": email }), None).await;
    assert_eq!(r.status, 202, "{}", r.text);
    mailed_tokens(t, user_id).await.pop().expect("a reset mail")
}

async fn login_status(t: &TestApp, email: &str, password: &str) -> u16 {
    let body = json!({ "email": email, "password": password });
    t.post("/api/auth/login", body, None).await.status.as_u16()
}

/// Moves the app's clock by `minutes`.
fn advance(t: &TestApp, minutes: i64) {
    t.clock
        .set(t.clock.now() + chrono::Duration::minutes(minutes));
}

fn complete(page: &str) {
    assert!(!page.contains(MISSING), "a message is missing: {page}");
}

#[tokio::test]
async fn every_address_gets_202_with_an_empty_body_and_only_a_known_one_a_mail() {
    let t = TestApp::spawn().await;
    let (_, ana) = user(&t, "ana@example.com").await;
    for email in ["ANA@example.com ", "nobody@example.com", "not an e-mail"] {
        let r = t.post(ASK, json!({ "email": email }), None).await;
        assert_eq!(r.status, 202, "{email}: {}", r.text);
        assert_eq!(r.text, "", "{email}: an empty body");
    }
    let tokens = mailed_tokens(&t, ana).await;
    assert_eq!(tokens.len(), 1, "one mail, to the registered address");
    let token = &tokens[0];
    assert!(token.len() >= 32, "{token}");
    assert!(
        token
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'),
        "URL-safe: {token}"
    );
    let kind = MailKind::PasswordReset.as_str();
    let mails = format!("SELECT COUNT(*) FROM outbox WHERE kind = '{kind}'");
    assert_eq!(t.count(&mails).await, 1, "no mail for the unknown address");
    // Only the token's hash is stored, with an hour to live.
    let hash = hash_token(token);
    let row = format!("SELECT COUNT(*) FROM password_resets WHERE token_hash = '{hash}'");
    assert_eq!(t.count(&row).await, 1);
    let plain = format!("SELECT COUNT(*) FROM password_resets WHERE token_hash = '{token}'");
    assert_eq!(t.count(&plain).await, 0);
    // A malformed body is still an error of the contract.
    assert_error(
        &t.post(ASK, json!({}), None).await,
        422,
        "validation_failed",
    );
    let r = t.post_raw(ASK, "application/json", b"{".to_vec()).await;
    assert_error(&r, 400, "invalid_request");
    let r = t.post(ASK, json!({ "email": 5 }), None).await;
    assert_error(&r, 400, "invalid_request");
}

#[tokio::test]
async fn at_most_three_mails_per_address_per_hour_and_still_202() {
    let t = TestApp::spawn().await;
    let (_, ana) = user(&t, "ana@example.com").await;
    for i in 0..4 {
        let r = t
            .post(ASK, json!({ "email": "ana@example.com" }), None)
            .await;
        assert_eq!(r.status, 202, "request {i}");
        assert_eq!(r.text, "");
    }
    assert_eq!(
        mailed_tokens(&t, ana).await.len(),
        3,
        "the 4th wrote no mail"
    );
    advance(&t, 61);
    let r = t
        .post(ASK, json!({ "email": "ana@example.com" }), None)
        .await;
    assert_eq!(r.status, 202);
    assert_eq!(
        mailed_tokens(&t, ana).await.len(),
        4,
        "an hour later, one more"
    );
}

#[tokio::test]
async fn requests_at_once_still_write_at_most_three_mails() {
    let t = TestApp::spawn().await;
    let (_, ana) = user(&t, "ana@example.com").await;
    let asks = (0..6)
        .map(|_| t.post(ASK, json!({ "email": "ana@example.com" }), None))
        .collect();
    for r in aula_test_support::join_all(asks).await {
        assert_eq!(r.status, 202, "{}", r.text);
    }
    assert_eq!(mailed_tokens(&t, ana).await.len(), 3);
}

#[tokio::test]
async fn one_client_address_is_limited_whatever_e_mails_it_names() {
    let t = TestApp::spawn().await;
    let (_, ana) = user(&t, "ana@example.com").await;
    let limit = aula_server::services::password_reset::REQUESTS_PER_CLIENT;
    for i in 0..limit {
        let email = format!("someone{i}@example.com");
        let r = t.post(ASK, json!({ "email": email }), None).await;
        assert_eq!(r.status, 202);
    }
    let r = t
        .post(ASK, json!({ "email": "ana@example.com" }), None)
        .await;
    assert_eq!(r.status, 202, "limited, yet the same answer");
    assert_eq!(r.text, "");
    assert!(
        mailed_tokens(&t, ana).await.is_empty(),
        "no mail once limited"
    );
}

#[tokio::test]
async fn confirm_changes_the_password_ends_every_session_and_works_once() {
    let t = TestApp::spawn().await;
    let (first, ana) = user(&t, "ana@example.com").await;
    assert_eq!(
        login_status(&t, "ana@example.com", "correct horse").await,
        200
    );
    let token = reset_token(&t, "ana@example.com", ana).await;
    let body = json!({ "token": token, "password": "a brand new one" });
    let r = t.post(CONFIRM, body.clone(), None).await;
    assert_eq!(r.status, 204, "{}", r.text);
    assert_eq!(r.text, "");
    assert_error(
        &t.get("/api/me", Some(&first)).await,
        401,
        "unauthenticated",
    );
    let sessions =
        format!("SELECT COUNT(*) FROM auth_sessions WHERE user_id = {ana} AND revoked_at IS NULL");
    assert_eq!(t.count(&sessions).await, 0, "every session ended");
    assert_eq!(
        login_status(&t, "ana@example.com", "correct horse").await,
        401
    );
    assert_eq!(
        login_status(&t, "ana@example.com", "a brand new one").await,
        200
    );
    assert_error(&t.post(CONFIRM, body, None).await, 410, "token_expired");
}

#[tokio::test]
async fn expired_unknown_and_superseded_tokens_are_410() {
    let t = TestApp::spawn().await;
    let (_, ana) = user(&t, "ana@example.com").await;
    let old = reset_token(&t, "ana@example.com", ana).await;
    advance(&t, 61);
    let body = json!({ "token": old, "password": "a brand new one" });
    assert_error(&t.post(CONFIRM, body, None).await, 410, "token_expired");
    for token in ["", "nope", &"x".repeat(300)] {
        let body = json!({ "token": token, "password": "a brand new one" });
        assert_error(&t.post(CONFIRM, body, None).await, 410, "token_expired");
    }
    // Using one link uses up the other links the user was sent.
    let first = reset_token(&t, "ana@example.com", ana).await;
    let second = reset_token(&t, "ana@example.com", ana).await;
    let body = json!({ "token": first, "password": "a brand new one" });
    assert_eq!(t.post(CONFIRM, body, None).await.status, 204);
    let body = json!({ "token": second, "password": "another new one" });
    assert_error(&t.post(CONFIRM, body, None).await, 410, "token_expired");
    assert_eq!(
        login_status(&t, "ana@example.com", "a brand new one").await,
        200
    );
}

#[tokio::test]
async fn a_short_password_is_422_and_the_token_still_works() {
    let t = TestApp::spawn().await;
    let (_, ana) = user(&t, "ana@example.com").await;
    let token = reset_token(&t, "ana@example.com", ana).await;
    let r = t
        .post(
            CONFIRM,
            json!({ "token": token, "password": "short" }),
            None,
        )
        .await;
    assert_error(&r, 422, "validation_failed");
    assert!(
        r.json["error"]["fields"]["password"].is_string(),
        "{}",
        r.text
    );
    assert_eq!(
        login_status(&t, "ana@example.com", "correct horse").await,
        200
    );
    let body = json!({ "token": token, "password": "long enough now" });
    assert_eq!(t.post(CONFIRM, body, None).await.status, 204);
}

#[tokio::test]
async fn two_confirms_at_once_with_one_token_succeed_exactly_once() {
    let t = TestApp::spawn().await;
    let (_, ana) = user(&t, "ana@example.com").await;
    let token = reset_token(&t, "ana@example.com", ana).await;
    let (a, b) = tokio::join!(
        t.post(
            CONFIRM,
            json!({ "token": token, "password": "password one" }),
            None
        ),
        t.post(
            CONFIRM,
            json!({ "token": token, "password": "password two" }),
            None
        ),
    );
    let mut statuses = [a.status.as_u16(), b.status.as_u16()];
    statuses.sort_unstable();
    assert_eq!(statuses, [204, 410], "{} / {}", a.text, b.text);
    let winner = if a.status == 204 {
        "password one"
    } else {
        "password two"
    };
    let loser = if a.status == 204 {
        "password two"
    } else {
        "password one"
    };
    assert_eq!(login_status(&t, "ana@example.com", winner).await, 200);
    assert_eq!(login_status(&t, "ana@example.com", loser).await, 401);
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

/// The `name=value` of the response's first cookie.
fn cookie_of(r: &reqwest::Response) -> String {
    let set = r.headers()["set-cookie"].to_str().unwrap();
    set.split(';').next().unwrap().to_owned()
}

async fn get_with_cookie(t: &TestApp, path: &str, cookie: &str) -> (u16, String) {
    let r = t.client.get(t.url(path)).header("cookie", cookie);
    let r = r.send().await.unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

#[tokio::test]
async fn the_pages_use_the_contracts_words() {
    let t = TestApp::spawn().await;
    let (status, login) = t.page("/login", None).await;
    assert_eq!(status, 200);
    assert!(
        login.contains("<a href=\"/password-reset\">Forgot your password?</a>"),
        "{login}"
    );
    let (status, ask) = t.page("/password-reset", None).await;
    assert_eq!(status, 200);
    complete(&ask);
    assert_eq!(labels(&ask), ["E-mail"]);
    assert!(ask.contains("type=\"submit\">Send link</button>"), "{ask}");
    assert!(ask.contains("name=\"_csrf\""));
    let (_, ana) = user(&t, "ana@example.com").await;
    let token = reset_token(&t, "ana@example.com", ana).await;
    let path = format!("/password-reset/{token}");
    for _ in 0..2 {
        let (status, set) = t.page(&path, None).await;
        assert_eq!(status, 200);
        complete(&set);
        assert_eq!(labels(&set), ["New password (at least 8 characters)"]);
        assert!(
            set.contains("type=\"submit\">Set password</button>"),
            "{set}"
        );
        assert!(set.contains(&format!("action=\"{path}\"")));
    }
    let live = "SELECT COUNT(*) FROM password_resets WHERE used_at IS NULL";
    assert_eq!(
        t.count(live).await,
        1,
        "opening the page does not use the link"
    );
    let (status, gone) = t.page("/password-reset/not-a-token", None).await;
    assert_eq!(status, 410);
    complete(&gone);
    assert!(
        gone.contains("role=\"alert\">This link has expired"),
        "{gone}"
    );
    assert!(gone.contains("<a href=\"/password-reset\">Ask for a new link</a>"));
}

#[tokio::test]
async fn asking_on_the_page_says_the_same_words_for_every_address() {
    let t = TestApp::spawn().await;
    let (session, ana) = user(&t, "ana@example.com").await;
    // Refused forms: another origin, or a logged-in browser without its `_csrf`.
    let foreign = t
        .client
        .post(t.url("/password-reset"))
        .header("origin", "https://evil.example")
        .form(&[("email", "ana@example.com")])
        .send()
        .await
        .unwrap();
    assert_eq!(foreign.status(), 403);
    let r = t
        .client
        .post(t.url("/password-reset"))
        .header("cookie", format!("aula_session={session}"))
        .form(&[("email", "ana@example.com")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    assert!(
        mailed_tokens(&t, ana).await.is_empty(),
        "refused forms mail nothing"
    );
    let mut notices = Vec::new();
    for email in ["ana@example.com", "nobody@example.com"] {
        let r = t
            .client
            .post(t.url("/password-reset"))
            .form(&[("email", email), ("_csrf", "")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303, "{email}");
        assert_eq!(r.headers()["location"], "/password-reset");
        let (status, html) = get_with_cookie(&t, "/password-reset", &cookie_of(&r)).await;
        assert_eq!(status, 200);
        complete(&html);
        let start = html.find("role=\"status\">").expect("a notice") + 14;
        notices.push(html[start..start + html[start..].find('<').unwrap()].to_owned());
    }
    assert_eq!(
        notices[0], notices[1],
        "the same words whatever the address"
    );
    assert!(notices[0].starts_with("If that e-mail address is registered"));
    assert_eq!(mailed_tokens(&t, ana).await.len(), 1);
    // A logged-in browser with its `_csrf` may ask too.
    let r = t
        .submit("/password-reset", &session, &[("email", "ana@example.com")])
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(mailed_tokens(&t, ana).await.len(), 2);
    // An e-mail that cannot be one is said beside the field.
    let r = t
        .client
        .post(t.url("/password-reset"))
        .form(&[("email", "not an e-mail")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    complete(&html);
    assert!(
        html.contains("id=\"email-problem\">Must be an e-mail address."),
        "{html}"
    );
    assert!(
        html.contains("value=\"not an e-mail\""),
        "the value is kept"
    );
}

#[tokio::test]
async fn setting_the_password_on_the_page_leads_to_logging_in_with_it() {
    let t = TestApp::spawn().await;
    let (_, ana) = user(&t, "ana@example.com").await;
    let token = reset_token(&t, "ana@example.com", ana).await;
    let path = format!("/password-reset/{token}");
    let post = |password: &'static str| {
        let req = t.client.post(t.url(&path));
        req.form(&[("password", password), ("_csrf", "")]).send()
    };
    let short = post("short").await.unwrap();
    assert_eq!(short.status(), 422);
    let html = short.text().await.unwrap();
    complete(&html);
    assert!(
        html.contains("id=\"password-problem\">Must be at least 8 characters."),
        "{html}"
    );
    let done = post("a brand new one").await.unwrap();
    assert_eq!(done.status(), 303);
    assert_eq!(done.headers()["location"], "/login");
    let (status, login) = get_with_cookie(&t, "/login", &cookie_of(&done)).await;
    assert_eq!(status, 200);
    complete(&login);
    assert!(
        login.contains("role=\"status\">Your password has been changed."),
        "{login}"
    );
    let logged_in = t
        .client
        .post(t.url("/login"))
        .form(&[
            ("email", "ana@example.com"),
            ("password", "a brand new one"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(logged_in.status(), 303);
    // The link is used up: the page says so in words, with a way to ask again.
    let again = post("another new one").await.unwrap();
    assert_eq!(again.status(), 410);
    let html = again.text().await.unwrap();
    complete(&html);
    assert!(html.contains("role=\"alert\""), "{html}");
    assert!(!html.contains("token_expired"), "never a code: {html}");
    assert_eq!(t.page(&path, None).await.0, 410);
    assert_eq!(
        login_status(&t, "ana@example.com", "another new one").await,
        401
    );
}

#[test]
fn the_openapi_document_describes_both_routes() {
    let doc = serde_json::to_value(aula_server::router::openapi()).unwrap();
    let ask = &doc["paths"][ASK]["post"]["responses"];
    assert!(ask["202"].is_object(), "{ask}");
    let confirm = &doc["paths"][CONFIRM]["post"]["responses"];
    for status in ["204", "410", "422"] {
        assert!(confirm[status].is_object(), "{status}: {confirm}");
    }
}
