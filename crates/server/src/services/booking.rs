//! Booking: credit bookings, course steps, cancellation, rescheduling, attendance, waitlists.
