//! `GET /api/me`

use axum::Json;

use crate::api::dto::UserDto;
use crate::error::ErrorBody;
use crate::extract::CurrentUser;

/// The logged-in user with roles, student id and teacher id.
#[utoipa::path(get, path = "/api/me", tag = "accounts", security(("bearer" = [])),
    responses(
        (status = 200, description = "The current user", body = UserDto),
        (status = 401, description = "Not logged in", body = ErrorBody),
    ))]
pub async fn me(user: CurrentUser) -> Json<UserDto> {
    Json(UserDto::from(&user.user))
}
