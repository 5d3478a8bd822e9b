//! `POST /api/admin/users/{userId}/roles`

use aula_domain::Role;
use axum::Json;
use axum::extract::State;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::api::dto::UserDto;
use crate::error::ErrorBody;
use crate::extract::{AdminUser, ApiJson, ApiPath};
use crate::services;
use crate::{App, AppError};

/// A role that can be granted.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum GrantableRole {
    Admin,
    Teacher,
}

impl From<GrantableRole> for Role {
    fn from(r: GrantableRole) -> Self {
        match r {
            GrantableRole::Admin => Role::Admin,
            GrantableRole::Teacher => Role::Teacher,
        }
    }
}

/// The role to grant; `tier` (0-1000) sets a teacher's pricing tier.
#[derive(Debug, Deserialize, ToSchema)]
pub struct GrantBody {
    pub role: GrantableRole,
    pub tier: Option<i32>,
}

/// Grants the teacher or admin role. Granting a held role changes only a given tier.
#[utoipa::path(post, path = "/api/admin/users/{userId}/roles", tag = "admin", request_body = GrantBody,
    params(("userId" = i64, Path, description = "User id")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The user with the role", body = UserDto),
        (status = 400, description = "Unknown role or malformed body", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 404, description = "No such user", body = ErrorBody),
        (status = 422, description = "Tier out of range, or a tier for the admin role", body = ErrorBody),
    ))]
pub async fn grant_role(
    State(app): State<App>,
    _admin: AdminUser,
    ApiPath(user_id): ApiPath<i64>,
    ApiJson(body): ApiJson<GrantBody>,
) -> Result<Json<UserDto>, AppError> {
    let role = Role::from(body.role);
    let user = services::accounts::grant_role(&app, user_id, role, body.tier).await?;
    Ok(Json(UserDto::from(&user)))
}
