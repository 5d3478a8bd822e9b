//! The application state every handler receives: database, configuration, clock and limiters.

use std::sync::Arc;

use aula_db::Db;
use aula_payments::{DevGateway, Payments, StripeGateway};

use crate::config::ConfigError;
use crate::ops::metrics::Metrics;
use crate::services::login_limit::LoginLimiter;
use crate::{Clock, Config};

/// Shared state, cheap to clone.
#[derive(Clone)]
pub struct App(Arc<Inner>);

/// What [`App`] holds.
pub struct Inner {
    pub db: Db,
    pub config: Config,
    pub clock: Clock,
    pub login_limiter: LoginLimiter,
    /// Password reset requests per client address.
    pub reset_limiter: crate::services::password_reset::ResetLimiter,
    pub metrics: Metrics,
    pub payments: Payments,
    /// The public reads, by catalogue version.
    pub public_cache: crate::cache::PublicCache,
    /// The login sessions seen, by accounts version.
    pub sessions: crate::services::auth::SessionCache,
    /// Students' credits, by their credits version.
    pub credits: crate::services::credits::CreditCache,
    /// How mails leave (SMTP, or the log).
    pub mailer: crate::mail::Mailer,
}

impl App {
    /// Builds the state from its parts; fails (naming the setting) when the Stripe client cannot be
    /// built: payments never fall back to the dev checkout.
    pub fn new(db: Db, config: Config, clock: Clock) -> Result<Self, ConfigError> {
        let login_limiter = LoginLimiter::new(
            config.login_failures_per_minute,
            std::time::Duration::from_secs(60),
        );
        let payments = match &config.stripe {
            Some(s) => match StripeGateway::new(&s.api_base, s.secret_key.clone()) {
                Ok(g) => Payments::Stripe(g),
                Err(e) => {
                    return Err(ConfigError {
                        setting: "AULA_STRIPE_API_BASE",
                        problem: format!("cannot build the Stripe client: {e}"),
                    });
                }
            },
            None => Payments::Dev(DevGateway::new(&config.public_url)),
        };
        Ok(Self(Arc::new(Inner {
            db,
            clock,
            login_limiter,
            reset_limiter: Default::default(),
            metrics: Metrics::default(),
            payments,
            public_cache: Default::default(),
            sessions: Default::default(),
            credits: Default::default(),
            mailer: crate::mail::Mailer::new(&config.mail),
            config,
        })))
    }
}

impl std::ops::Deref for App {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}
