//! Balances and the credits that can pay for a session, from the ledger only.

use aula_db::ledger::{self, OwnedPackage};
use aula_db::sessions::SessionView;
use aula_db::teachers;

pub use aula_db::ledger::CreditOption;

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::{App, AppError};

/// Students kept at most; past it the kept credits start afresh.
const MAX_KEPT: usize = 4096;

/// Students' credits kept in memory by the versions the database keeps: the student's credits
/// version (bumped by triggers on every write of their ledger or purchases, from any process)
/// and the catalogue's (packages and allowances), each entry until its first package expires.
/// A request reads both versions in a read shared by the requests waiting with it (any
/// student's), and reads the ledger only when they moved.
#[derive(Default)]
pub struct CreditCache {
    versions: crate::cache::KeyedReads<LedgerVersions>,
    kept: std::sync::Mutex<HashMap<i64, Kept>>,
}

/// The catalogue version and the credits versions of some students, as one read found them.
type LedgerVersions = (i64, Arc<HashMap<i64, i64>>);

/// One student's credits as read at some versions, usable until `until` (the first expiry).
struct Kept {
    catalogue: i64,
    ledger: i64,
    until: Option<DateTime<Utc>>,
    owned: Arc<Vec<OwnedPackage>>,
}

/// The student's usable packages with balances, newest first: from memory while the versions
/// it was read at are current and none of its packages expired, else one statement.
pub async fn my_packages(app: &App, student_id: i64) -> Result<Arc<Vec<OwnedPackage>>, AppError> {
    let now = app.clock.now();
    let (catalogue, ledgers) = app
        .credits
        .versions
        .read(&[student_id], |ids| async move {
            let (catalogue, found) =
                aula_db::versions::catalogue_with_credits(&app.db, &ids).await?;
            Ok((catalogue, Arc::new(found)))
        })
        .await?;
    let version = ledgers.get(&student_id).copied().unwrap_or(0);
    let kept = |k: &Kept| {
        k.catalogue == catalogue && k.ledger == version && k.until.is_none_or(|t| now < t)
    };
    if let Ok(all) = app.credits.kept.lock()
        && let Some(k) = all.get(&student_id).filter(|k| kept(k))
    {
        return Ok(k.owned.clone());
    }
    let owned = Arc::new(ledger::owned(&app.db, student_id, now).await?);
    if let Ok(mut all) = app.credits.kept.lock() {
        if all.len() >= MAX_KEPT && !all.contains_key(&student_id) {
            all.clear();
        }
        all.insert(
            student_id,
            Kept {
                catalogue,
                ledger: version,
                until: owned.iter().filter_map(|p| p.expires_at).min(),
                owned: owned.clone(),
            },
        );
    }
    Ok(owned)
}

/// Credits that can pay for `session` and have enough left, in recommendation order.
pub async fn options_for(
    app: &App,
    student_id: i64,
    session: &SessionView,
) -> Result<Vec<CreditOption>, AppError> {
    let kind = session.kind;
    let teacher_tier = teachers::get(&app.db, session.teacher_id)
        .await?
        .map_or(0, |t| t.tier);
    let minutes = (session.end_at - session.start_at).num_minutes();
    Ok(ledger::credit_options(
        &app.db,
        student_id,
        kind,
        teacher_tier,
        minutes,
        app.clock.now(),
    )
    .await?)
}

/// Credits that can pay for a new private lesson of `minutes` with `teacher_id`.
pub async fn options_for_private(
    app: &App,
    student_id: i64,
    teacher_tier: i32,
    minutes: i64,
) -> Result<Vec<CreditOption>, AppError> {
    Ok(ledger::credit_options(
        &app.db,
        student_id,
        aula_domain::credits::SessionKind::Private,
        teacher_tier,
        minutes,
        app.clock.now(),
    )
    .await?)
}

/// For each session of a list, the credit that would pay for it (the recommended one), from one
/// load of the student's ledger and of the teachers' tiers.
pub async fn recommended_for_each(
    app: &App,
    student_id: i64,
    sessions: &[SessionView],
) -> Result<std::collections::HashMap<i64, CreditOption>, AppError> {
    let now = app.clock.now();
    let owned = ledger::owned(&app.db, student_id, now).await?;
    let tiers: std::collections::HashMap<i64, i32> = teachers::list(&app.db, true)
        .await?
        .into_iter()
        .map(|t| (t.id, t.tier))
        .collect();
    Ok(sessions
        .iter()
        .filter_map(|s| {
            let terms = aula_domain::credits::SessionTerms {
                kind: s.kind,
                teacher_tier: tiers.get(&s.teacher_id).copied().unwrap_or(0),
                minutes: (s.end_at - s.start_at).num_minutes(),
            };
            let best = ledger::options_among(&owned, terms, now)
                .into_iter()
                .next()?;
            Some((s.id, best))
        })
        .collect())
}
