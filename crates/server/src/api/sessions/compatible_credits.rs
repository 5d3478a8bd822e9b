//! `GET /api/sessions/{id}/compatible-credits`

use aula_db::sessions;
use aula_domain::credits::Fit;
use axum::Json;
use axum::extract::State;
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::api::packages::dto::ServiceTypeDto;
use crate::error::ErrorBody;
use crate::extract::{ApiPath, CurrentUser};
use crate::services::credits::{self, CreditOption};
use crate::{App, AppError};

/// A credit that can pay for the session.
#[derive(Debug, Serialize, ToSchema, Clone)]
#[serde(rename_all = "camelCase")]
pub struct CreditOptionDto {
    pub student_package_id: i64,
    pub allowance_id: i64,
    pub package_name: String,
    pub service_type: ServiceTypeDto,
    pub remaining_credits: i64,
    pub credits_cost: i32,
    pub expires_at: Option<DateTime<Utc>>,
}

impl From<&CreditOption> for CreditOptionDto {
    fn from(o: &CreditOption) -> Self {
        Self {
            student_package_id: o.student_package_id,
            allowance_id: o.allowance_id,
            package_name: o.package_name.clone(),
            service_type: o.service_type.into(),
            remaining_credits: o.remaining_credits,
            credits_cost: o.credits_cost,
            expires_at: o.expires_at,
        }
    }
}

/// Exact-tier and higher-tier credits, each in recommendation order.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CompatibleCredits {
    pub exact_match: Vec<CreditOptionDto>,
    pub higher_tier: Vec<CreditOptionDto>,
    /// The first exact match, else the first higher tier, else null.
    pub recommended: Option<CreditOptionDto>,
}

/// The student's credits that can pay for this session and have enough left.
#[utoipa::path(get, path = "/api/sessions/{id}/compatible-credits", tag = "buying", params(("id" = i64, Path, description = "Session id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Usable credits", body = CompatibleCredits),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 404, description = "No such session", body = ErrorBody),
    ))]
pub async fn compatible_credits(
    State(app): State<App>,
    me: CurrentUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<CompatibleCredits>, AppError> {
    let session = sessions::get(&app.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let options = credits::options_for(&app, me.user.student_id, &session).await?;
    let exact_match: Vec<CreditOptionDto> = options
        .iter()
        .filter(|o| o.fit == Fit::Exact)
        .map(CreditOptionDto::from)
        .collect();
    let higher_tier: Vec<CreditOptionDto> = options
        .iter()
        .filter(|o| o.fit == Fit::Higher)
        .map(CreditOptionDto::from)
        .collect();
    let recommended = exact_match.first().or(higher_tier.first()).cloned();
    Ok(Json(CompatibleCredits {
        exact_match,
        higher_tier,
        recommended,
    }))
}
