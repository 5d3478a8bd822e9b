//! Students' progress through the courses their packages grant.

use std::collections::HashMap;

use aula_domain::{ServiceType, StepStatus};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::DbError;
use crate::entities::{
    course_programs as programs, course_steps as steps, package_allowances as allowances, sessions,
    step_progress as progress, student_packages,
};
use crate::reader::Reader;
use crate::sessions::{SessionView, views};

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
    pub status: StepStatus,
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
    conn: &impl Reader,
    student_id: i64,
    which: OwnedPackages,
) -> Result<Vec<CoursePackageRecord>, DbError> {
    let conn = conn.conn();
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
        .filter(allowances::Column::ServiceType.eq(ServiceType::Course.as_str()))
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
                status: r.status(),
                booking_id: r.booking_id,
                session: r.session_id.and_then(|s| session_views.get(&s).cloned()),
                booked_at: r.booked_at,
                completed_at: r.completed_at,
            });
    }
    Ok(out)
}
