//! Balances and the credits that can pay for a session, from the ledger only.

use aula_db::ledger::{self, OwnedPackage};
use aula_db::sessions::SessionView;
use aula_db::teachers;
use aula_domain::credits::{
    Candidate, Fit, ServiceType, SessionKind, credits_cost, fit, recommendation_order,
};
use chrono::{DateTime, Utc};

use crate::{App, AppError};

/// The student's usable packages with balances, newest first.
pub async fn my_packages(app: &App, student_id: i64) -> Result<Vec<OwnedPackage>, AppError> {
    Ok(ledger::owned(app.db.conn(), student_id, app.clock.now()).await?)
}

/// One credit that can pay for a session.
#[derive(Debug, Clone)]
pub struct CreditOption {
    pub student_package_id: i64,
    pub allowance_id: i64,
    pub package_name: String,
    pub service_type: ServiceType,
    pub remaining_credits: i64,
    pub credits_cost: i32,
    pub expires_at: Option<DateTime<Utc>>,
    pub fit: Fit,
    candidate: Candidate,
}

/// Credits that can pay for `session` and have enough left, in recommendation order.
pub async fn options_for(
    app: &App,
    student_id: i64,
    session: &SessionView,
) -> Result<Vec<CreditOption>, AppError> {
    let kind = SessionKind::parse(&session.kind).ok_or(AppError::NotFound)?;
    let teacher_tier = teachers::get(&app.db, session.teacher_id)
        .await?
        .map_or(0, |t| t.tier);
    let minutes = (session.end_at - session.start_at).num_minutes();
    let mut out = Vec::new();
    for p in my_packages(app, student_id).await? {
        for (a, ledger) in &p.allowances {
            let (Some(f), Some(unit)) = (
                fit(a.service_type, a.teacher_tier, kind, teacher_tier),
                a.credit_unit_minutes,
            ) else {
                continue;
            };
            let cost = credits_cost(minutes, unit);
            let remaining = ledger.remaining(a.credits);
            if remaining < i64::from(cost) {
                continue;
            }
            let candidate = Candidate {
                fit: f,
                expires_at: p.expires_at,
                purchased_at: p.purchased_at,
                student_package_id: p.student_package_id,
                allowance_id: a.id,
            };
            out.push(CreditOption {
                student_package_id: p.student_package_id,
                allowance_id: a.id,
                package_name: p.package_name.clone(),
                service_type: a.service_type,
                remaining_credits: remaining,
                credits_cost: cost,
                expires_at: p.expires_at,
                fit: f,
                candidate,
            });
        }
    }
    out.sort_by(|a, b| recommendation_order(&a.candidate, &b.candidate));
    Ok(out)
}
