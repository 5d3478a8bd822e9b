//! The shop, the dev checkout page and the credits page.

use aula_test_support::TestApp;
use serde_json::json;

#[tokio::test]
async fn buying_through_the_dev_checkout_page_grants_credits() {
    let t = TestApp::spawn().await;
    let p = t
        .package(json!({"name": "Five private", "amountMinor": 12500, "currency": "usd", "expiresInDays": null,
            "allowances": [{"serviceType": "PRIVATE", "credits": 5, "creditUnitMinutes": 30}]}))
        .await;
    let catalogue = t.get("/packages", None).await.text;
    assert!(
        catalogue.contains("Five private")
            && catalogue.contains("125.00 USD")
            && catalogue.contains("5 private lesson credits of 30 min")
    );
    let (token, _) = t.register("sam@example.com").await;
    let cookie = format!("aula_session={token}");
    let buy = t
        .client
        .post(t.url(&format!("/packages/{}/buy", p["id"])))
        .header("cookie", &cookie)
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
    assert!(page.contains("Five private") && page.contains("Pay"));
    if let Some(dom) = aula_test_support::browser::dump_dom(&to).await {
        assert!(
            dom.contains("id=\"pay\""),
            "the Pay button renders in a browser"
        );
    }
    let paid = t
        .client
        .post(format!("{to}/pay"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(paid.status(), 303);
    assert!(
        paid.headers()["location"]
            .to_str()
            .unwrap()
            .starts_with("/checkout/success")
    );
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
    assert!(mine.contains("5 of 5 left"));
    let again = t
        .client
        .get(&to)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        again.contains("complete") && !again.contains("id=\"pay\""),
        "a paid session cannot be paid again"
    );
    assert_eq!(t.get("/checkout/success", None).await.status, 200);
    assert_eq!(t.get("/checkout/cancel", None).await.status, 200);
    assert_eq!(t.get("/checkout/dev/cs_unknown", None).await.status, 404);
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
