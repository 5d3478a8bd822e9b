//! Bookings, attendance and waitlists.

use utoipa_axum::router::OpenApiRouter;

use crate::App;

/// The documented routes of booking.
pub fn router() -> OpenApiRouter<App> {
    OpenApiRouter::new()
}
