//! Course programs, steps and options, and students' progress through them.
//!
//! Every change runs in one transaction whose first statement writes the program row: on
//! PostgreSQL that row stays locked until commit, on SQLite the transaction becomes the one writer
//! (and never has to upgrade a read snapshot). Changes to one program therefore queue, and the
//! checks that follow (enrolments, progress, bookings) see every committed change.
//!
//! The shared records and the locking helpers live here; the changes and reads are split by what
//! they act on: `programs`, `steps`, `options` and students' `progress`; `read` loads programs
//! with their details for all of them.

mod options;
mod programs;
mod progress;
mod read;
mod steps;

pub use options::{add_option, delete_option};
pub use programs::{create_program, delete_program, update_program};
pub use progress::{CoursePackageRecord, OwnedPackages, ProgressRecord, course_packages};
pub use read::{find_program_by_code, get_program, get_programs, list_programs};
pub use steps::{add_step, delete_step, reorder_steps, update_step};

use aula_domain::{Conflict, ServiceType};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, Query, SelectStatement};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
};

use crate::DbError;
use crate::entities::{
    course_programs, course_step_options, course_steps, package_allowances as allowances,
};
use crate::levels::Level;

/// A course program with its levels and its steps in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgramRecord {
    pub id: i64,
    pub code: String,
    pub title: String,
    pub description: Option<String>,
    pub timezone: String,
    pub is_active: bool,
    pub levels: Vec<Level>,
    pub steps: Vec<StepRecord>,
}

/// A step with its options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepRecord {
    pub id: i64,
    pub program_id: i64,
    pub step_order: i32,
    pub label: String,
    pub title: String,
    pub description: Option<String>,
    pub is_required: bool,
    pub options: Vec<OptionRecord>,
}

/// A group class whose sessions satisfy a step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionRecord {
    pub id: i64,
    pub step_id: i64,
    pub group_class_id: i64,
    /// The group class's title.
    pub title: String,
    pub is_active: bool,
}

/// A program's fields, already validated.
#[derive(Debug, Clone)]
pub struct NewProgram {
    pub code: String,
    pub title: String,
    pub description: Option<String>,
    pub timezone: String,
    pub is_active: bool,
    pub level_ids: Vec<i64>,
}

/// A step's fields, already validated.
#[derive(Debug, Clone)]
pub struct NewStep {
    pub step_order: i32,
    pub label: String,
    pub title: String,
    pub description: Option<String>,
    pub is_required: bool,
}

/// Writes the program row so the transaction holds it; `NotFound` when missing or deleted.
async fn lock_program(
    txn: &DatabaseTransaction,
    which: Condition,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let res = course_programs::Entity::update_many()
        .col_expr(course_programs::Column::UpdatedAt, Expr::value(now))
        .filter(which)
        .filter(course_programs::Column::DeletedAt.is_null())
        .exec(txn)
        .await?;
    if res.rows_affected == 0 {
        return Err(DbError::NotFound);
    }
    Ok(())
}

/// Holds a program row until commit, as every change to the program does. A purchase that seeds
/// progress under this lock cannot miss a step added concurrently, nor slip past a delete.
pub(crate) async fn hold_program(
    conn: &impl ConnectionTrait,
    program_id: i64,
) -> Result<(), DbError> {
    course_programs::Entity::update_many()
        .col_expr(
            course_programs::Column::UpdatedAt,
            Expr::col(course_programs::Column::UpdatedAt).into(),
        )
        .filter(course_programs::Column::Id.eq(program_id))
        .exec(conn)
        .await?;
    Ok(())
}

fn program_is(id: i64) -> Condition {
    Condition::all().add(course_programs::Column::Id.eq(id))
}

/// The program of a step.
fn program_of_step(step_id: i64) -> Condition {
    let q = Query::select()
        .column(course_steps::Column::CourseProgramId)
        .from(course_steps::Entity)
        .and_where(course_steps::Column::Id.eq(step_id))
        .to_owned();
    Condition::all().add(course_programs::Column::Id.in_subquery(q))
}

/// The program of an option.
fn program_of_option(option_id: i64) -> Condition {
    let step = Query::select()
        .column(course_step_options::Column::CourseStepId)
        .from(course_step_options::Entity)
        .and_where(course_step_options::Column::Id.eq(option_id))
        .to_owned();
    let q = Query::select()
        .column(course_steps::Column::CourseProgramId)
        .from(course_steps::Entity)
        .and_where(course_steps::Column::Id.in_subquery(step))
        .to_owned();
    Condition::all().add(course_programs::Column::Id.in_subquery(q))
}

/// Ids of the packages with a COURSE allowance for the program.
fn granting_packages(program_id: i64) -> SelectStatement {
    Query::select()
        .column(allowances::Column::PackageId)
        .from(allowances::Entity)
        .and_where(allowances::Column::ServiceType.eq(ServiceType::Course.as_str()))
        .and_where(allowances::Column::CourseProgramId.eq(program_id))
        .to_owned()
}

fn in_use(message: String) -> DbError {
    DbError::refused(Conflict::InUse, message)
}
