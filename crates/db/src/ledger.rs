//! The credit ledger: PackageUse rows are the only source of truth; balances are sums, never
//! stored counters.

use std::collections::HashMap;

use aula_domain::LedgerKind;
use aula_domain::credits::Ledger;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};

use crate::DbError;
use crate::decode;
use crate::entities::{package_uses as uses, student_packages};
use crate::packages::{AllowanceRecord, PackageRecord};
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

/// The student's unexpired, unrefunded purchases, newest first, with each allowance's ledger:
/// one statement (purchases, their packages and allowances, and the ledger sums), as it runs on
/// every credits page and booking choice.
pub async fn owned(
    conn: &impl Reader,
    student_id: i64,
    now: DateTime<Utc>,
) -> Result<Vec<OwnedPackage>, DbError> {
    use sea_orm::{FromQueryResult, Statement, Value};

    use crate::sql::columns;

    use crate::entities::{package_allowances as allowances, packages};
    let conn = conn.conn();
    let backend = conn.get_database_backend();
    let (p1, p2) = (crate::sql::param(backend, 1), crate::sql::param(backend, 2));
    let sum = |kind: LedgerKind| {
        format!(
            "SUM(CASE WHEN kind = '{}' THEN credits ELSE 0 END)",
            kind.as_str()
        )
    };
    // The ledger sums per allowance. PostgreSQL sums each allowance's rows with an index scan of
    // its own (LATERAL: ~40 % less of its time than the grouped join, which SQLite keeps, as it
    // has no LATERAL).
    let totals = format!(
        "{} AS used, {} AS refunded, {} AS revoked",
        sum(LedgerKind::Use),
        sum(LedgerKind::Refund),
        sum(LedgerKind::Revoke),
    );
    let sums = if backend == sea_orm::DbBackend::Postgres {
        format!(
            "LEFT JOIN LATERAL (SELECT {totals} FROM package_uses \
             WHERE student_package_id = sp.id AND allowance_id = a.id) u ON TRUE"
        )
    } else {
        format!(
            "LEFT JOIN (SELECT student_package_id, allowance_id, {totals} FROM package_uses \
             WHERE student_package_id IN (SELECT id FROM student_packages WHERE student_id = {p1}) \
             GROUP BY student_package_id, allowance_id) u \
             ON u.student_package_id = sp.id AND u.allowance_id = a.id"
        )
    };
    let sql = format!(
        "SELECT {sp}, {p}, {a}, COALESCE(u.used, 0) AS used, COALESCE(u.refunded, 0) AS refunded, \
         COALESCE(u.revoked, 0) AS revoked \
         FROM student_packages sp JOIN packages p ON p.id = sp.package_id \
         JOIN package_allowances a ON a.package_id = p.id {sums} \
         WHERE sp.student_id = {p1} AND sp.refunded_at IS NULL \
           AND (sp.expires_at IS NULL OR sp.expires_at > {p2}) \
         ORDER BY sp.purchased_at DESC, sp.id DESC, a.id ASC",
        sp = columns::<student_packages::Column>("sp"),
        p = columns::<packages::Column>("p"),
        a = columns::<allowances::Column>("a"),
    );
    let stmt =
        Statement::from_sql_and_values(backend, sql, [Value::from(student_id), Value::from(now)]);
    let mut out: Vec<OwnedPackage> = Vec::new();
    let mut lines: Vec<(allowances::Model, Ledger)> = Vec::new();
    let mut current: Option<(student_packages::Model, packages::Model)> = None;
    let finish = |sp: student_packages::Model,
                  p: packages::Model,
                  lines: &mut Vec<(allowances::Model, Ledger)>,
                  out: &mut Vec<OwnedPackage>| {
        let rows: Vec<allowances::Model> = lines.iter().map(|(a, _)| a.clone()).collect();
        let ledgers: HashMap<i64, Ledger> = lines.drain(..).map(|(a, l)| (a.id, l)).collect();
        if let Some(package) = crate::packages::assemble(vec![p], &rows).pop() {
            let allowances = package
                .allowances
                .iter()
                .map(|a| (a.clone(), ledgers.get(&a.id).copied().unwrap_or_default()))
                .collect();
            out.push(OwnedPackage {
                student_package_id: sp.id,
                package,
                package_name: sp.package_name,
                purchased_at: sp.purchased_at,
                expires_at: sp.expires_at,
                allowances,
            });
        }
    };
    for row in conn.query_all(stmt).await? {
        let sp = student_packages::Model::from_query_result(&row, "sp_")?;
        if current.as_ref().is_some_and(|(c, _)| c.id != sp.id)
            && let Some((done, p)) = current.take()
        {
            finish(done, p, &mut lines, &mut out);
        }
        if current.is_none() {
            current = Some((sp, packages::Model::from_query_result(&row, "p_")?));
        }
        let ledger = Ledger {
            used: row.try_get("", "used")?,
            refunded: row.try_get("", "refunded")?,
            revoked: row.try_get("", "revoked")?,
        };
        lines.push((allowances::Model::from_query_result(&row, "a_")?, ledger));
    }
    if let Some((sp, p)) = current.take() {
        finish(sp, p, &mut lines, &mut out);
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
