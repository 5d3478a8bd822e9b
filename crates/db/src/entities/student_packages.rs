//! `student_packages`: one purchase of a package by a student.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "student_packages")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub student_id: i64,
    pub package_id: i64,
    pub package_name: String,
    pub purchased_at: DateTimeUtc,
    pub expires_at: Option<DateTimeUtc>,
    pub checkout_session_id: Option<String>,
    pub payment_intent_id: Option<String>,
    pub amount_minor: i64,
    pub currency: String,
    pub refunded_at: Option<DateTimeUtc>,
    /// Refunded so far, in minor units (partial refunds change no credits).
    pub refunded_minor: i64,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
