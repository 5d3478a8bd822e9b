//! Adding, changing, deleting and reordering the steps of a course program.

use aula_domain::StepStatus;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QuerySelect, Set,
};

use super::read::{get_program, with_options};
use super::{
    NewStep, ProgramRecord, StepRecord, granting_packages, in_use, lock_program, program_is,
    program_of_step,
};
use crate::entities::{
    bookings, course_steps as steps, step_progress as progress, student_packages,
};
use crate::{Db, DbError};

async fn load_step(conn: &impl ConnectionTrait, step_id: i64) -> Result<StepRecord, DbError> {
    let rows = steps::Entity::find_by_id(step_id).all(conn).await?;
    with_options(conn, rows)
        .await?
        .into_values()
        .flatten()
        .next()
        .ok_or(DbError::NotFound)
}

/// Adds a step; every unrefunded student package that grants the program gets an UNBOOKED
/// progress row for it in the same transaction. Taken label or order → `Duplicate`.
pub async fn add_step(
    db: &Db,
    program_id: i64,
    new: NewStep,
    now: DateTime<Utc>,
) -> Result<StepRecord, DbError> {
    let txn = db.begin().await?;
    lock_program(&txn, program_is(program_id), now).await?;
    let step = steps::ActiveModel {
        course_program_id: Set(program_id),
        step_order: Set(new.step_order),
        label: Set(new.label),
        title: Set(new.title),
        description: Set(new.description),
        is_required: Set(new.is_required),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let enrolled: Vec<i64> = student_packages::Entity::find()
        .select_only()
        .column(student_packages::Column::Id)
        .filter(student_packages::Column::PackageId.in_subquery(granting_packages(program_id)))
        .filter(student_packages::Column::RefundedAt.is_null())
        .into_tuple()
        .all(&txn)
        .await?;
    if !enrolled.is_empty() {
        let rows = enrolled.into_iter().map(|sp| progress::ActiveModel {
            student_package_id: Set(sp),
            course_step_id: Set(step.id),
            status: Set(StepStatus::Unbooked.as_str().into()),
            updated_at: Set(now),
            ..Default::default()
        });
        progress::Entity::insert_many(rows).exec(&txn).await?;
    }
    let record = load_step(&txn, step.id).await?;
    txn.commit().await?;
    Ok(record)
}

/// Replaces a step's fields. Taken label or order → `Duplicate`.
pub async fn update_step(
    db: &Db,
    step_id: i64,
    new: NewStep,
    now: DateTime<Utc>,
) -> Result<StepRecord, DbError> {
    let txn = db.begin().await?;
    lock_program(&txn, program_of_step(step_id), now).await?;
    steps::Entity::update_many()
        .col_expr(steps::Column::StepOrder, Expr::value(new.step_order))
        .col_expr(steps::Column::Label, Expr::value(new.label))
        .col_expr(steps::Column::Title, Expr::value(new.title))
        .col_expr(steps::Column::Description, Expr::value(new.description))
        .col_expr(steps::Column::IsRequired, Expr::value(new.is_required))
        .col_expr(steps::Column::UpdatedAt, Expr::value(now))
        .filter(steps::Column::Id.eq(step_id))
        .exec(&txn)
        .await?;
    let record = load_step(&txn, step_id).await?;
    txn.commit().await?;
    Ok(record)
}

/// Deletes a step and its options; 409 `in_use` while progress rows or bookings point at it.
pub async fn delete_step(db: &Db, step_id: i64, now: DateTime<Utc>) -> Result<(), DbError> {
    let txn = db.begin().await?;
    lock_program(&txn, program_of_step(step_id), now).await?;
    let progress_rows = progress::Entity::find()
        .filter(progress::Column::CourseStepId.eq(step_id))
        .count(&txn)
        .await?;
    let booked = bookings::Entity::find()
        .filter(bookings::Column::CourseStepId.eq(step_id))
        .count(&txn)
        .await?;
    if progress_rows + booked > 0 {
        return Err(in_use(format!(
            "{progress_rows} progress row(s) and {booked} booking(s) depend on this step"
        )));
    }
    // The foreign keys refuse it too, should a row arrive that the checks above could not see.
    match steps::Entity::delete_by_id(step_id).exec(&txn).await {
        Ok(_) => {}
        Err(e) => {
            return Err(match DbError::from(e) {
                DbError::ForeignKey(_) => in_use("students depend on this step".into()),
                other => other,
            });
        }
    }
    txn.commit().await?;
    Ok(())
}

/// Renumbers the program's steps 1..n in the order of `step_ids`; `Ok(None)` when `step_ids` are
/// not exactly the program's steps.
pub async fn reorder_steps(
    db: &Db,
    program_id: i64,
    step_ids: &[i64],
    now: DateTime<Utc>,
) -> Result<Option<ProgramRecord>, DbError> {
    let txn = db.begin().await?;
    lock_program(&txn, program_is(program_id), now).await?;
    let current: Vec<(i64, i32)> = steps::Entity::find()
        .select_only()
        .column(steps::Column::Id)
        .column(steps::Column::StepOrder)
        .filter(steps::Column::CourseProgramId.eq(program_id))
        .into_tuple()
        .all(&txn)
        .await?;
    let mut have: Vec<i64> = current.iter().map(|(id, _)| *id).collect();
    let mut want = step_ids.to_vec();
    have.sort_unstable();
    want.sort_unstable();
    if have != want {
        return Ok(None);
    }
    // Orders are unique per program and at least 1: first lift every step above the highest
    // order, where no final value (1..=n) can collide, then set the final values.
    let highest = current.iter().map(|(_, o)| *o).max().unwrap_or(0);
    steps::Entity::update_many()
        .col_expr(
            steps::Column::StepOrder,
            Expr::col(steps::Column::StepOrder).add(highest),
        )
        .filter(steps::Column::CourseProgramId.eq(program_id))
        .exec(&txn)
        .await?;
    for (i, id) in step_ids.iter().enumerate() {
        steps::Entity::update_many()
            .col_expr(steps::Column::StepOrder, Expr::value(i as i32 + 1))
            .col_expr(steps::Column::UpdatedAt, Expr::value(now))
            .filter(steps::Column::Id.eq(*id))
            .exec(&txn)
            .await?;
    }
    let record = get_program(&txn, program_id).await?;
    txn.commit().await?;
    Ok(record)
}
