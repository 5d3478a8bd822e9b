//! Payments: one gateway trait with two implementations — Stripe over HTTP, and the local "dev
//! checkout" used when no Stripe key is configured — plus Stripe's webhook signature scheme.

mod dev;
pub mod signature;
mod stripe;

use std::collections::BTreeMap;

pub use dev::DevGateway;
pub use stripe::{StripeGateway, check_base_url};

/// A product to create.
#[derive(Debug, Clone)]
pub struct ProductRequest {
    pub name: String,
    pub description: Option<String>,
    pub metadata: BTreeMap<String, String>,
    /// Sent as Stripe's `Idempotency-Key`: a retry returns the first product.
    pub idempotency_key: String,
}

/// A one-time price of a product.
#[derive(Debug, Clone)]
pub struct PriceRequest {
    pub product_id: String,
    pub unit_amount: i64,
    pub currency: String,
    pub idempotency_key: String,
}

/// A Checkout Session in payment mode for one unit of a price.
#[derive(Debug, Clone)]
pub struct CheckoutRequest {
    pub price_id: String,
    pub success_url: String,
    pub cancel_url: String,
    pub client_reference_id: String,
    pub metadata: BTreeMap<String, String>,
    pub idempotency_key: String,
}

/// A created checkout session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckoutSession {
    pub id: String,
    pub url: String,
}

/// A gateway call that failed.
#[derive(Debug, thiserror::Error)]
pub enum PaymentError {
    /// The provider answered with an error status.
    #[error("payment provider answered {status}: {message}")]
    Provider { status: u16, message: String },
    /// The provider could not be reached or answered garbage.
    #[error("payment provider unreachable: {0}")]
    Transport(String),
}

/// What Aula asks of a payment provider.
pub trait PaymentGateway: Send + Sync {
    /// Creates a product; returns its id.
    fn create_product(
        &self,
        req: &ProductRequest,
    ) -> impl Future<Output = Result<String, PaymentError>> + Send;
    /// Creates a one-time price; returns its id.
    fn create_price(
        &self,
        req: &PriceRequest,
    ) -> impl Future<Output = Result<String, PaymentError>> + Send;
    /// Sets a product's `active` flag.
    fn set_product_active(
        &self,
        product_id: &str,
        active: bool,
    ) -> impl Future<Output = Result<(), PaymentError>> + Send;
    /// Creates a checkout session.
    fn create_checkout(
        &self,
        req: &CheckoutRequest,
    ) -> impl Future<Output = Result<CheckoutSession, PaymentError>> + Send;
}

/// The gateway in use: Stripe when a secret key is configured, else the dev checkout.
pub enum Payments {
    Stripe(StripeGateway),
    Dev(DevGateway),
}

impl Payments {
    /// `stripe` or `dev`, for logs and pages.
    pub fn name(&self) -> &'static str {
        match self {
            Payments::Stripe(_) => "stripe",
            Payments::Dev(_) => "dev",
        }
    }

    /// True for the local dev checkout.
    pub fn is_dev(&self) -> bool {
        matches!(self, Payments::Dev(_))
    }
}

impl PaymentGateway for Payments {
    async fn create_product(&self, req: &ProductRequest) -> Result<String, PaymentError> {
        match self {
            Payments::Stripe(g) => g.create_product(req).await,
            Payments::Dev(g) => g.create_product(req).await,
        }
    }

    async fn create_price(&self, req: &PriceRequest) -> Result<String, PaymentError> {
        match self {
            Payments::Stripe(g) => g.create_price(req).await,
            Payments::Dev(g) => g.create_price(req).await,
        }
    }

    async fn set_product_active(&self, product_id: &str, active: bool) -> Result<(), PaymentError> {
        match self {
            Payments::Stripe(g) => g.set_product_active(product_id, active).await,
            Payments::Dev(g) => g.set_product_active(product_id, active).await,
        }
    }

    async fn create_checkout(
        &self,
        req: &CheckoutRequest,
    ) -> Result<CheckoutSession, PaymentError> {
        match self {
            Payments::Stripe(g) => g.create_checkout(req).await,
            Payments::Dev(g) => g.create_checkout(req).await,
        }
    }
}

/// A random id with a prefix, e.g. `cs_dev_3f9a…`.
pub fn random_id(prefix: &str) -> String {
    let mut bytes = [0u8; 12];
    rand::RngCore::fill_bytes(&mut rand::rng(), &mut bytes);
    format!("{prefix}{}", hex::encode(bytes))
}
