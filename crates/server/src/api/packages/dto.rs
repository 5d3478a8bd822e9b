//! The package as the API shows it.

use aula_db::packages::{AllowanceRecord, PackageRecord};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A service type of allowances.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "UPPERCASE")]
pub enum ServiceTypeDto {
    Private,
    Group,
    Course,
}

impl From<aula_domain::credits::ServiceType> for ServiceTypeDto {
    fn from(t: aula_domain::credits::ServiceType) -> Self {
        use aula_domain::credits::ServiceType as S;
        match t {
            S::Private => ServiceTypeDto::Private,
            S::Group => ServiceTypeDto::Group,
            S::Course => ServiceTypeDto::Course,
        }
    }
}

impl From<ServiceTypeDto> for aula_domain::credits::ServiceType {
    fn from(t: ServiceTypeDto) -> Self {
        match t {
            ServiceTypeDto::Private => Self::Private,
            ServiceTypeDto::Group => Self::Group,
            ServiceTypeDto::Course => Self::Course,
        }
    }
}

/// One line of a package.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AllowanceDto {
    /// Kept for good: `allowanceId` elsewhere is this id.
    pub id: i64,
    pub service_type: ServiceTypeDto,
    pub credits: i32,
    pub credit_unit_minutes: Option<i32>,
    pub teacher_tier: i32,
    pub course_program_id: Option<i64>,
}

impl From<&AllowanceRecord> for AllowanceDto {
    fn from(a: &AllowanceRecord) -> Self {
        Self {
            id: a.id,
            service_type: a.service_type.into(),
            credits: a.credits,
            credit_unit_minutes: a.credit_unit_minutes,
            teacher_tier: a.teacher_tier,
            course_program_id: a.course_program_id,
        }
    }
}

/// A package: a Stripe product and price with its allowances.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PackageDto {
    pub id: i64,
    pub service_key: String,
    pub name: String,
    pub description: Option<String>,
    pub amount_minor: i64,
    pub currency: String,
    pub expires_in_days: Option<i32>,
    pub active: bool,
    pub stripe_product_id: Option<String>,
    pub stripe_price_id: Option<String>,
    pub allowances: Vec<AllowanceDto>,
}

impl From<&PackageRecord> for PackageDto {
    fn from(p: &PackageRecord) -> Self {
        Self {
            id: p.id,
            service_key: p.service_key.clone(),
            name: p.name.clone(),
            description: p.description.clone(),
            amount_minor: p.amount_minor,
            currency: p.currency.clone(),
            expires_in_days: p.expires_in_days,
            active: p.active,
            stripe_product_id: p.stripe_product_id.clone(),
            stripe_price_id: p.stripe_price_id.clone(),
            allowances: p.allowances.iter().map(AllowanceDto::from).collect(),
        }
    }
}

/// A list of packages.
#[derive(Debug, Serialize, ToSchema)]
pub struct PackageList {
    pub items: Vec<PackageDto>,
}
