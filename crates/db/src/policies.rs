//! Cancellation policies: saving inserts a new active row; the newest active row applies.

use aula_domain::policy::CancellationPolicy;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};

use crate::entities::cancellation_policies as policies;
use crate::reader::Reader;
use crate::{Db, DbError};

/// The policy in force: the newest active row, else the defaults of api.md.
pub async fn active(conn: &impl Reader) -> Result<CancellationPolicy, DbError> {
    let conn = conn.conn();
    let row = policies::Entity::find()
        .filter(policies::Column::IsActive.eq(true))
        .order_by_desc(policies::Column::Id)
        .one(conn)
        .await?;
    Ok(
        row.map_or_else(CancellationPolicy::default, |p| CancellationPolicy {
            allow_cancellation: p.allow_cancellation,
            cancellation_deadline_hours: p.cancellation_deadline_hours,
            refund_credits_on_cancel: p.refund_credits_on_cancel,
            allow_rescheduling: p.allow_rescheduling,
            rescheduling_deadline_hours: p.rescheduling_deadline_hours,
            max_reschedules_per_booking: p.max_reschedules_per_booking,
        }),
    )
}

/// Makes `policy` the active one; older rows are kept, inactive.
pub async fn save(
    db: &Db,
    policy: &CancellationPolicy,
    now: DateTime<Utc>,
) -> Result<CancellationPolicy, DbError> {
    let txn = db.begin().await?;
    policies::Entity::update_many()
        .col_expr(policies::Column::IsActive, Expr::value(false))
        .filter(policies::Column::IsActive.eq(true))
        .exec(&txn)
        .await?;
    policies::ActiveModel {
        policy_name: Set(None),
        allow_cancellation: Set(policy.allow_cancellation),
        cancellation_deadline_hours: Set(policy.cancellation_deadline_hours),
        refund_credits_on_cancel: Set(policy.refund_credits_on_cancel),
        allow_rescheduling: Set(policy.allow_rescheduling),
        rescheduling_deadline_hours: Set(policy.rescheduling_deadline_hours),
        max_reschedules_per_booking: Set(policy.max_reschedules_per_booking),
        is_active: Set(true),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let saved = active(&txn).await?;
    txn.commit().await?;
    Ok(saved)
}
