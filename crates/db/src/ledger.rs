//! The credit ledger: PackageUse rows are the only source of truth; balances are sums, never
//! stored counters.

use std::collections::HashMap;

use aula_domain::LedgerKind;
use aula_domain::credits::Ledger;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::DbError;
use crate::decode;
use crate::entities::{package_uses as uses, student_packages};
use crate::packages::{AllowanceRecord, PackageRecord, get_many};
use crate::reader::Reader;

/// Sums of the ledger per (student package, allowance).
pub async fn balances(
    conn: &impl Reader,
    student_package_ids: &[i64],
) -> Result<HashMap<(i64, i64), Ledger>, DbError> {
    let conn = conn.conn();
    let rows: Vec<(i64, i64, String, Option<i64>)> = uses::Entity::find()
        .select_only()
        .column(uses::Column::StudentPackageId)
        .column(uses::Column::AllowanceId)
        .column(uses::Column::Kind)
        .column_as(Expr::col(uses::Column::Credits).sum(), "total")
        .filter(uses::Column::StudentPackageId.is_in(student_package_ids.to_vec()))
        .group_by(uses::Column::StudentPackageId)
        .group_by(uses::Column::AllowanceId)
        .group_by(uses::Column::Kind)
        .into_tuple()
        .all(conn)
        .await?;
    let mut out: HashMap<(i64, i64), Ledger> = HashMap::new();
    for (sp, allowance, kind, total) in rows {
        let l = out.entry((sp, allowance)).or_default();
        let total = total.unwrap_or(0);
        match decode::<LedgerKind>(&kind) {
            LedgerKind::Use => l.used += total,
            LedgerKind::Refund => l.refunded += total,
            LedgerKind::Revoke => l.revoked += total,
        }
    }
    Ok(out)
}

/// A purchase the student can still use, with each allowance's ledger.
#[derive(Debug, Clone)]
pub struct OwnedPackage {
    pub student_package_id: i64,
    pub package: PackageRecord,
    pub package_name: String,
    pub purchased_at: DateTime<Utc>,
    pub expires_at: Option<DateTime<Utc>>,
    pub allowances: Vec<(AllowanceRecord, Ledger)>,
}

impl OwnedPackage {
    /// Remaining credits of the lines that count as credits (COURSE is an enrolment).
    pub fn remaining_credits(&self) -> i64 {
        self.allowances
            .iter()
            .filter(|(a, _)| a.service_type.counts_as_credits())
            .map(|(a, l)| l.remaining(a.credits))
            .sum()
    }
}

/// The student's unexpired, unrefunded purchases, newest first.
pub async fn owned(
    conn: &impl Reader,
    student_id: i64,
    now: DateTime<Utc>,
) -> Result<Vec<OwnedPackage>, DbError> {
    let conn = conn.conn();
    let rows = student_packages::Entity::find()
        .filter(student_packages::Column::StudentId.eq(student_id))
        .filter(student_packages::Column::RefundedAt.is_null())
        .filter(
            sea_orm::Condition::any()
                .add(student_packages::Column::ExpiresAt.is_null())
                .add(student_packages::Column::ExpiresAt.gt(now)),
        )
        .order_by_desc(student_packages::Column::PurchasedAt)
        .order_by_desc(student_packages::Column::Id)
        .all(conn)
        .await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let ledger = balances(conn, &ids).await?;
    let mut out = Vec::new();
    let package_ids: Vec<i64> = rows.iter().map(|r| r.package_id).collect();
    let packages: std::collections::HashMap<i64, PackageRecord> = get_many(conn, &package_ids)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    for r in rows {
        let Some(package) = packages.get(&r.package_id).cloned() else {
            continue;
        };
        let allowances = package
            .allowances
            .iter()
            .map(|a| {
                (
                    a.clone(),
                    ledger.get(&(r.id, a.id)).copied().unwrap_or_default(),
                )
            })
            .collect();
        out.push(OwnedPackage {
            student_package_id: r.id,
            package,
            package_name: r.package_name,
            purchased_at: r.purchased_at,
            expires_at: r.expires_at,
            allowances,
        });
    }
    Ok(out)
}

/// One credit that can pay for a session, with what decided its place in the recommendation.
#[derive(Debug, Clone)]
pub struct CreditOption {
    pub student_package_id: i64,
    pub allowance_id: i64,
    pub package_name: String,
    pub service_type: aula_domain::credits::ServiceType,
    pub remaining_credits: i64,
    pub credits_cost: i32,
    pub expires_at: Option<DateTime<Utc>>,
    pub fit: aula_domain::credits::Fit,
    candidate: aula_domain::credits::Candidate,
}

/// The student's credits that can pay for a session of `kind` taught at `teacher_tier` lasting
/// `minutes`, with enough left, in recommendation order (the first is the recommended one).
pub async fn credit_options(
    conn: &impl Reader,
    student_id: i64,
    kind: aula_domain::credits::SessionKind,
    teacher_tier: i32,
    minutes: i64,
    now: DateTime<Utc>,
) -> Result<Vec<CreditOption>, DbError> {
    let session = aula_domain::credits::SessionTerms {
        kind,
        teacher_tier,
        minutes,
    };
    let owned = owned(conn.conn(), student_id, now).await?;
    Ok(options_among(&owned, session, now))
}

/// The credits among already loaded packages (from [`owned`]) that can pay for `session` and have
/// enough left, in recommendation order: one load of the ledger serves a whole list of sessions.
pub fn options_among(
    owned: &[OwnedPackage],
    session: aula_domain::credits::SessionTerms,
    now: DateTime<Utc>,
) -> Vec<CreditOption> {
    use aula_domain::credits::{
        AllowanceTerms, Candidate, PurchaseState, price, recommendation_order,
    };
    let mut out = Vec::new();
    for p in owned {
        // `owned` lists only unexpired, unrefunded purchases.
        let purchase = PurchaseState {
            expires_at: p.expires_at,
            refunded: false,
        };
        for (a, ledger) in &p.allowances {
            let terms = AllowanceTerms {
                service_type: a.service_type,
                teacher_tier: a.teacher_tier,
                credit_unit_minutes: a.credit_unit_minutes,
            };
            let Ok((f, cost)) = price(purchase, terms, session, now) else {
                continue;
            };
            let remaining = ledger.remaining(a.credits);
            if aula_domain::credits::ensure_balance(remaining, cost).is_err() {
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
    out
}
