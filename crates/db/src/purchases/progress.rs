//! Course progress seeded when a course is bought.

use aula_domain::StepStatus;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};

use crate::DbError;
use crate::entities::{course_steps, step_progress};

/// One UNBOOKED progress row per step of the program.
pub async fn seed_progress(
    conn: &impl ConnectionTrait,
    student_package_id: i64,
    program_id: i64,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    // Queues behind a concurrent "add step" or delete of the program, so no step is missed.
    crate::courses::hold_program(conn, program_id).await?;
    let steps = course_steps::Entity::find()
        .filter(course_steps::Column::CourseProgramId.eq(program_id))
        .order_by_asc(course_steps::Column::StepOrder)
        .all(conn)
        .await?;
    for s in steps {
        step_progress::ActiveModel {
            student_package_id: Set(student_package_id),
            course_step_id: Set(s.id),
            status: Set(StepStatus::Unbooked.as_str().into()),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(conn)
        .await?;
    }
    Ok(())
}
