//! Course programs: administration, the public catalogue and the student's progress.

use std::collections::HashMap;

use aula_db::courses::{
    self, CoursePackageRecord, NewProgram, NewStep, OptionRecord, OwnedPackages, ProgramRecord,
    ProgressRecord, StepRecord,
};
use aula_db::group_classes;
use aula_db::packages::{self, PackageFilter, PackageRecord};
use aula_db::sessions::{self, SessionView};
use aula_domain::Problem;
use aula_domain::course::{self, CourseCode, ProgressSummary};
use aula_domain::credits::ServiceType;
use aula_domain::schedule::parse_timezone;

use crate::error::FieldErrors;
use crate::i18n::Lang;
use crate::services::fields::{description, levels};
use crate::services::texts;
use crate::{App, AppError};

/// Highest step order (the original schema stored it as a small integer).
const MAX_STEP_ORDER: i64 = 32_767;

/// A program as asked for; omitted fields take their defaults.
#[derive(Debug, Default)]
pub struct ProgramInput {
    pub code: String,
    pub title: String,
    pub description: Option<String>,
    /// IANA zone; default `UTC`.
    pub timezone: Option<String>,
    /// Default true.
    pub is_active: Option<bool>,
    pub level_ids: Option<Vec<i64>>,
}

/// A step as asked for.
#[derive(Debug)]
pub struct StepInput {
    pub step_order: i64,
    pub label: String,
    pub title: String,
    pub description: Option<String>,
    pub is_required: bool,
}

fn text(errors: &mut FieldErrors, field: &str, raw: &str, min: usize, max: usize) -> String {
    let t = raw.trim().to_owned();
    if !(min..=max).contains(&t.chars().count()) {
        errors.add(field, Problem::chars(min as i64, max as i64));
    }
    t
}

/// A program's title: 3-255 characters, trimmed (also the rule of its texts in other languages).
pub(crate) fn title(errors: &mut FieldErrors, raw: &str) -> String {
    text(errors, "title", raw, 3, 255)
}

async fn program_fields(app: &App, input: ProgramInput) -> Result<NewProgram, AppError> {
    let mut errors = FieldErrors::default();
    let code = errors.take(CourseCode::parse(&input.code));
    let title = title(&mut errors, &input.title);
    let description = description(&mut errors, input.description);
    let timezone = input.timezone.as_deref().unwrap_or("UTC");
    let timezone = errors
        .take(parse_timezone("timezone", timezone))
        .map(|tz| tz.name().to_owned());
    let level_ids = levels(app, &mut errors, &input.level_ids.unwrap_or_default()).await?;
    errors.finish()?;
    Ok(NewProgram {
        code: code.map(CourseCode::into_string).unwrap_or_default(),
        title,
        description,
        timezone: timezone.unwrap_or_default(),
        is_active: input.is_active.unwrap_or(true),
        level_ids,
    })
}

/// Creates a program (409 `duplicate` when the code is taken, also by a deleted program).
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn create_program(app: &App, input: ProgramInput) -> Result<ProgramRecord, AppError> {
    let new = program_fields(app, input).await?;
    Ok(courses::create_program(&app.db, new, app.clock.now()).await?)
}

/// Replaces a program's fields (omitted ones take their defaults, as on creation).
#[tracing::instrument(skip_all, fields(program_id = id), err(level = "info"))]
pub async fn update_program(
    app: &App,
    id: i64,
    input: ProgramInput,
) -> Result<ProgramRecord, AppError> {
    let new = program_fields(app, input).await?;
    Ok(courses::update_program(&app.db, id, new, app.clock.now()).await?)
}

/// Soft-deletes a program nobody is enrolled in.
#[tracing::instrument(skip_all, fields(program_id = id), err(level = "info"))]
pub async fn delete_program(app: &App, id: i64) -> Result<(), AppError> {
    Ok(courses::delete_program(&app.db, id, app.clock.now()).await?)
}

/// A program that is not deleted, active or not.
pub async fn program(app: &App, id: i64) -> Result<ProgramRecord, AppError> {
    courses::get_program(&app.db, id)
        .await?
        .ok_or(AppError::NotFound)
}

/// Every program that is not deleted.
pub async fn programs(app: &App) -> Result<Vec<ProgramRecord>, AppError> {
    Ok(courses::list_programs(&app.db, false).await?)
}

fn step_fields(input: StepInput) -> Result<NewStep, AppError> {
    let mut errors = FieldErrors::default();
    if !(1..=MAX_STEP_ORDER).contains(&input.step_order) {
        errors.add("stepOrder", Problem::between(1, MAX_STEP_ORDER));
    }
    let label = text(&mut errors, "label", &input.label, 1, 100);
    let title = text(&mut errors, "title", &input.title, 1, 255);
    let description = description(&mut errors, input.description);
    errors.finish()?;
    Ok(NewStep {
        step_order: input.step_order as i32,
        label,
        title,
        description,
        is_required: input.is_required,
    })
}

/// Adds a step (enrolled students get it UNBOOKED); a taken label or order → 409 `duplicate`.
#[tracing::instrument(skip_all, fields(program_id = program_id), err(level = "info"))]
pub async fn add_step(
    app: &App,
    program_id: i64,
    input: StepInput,
) -> Result<StepRecord, AppError> {
    let new = step_fields(input)?;
    Ok(courses::add_step(&app.db, program_id, new, app.clock.now()).await?)
}

/// Replaces a step's fields; a taken label or order → 409 `duplicate`.
#[tracing::instrument(skip_all, fields(step_id = step_id), err(level = "info"))]
pub async fn update_step(
    app: &App,
    step_id: i64,
    input: StepInput,
) -> Result<StepRecord, AppError> {
    let new = step_fields(input)?;
    Ok(courses::update_step(&app.db, step_id, new, app.clock.now()).await?)
}

/// Deletes a step no student depends on.
#[tracing::instrument(skip_all, fields(step_id = step_id), err(level = "info"))]
pub async fn delete_step(app: &App, step_id: i64) -> Result<(), AppError> {
    Ok(courses::delete_step(&app.db, step_id, app.clock.now()).await?)
}

/// Attaches a group class to a step (an unknown class → 422 on `groupClassId`).
#[tracing::instrument(skip_all, fields(step_id = step_id, group_class_id = group_class_id), err(level = "info"))]
pub async fn add_option(
    app: &App,
    step_id: i64,
    group_class_id: i64,
) -> Result<OptionRecord, AppError> {
    if group_classes::load(&app.db, group_class_id)
        .await?
        .is_none()
    {
        return Err(AppError::field(
            "groupClassId",
            Problem::new("not-group-class"),
        ));
    }
    Ok(courses::add_option(&app.db, step_id, group_class_id, app.clock.now()).await?)
}

/// Detaches an option no confirmed course booking sits in.
#[tracing::instrument(skip_all, fields(option_id = option_id), err(level = "info"))]
pub async fn delete_option(app: &App, option_id: i64) -> Result<(), AppError> {
    Ok(courses::delete_option(&app.db, option_id, app.clock.now()).await?)
}

/// Puts the program's steps in the order of `step_ids`, which must name each of them once.
#[tracing::instrument(skip_all, fields(program_id = program_id), err(level = "info"))]
pub async fn reorder_steps(
    app: &App,
    program_id: i64,
    step_ids: &[i64],
) -> Result<ProgramRecord, AppError> {
    courses::reorder_steps(&app.db, program_id, step_ids, app.clock.now())
        .await?
        .ok_or_else(|| AppError::field("stepIds", Problem::new("step-ids")))
}

/// A program on sale: the active packages that grant it.
#[derive(Debug)]
pub struct CatalogueEntry {
    pub program: ProgramRecord,
    pub packages: Vec<PackageRecord>,
}

/// A program's public page: its active options only, with their upcoming sessions.
#[derive(Debug)]
pub struct PublicProgram {
    pub entry: CatalogueEntry,
    /// Upcoming SCHEDULED sessions by group class id.
    pub sessions: HashMap<i64, Vec<SessionView>>,
}

/// The programs with the active packages that sell them, in the texts of `lang`.
async fn with_packages(
    app: &App,
    lang: Lang,
    mut programs: Vec<ProgramRecord>,
) -> Result<Vec<CatalogueEntry>, AppError> {
    let filter = PackageFilter {
        active_only: true,
        service_type: Some(ServiceType::Course),
        course_program_id: None,
    };
    let mut on_sale = packages::list(&app.db, &filter).await?;
    texts::localize(app, lang, &mut programs, &mut on_sale).await?;
    Ok(programs
        .into_iter()
        .map(|program| CatalogueEntry {
            packages: on_sale
                .iter()
                .filter(|p| {
                    p.allowances.iter().any(|a| {
                        a.service_type == ServiceType::Course
                            && a.course_program_id == Some(program.id)
                    })
                })
                .cloned()
                .collect(),
            program,
        })
        .collect())
}

/// The active programs with the packages that sell them, in the texts of `lang`.
pub async fn catalogue(app: &App, lang: Lang) -> Result<Vec<CatalogueEntry>, AppError> {
    let programs = courses::list_programs(&app.db, true).await?;
    with_packages(app, lang, programs).await
}

/// A program that is not deleted (active or not) as the catalogue shows it in `lang`.
pub async fn entry(app: &App, lang: Lang, id: i64) -> Result<CatalogueEntry, AppError> {
    let program = program(app, id).await?;
    with_packages(app, lang, vec![program])
        .await?
        .pop()
        .ok_or(AppError::NotFound)
}

/// An active program by id (all digits) or code, with its upcoming sessions, in `lang`.
pub async fn public_program(
    app: &App,
    lang: Lang,
    id_or_code: &str,
) -> Result<PublicProgram, AppError> {
    let found = if !id_or_code.is_empty() && id_or_code.bytes().all(|b| b.is_ascii_digit()) {
        match id_or_code.parse::<i64>() {
            Ok(id) => courses::get_program(&app.db, id).await?,
            Err(_) => None,
        }
    } else {
        match CourseCode::lookup(id_or_code) {
            Some(code) => courses::find_program_by_code(&app.db, code.as_str()).await?,
            None => None,
        }
    };
    let program = found.filter(|p| p.is_active).ok_or(AppError::NotFound)?;
    public_of(app, lang, vec![program])
        .await?
        .pop()
        .ok_or(AppError::NotFound)
}

/// The public pages of these active programs (unknown or inactive ids are left out), in a fixed
/// number of queries whatever their number, in `lang`.
pub async fn public_programs(
    app: &App,
    lang: Lang,
    ids: &[i64],
) -> Result<Vec<PublicProgram>, AppError> {
    let programs = courses::get_programs(&app.db, ids)
        .await?
        .into_iter()
        .filter(|p| p.is_active)
        .collect();
    public_of(app, lang, programs).await
}

async fn public_of(
    app: &App,
    lang: Lang,
    mut programs: Vec<ProgramRecord>,
) -> Result<Vec<PublicProgram>, AppError> {
    for step in programs.iter_mut().flat_map(|p| p.steps.iter_mut()) {
        step.options.retain(|o| o.is_active);
    }
    let mut class_ids: Vec<i64> = programs
        .iter()
        .flat_map(|p| p.steps.iter())
        .flat_map(|s| s.options.iter().map(|o| o.group_class_id))
        .collect();
    class_ids.sort_unstable();
    class_ids.dedup();
    let mut upcoming: HashMap<i64, Vec<SessionView>> = HashMap::new();
    for s in sessions::of_classes(&app.db, &class_ids, Some(app.clock.now())).await? {
        if let Some(c) = s.group_class_id {
            upcoming.entry(c).or_default().push(s);
        }
    }
    Ok(with_packages(app, lang, programs)
        .await?
        .into_iter()
        .map(|entry| {
            let sessions = entry
                .program
                .steps
                .iter()
                .flat_map(|s| s.options.iter())
                .filter_map(|o| {
                    upcoming
                        .get(&o.group_class_id)
                        .map(|list| (o.group_class_id, list.clone()))
                })
                .collect();
            PublicProgram { entry, sessions }
        })
        .collect())
}

/// The courses of the student's unexpired, unrefunded packages, newest purchase first, titled
/// in `lang`.
pub async fn my_course_packages(
    app: &App,
    lang: Lang,
    student_id: i64,
) -> Result<Vec<CoursePackageRecord>, AppError> {
    let which = OwnedPackages::UsableAt(app.clock.now());
    let mut list = courses::course_packages(&app.db, student_id, which).await?;
    texts::retitle_courses(app, lang, &mut list).await?;
    Ok(list)
}

/// The course of one of the student's packages (also an expired or refunded one, whose steps
/// then show how the enrolment ended), titled in `lang`; 404 when not theirs or without a course.
pub async fn my_course_package(
    app: &App,
    lang: Lang,
    student_id: i64,
    student_package_id: i64,
) -> Result<CoursePackageRecord, AppError> {
    let which = OwnedPackages::One(student_package_id);
    let mut list = courses::course_packages(&app.db, student_id, which).await?;
    list.truncate(1);
    texts::retitle_courses(app, lang, &mut list).await?;
    list.pop().ok_or(AppError::NotFound)
}

/// Sums up an enrolment's steps given in order (counts and the step to book next).
pub fn summarize(steps: &[ProgressRecord]) -> ProgressSummary {
    course::summarize(steps.iter().map(|s| (s.step_id, s.status)))
}
