//! `group_class_teachers`: teachers of a class, exactly one primary.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "group_class_teachers")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub group_class_id: i64,
    pub teacher_id: i64,
    pub is_primary: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
