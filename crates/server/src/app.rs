//! The application state every handler receives: database, configuration, clock and limiters.

use std::sync::Arc;

use aula_db::Db;

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
    pub metrics: Metrics,
}

impl App {
    /// Builds the state from its parts.
    pub fn new(db: Db, config: Config, clock: Clock) -> Self {
        let login_limiter = LoginLimiter::new(
            config.login_failures_per_minute,
            std::time::Duration::from_secs(60),
        );
        Self(Arc::new(Inner {
            db,
            config,
            clock,
            login_limiter,
            metrics: Metrics::default(),
        }))
    }
}

impl std::ops::Deref for App {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}
