//! Integration tests: the real router over real HTTP on SQLite, or on PostgreSQL when
//! `AULA_TEST_DATABASE_URL` is set. Modules mirror the routes.

mod admin;
mod auth;
mod availability;
mod bookings;
mod buying;
mod cache;
mod calendar;
mod cli;
mod course_packages;
mod course_programs;
mod credits;
mod errors;
mod faults;
mod fuzz;
mod group_classes;
mod languages;
mod levels;
mod mail;
mod me;
mod openapi;
mod ops;
mod packages;
mod pages;
mod password_reset;
mod policies;
mod queries;
mod refunds;
mod schema;
mod server;
mod sessions;
mod stripe_e2e;
mod teachers;
mod texts;
