//! `PUT /api/admin/policies/cancellation`

use aula_db::policies;
use aula_domain::policy::CancellationPolicy;
use axum::Json;
use axum::extract::State;

use crate::api::policies::get::PolicyDto;
use crate::error::ErrorBody;
use crate::extract::{AdminUser, ApiJson};
use crate::{App, AppError};

/// Saves a new policy; it applies from now on (older ones are kept, inactive).
#[utoipa::path(put, path = "/api/admin/policies/cancellation", tag = "admin", request_body = PolicyDto, security(("bearer" = [])),
    responses(
        (status = 200, description = "The policy now in force", body = PolicyDto),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 422, description = "Deadlines outside 0-168 h or reschedules outside 0-10", body = ErrorBody),
    ))]
pub async fn put(
    State(app): State<App>,
    _admin: AdminUser,
    ApiJson(body): ApiJson<PolicyDto>,
) -> Result<Json<PolicyDto>, AppError> {
    let policy = CancellationPolicy::from(body).validate()?;
    Ok(Json(
        policies::save(&app.db, &policy, app.clock.now())
            .await?
            .into(),
    ))
}
