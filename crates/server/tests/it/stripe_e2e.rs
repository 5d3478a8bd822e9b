//! End to end against a Stripe-compatible server (localstripe, see ../shared/tools/stripe-fake):
//! package → product and price there → checkout → paid there → signed webhook → credits →
//! refund there → credits revoked. Runs when `AULA_TEST_STRIPE_FAKE` is set; CI sets it and
//! fails if the test could not run.

use std::time::Duration;

use aula_test_support::TestApp;
use aula_test_support::stripe_fake::StripeFake;
use serde_json::{Value, json};

const WEBHOOK_SECRET: &str = "whsec_e2e_secret";

async fn eventually<F, Fut>(what: &str, mut check: F) -> Value
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<Value>>,
{
    for _ in 0..100 {
        if let Some(v) = check().await {
            return v;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    panic!("timed out waiting for {what}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn buying_and_refunding_through_a_stripe_compatible_server() {
    let Some(fake) = StripeFake::start().await else {
        assert!(
            std::env::var("CI").is_err(),
            "CI must run the Stripe end-to-end test: set AULA_TEST_STRIPE_FAKE"
        );
        return;
    };
    let t = TestApp::spawn_stripe(&fake.base_url, fake.secret_key(), WEBHOOK_SECRET).await;
    assert_eq!(t.app.payments.name(), "stripe");
    fake.register_webhook(&t.url("/api/webhooks/stripe"), WEBHOOK_SECRET)
        .await;

    let p = t
        .package(json!({"name": "E2E pack", "amountMinor": 4200, "currency": "usd", "expiresInDays": null,
            "allowances": [{"serviceType": "PRIVATE", "credits": 3, "creditUnitMinutes": 60}]}))
        .await;
    let product = fake
        .get(&format!(
            "products/{}",
            p["stripeProductId"].as_str().unwrap()
        ))
        .await;
    assert_eq!(
        (product["name"].as_str(), product["active"].as_bool()),
        (Some("E2E pack"), Some(true))
    );
    let price = fake
        .get(&format!("prices/{}", p["stripePriceId"].as_str().unwrap()))
        .await;
    assert_eq!(
        (
            price["unit_amount"].as_i64(),
            price["currency"].as_str(),
            price["product"].clone()
        ),
        (Some(4200), Some("usd"), product["id"].clone())
    );

    let (token, _) = t.register("sam@example.com").await;
    let r = t
        .post("/api/checkout", json!({"packageId": p["id"]}), Some(&token))
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    let cs = r.json["checkoutSessionId"].as_str().unwrap().to_owned();
    let session = fake.get(&format!("checkout/sessions/{cs}")).await;
    assert_eq!(session["amount_total"], 4200);
    assert_eq!(
        session["client_reference_id"].as_str().map(str::to_owned),
        Some(t.get("/api/me", Some(&token)).await.json["studentId"].to_string())
    );
    assert!(
        t.get("/api/packages/my-credits", Some(&token)).await.json["items"]
            .as_array()
            .unwrap()
            .is_empty(),
        "nothing before payment"
    );

    fake.complete_checkout(&cs).await;
    let credits = eventually("the paid webhook to grant credits", || async {
        let r = t.get("/api/packages/my-credits", Some(&token)).await;
        (r.json["totalRemaining"] == 3).then_some(r.json)
    })
    .await;
    assert_eq!(credits["items"].as_array().unwrap().len(), 1);

    let paid = fake.get(&format!("checkout/sessions/{cs}")).await;
    let pi = paid["payment_intent"]
        .as_str()
        .expect("payment intent")
        .to_owned();
    fake.refund(&pi, None).await;
    eventually("the refund webhook to revoke credits", || async {
        let r = t.get("/api/packages/my-credits", Some(&token)).await;
        r.json["items"]
            .as_array()
            .unwrap()
            .is_empty()
            .then_some(r.json)
    })
    .await;
    assert_eq!(
        t.count("SELECT COALESCE(SUM(credits), 0) FROM package_uses WHERE kind = 'REVOKE'")
            .await,
        3
    );

    let admin = t.admin_token().await;
    let off = t
        .call(
            reqwest::Method::POST,
            &format!("/api/admin/packages/{}/deactivate", p["id"]),
            None,
            Some(&admin),
        )
        .await;
    assert_eq!(off.status, 200);
    assert_eq!(
        fake.get(&format!("products/{}", product["id"].as_str().unwrap()))
            .await["active"],
        false
    );
}
