//! `course_step_options`: group classes whose sessions satisfy a course step.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "course_step_options")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub course_step_id: i64,
    pub group_class_id: i64,
    pub is_active: bool,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
