//! Course programs and course packages as the API shows them.

use aula_db::courses::{
    CoursePackageRecord, OptionRecord, ProgramRecord, ProgressRecord, StepRecord,
};
use aula_db::levels::Level;
use aula_db::packages::PackageRecord;
use aula_domain::StepStatus;
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::api::dto::SessionDto;
use crate::api::levels::list::LevelDto;
use crate::services::courses::{CatalogueEntry, PublicProgram, summarize};

fn level(l: &Level) -> LevelDto {
    LevelDto {
        id: l.id,
        code: l.code.clone(),
        name: l.name.clone(),
        sort_order: l.sort_order,
    }
}

/// A group class attached to a step.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct OptionDto {
    pub id: i64,
    pub group_class_id: i64,
    /// The group class's title.
    pub title: String,
    pub is_active: bool,
}

impl From<&OptionRecord> for OptionDto {
    fn from(o: &OptionRecord) -> Self {
        Self {
            id: o.id,
            group_class_id: o.group_class_id,
            title: o.title.clone(),
            is_active: o.is_active,
        }
    }
}

/// A step with its options (administration).
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct StepDto {
    pub id: i64,
    pub step_order: i32,
    pub label: String,
    pub title: String,
    pub description: Option<String>,
    pub is_required: bool,
    pub options: Vec<OptionDto>,
}

impl From<&StepRecord> for StepDto {
    fn from(s: &StepRecord) -> Self {
        Self {
            id: s.id,
            step_order: s.step_order,
            label: s.label.clone(),
            title: s.title.clone(),
            description: s.description.clone(),
            is_required: s.is_required,
            options: s.options.iter().map(OptionDto::from).collect(),
        }
    }
}

/// A course program with its steps (administration).
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ProgramDto {
    pub id: i64,
    pub code: String,
    pub title: String,
    pub description: Option<String>,
    /// IANA time zone.
    pub timezone: String,
    pub is_active: bool,
    pub levels: Vec<LevelDto>,
    pub level_ids: Vec<i64>,
    pub step_count: usize,
    /// In step order.
    pub steps: Vec<StepDto>,
}

impl From<&ProgramRecord> for ProgramDto {
    fn from(p: &ProgramRecord) -> Self {
        Self {
            id: p.id,
            code: p.code.clone(),
            title: p.title.clone(),
            description: p.description.clone(),
            timezone: p.timezone.clone(),
            is_active: p.is_active,
            levels: p.levels.iter().map(level).collect(),
            level_ids: p.levels.iter().map(|l| l.id).collect(),
            step_count: p.steps.len(),
            steps: p.steps.iter().map(StepDto::from).collect(),
        }
    }
}

/// Course programs (administration).
#[derive(Debug, Serialize, ToSchema)]
pub struct ProgramList {
    pub items: Vec<ProgramDto>,
}

/// A package that sells a course program.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ProgramPackageDto {
    pub id: i64,
    pub name: String,
    pub amount_minor: i64,
    /// Lower-case ISO 4217.
    pub currency: String,
}

impl From<&PackageRecord> for ProgramPackageDto {
    fn from(p: &PackageRecord) -> Self {
        Self {
            id: p.id,
            name: p.name.clone(),
            amount_minor: p.amount_minor,
            currency: p.currency.clone(),
        }
    }
}

/// A course program in the public catalogue.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PublicProgramDto {
    pub id: i64,
    pub code: String,
    pub title: String,
    pub description: Option<String>,
    pub timezone: String,
    pub step_count: usize,
    pub levels: Vec<LevelDto>,
    /// Active packages with a COURSE allowance for the program.
    pub packages: Vec<ProgramPackageDto>,
}

impl From<&CatalogueEntry> for PublicProgramDto {
    fn from(e: &CatalogueEntry) -> Self {
        let p = &e.program;
        Self {
            id: p.id,
            code: p.code.clone(),
            title: p.title.clone(),
            description: p.description.clone(),
            timezone: p.timezone.clone(),
            step_count: p.steps.len(),
            levels: p.levels.iter().map(level).collect(),
            packages: e.packages.iter().map(ProgramPackageDto::from).collect(),
        }
    }
}

/// The public catalogue of course programs.
#[derive(Debug, Serialize, ToSchema)]
pub struct PublicProgramList {
    pub items: Vec<PublicProgramDto>,
}

/// An active option of a step with its upcoming sessions and their free seats.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PublicOptionDto {
    pub id: i64,
    pub group_class_id: i64,
    pub title: String,
    /// Upcoming SCHEDULED sessions of the group class, by start.
    pub sessions: Vec<SessionDto>,
}

/// A step in the public detail.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PublicStepDto {
    pub id: i64,
    pub step_order: i32,
    pub label: String,
    pub title: String,
    pub description: Option<String>,
    pub is_required: bool,
    pub options: Vec<PublicOptionDto>,
}

/// A course program's public detail: the catalogue entry plus its steps in order.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PublicProgramDetailDto {
    pub id: i64,
    pub code: String,
    pub title: String,
    pub description: Option<String>,
    pub timezone: String,
    pub step_count: usize,
    pub levels: Vec<LevelDto>,
    pub packages: Vec<ProgramPackageDto>,
    pub steps: Vec<PublicStepDto>,
}

impl From<&PublicProgram> for PublicProgramDetailDto {
    fn from(v: &PublicProgram) -> Self {
        let head = PublicProgramDto::from(&v.entry);
        let option = |o: &OptionRecord| PublicOptionDto {
            id: o.id,
            group_class_id: o.group_class_id,
            title: o.title.clone(),
            sessions: v
                .sessions
                .get(&o.group_class_id)
                .map(|list| list.iter().map(SessionDto::from).collect())
                .unwrap_or_default(),
        };
        let steps = v
            .entry
            .program
            .steps
            .iter()
            .map(|s| PublicStepDto {
                id: s.id,
                step_order: s.step_order,
                label: s.label.clone(),
                title: s.title.clone(),
                description: s.description.clone(),
                is_required: s.is_required,
                options: s.options.iter().map(option).collect(),
            })
            .collect();
        Self {
            id: head.id,
            code: head.code,
            title: head.title,
            description: head.description,
            timezone: head.timezone,
            step_count: head.step_count,
            levels: head.levels,
            packages: head.packages,
            steps,
        }
    }
}

/// Where a student stands on a step.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum StepStatusDto {
    Unbooked,
    Booked,
    Completed,
    Missed,
    /// The enrolment ended (the package was refunded).
    Cancelled,
}

impl From<StepStatus> for StepStatusDto {
    fn from(s: StepStatus) -> Self {
        match s {
            StepStatus::Unbooked => Self::Unbooked,
            StepStatus::Booked => Self::Booked,
            StepStatus::Completed => Self::Completed,
            StepStatus::Missed => Self::Missed,
            StepStatus::Cancelled => Self::Cancelled,
        }
    }
}

/// The student's progress on one step.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct StepProgressDto {
    pub step_id: i64,
    pub step_order: i32,
    pub label: String,
    pub title: String,
    pub is_required: bool,
    pub status: StepStatusDto,
    pub booking_id: Option<i64>,
    /// The booked (or attended) session.
    pub session: Option<SessionDto>,
    pub booked_at: Option<DateTime<Utc>>,
    pub completed_at: Option<DateTime<Utc>>,
}

impl From<&ProgressRecord> for StepProgressDto {
    fn from(s: &ProgressRecord) -> Self {
        Self {
            step_id: s.step_id,
            step_order: s.step_order,
            label: s.label.clone(),
            title: s.title.clone(),
            is_required: s.is_required,
            status: s.status.into(),
            booking_id: s.booking_id,
            session: s.session.as_ref().map(SessionDto::from),
            booked_at: s.booked_at,
            completed_at: s.completed_at,
        }
    }
}

/// A course the student bought, with the progress on each step.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CoursePackageDto {
    pub student_package_id: i64,
    pub course_program_id: i64,
    pub code: String,
    pub title: String,
    pub purchased_at: DateTime<Utc>,
    pub expires_at: Option<DateTime<Utc>>,
    pub total_steps: usize,
    pub completed_steps: usize,
    pub booked_steps: usize,
    /// The first step, in order, that is UNBOOKED or MISSED.
    pub next_step_id: Option<i64>,
    /// In step order.
    pub steps: Vec<StepProgressDto>,
}

impl From<&CoursePackageRecord> for CoursePackageDto {
    fn from(c: &CoursePackageRecord) -> Self {
        let sum = summarize(&c.steps);
        Self {
            student_package_id: c.student_package_id,
            course_program_id: c.program_id,
            code: c.code.clone(),
            title: c.title.clone(),
            purchased_at: c.purchased_at,
            expires_at: c.expires_at,
            total_steps: sum.total_steps,
            completed_steps: sum.completed_steps,
            booked_steps: sum.booked_steps,
            next_step_id: sum.next_step_id,
            steps: c.steps.iter().map(StepProgressDto::from).collect(),
        }
    }
}

/// The student's courses.
#[derive(Debug, Serialize, ToSchema)]
pub struct CoursePackageList {
    pub items: Vec<CoursePackageDto>,
}
