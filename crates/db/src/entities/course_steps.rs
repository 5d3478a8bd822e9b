//! `course_steps`: the ordered steps of a course program.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "course_steps")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub course_program_id: i64,
    pub step_order: i32,
    pub label: String,
    pub title: String,
    pub description: Option<String>,
    pub is_required: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
