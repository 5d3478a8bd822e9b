//! `cancellation_policies`: every saved policy; the newest active row applies.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "cancellation_policies")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub policy_name: Option<String>,
    pub allow_cancellation: bool,
    pub cancellation_deadline_hours: i32,
    pub refund_credits_on_cancel: bool,
    pub allow_rescheduling: bool,
    pub rescheduling_deadline_hours: i32,
    pub max_reschedules_per_booking: i32,
    pub is_active: bool,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
