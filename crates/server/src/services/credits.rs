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
