//! The Stripe client against an in-process HTTP mock: method, path, form fields, auth header,
//! idempotency key, and retries that reuse the key.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use aula_payments::{
    CheckoutRequest, PaymentError, PaymentGateway, PriceRequest, ProductRequest, StripeGateway,
};
use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::IntoResponse;

#[derive(Debug, Clone)]
struct Seen {
    method: Method,
    path: String,
    auth: String,
    key: String,
    form: Vec<(String, String)>,
}

#[derive(Clone, Default)]
struct Mock {
    seen: Arc<Mutex<Vec<Seen>>>,
    /// Statuses to answer before succeeding.
    failures: Arc<Mutex<Vec<u16>>>,
}

async fn handle(
    State(m): State<Mock>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> impl IntoResponse {
    let h = |n: &str| {
        headers
            .get(n)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    let form = url_pairs(&body);
    m.seen.lock().unwrap().push(Seen {
        method,
        path: uri.path().to_owned(),
        auth: h("authorization"),
        key: h("idempotency-key"),
        form,
    });
    if let Some(status) = m.failures.lock().unwrap().pop() {
        return (
            StatusCode::from_u16(status).unwrap(),
            r#"{"error":{"message":"try later"}}"#.to_owned(),
        );
    }
    let id = match uri.path() {
        "/v1/products" => "prod_123",
        "/v1/prices" => "price_123",
        "/v1/checkout/sessions" => "cs_123",
        _ => "obj_1",
    };
    (
        StatusCode::OK,
        format!(r#"{{"id":"{id}","url":"https://checkout.example/{id}"}}"#),
    )
}

fn url_pairs(body: &[u8]) -> Vec<(String, String)> {
    let text = String::from_utf8_lossy(body);
    text.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect()
}

fn decode(s: &str) -> String {
    let s = s.replace('+', " ");
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

async fn mock() -> (Mock, String) {
    let m = Mock::default();
    let app = Router::new().fallback(handle).with_state(m.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (m, format!("http://{addr}"))
}

fn gateway(base: &str) -> StripeGateway {
    StripeGateway::new(base, "sk_test_secret".to_owned().into())
        .unwrap()
        .with_retry_delay(Duration::from_millis(5))
}

fn field<'a>(s: &'a Seen, k: &str) -> Option<&'a str> {
    s.form.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str())
}

#[tokio::test]
async fn creates_products_prices_and_checkout_sessions_as_stripe_expects() {
    let (m, base) = mock().await;
    let g = gateway(&base);
    let meta = BTreeMap::from([("package_id".to_owned(), "7".to_owned())]);
    let product = ProductRequest {
        name: "5 × 30 min".into(),
        description: Some("Private & more".into()),
        metadata: meta.clone(),
        idempotency_key: "k-prod".into(),
    };
    assert_eq!(g.create_product(&product).await.unwrap(), "prod_123");
    let price = PriceRequest {
        product_id: "prod_123".into(),
        unit_amount: 4900,
        currency: "usd".into(),
        idempotency_key: "k-price".into(),
    };
    assert_eq!(g.create_price(&price).await.unwrap(), "price_123");
    let checkout = CheckoutRequest {
        price_id: "price_123".into(),
        success_url: "http://aula.test/checkout/success?session_id={CHECKOUT_SESSION_ID}".into(),
        cancel_url: "http://aula.test/checkout/cancel".into(),
        client_reference_id: "42".into(),
        metadata: meta,
        idempotency_key: "k-cs".into(),
    };
    let cs = g.create_checkout(&checkout).await.unwrap();
    assert_eq!(
        (cs.id.as_str(), cs.url.as_str()),
        ("cs_123", "https://checkout.example/cs_123")
    );
    g.set_product_active("prod_123", false).await.unwrap();

    let seen = m.seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 4);
    for s in &seen {
        assert_eq!(s.method, Method::POST);
        assert_eq!(s.auth, "Bearer sk_test_secret");
        assert!(!s.key.is_empty(), "every call carries an idempotency key");
    }
    assert_eq!(
        (seen[0].path.as_str(), seen[0].key.as_str()),
        ("/v1/products", "k-prod")
    );
    assert_eq!(field(&seen[0], "name"), Some("5 × 30 min"));
    assert_eq!(field(&seen[0], "description"), Some("Private & more"));
    assert_eq!(field(&seen[0], "metadata[package_id]"), Some("7"));
    assert_eq!(
        (seen[1].path.as_str(), seen[1].key.as_str()),
        ("/v1/prices", "k-price")
    );
    assert_eq!(
        (
            field(&seen[1], "product"),
            field(&seen[1], "unit_amount"),
            field(&seen[1], "currency")
        ),
        (Some("prod_123"), Some("4900"), Some("usd"))
    );
    assert_eq!(seen[2].path, "/v1/checkout/sessions");
    assert_eq!(field(&seen[2], "mode"), Some("payment"));
    assert_eq!(field(&seen[2], "line_items[0][price]"), Some("price_123"));
    assert_eq!(field(&seen[2], "line_items[0][quantity]"), Some("1"));
    assert_eq!(field(&seen[2], "client_reference_id"), Some("42"));
    assert_eq!(
        field(&seen[2], "success_url"),
        Some("http://aula.test/checkout/success?session_id={CHECKOUT_SESSION_ID}")
    );
    assert_eq!(seen[3].path, "/v1/products/prod_123");
    assert_eq!(field(&seen[3], "active"), Some("false"));
}

#[tokio::test]
async fn server_errors_are_retried_with_the_same_key_and_client_errors_are_not() {
    let (m, base) = mock().await;
    let g = gateway(&base);
    m.failures.lock().unwrap().extend([503, 500]);
    let product = ProductRequest {
        name: "P".into(),
        description: None,
        metadata: BTreeMap::new(),
        idempotency_key: "same-key".into(),
    };
    assert_eq!(g.create_product(&product).await.unwrap(), "prod_123");
    let keys: Vec<String> = m
        .seen
        .lock()
        .unwrap()
        .iter()
        .map(|s| s.key.clone())
        .collect();
    assert_eq!(keys, ["same-key", "same-key", "same-key"]);

    m.seen.lock().unwrap().clear();
    m.failures.lock().unwrap().push(400);
    let err = g.create_product(&product).await.unwrap_err();
    assert!(
        matches!(err, PaymentError::Provider { status: 400, ref message } if message == "try later"),
        "{err:?}"
    );
    assert_eq!(m.seen.lock().unwrap().len(), 1, "a 400 is not retried");

    m.seen.lock().unwrap().clear();
    m.failures.lock().unwrap().extend([502, 502, 502]);
    assert!(matches!(
        g.create_product(&product).await,
        Err(PaymentError::Provider { status: 502, .. })
    ));
    assert_eq!(m.seen.lock().unwrap().len(), 3, "three attempts in all");
}

#[tokio::test]
async fn an_unreachable_provider_is_a_transport_error() {
    let g = gateway("http://127.0.0.1:1");
    let product = ProductRequest {
        name: "P".into(),
        description: None,
        metadata: BTreeMap::new(),
        idempotency_key: "k".into(),
    };
    assert!(matches!(
        g.create_product(&product).await,
        Err(PaymentError::Transport(_))
    ));
}
