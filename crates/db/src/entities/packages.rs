//! `packages`: sellable packages (a Stripe product and price plus allowances).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "packages")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub service_key: String,
    pub name: String,
    pub description: Option<String>,
    pub amount_minor: i64,
    pub currency: String,
    pub expires_in_days: Option<i32>,
    pub active: bool,
    pub stripe_product_id: Option<String>,
    pub stripe_price_id: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
