//! Bookings over HTTP.
