//! `GET /api/admin/users`

use aula_db::accounts::{self, UserFilter};
use aula_domain::Role;
use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::api::dto::UserDto;
use crate::error::ErrorBody;
use crate::extract::{AdminUser, ApiQuery};
use crate::{App, AppError};

/// A role to filter by.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum RoleFilter {
    Student,
    Teacher,
    Admin,
}

/// Filters and paging of the user list.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// Case-insensitive substring of e-mail, first or last name.
    pub search: Option<String>,
    /// Only users holding this role.
    pub role: Option<RoleFilter>,
    /// 1-based page (default 1).
    pub page: Option<i64>,
    /// Items per page, 1-100 (default 20).
    pub page_size: Option<i64>,
}

/// One page of users.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct UserPage {
    pub items: Vec<UserDto>,
    pub total: u64,
    pub page: u64,
    pub page_size: u64,
}

/// Lists users, searched and filtered by role, by id.
#[utoipa::path(get, path = "/api/admin/users", tag = "admin", params(ListQuery), security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of users", body = UserPage),
        (status = 400, description = "A parameter does not parse", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 422, description = "Paging out of range", body = ErrorBody),
    ))]
pub async fn list(
    State(app): State<App>,
    _admin: AdminUser,
    ApiQuery(q): ApiQuery<ListQuery>,
) -> Result<Json<UserPage>, AppError> {
    let page = crate::api::dto::paging(q.page, q.page_size)?;
    let role = q.role.map(|r| match r {
        RoleFilter::Student => Role::Student,
        RoleFilter::Teacher => Role::Teacher,
        RoleFilter::Admin => Role::Admin,
    });
    let filter = UserFilter {
        search: q.search,
        role,
    };
    let (users, total) = accounts::list(&app.db, &filter, page).await?;
    let items = users.iter().map(UserDto::from).collect();
    Ok(Json(UserPage {
        items,
        total,
        page: page.page,
        page_size: page.page_size,
    }))
}
