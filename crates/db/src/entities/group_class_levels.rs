//! `group_class_levels`: levels a class is for.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "group_class_levels")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub group_class_id: i64,
    pub level_id: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
