//! Creating, changing, deleting and reading course programs with their levels.

use crate::reader::Reader;
use aula_domain::Conflict;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set,
};

use super::steps::with_options;
use super::{NewProgram, ProgramRecord, granting_packages, lock_program, program_is};
use crate::entities::{
    course_program_levels as program_levels, course_programs as programs, course_steps as steps,
    levels, student_packages,
};
use crate::levels::Level;
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

/// Soft-deletes a program; 409 `in_use` while any student package grants it. Its code stays taken.
pub async fn delete_program(db: &Db, id: i64, now: DateTime<Utc>) -> Result<(), DbError> {
    let txn = db.begin().await?;
    lock_program(&txn, program_is(id), now).await?;
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

/// A program that is not deleted.
pub async fn get_program(conn: &impl Reader, id: i64) -> Result<Option<ProgramRecord>, DbError> {
    let conn = conn.conn();
    let rows = programs::Entity::find_by_id(id)
        .filter(programs::Column::DeletedAt.is_null())
        .all(conn)
        .await?;
    Ok(with_details(conn, rows).await?.pop())
}

/// A program that is not deleted, by its code.
pub async fn find_program_by_code(
    conn: &impl Reader,
    code: &str,
) -> Result<Option<ProgramRecord>, DbError> {
    let conn = conn.conn();
    let rows = programs::Entity::find()
        .filter(programs::Column::Code.eq(code))
        .filter(programs::Column::DeletedAt.is_null())
        .all(conn)
        .await?;
    Ok(with_details(conn, rows).await?.pop())
}

/// Programs that are not deleted (only active ones when `active_only`), by id.
pub async fn list_programs(
    conn: &impl Reader,
    active_only: bool,
) -> Result<Vec<ProgramRecord>, DbError> {
    let conn = conn.conn();
    let mut q = programs::Entity::find().filter(programs::Column::DeletedAt.is_null());
    if active_only {
        q = q.filter(programs::Column::IsActive.eq(true));
    }
    let rows = q.order_by_asc(programs::Column::Id).all(conn).await?;
    with_details(conn, rows).await
}

/// Adds levels, steps and options to program rows, with a fixed number of queries.
async fn with_details(
    conn: &impl ConnectionTrait,
    rows: Vec<programs::Model>,
) -> Result<Vec<ProgramRecord>, DbError> {
    let ids: Vec<i64> = rows.iter().map(|p| p.id).collect();
    let links = program_levels::Entity::find()
        .filter(program_levels::Column::CourseProgramId.is_in(ids.clone()))
        .all(conn)
        .await?;
    let all_levels = levels::Entity::find()
        .filter(levels::Column::Id.is_in(links.iter().map(|l| l.level_id)))
        .order_by_asc(levels::Column::SortOrder)
        .order_by_asc(levels::Column::Id)
        .all(conn)
        .await?;
    let step_rows = steps::Entity::find()
        .filter(steps::Column::CourseProgramId.is_in(ids))
        .order_by_asc(steps::Column::StepOrder)
        .all(conn)
        .await?;
    let mut all_steps = with_options(conn, step_rows).await?;
    Ok(rows
        .into_iter()
        .map(|p| ProgramRecord {
            levels: all_levels
                .iter()
                .filter(|l| {
                    links
                        .iter()
                        .any(|k| k.course_program_id == p.id && k.level_id == l.id)
                })
                .map(|l| Level {
                    id: l.id,
                    code: l.code.clone(),
                    name: l.name.clone(),
                    sort_order: l.sort_order,
                })
                .collect(),
            steps: all_steps.remove(&p.id).unwrap_or_default(),
            id: p.id,
            code: p.code,
            title: p.title,
            description: p.description,
            timezone: p.timezone,
            is_active: p.is_active,
        })
        .collect())
}
