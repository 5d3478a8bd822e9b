//! Texts of course programs and packages per language: set through the admin API and the admin
//! pages, read by the public API and pages in the request's language with the default text
//! (the one given at creation) where a language has none, cached per language.

mod admin_api;
mod pages;
mod reads;

use std::collections::BTreeSet;

use aula_server::i18n::MISSING;
use aula_test_support::TestApp;
use reqwest::Method;
use serde_json::{Value, json};

/// What the tests build: two programs (one with texts to come, one without) and a package that
/// sells the first.
struct Catalogue {
    admin: String,
    gram: i64,
    talk: i64,
    pack: i64,
}

async fn catalogue(t: &TestApp) -> Catalogue {
    let admin = t.admin_token().await;
    let mut ids = Vec::new();
    for (code, title) in [("GRAM", "Grammar basics"), ("TALK", "Small talk")] {
        let body =
            json!({"code": code, "title": title, "description": format!("{title}, in English")});
        let r = t
            .post("/api/admin/course-programs", body, Some(&admin))
            .await;
        assert_eq!(r.status, 201, "{}", r.text);
        ids.push(r.json["id"].as_i64().unwrap());
    }
    let pack = t
        .package(
            json!({"name": "Grammar pack", "description": "One course", "amountMinor": 9900,
            "currency": "usd", "expiresInDays": null,
            "allowances": [{"serviceType": "COURSE", "credits": 1, "courseProgramId": ids[0]}]}),
        )
        .await;
    Catalogue {
        admin,
        gram: ids[0],
        talk: ids[1],
        pack: pack["id"].as_i64().unwrap(),
    }
}

async fn put(
    t: &TestApp,
    path: &str,
    body: Value,
    token: Option<&str>,
) -> aula_test_support::Reply {
    t.call(Method::PUT, path, Some(body), token).await
}

/// Sets the Spanish texts of the first program and of the package.
async fn spanish(t: &TestApp, c: &Catalogue) {
    let r = put(
        t,
        &format!("/api/admin/course-programs/{}/texts/es", c.gram),
        json!({"title": "Gramática básica", "description": "Gramática, en español"}),
        Some(&c.admin),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let r = put(
        t,
        &format!("/api/admin/packages/{}/texts/es", c.pack),
        json!({"name": "Paquete de gramática", "description": "Un curso"}),
        Some(&c.admin),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text);
}

/// `GET path` with `Accept-Language: lang` (and `If-None-Match: tag`): status, ETag, JSON.
async fn get_in(t: &TestApp, path: &str, lang: &str, tag: Option<&str>) -> (u16, String, Value) {
    let mut req = t.client.get(t.url(path)).header("accept-language", lang);
    if let Some(tag) = tag {
        req = req.header("if-none-match", tag);
    }
    let r = req.send().await.unwrap();
    let status = r.status().as_u16();
    let etag = r
        .headers()
        .get("etag")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let text = r.text().await.unwrap();
    (
        status,
        etag,
        serde_json::from_str(&text).unwrap_or(Value::Null),
    )
}

/// A page with `Accept-Language: lang`, as the user with `token` (or a visitor) sees it.
async fn page_in(t: &TestApp, path: &str, token: Option<&str>, lang: &str) -> String {
    let mut req = t.client.get(t.url(path)).header("accept-language", lang);
    if let Some(token) = token {
        req = req.header("cookie", format!("aula_session={token}"));
    }
    let r = req.send().await.unwrap();
    assert_eq!(r.status(), 200, "{path}");
    let html = r.text().await.unwrap();
    assert!(
        html.contains(&format!("<html lang=\"{lang}\">")),
        "{path} in {lang}: {html}"
    );
    html
}

/// An admin page (English), checked: no message missing, ids unique.
async fn admin_page(t: &TestApp, path: &str, token: &str) -> String {
    let (status, html) = t.page(path, Some(token)).await;
    assert_eq!(status, 200, "{path}");
    complete(&html);
    html
}

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

fn titles(list: &Value) -> Vec<String> {
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            i["title"]
                .as_str()
                .or(i["name"].as_str())
                .unwrap()
                .to_owned()
        })
        .collect()
}
