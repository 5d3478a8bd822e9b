//! Reading programs with their levels, steps and options, in a fixed number of queries.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::options::option_record;
use super::{ProgramRecord, StepRecord};
use crate::DbError;
use crate::entities::{
    course_program_levels as program_levels, course_programs as programs,
    course_step_options as options, course_steps as steps, group_classes, levels,
};
use crate::levels::Level;
use crate::reader::Reader;

/// A program that is not deleted.
pub async fn get_program(conn: &impl Reader, id: i64) -> Result<Option<ProgramRecord>, DbError> {
    let conn = conn.conn();
    let rows = programs::Entity::find_by_id(id)
        .filter(programs::Column::DeletedAt.is_null())
        .all(conn)
        .await?;
    Ok(with_details(conn, rows).await?.pop())
}

/// The programs with these ids (not deleted), with their details, in a fixed number of queries.
pub async fn get_programs(conn: &impl Reader, ids: &[i64]) -> Result<Vec<ProgramRecord>, DbError> {
    let conn = conn.conn();
    let rows = programs::Entity::find()
        .filter(programs::Column::Id.is_in(ids.iter().copied()))
        .filter(programs::Column::DeletedAt.is_null())
        .all(conn)
        .await?;
    with_details(conn, rows).await
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

/// Step rows (in the order given) with their options, grouped by program.
pub(super) async fn with_options(
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
