//! `GET /api/policies/cancellation`

use aula_db::policies;
use aula_domain::policy::CancellationPolicy;
use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{App, AppError};

/// The rules for cancelling and rescheduling bookings.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PolicyDto {
    pub allow_cancellation: bool,
    /// 0-168 hours before the start.
    pub cancellation_deadline_hours: i32,
    pub refund_credits_on_cancel: bool,
    pub allow_rescheduling: bool,
    /// 0-168 hours before the start.
    pub rescheduling_deadline_hours: i32,
    /// 0-10.
    pub max_reschedules_per_booking: i32,
}

impl From<CancellationPolicy> for PolicyDto {
    fn from(p: CancellationPolicy) -> Self {
        Self {
            allow_cancellation: p.allow_cancellation,
            cancellation_deadline_hours: p.cancellation_deadline_hours,
            refund_credits_on_cancel: p.refund_credits_on_cancel,
            allow_rescheduling: p.allow_rescheduling,
            rescheduling_deadline_hours: p.rescheduling_deadline_hours,
            max_reschedules_per_booking: p.max_reschedules_per_booking,
        }
    }
}

impl From<PolicyDto> for CancellationPolicy {
    fn from(p: PolicyDto) -> Self {
        Self {
            allow_cancellation: p.allow_cancellation,
            cancellation_deadline_hours: p.cancellation_deadline_hours,
            refund_credits_on_cancel: p.refund_credits_on_cancel,
            allow_rescheduling: p.allow_rescheduling,
            rescheduling_deadline_hours: p.rescheduling_deadline_hours,
            max_reschedules_per_booking: p.max_reschedules_per_booking,
        }
    }
}

/// The policy in force (the defaults until an admin saves one).
#[utoipa::path(get, path = "/api/policies/cancellation", tag = "catalogue", responses((status = 200, description = "The policy", body = PolicyDto)))]
pub async fn get(State(app): State<App>) -> Result<Json<PolicyDto>, AppError> {
    Ok(Json(policies::active(&app.db).await?.into()))
}
