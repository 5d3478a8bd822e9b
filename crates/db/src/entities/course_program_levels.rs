//! `course_program_levels`: levels a course program is for.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "course_program_levels")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub course_program_id: i64,
    pub level_id: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
