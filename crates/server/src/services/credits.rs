//! Balances and the credits that can pay for a session, from the ledger only.

use aula_db::ledger::{self, OwnedPackage};
use aula_db::sessions::SessionView;
use aula_db::teachers;

pub use aula_db::ledger::CreditOption;

use crate::{App, AppError};

/// The student's usable packages with balances, newest first.
pub async fn my_packages(app: &App, student_id: i64) -> Result<Vec<OwnedPackage>, AppError> {
    Ok(ledger::owned(&app.db, student_id, app.clock.now()).await?)
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
