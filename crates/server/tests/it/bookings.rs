//! Bookings over HTTP, one module per concern (the shared set-up is in `aula_test_support`).

mod attendance;
mod cancel;
mod course;
mod credit;
mod private;
mod races;
mod reschedule;
mod waitlist;
