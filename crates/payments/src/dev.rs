//! The dev checkout: local ids, no network. Checkout URLs point at Aula's own
//! `/checkout/dev/{id}` page, whose Pay button sends a signed `checkout.session.completed` event
//! through the same webhook code that Stripe's events take.

use std::collections::HashMap;
use std::sync::Mutex;

use crate::{
    CheckoutRequest, CheckoutSession, PaymentError, PaymentGateway, PriceRequest, ProductRequest,
    random_id,
};

/// Local stand-in for Stripe.
pub struct DevGateway {
    public_url: String,
    /// Idempotency keys already answered, like Stripe's (kept for the process's life).
    answered: Mutex<HashMap<String, String>>,
}

impl DevGateway {
    /// A dev gateway whose checkout pages live under `public_url`.
    pub fn new(public_url: &str) -> Self {
        Self {
            public_url: public_url.trim_end_matches('/').to_owned(),
            answered: Mutex::new(HashMap::new()),
        }
    }

    fn once(&self, key: &str, prefix: &str) -> String {
        let mut map = self.answered.lock().unwrap_or_else(|e| e.into_inner());
        map.entry(key.to_owned())
            .or_insert_with(|| random_id(prefix))
            .clone()
    }
}

impl PaymentGateway for DevGateway {
    async fn create_product(&self, req: &ProductRequest) -> Result<String, PaymentError> {
        Ok(self.once(&req.idempotency_key, "prod_dev_"))
    }

    async fn create_price(&self, req: &PriceRequest) -> Result<String, PaymentError> {
        Ok(self.once(&req.idempotency_key, "price_dev_"))
    }

    async fn set_product_active(
        &self,
        _product_id: &str,
        _active: bool,
    ) -> Result<(), PaymentError> {
        Ok(())
    }

    async fn create_checkout(
        &self,
        req: &CheckoutRequest,
    ) -> Result<CheckoutSession, PaymentError> {
        let id = self.once(&req.idempotency_key, "cs_dev_");
        Ok(CheckoutSession {
            url: format!("{}/checkout/dev/{id}", self.public_url),
            id,
        })
    }
}
