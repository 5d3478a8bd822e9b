//! Course programs: admin CRUD, the public catalogue and the student's course packages.

use utoipa_axum::router::OpenApiRouter;

use crate::App;

/// The documented routes of course programs.
pub fn router() -> OpenApiRouter<App> {
    OpenApiRouter::new()
}
