//! `GET /api/packages/my-credits`

use aula_db::ledger::OwnedPackage;
use axum::Json;
use axum::extract::State;
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::api::packages::dto::ServiceTypeDto;
use crate::error::ErrorBody;
use crate::extract::CurrentUser;
use crate::services::credits;
use crate::{App, AppError};

/// One allowance of a purchase with its balance.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct OwnedAllowanceDto {
    pub allowance_id: i64,
    pub service_type: ServiceTypeDto,
    pub credits: i32,
    pub credit_unit_minutes: Option<i32>,
    pub teacher_tier: i32,
    pub course_program_id: Option<i64>,
    pub used_credits: i64,
    pub remaining_credits: i64,
}

/// One purchase.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct OwnedPackageDto {
    /// The student package id.
    pub id: i64,
    pub package_id: i64,
    pub package_name: String,
    pub purchased_at: DateTime<Utc>,
    pub expires_at: Option<DateTime<Utc>>,
    pub allowances: Vec<OwnedAllowanceDto>,
}

/// The student's credits.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MyCredits {
    pub items: Vec<OwnedPackageDto>,
    /// Remaining PRIVATE and GROUP credits (COURSE grants no credits).
    pub total_remaining: i64,
}

/// Every unexpired, unrefunded package of the student, also those with nothing left, newest first.
#[utoipa::path(get, path = "/api/packages/my-credits", tag = "buying", security(("bearer" = [])),
    responses((status = 200, description = "Balances from the ledger", body = MyCredits), (status = 401, description = "Not logged in", body = ErrorBody)))]
pub async fn my_credits(
    State(app): State<App>,
    me: CurrentUser,
) -> Result<Json<MyCredits>, AppError> {
    let owned = credits::my_packages(&app, me.user.student_id).await?;
    let total = owned.iter().map(OwnedPackage::remaining_credits).sum();
    let items = owned
        .iter()
        .map(|p| OwnedPackageDto {
            id: p.student_package_id,
            package_id: p.package.id,
            package_name: p.package_name.clone(),
            purchased_at: p.purchased_at,
            expires_at: p.expires_at,
            allowances: p
                .allowances
                .iter()
                .map(|(a, l)| OwnedAllowanceDto {
                    allowance_id: a.id,
                    service_type: a.service_type.into(),
                    credits: a.credits,
                    credit_unit_minutes: a.credit_unit_minutes,
                    teacher_tier: a.teacher_tier,
                    course_program_id: a.course_program_id,
                    used_credits: l.used_credits(),
                    remaining_credits: l.remaining(a.credits),
                })
                .collect(),
        })
        .collect();
    Ok(Json(MyCredits {
        items,
        total_remaining: total,
    }))
}
