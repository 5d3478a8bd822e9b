//! Course programs, steps and options, and students' progress through them.
//!
//! Every change runs in one transaction whose first statement writes the program row: on
//! PostgreSQL that row stays locked until commit, on SQLite the transaction becomes the one writer
//! (and never has to upgrade a read snapshot). Changes to one program therefore queue, and the
//! checks that follow (enrolments, progress, bookings) see every committed change.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, Query, SelectStatement};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseTransaction, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait,
};

use crate::entities::{
    bookings, course_program_levels as program_levels, course_programs as programs,
    course_step_options as options, course_steps as steps, group_classes, levels,
    package_allowances as allowances, sessions, step_progress as progress, student_packages,
};
use crate::levels::Level;
use crate::sessions::{SessionView, views};
use crate::{Db, DbError};

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
    let res = programs::Entity::update_many()
        .col_expr(programs::Column::UpdatedAt, Expr::value(now))
        .filter(which)
        .filter(programs::Column::DeletedAt.is_null())
        .exec(txn)
        .await?;
    if res.rows_affected == 0 {
        return Err(DbError::NotFound);
    }
    Ok(())
}

/// Holds a program row until commit, as every change to the program does. A purchase that seeds
/// progress under this lock cannot miss a step added concurrently, nor slip past a delete.
pub async fn hold_program(conn: &impl ConnectionTrait, program_id: i64) -> Result<(), DbError> {
    programs::Entity::update_many()
        .col_expr(
            programs::Column::UpdatedAt,
            Expr::col(programs::Column::UpdatedAt).into(),
        )
        .filter(programs::Column::Id.eq(program_id))
        .exec(conn)
        .await?;
    Ok(())
}

fn program_is(id: i64) -> Condition {
    Condition::all().add(programs::Column::Id.eq(id))
}

/// The program of a step.
fn program_of_step(step_id: i64) -> Condition {
    let q = Query::select()
        .column(steps::Column::CourseProgramId)
        .from(steps::Entity)
        .and_where(steps::Column::Id.eq(step_id))
        .to_owned();
    Condition::all().add(programs::Column::Id.in_subquery(q))
}

/// The program of an option.
fn program_of_option(option_id: i64) -> Condition {
    let step = Query::select()
        .column(options::Column::CourseStepId)
        .from(options::Entity)
        .and_where(options::Column::Id.eq(option_id))
        .to_owned();
    let q = Query::select()
        .column(steps::Column::CourseProgramId)
        .from(steps::Entity)
        .and_where(steps::Column::Id.in_subquery(step))
        .to_owned();
    Condition::all().add(programs::Column::Id.in_subquery(q))
}

/// Ids of the packages with a COURSE allowance for the program.
fn granting_packages(program_id: i64) -> SelectStatement {
    Query::select()
        .column(allowances::Column::PackageId)
        .from(allowances::Entity)
        .and_where(allowances::Column::ServiceType.eq("COURSE"))
        .and_where(allowances::Column::CourseProgramId.eq(program_id))
        .to_owned()
}

/// Stores a new program and its levels.
pub async fn create_program(
    db: &Db,
    new: NewProgram,
    now: DateTime<Utc>,
) -> Result<ProgramRecord, DbError> {
    let txn = db.conn().begin().await?;
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
    let txn = db.conn().begin().await?;
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
    let txn = db.conn().begin().await?;
    lock_program(&txn, program_is(id), now).await?;
    let enrolled = student_packages::Entity::find()
        .filter(student_packages::Column::PackageId.in_subquery(granting_packages(id)))
        .count(&txn)
        .await?;
    if enrolled > 0 {
        return Err(DbError::conflict(
            "in_use",
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
pub async fn get_program(
    conn: &impl ConnectionTrait,
    id: i64,
) -> Result<Option<ProgramRecord>, DbError> {
    let rows = programs::Entity::find_by_id(id)
        .filter(programs::Column::DeletedAt.is_null())
        .all(conn)
        .await?;
    Ok(with_details(conn, rows).await?.pop())
}

/// A program that is not deleted, by its code.
pub async fn find_program_by_code(
    conn: &impl ConnectionTrait,
    code: &str,
) -> Result<Option<ProgramRecord>, DbError> {
    let rows = programs::Entity::find()
        .filter(programs::Column::Code.eq(code))
        .filter(programs::Column::DeletedAt.is_null())
        .all(conn)
        .await?;
    Ok(with_details(conn, rows).await?.pop())
}

/// Programs that are not deleted (only active ones when `active_only`), by id.
pub async fn list_programs(
    conn: &impl ConnectionTrait,
    active_only: bool,
) -> Result<Vec<ProgramRecord>, DbError> {
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

/// Step rows (in the order given) with their options, grouped by program.
async fn with_options(
    conn: &impl ConnectionTrait,
    rows: Vec<steps::Model>,
) -> Result<HashMap<i64, Vec<StepRecord>>, DbError> {
    let option_rows = options::Entity::find()
        .filter(options::Column::CourseStepId.is_in(rows.iter().map(|s| s.id)))
        .order_by_asc(options::Column::Id)
        .all(conn)
        .await?;
    let titles: HashMap<i64, String> = group_classes::Entity::find()
        .filter(group_classes::Column::Id.is_in(option_rows.iter().map(|o| o.group_class_id)))
        .all(conn)
        .await?
        .into_iter()
        .map(|g| (g.id, g.title))
        .collect();
    let mut out: HashMap<i64, Vec<StepRecord>> = HashMap::new();
    for s in rows {
        let options = option_rows
            .iter()
            .filter(|o| o.course_step_id == s.id)
            .map(|o| option_record(o, &titles))
            .collect();
        out.entry(s.course_program_id)
            .or_default()
            .push(StepRecord {
                id: s.id,
                program_id: s.course_program_id,
                step_order: s.step_order,
                label: s.label,
                title: s.title,
                description: s.description,
                is_required: s.is_required,
                options,
            });
    }
    Ok(out)
}

fn option_record(o: &options::Model, titles: &HashMap<i64, String>) -> OptionRecord {
    OptionRecord {
        id: o.id,
        step_id: o.course_step_id,
        group_class_id: o.group_class_id,
        title: titles.get(&o.group_class_id).cloned().unwrap_or_default(),
        is_active: o.is_active,
    }
}

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
    let txn = db.conn().begin().await?;
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
            status: Set("UNBOOKED".into()),
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
    let txn = db.conn().begin().await?;
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
    let txn = db.conn().begin().await?;
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

fn in_use(message: String) -> DbError {
    DbError::conflict("in_use", message)
}

/// Attaches a group class to a step. Already attached → `Duplicate`.
pub async fn add_option(
    db: &Db,
    step_id: i64,
    group_class_id: i64,
    now: DateTime<Utc>,
) -> Result<OptionRecord, DbError> {
    let txn = db.conn().begin().await?;
    lock_program(&txn, program_of_step(step_id), now).await?;
    let o = options::ActiveModel {
        course_step_id: Set(step_id),
        group_class_id: Set(group_class_id),
        is_active: Set(true),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let titles: HashMap<i64, String> = group_classes::Entity::find_by_id(group_class_id)
        .all(&txn)
        .await?
        .into_iter()
        .map(|g| (g.id, g.title))
        .collect();
    txn.commit().await?;
    Ok(option_record(&o, &titles))
}

/// Detaches an option; 409 `in_use` while a CONFIRMED booking of its step sits in a session of
/// its group class. The class's scheduled sessions are locked first, as a booking locks its
/// session: a booking in flight commits first and is counted, or waits and finds no option.
pub async fn delete_option(db: &Db, option_id: i64, now: DateTime<Utc>) -> Result<(), DbError> {
    let txn = db.conn().begin().await?;
    lock_program(&txn, program_of_option(option_id), now).await?;
    let o = options::Entity::find_by_id(option_id)
        .one(&txn)
        .await?
        .ok_or(DbError::NotFound)?;
    sessions::Entity::update_many()
        .col_expr(
            sessions::Column::CapacityMax,
            Expr::col(sessions::Column::CapacityMax).into(),
        )
        .filter(sessions::Column::GroupClassId.eq(o.group_class_id))
        .filter(sessions::Column::Status.eq("SCHEDULED"))
        .exec(&txn)
        .await?;
    options::Entity::delete_by_id(option_id).exec(&txn).await?;
    let class_sessions = Query::select()
        .column(sessions::Column::Id)
        .from(sessions::Entity)
        .and_where(sessions::Column::GroupClassId.eq(o.group_class_id))
        .to_owned();
    let booked = bookings::Entity::find()
        .filter(bookings::Column::CourseStepId.eq(o.course_step_id))
        .filter(bookings::Column::Kind.eq("COURSE_STEP"))
        .filter(bookings::Column::Status.eq("CONFIRMED"))
        .filter(bookings::Column::SessionId.in_subquery(class_sessions))
        .count(&txn)
        .await?;
    if booked > 0 {
        return Err(in_use(format!(
            "{booked} confirmed booking(s) of this step are in sessions of this class"
        )));
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
    let txn = db.conn().begin().await?;
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

/// A course a student package grants, with the progress on each of its steps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoursePackageRecord {
    pub student_package_id: i64,
    pub program_id: i64,
    pub code: String,
    pub title: String,
    pub purchased_at: DateTime<Utc>,
    pub expires_at: Option<DateTime<Utc>>,
    /// In step order.
    pub steps: Vec<ProgressRecord>,
}

/// A student's progress on one step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgressRecord {
    pub step_id: i64,
    pub step_order: i32,
    pub label: String,
    pub title: String,
    pub is_required: bool,
    /// `UNBOOKED`, `BOOKED`, `COMPLETED`, `MISSED` or `CANCELLED`.
    pub status: String,
    pub booking_id: Option<i64>,
    pub session: Option<SessionView>,
    pub booked_at: Option<DateTime<Utc>>,
    pub completed_at: Option<DateTime<Utc>>,
}

/// Which of a student's packages to read.
#[derive(Debug, Clone, Copy)]
pub enum OwnedPackages {
    /// Those neither expired at this instant nor refunded, newest first.
    UsableAt(DateTime<Utc>),
    /// This one, whatever its state.
    One(i64),
}

/// The courses the student's packages grant, one per (package, COURSE allowance), from the
/// progress rows.
pub async fn course_packages(
    conn: &impl ConnectionTrait,
    student_id: i64,
    which: OwnedPackages,
) -> Result<Vec<CoursePackageRecord>, DbError> {
    let mut q =
        student_packages::Entity::find().filter(student_packages::Column::StudentId.eq(student_id));
    q = match which {
        OwnedPackages::UsableAt(now) => q
            .filter(student_packages::Column::RefundedAt.is_null())
            .filter(
                Condition::any()
                    .add(student_packages::Column::ExpiresAt.is_null())
                    .add(student_packages::Column::ExpiresAt.gt(now)),
            ),
        OwnedPackages::One(id) => q.filter(student_packages::Column::Id.eq(id)),
    };
    let owned = q
        .order_by_desc(student_packages::Column::PurchasedAt)
        .order_by_desc(student_packages::Column::Id)
        .all(conn)
        .await?;
    let lines = allowances::Entity::find()
        .filter(allowances::Column::PackageId.is_in(owned.iter().map(|p| p.package_id)))
        .filter(allowances::Column::ServiceType.eq("COURSE"))
        .filter(allowances::Column::CourseProgramId.is_not_null())
        .order_by_asc(allowances::Column::Id)
        .all(conn)
        .await?;
    let program_rows: HashMap<i64, programs::Model> = programs::Entity::find()
        .filter(programs::Column::Id.is_in(lines.iter().filter_map(|a| a.course_program_id)))
        .all(conn)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let mut rows = progress_of(conn, owned.iter().map(|p| p.id).collect()).await?;
    let mut out = Vec::new();
    for sp in owned {
        for a in lines.iter().filter(|a| a.package_id == sp.package_id) {
            let Some(program) = a.course_program_id.and_then(|p| program_rows.get(&p)) else {
                continue;
            };
            let mut steps = rows.remove(&(sp.id, program.id)).unwrap_or_default();
            steps.sort_by_key(|s| (s.step_order, s.step_id));
            out.push(CoursePackageRecord {
                student_package_id: sp.id,
                program_id: program.id,
                code: program.code.clone(),
                title: program.title.clone(),
                purchased_at: sp.purchased_at,
                expires_at: sp.expires_at,
                steps,
            });
        }
    }
    Ok(out)
}

/// Progress rows of the packages with their steps and sessions, by (student package, program).
async fn progress_of(
    conn: &impl ConnectionTrait,
    student_package_ids: Vec<i64>,
) -> Result<HashMap<(i64, i64), Vec<ProgressRecord>>, DbError> {
    let rows = progress::Entity::find()
        .filter(progress::Column::StudentPackageId.is_in(student_package_ids))
        .all(conn)
        .await?;
    let step_rows: HashMap<i64, steps::Model> = steps::Entity::find()
        .filter(steps::Column::Id.is_in(rows.iter().map(|r| r.course_step_id)))
        .all(conn)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let session_rows = sessions::Entity::find()
        .filter(sessions::Column::Id.is_in(rows.iter().filter_map(|r| r.session_id)))
        .all(conn)
        .await?;
    let session_views: HashMap<i64, SessionView> = views(conn, session_rows)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let mut out: HashMap<(i64, i64), Vec<ProgressRecord>> = HashMap::new();
    for r in rows {
        let Some(step) = step_rows.get(&r.course_step_id) else {
            continue;
        };
        out.entry((r.student_package_id, step.course_program_id))
            .or_default()
            .push(ProgressRecord {
                step_id: step.id,
                step_order: step.step_order,
                label: step.label.clone(),
                title: step.title.clone(),
                is_required: step.is_required,
                status: r.status,
                booking_id: r.booking_id,
                session: r.session_id.and_then(|s| session_views.get(&s).cloned()),
                booked_at: r.booked_at,
                completed_at: r.completed_at,
            });
    }
    Ok(out)
}
