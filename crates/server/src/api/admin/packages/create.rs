//! `POST /api/admin/packages`

use aula_domain::credits::AllowanceInput;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use serde::Deserialize;
use utoipa::ToSchema;

use crate::api::packages::dto::{PackageDto, ServiceTypeDto};
use crate::error::ErrorBody;
use crate::extract::{AdminUser, ApiJson};
use crate::services::packages::{self, NewPackageInput};
use crate::{App, AppError};

/// One allowance to sell.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AllowanceBody {
    pub service_type: ServiceTypeDto,
    /// 1-1000 for PRIVATE and GROUP; exactly 1 for COURSE.
    pub credits: i64,
    /// 15, 30, 45 or 60 for PRIVATE and GROUP; absent for COURSE.
    pub credit_unit_minutes: Option<i64>,
    /// Added to the base tier (PRIVATE 100, GROUP 50); default 0.
    pub teacher_tier: Option<i64>,
    /// Required for COURSE, forbidden otherwise.
    pub course_program_id: Option<i64>,
}

/// A new package.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CreatePackageBody {
    pub name: String,
    pub description: Option<String>,
    /// 1-10,000,000 minor units.
    pub amount_minor: i64,
    /// Lower-case ISO 4217, e.g. `usd`.
    pub currency: String,
    /// Days the credits last after purchase; null = never.
    pub expires_in_days: Option<i64>,
    pub allowances: Vec<AllowanceBody>,
}

/// Creates a package with its Stripe Product and one-time Price.
///
/// Send an `Idempotency-Key` header to make retries safe; without one the request's content is the
/// key, so the same request retried never creates a second Stripe product.
#[utoipa::path(post, path = "/api/admin/packages", tag = "admin", request_body = CreatePackageBody, security(("bearer" = [])),
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes retries safe", pattern = r"^[!-~]{1,255}$")),
    responses(
        (status = 201, description = "The package (active)", body = PackageDto),
        (status = 400, description = "Malformed JSON or an unknown service type", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 422, description = "A field breaks its rule", body = ErrorBody),
        (status = 500, description = "The payment provider failed; nothing was stored", body = ErrorBody),
    ))]
pub async fn create(
    State(app): State<App>,
    _admin: AdminUser,
    headers: HeaderMap,
    ApiJson(b): ApiJson<CreatePackageBody>,
) -> Result<(StatusCode, Json<PackageDto>), AppError> {
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(|k| k.chars().take(200).collect());
    let input = NewPackageInput {
        name: b.name,
        description: b.description,
        amount_minor: b.amount_minor,
        currency: b.currency,
        expires_in_days: b.expires_in_days,
        allowances: b
            .allowances
            .into_iter()
            .map(|a| AllowanceInput {
                service_type: a.service_type.into(),
                credits: a.credits,
                credit_unit_minutes: a.credit_unit_minutes,
                teacher_tier: a.teacher_tier,
                course_program_id: a.course_program_id,
            })
            .collect(),
    };
    let package = packages::create(&app, input, key).await?;
    Ok((StatusCode::CREATED, Json(PackageDto::from(&package))))
}
