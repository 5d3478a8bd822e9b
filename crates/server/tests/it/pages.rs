//! Server-rendered pages over HTTP and in headless Chromium, one module per area.

mod accounts;
mod admin;
mod bookings;
mod browser;
mod catalogue;
mod forms;
mod schedule;
mod shop;
mod teacher;
mod teachers;
