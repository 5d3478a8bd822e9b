//! `student_course_step_progress`: a student's progress on one step, per purchase.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "student_course_step_progress")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub student_package_id: i64,
    pub course_step_id: i64,
    pub status: String,
    pub booking_id: Option<i64>,
    pub session_id: Option<i64>,
    pub booked_at: Option<DateTimeUtc>,
    pub completed_at: Option<DateTimeUtc>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
