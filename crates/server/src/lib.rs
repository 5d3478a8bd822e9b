//! Aula's server: configuration, the HTTP API, server-rendered pages and the command line's work.

pub mod api;
pub mod app;
pub mod cache;
pub mod calendar;
pub mod cli;
pub mod clock;
pub mod config;
pub mod error;
pub mod extract;
pub mod i18n;
pub mod mail;
pub mod ops;
pub mod pages;
pub mod router;
pub mod security;
pub mod seed;
pub mod services;

pub use app::App;
pub use clock::Clock;
pub use config::Config;
pub use error::AppError;
