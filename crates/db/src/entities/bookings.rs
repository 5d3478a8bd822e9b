//! `bookings`: a student's seat in a session.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "bookings")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub session_id: i64,
    pub student_id: i64,
    pub status: String,
    pub kind: String,
    pub student_package_id: Option<i64>,
    pub allowance_id: Option<i64>,
    pub course_step_id: Option<i64>,
    pub credits_cost: i32,
    pub rescheduled_count: i32,
    pub rescheduled_from_id: Option<i64>,
    pub cancelled_at: Option<DateTimeUtc>,
    pub cancellation_reason: Option<String>,
    pub cancelled_by_student: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
