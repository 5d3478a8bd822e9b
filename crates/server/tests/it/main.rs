//! Integration tests: the real router over real HTTP on SQLite, or on PostgreSQL when
//! `AULA_TEST_DATABASE_URL` is set. Modules mirror the routes.

mod admin;
mod auth;
mod cli;
mod errors;
mod levels;
mod me;
mod openapi;
mod ops;
mod pages;
mod schema;
