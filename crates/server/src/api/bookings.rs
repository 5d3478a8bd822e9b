//! Bookings, attendance and waitlists.

pub mod attendance;
pub mod can_modify;
pub mod cancel;
pub mod create;
pub mod dto;
pub mod get;
pub mod mine;
pub mod reschedule;
pub mod waitlist;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::App;

/// The documented routes of booking.
pub fn router() -> OpenApiRouter<App> {
    OpenApiRouter::new()
        .routes(routes!(create::create))
        .routes(routes!(mine::mine))
        .routes(routes!(get::get))
        .routes(routes!(can_modify::can_modify))
        .routes(routes!(cancel::cancel))
        .routes(routes!(reschedule::reschedule))
        .routes(routes!(attendance::attendance))
        .routes(routes!(waitlist::join))
        .routes(routes!(waitlist::mine))
        .routes(routes!(waitlist::leave))
}
