//! The shop, the dev checkout page and the credits page.

use aula_server::i18n::MISSING;
use aula_test_support::{TestApp, csrf};
use serde_json::json;

/// Every word of the page came from the message catalogue.
fn complete(page: &str) {
    assert!(!page.contains(MISSING), "a message is missing: {page}");
}

#[tokio::test]
async fn buying_through_the_dev_checkout_page_grants_credits() {
    let t = TestApp::spawn().await;
    let p = t
        .package(json!({"name": "Five private", "amountMinor": 12500, "currency": "usd", "expiresInDays": null,
            "allowances": [{"serviceType": "PRIVATE", "credits": 5, "creditUnitMinutes": 30}]}))
        .await;
    let catalogue = t.get("/packages", None).await.text;
    complete(&catalogue);
    assert!(
        catalogue.contains("Five private")
            && catalogue.contains("$125.00")
            && catalogue.contains("5 private lesson credits of 30 min")
            && catalogue.contains("Credits never expire")
            && catalogue.contains(">Log in to buy</a>")
    );
    let (token, _) = t.register("sam@example.com").await;
    let cookie = format!("aula_session={token}");
    let buy = t
        .client
        .post(t.url(&format!("/packages/{}/buy", p["id"])))
        .header("cookie", &cookie)
        .form(&[("_csrf", csrf(&token))])
        .send()
        .await
        .unwrap();
    assert_eq!(buy.status(), 303);
    let to = buy.headers()["location"].to_str().unwrap().to_owned();
    assert!(to.contains("/checkout/dev/cs_dev_"), "{to}");
    let page = t
        .client
        .get(&to)
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    complete(&page);
    assert!(page.contains("Five private") && page.contains("$125.00"));
    assert!(
        page.contains("type=\"submit\">Pay</button>")
            && page.contains("type=\"submit\">Cancel</button>")
            && page.contains("id=\"status\">open</strong>"),
        "{page}"
    );
    assert!(
        page.contains(&format!("name=\"_csrf\" value=\"{}\"", csrf(&token))),
        "Pay and Cancel carry the session's _csrf"
    );
    if let Some(dom) = aula_test_support::browser::dump_dom(&to).await {
        assert!(
            dom.contains("/login"),
            "a browser without the login is sent to log in"
        );
    }
    // A visitor is sent to log in; another student gets the 403 page; neither can pay.
    let visitor = t.client.get(&to).send().await.unwrap();
    assert_eq!(visitor.status(), 303);
    assert!(
        visitor.headers()["location"]
            .to_str()
            .unwrap()
            .starts_with("/login?next=")
    );
    let (eve, _) = t.register("eve@example.com").await;
    let eve_cookie = format!("aula_session={eve}");
    let other = t
        .client
        .get(&to)
        .header("cookie", &eve_cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(other.status(), 403);
    let other = other.text().await.unwrap();
    complete(&other);
    assert!(other.contains("Not your checkout"), "{other}");
    let steal = t
        .client
        .post(format!("{to}/pay"))
        .header("cookie", &eve_cookie)
        .form(&[("_csrf", csrf(&eve))])
        .send()
        .await
        .unwrap();
    assert_eq!(steal.status(), 403);
    // Without the _csrf, with a wrong one, or from another origin: 403 page, nothing paid.
    for (form, origin) in [
        (vec![], None),
        (vec![("_csrf", "wrong".to_owned())], None),
        (vec![("_csrf", csrf(&token))], Some("https://evil.example")),
    ] {
        let mut req = t
            .client
            .post(format!("{to}/pay"))
            .header("cookie", &cookie)
            .form(&form);
        if let Some(o) = origin {
            req = req.header("origin", o);
        }
        let r = req.send().await.unwrap();
        assert_eq!(r.status(), 403);
        assert!(
            r.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/html")
        );
    }
    assert_eq!(
        t.get("/api/packages/my-credits", Some(&token)).await.json["totalRemaining"],
        0
    );
    let paid = t
        .client
        .post(format!("{to}/pay"))
        .header("cookie", &cookie)
        .header("origin", t.base.clone())
        .form(&[("_csrf", csrf(&token))])
        .send()
        .await
        .unwrap();
    assert_eq!(paid.status(), 303);
    assert_eq!(paid.headers()["location"], "/me/credits");
    assert_eq!(
        t.get("/api/packages/my-credits", Some(&token)).await.json["totalRemaining"],
        5
    );
    let mine = t
        .client
        .get(t.url("/me/credits"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    complete(&mine);
    assert!(mine.contains("5 of 5 left") && mine.contains("never expires"));
    let again = t
        .client
        .get(&to)
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    complete(&again);
    assert!(
        again.contains("id=\"status\">complete, paid</strong>") && !again.contains("id=\"pay\""),
        "a paid session cannot be paid again"
    );
    let success = t.get("/checkout/success", None).await;
    assert_eq!(success.status, 200);
    complete(&success.text);
    assert!(
        success.text.contains("<h1>Thank you!</h1>")
            && success.text.contains(">See my credits</a>")
    );
    let cancel = t.get("/checkout/cancel", None).await;
    assert_eq!(cancel.status, 200);
    complete(&cancel.text);
    assert!(cancel.text.contains("<h1>Payment cancelled</h1>"));
    assert_eq!(
        t.get("/checkout/dev/cs_unknown", Some(&token)).await.status,
        404
    );
}

#[tokio::test]
async fn a_cancelled_dev_checkout_is_never_granted() {
    let t = TestApp::spawn().await;
    let p = t
        .package(json!({"name": "Two group", "amountMinor": 3000, "currency": "usd", "expiresInDays": null,
            "allowances": [{"serviceType": "GROUP", "credits": 2, "creditUnitMinutes": 60}]}))
        .await;
    let (token, _) = t.register("sam@example.com").await;
    let r = t
        .post("/api/checkout", json!({"packageId": p["id"]}), Some(&token))
        .await;
    let id = r.json["checkoutSessionId"].as_str().unwrap().to_owned();
    let cookie = format!("aula_session={token}");
    let post = |action: &'static str| {
        t.client
            .post(t.url(&format!("/checkout/dev/{id}/{action}")))
            .header("cookie", &cookie)
            .form(&[("_csrf", csrf(&token))])
            .send()
    };
    let cancelled = post("cancel").await.unwrap();
    assert_eq!(cancelled.status(), 303);
    let pay = post("pay").await.unwrap();
    assert_eq!(pay.status(), 409, "a cancelled checkout cannot be paid");
    let closed = pay.text().await.unwrap();
    complete(&closed);
    assert!(closed.contains("This checkout is closed"), "{closed}");
    // Not even a signed completion event for it grants anything.
    let late = t
        .webhook(&aula_test_support::paid_event(
            "evt_late", &id, "pi_late", 3000, "usd",
        ))
        .await;
    assert_eq!(late.status, 200);
    let mine = t.get("/api/packages/my-credits", Some(&token)).await;
    assert_eq!(mine.json["items"].as_array().map(Vec::len), Some(0));
}

#[tokio::test]
async fn my_credits_page_needs_a_login() {
    let t = TestApp::spawn().await;
    let r = t.client.get(t.url("/me/credits")).send().await.unwrap();
    assert_eq!(r.status(), 303);
    let r = t
        .client
        .post(t.url("/packages/1/buy"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
}

#[tokio::test]
async fn with_a_stripe_key_there_is_no_dev_checkout() {
    // Nothing is sent to this base: the pages only need to know Stripe is configured.
    let t = TestApp::spawn_stripe("http://127.0.0.1:9", "sk_test_123", "whsec_123").await;
    let (token, _) = t.register("sam@example.com").await;
    let cookie = format!("aula_session={token}");
    let page = t
        .client
        .get(t.url("/checkout/dev/cs_dev_1"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 404);
    let pay = t
        .client
        .post(t.url("/checkout/dev/cs_dev_1/pay"))
        .header("cookie", &cookie)
        .form(&[("_csrf", csrf(&token))])
        .send()
        .await
        .unwrap();
    assert_eq!(pay.status(), 404);
}

#[tokio::test]
async fn my_credits_shows_dates_and_amounts_in_the_viewers_zone_and_words() {
    let t = TestApp::spawn().await;
    t.set_now("2026-03-02T03:00:00Z");
    let p = t
        .package(json!({"name": "Group pack", "amountMinor": 14900, "currency": "eur", "expiresInDays": 60,
            "allowances": [{"serviceType": "GROUP", "credits": 4, "creditUnitMinutes": 60, "teacherTier": 2}]}))
        .await;
    let catalogue = t.get("/packages", None).await.text;
    complete(&catalogue);
    assert!(
        catalogue.contains("€149.00")
            && catalogue.contains("4 group class credits of 60 min (teacher tier 2)")
            && catalogue.contains("Credits last 60 days"),
        "{catalogue}"
    );
    let (token, _) = t.register("sam@example.com").await;
    let zone = t
        .call(
            reqwest::Method::PATCH,
            "/api/me",
            Some(json!({"timezone": "America/Mexico_City"})),
            Some(&token),
        )
        .await;
    assert_eq!(zone.status, 200);
    t.buy(&token, p["id"].as_i64().unwrap()).await;
    let (status, mine) = t.page("/me/credits", Some(&token)).await;
    assert_eq!(status, 200);
    complete(&mine);
    // 03:00 UTC on 2 March is the evening of 1 March in Mexico City; the expiry names its zone.
    assert!(
        mine.contains("Bought on Sunday, 1 March 2026")
            && mine.contains("expires Thursday, 30 April 2026, 21:00 (America/Mexico_City)")
            && mine.contains("4 of 4 left")
            && mine.contains("id=\"total\">4</strong>"),
        "{mine}"
    );

    // A package that is not on sale any more is refused in words.
    let admin = t.admin_token().await;
    let off = t
        .post(
            &format!("/api/admin/packages/{}/deactivate", p["id"]),
            json!({}),
            Some(&admin),
        )
        .await;
    assert_eq!(off.status, 200, "{:?}", off.json);
    let buy = |referer: Option<String>| {
        let mut req = t
            .client
            .post(t.url(&format!("/packages/{}/buy", p["id"])))
            .header("cookie", format!("aula_session={token}"))
            .form(&[("_csrf", csrf(&token))]);
        if let Some(r) = referer {
            req = req.header("referer", r);
        }
        req.send()
    };
    // From the packages page: back there, the refusal a sentence in an alert.
    let r = buy(Some(t.url("/packages"))).await.unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/packages");
    let (_, page) = t.page("/packages", Some(&token)).await;
    complete(&page);
    assert!(
        page.contains("role=\"alert\">This package is not on sale any more."),
        "{page}"
    );
    let (_, again) = t.page("/packages", Some(&token)).await;
    assert!(!again.contains("role=\"alert\""), "shown once");
    // From elsewhere: a page that says it.
    let r = buy(None).await.unwrap();
    assert_eq!(r.status(), 409);
    let html = r.text().await.unwrap();
    complete(&html);
    assert!(
        html.contains("<h1>Not for sale</h1>")
            && html.contains("This package is not on sale any more."),
        "{html}"
    );
}
