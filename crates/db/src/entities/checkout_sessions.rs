//! `checkout_sessions`: checkout sessions Aula created (Stripe's id as the key).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "checkout_sessions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub student_id: i64,
    pub package_id: i64,
    pub amount_minor: i64,
    pub currency: String,
    pub status: String,
    pub url: Option<String>,
    /// Why the payment is held for review (amount or currency differ); never granted then.
    pub review_reason: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
