//! `DELETE /api/admin/users/{userId}/roles/{role}`

use aula_db::accounts;
use axum::extract::State;
use axum::http::StatusCode;

use crate::api::admin::users::grant_role::GrantableRole;
use crate::error::ErrorBody;
use crate::extract::{AdminUser, ApiPath};
use crate::{App, AppError};

/// Revokes the teacher or admin role. A teacher keeps the profile (sessions point at it).
#[utoipa::path(delete, path = "/api/admin/users/{userId}/roles/{role}", tag = "admin",
    params(("userId" = i64, Path, description = "User id"), ("role" = GrantableRole, Path, description = "`admin` or `teacher`")),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Role revoked (or not held)"),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 404, description = "No such user or role", body = ErrorBody),
    ))]
pub async fn revoke_role(
    State(app): State<App>,
    _admin: AdminUser,
    ApiPath((user_id, role)): ApiPath<(i64, GrantableRole)>,
) -> Result<StatusCode, AppError> {
    accounts::revoke_role(&app.db, user_id, role.into(), app.clock.now()).await?;
    Ok(StatusCode::NO_CONTENT)
}
