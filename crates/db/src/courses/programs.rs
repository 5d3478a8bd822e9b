//! Creating, changing, deleting and reading course programs with their levels.

use aula_domain::Conflict;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, PaginatorTrait, QueryFilter,
    Set,
};

use super::read::get_program;
use super::{NewProgram, ProgramRecord, granting_packages, lock_program, program_is};
use crate::entities::{
    course_program_levels as program_levels, course_programs as programs, packages,
    student_packages,
};
use crate::{Db, DbError};

/// Stores a new program and its levels.
pub async fn create_program(
    db: &Db,
    new: NewProgram,
    now: DateTime<Utc>,
) -> Result<ProgramRecord, DbError> {
    let txn = db.begin().await?;
    let p = programs::ActiveModel {
        code: Set(new.code),
        title: Set(new.title),
        description: Set(new.description),
        timezone: Set(new.timezone),
        is_active: Set(new.is_active),
        created_at: Set(now),
        updated_at: Set(now),
        deleted_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    link_levels(&txn, p.id, &new.level_ids).await?;
    let record = get_program(&txn, p.id).await?.ok_or(DbError::NotFound)?;
    txn.commit().await?;
    Ok(record)
}

/// Replaces a program's fields and levels.
pub async fn update_program(
    db: &Db,
    id: i64,
    new: NewProgram,
    now: DateTime<Utc>,
) -> Result<ProgramRecord, DbError> {
    let txn = db.begin().await?;
    lock_program(&txn, program_is(id), now).await?;
    programs::Entity::update_many()
        .col_expr(programs::Column::Code, Expr::value(new.code))
        .col_expr(programs::Column::Title, Expr::value(new.title))
        .col_expr(programs::Column::Description, Expr::value(new.description))
        .col_expr(programs::Column::Timezone, Expr::value(new.timezone))
        .col_expr(programs::Column::IsActive, Expr::value(new.is_active))
        .filter(programs::Column::Id.eq(id))
        .exec(&txn)
        .await?;
    link_levels(&txn, id, &new.level_ids).await?;
    let record = get_program(&txn, id).await?.ok_or(DbError::NotFound)?;
    txn.commit().await?;
    Ok(record)
}

async fn link_levels(
    txn: &DatabaseTransaction,
    program_id: i64,
    level_ids: &[i64],
) -> Result<(), DbError> {
    program_levels::Entity::delete_many()
        .filter(program_levels::Column::CourseProgramId.eq(program_id))
        .exec(txn)
        .await?;
    for l in level_ids {
        program_levels::ActiveModel {
            course_program_id: Set(program_id),
            level_id: Set(*l),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}

/// Soft-deletes a program; 409 `in_use` while an active package sells it (deactivate the package
/// first) or any student package grants it. Its code stays taken.
pub async fn delete_program(db: &Db, id: i64, now: DateTime<Utc>) -> Result<(), DbError> {
    let txn = db.begin().await?;
    lock_program(&txn, program_is(id), now).await?;
    let selling = packages::Entity::find()
        .filter(packages::Column::Id.in_subquery(granting_packages(id)))
        .filter(packages::Column::Active.eq(true))
        .count(&txn)
        .await?;
    if selling > 0 {
        return Err(DbError::refused(
            Conflict::InUse,
            format!("{selling} active package(s) sell this course program: deactivate them first"),
        ));
    }
    let enrolled = student_packages::Entity::find()
        .filter(student_packages::Column::PackageId.in_subquery(granting_packages(id)))
        .count(&txn)
        .await?;
    if enrolled > 0 {
        return Err(DbError::refused(
            Conflict::InUse,
            format!("{enrolled} student package(s) grant this course program"),
        ));
    }
    programs::Entity::update_many()
        .col_expr(programs::Column::DeletedAt, Expr::value(Some(now)))
        .filter(programs::Column::Id.eq(id))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(())
}
