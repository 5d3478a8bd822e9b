//! Stripe over HTTP: form-encoded bodies, Bearer auth, an `Idempotency-Key` on every create, and
//! retries of transport failures, 429 and 5xx with the same key (so a retry never duplicates).

use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;

use crate::{
    CheckoutRequest, CheckoutSession, PaymentError, PaymentGateway, PriceRequest, ProductRequest,
    random_id,
};

/// Attempts per call (the first try and two retries).
const ATTEMPTS: u32 = 3;

/// Stripe's REST API.
pub struct StripeGateway {
    base_url: String,
    secret_key: SecretString,
    http: reqwest::Client,
    retry_delay: Duration,
}

#[derive(Deserialize)]
struct Created {
    id: String,
    url: Option<String>,
}

#[derive(Deserialize)]
struct ErrorEnvelope {
    error: ErrorDetail,
}

#[derive(Deserialize)]
struct ErrorDetail {
    message: Option<String>,
}

/// Checks an API base URL: absolute `http://` or `https://` with a valid host.
pub fn check_base_url(base_url: &str) -> Result<(), String> {
    let url = reqwest::Url::parse(base_url.trim())
        .map_err(|e| format!("{base_url:?} is not a URL ({e})"))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!("{base_url:?} must start with http:// or https://"));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(format!("{base_url:?} has no host"));
    }
    Ok(())
}

impl StripeGateway {
    /// A client for `base_url` (e.g. `https://api.stripe.com`) with a secret key.
    pub fn new(base_url: &str, secret_key: SecretString) -> Result<Self, PaymentError> {
        check_base_url(base_url).map_err(PaymentError::Transport)?;
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(5))
            .timeout(Duration::from_secs(30))
            .build()
            .map_err(|e| PaymentError::Transport(e.to_string()))?;
        Ok(Self {
            base_url: base_url.trim_end_matches('/').to_owned(),
            secret_key,
            http,
            retry_delay: Duration::from_millis(250),
        })
    }

    /// Shortens the pause between retries (tests).
    pub fn with_retry_delay(mut self, delay: Duration) -> Self {
        self.retry_delay = delay;
        self
    }

    /// POSTs a form to `path`, retrying with the same idempotency key.
    async fn post(
        &self,
        path: &str,
        form: &[(String, String)],
        idempotency_key: &str,
    ) -> Result<Created, PaymentError> {
        let url = format!("{}{path}", self.base_url);
        let mut last = PaymentError::Transport("no attempt made".into());
        for attempt in 0..ATTEMPTS {
            if attempt > 0 {
                tokio::time::sleep(self.retry_delay * 2u32.pow(attempt - 1)).await;
            }
            let sent = self
                .http
                .post(&url)
                .bearer_auth(self.secret_key.expose_secret())
                .header("Idempotency-Key", idempotency_key)
                .header("Stripe-Version", "2024-06-20")
                .form(form)
                .send()
                .await;
            let res = match sent {
                Ok(res) => res,
                Err(e) => {
                    tracing::warn!(path, attempt, error = %e, "stripe request failed");
                    last = PaymentError::Transport(e.to_string());
                    continue;
                }
            };
            let status = res.status();
            let text = res
                .text()
                .await
                .map_err(|e| PaymentError::Transport(e.to_string()))?;
            if status.is_success() {
                return serde_json::from_str(&text)
                    .map_err(|e| PaymentError::Transport(format!("unexpected answer: {e}")));
            }
            let message = serde_json::from_str::<ErrorEnvelope>(&text)
                .ok()
                .and_then(|e| e.error.message)
                .unwrap_or_else(|| text.chars().take(200).collect());
            last = PaymentError::Provider {
                status: status.as_u16(),
                message,
            };
            if !(status.is_server_error() || status.as_u16() == 429) {
                break;
            }
            tracing::warn!(
                path,
                attempt,
                status = status.as_u16(),
                "stripe answered an error; retrying"
            );
        }
        Err(last)
    }
}

fn metadata(form: &mut Vec<(String, String)>, meta: &std::collections::BTreeMap<String, String>) {
    for (k, v) in meta {
        form.push((format!("metadata[{k}]"), v.clone()));
    }
}

impl PaymentGateway for StripeGateway {
    async fn create_product(&self, req: &ProductRequest) -> Result<String, PaymentError> {
        let mut form = vec![("name".to_owned(), req.name.clone())];
        if let Some(d) = &req.description {
            form.push(("description".into(), d.clone()));
        }
        metadata(&mut form, &req.metadata);
        Ok(self
            .post("/v1/products", &form, &req.idempotency_key)
            .await?
            .id)
    }

    async fn create_price(&self, req: &PriceRequest) -> Result<String, PaymentError> {
        let form = vec![
            ("product".to_owned(), req.product_id.clone()),
            ("unit_amount".into(), req.unit_amount.to_string()),
            ("currency".into(), req.currency.clone()),
        ];
        Ok(self
            .post("/v1/prices", &form, &req.idempotency_key)
            .await?
            .id)
    }

    async fn set_product_active(&self, product_id: &str, active: bool) -> Result<(), PaymentError> {
        let form = vec![("active".to_owned(), active.to_string())];
        self.post(
            &format!("/v1/products/{product_id}"),
            &form,
            &random_id("aula_"),
        )
        .await?;
        Ok(())
    }

    async fn create_checkout(
        &self,
        req: &CheckoutRequest,
    ) -> Result<CheckoutSession, PaymentError> {
        let mut form = vec![
            ("mode".to_owned(), "payment".to_owned()),
            ("line_items[0][price]".into(), req.price_id.clone()),
            ("line_items[0][quantity]".into(), "1".into()),
            ("success_url".into(), req.success_url.clone()),
            ("cancel_url".into(), req.cancel_url.clone()),
            (
                "client_reference_id".into(),
                req.client_reference_id.clone(),
            ),
        ];
        metadata(&mut form, &req.metadata);
        let created = self
            .post("/v1/checkout/sessions", &form, &req.idempotency_key)
            .await?;
        let url = created
            .url
            .ok_or_else(|| PaymentError::Transport("checkout session without url".into()))?;
        Ok(CheckoutSession {
            id: created.id,
            url,
        })
    }
}
