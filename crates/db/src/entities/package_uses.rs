//! `package_uses`: the credit ledger (USE, REFUND of one USE, REVOKE).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "package_uses")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub student_package_id: i64,
    pub allowance_id: i64,
    pub kind: String,
    pub credits: i32,
    pub booking_id: Option<i64>,
    pub session_id: Option<i64>,
    pub reverses_use_id: Option<i64>,
    pub note: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
