//! `/admin/courses…`: course programs, their steps (add, edit, move, delete) and options (attach a
//! group class, remove), through the same services as the API. Refusals come back as sentences.

use std::collections::BTreeMap;

use askama::Template;
use aula_db::courses::{ProgramRecord, StepRecord};
use aula_db::group_classes::{self, ClassFilter};
use aula_db::levels::{self, Level};
use aula_domain::{Conflict, Problem};
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::extract::{ApiPath, CurrentUser, PageAdmin};
use crate::pages::admin::{Fields, field};
use crate::pages::{Back, Flash, Nav, render, sentence};
use crate::services::courses::{self, ProgramInput, StepInput};
use crate::{App, AppError};

fn optional(s: String) -> Option<String> {
    (!s.is_empty()).then_some(s)
}

struct ListLine {
    id: i64,
    code: String,
    title: String,
    active: bool,
    steps: usize,
}

#[derive(Template)]
#[template(path = "admin_courses.html")]
struct ListPage {
    nav: Nav,
    lines: Vec<ListLine>,
}

/// `GET /admin/courses`
pub async fn list(
    State(app): State<App>,
    PageAdmin(admin): PageAdmin,
) -> Result<Response, AppError> {
    let lines = courses::programs(&app)
        .await?
        .into_iter()
        .map(|p| ListLine {
            id: p.id,
            code: p.code,
            title: p.title,
            active: p.is_active,
            steps: p.steps.len(),
        })
        .collect();
    Ok(render(&ListPage {
        nav: Nav::of(Some(&admin)),
        lines,
    })?
    .into_response())
}

struct LevelBox {
    id: i64,
    code: String,
    checked: bool,
}

#[derive(Template)]
#[template(path = "admin_course_new.html")]
struct NewPage {
    nav: Nav,
    code: String,
    title: String,
    description: String,
    timezone: String,
    levels: Vec<LevelBox>,
    errors: BTreeMap<String, String>,
    /// A refusal of the last try (a code already taken), shown once.
    problem: Option<String>,
}

impl NewPage {
    fn error(&self, name: &str) -> Option<&str> {
        self.errors.get(name).map(String::as_str)
    }
}

fn level_boxes(all: &[Level], chosen: &[i64]) -> Vec<LevelBox> {
    all.iter()
        .map(|l| LevelBox {
            id: l.id,
            code: l.code.clone(),
            checked: chosen.contains(&l.id),
        })
        .collect()
}

/// `GET /admin/courses/new`
pub async fn new_form(
    State(app): State<App>,
    PageAdmin(admin): PageAdmin,
) -> Result<Response, AppError> {
    let all = levels::list(&app.db).await?;
    let problem = Flash::take(&app, &admin).await?.problem;
    Ok(render(&NewPage {
        problem,
        nav: Nav::of(Some(&admin)),
        code: String::new(),
        title: String::new(),
        description: String::new(),
        timezone: "UTC".into(),
        levels: level_boxes(&all, &[]),
        errors: BTreeMap::new(),
    })?
    .into_response())
}

/// `POST /admin/courses`: creates the course and opens it, or shows the form again (422).
pub async fn create(
    State(app): State<App>,
    PageAdmin(admin): PageAdmin,
    Form(fields): Form<Fields>,
) -> Result<Response, AppError> {
    let chosen: Vec<i64> = fields
        .iter()
        .filter(|(k, _)| k == "levels")
        .filter_map(|(_, v)| v.parse().ok())
        .collect();
    let input = ProgramInput {
        code: field(&fields, "code"),
        title: field(&fields, "title"),
        description: optional(field(&fields, "description")),
        timezone: optional(field(&fields, "timezone")),
        is_active: Some(true),
        level_ids: Some(chosen.clone()),
    };
    let nav = Nav::of(Some(&admin));
    match courses::create_program(&app, input).await {
        Ok(p) => {
            Back::to_path(
                format!("/admin/courses/{}", p.id),
                Some(&nav.t("admin-course-created")),
                None,
            )
            .send(&app, &admin)
            .await
        }
        // A refusal (a code already taken) goes back to the form as a sentence (api.md: every
        // 409 answers 303 back to the page it came from).
        Err(AppError::Refused(r)) => {
            let why = if r.code == Conflict::Duplicate {
                nav.t("admin-course-code-taken")
            } else {
                nav.refusal(&r)
            };
            Back::to("/admin/courses/new", None, Some(&why))
                .send(&app, &admin)
                .await
        }
        Err(AppError::Validation(f)) => {
            let errors = nav.said_all(f);
            let all = levels::list(&app.db).await?;
            let page = NewPage {
                nav,
                code: field(&fields, "code"),
                title: field(&fields, "title"),
                description: field(&fields, "description"),
                timezone: field(&fields, "timezone"),
                levels: level_boxes(&all, &chosen),
                errors,
                problem: None,
            };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(e) => Err(e),
    }
}

struct OptionLine {
    id: i64,
    title: String,
}

/// A step's fields as a form shows them, with their problems (`label`, `title`, `description`,
/// and `form` for the others).
#[derive(Default)]
struct StepForm {
    label: String,
    title: String,
    description: String,
    required: bool,
    errors: BTreeMap<String, String>,
}

impl StepForm {
    fn error(&self, name: &str) -> Option<&str> {
        self.errors.get(name).map(String::as_str)
    }

    fn of(s: &StepRecord) -> Self {
        Self {
            label: s.label.clone(),
            title: s.title.clone(),
            description: s.description.clone().unwrap_or_default(),
            required: s.is_required,
            errors: BTreeMap::new(),
        }
    }

    fn posted(fields: &Fields, errors: BTreeMap<String, String>) -> Self {
        Self {
            label: field(fields, "label"),
            title: field(fields, "title"),
            description: field(fields, "description"),
            required: !field(fields, "required").is_empty(),
            errors,
        }
    }
}

struct StepLine {
    id: i64,
    label: String,
    title: String,
    first: bool,
    last: bool,
    options: Vec<OptionLine>,
    form: StepForm,
}

struct ClassChoice {
    id: i64,
    title: String,
}

/// The course's own fields as the "Save course" form shows them, with their problems.
struct CourseForm {
    title: String,
    description: String,
    timezone: String,
    active: bool,
    errors: BTreeMap<String, String>,
}

impl CourseForm {
    fn error(&self, name: &str) -> Option<&str> {
        self.errors.get(name).map(String::as_str)
    }
}

#[derive(Template)]
#[template(path = "admin_course.html")]
pub(super) struct CoursePage {
    nav: Nav,
    id: i64,
    code: String,
    /// The stored title (the heading), whatever the form holds.
    title: String,
    course: CourseForm,
    steps: Vec<StepLine>,
    classes: Vec<ClassChoice>,
    new_step: StepForm,
    /// The title and description in every language.
    pub(super) texts: super::texts::TextsForm,
    notice: Option<String>,
    problem: Option<String>,
}

/// A form of the course page posted with bad input, shown again with its problems.
pub(super) enum Posted<'a> {
    Nothing,
    Course(&'a Fields, BTreeMap<String, String>),
    NewStep(&'a Fields, BTreeMap<String, String>),
    Step(i64, &'a Fields, BTreeMap<String, String>),
}

/// Service problems by form field: the fields a form shows keep their name, the others go to
/// `form`; each problem becomes a sentence.
fn by_field(
    nav: &Nav,
    problems: BTreeMap<String, Problem>,
    shown: &[&str],
) -> BTreeMap<String, String> {
    let mut out: BTreeMap<String, String> = BTreeMap::new();
    for (key, problem) in problems {
        let name = if shown.contains(&key.as_str()) {
            key
        } else {
            "form".to_owned()
        };
        let text = nav.said(&problem);
        out.entry(name)
            .and_modify(|e| {
                e.push(' ');
                e.push_str(&text);
            })
            .or_insert(text);
    }
    out
}

pub(super) async fn course_page(
    app: &App,
    admin: &CurrentUser,
    p: ProgramRecord,
    flash: Flash,
    posted: Posted<'_>,
) -> Result<CoursePage, AppError> {
    let filter = ClassFilter {
        active_only: true,
        ..ClassFilter::default()
    };
    let classes = group_classes::list(&app.db, &filter)
        .await?
        .into_iter()
        .map(|c| ClassChoice {
            id: c.id,
            title: c.title,
        })
        .collect();
    let mut course = CourseForm {
        title: p.title.clone(),
        description: p.description.clone().unwrap_or_default(),
        timezone: p.timezone.clone(),
        active: p.is_active,
        errors: BTreeMap::new(),
    };
    let mut new_step = StepForm {
        required: true,
        ..StepForm::default()
    };
    let mut edited = None;
    match posted {
        Posted::Nothing => {}
        Posted::Course(fields, errors) => {
            course = CourseForm {
                title: field(fields, "title"),
                description: field(fields, "description"),
                timezone: field(fields, "timezone"),
                active: !field(fields, "active").is_empty(),
                errors,
            };
        }
        Posted::NewStep(fields, errors) => new_step = StepForm::posted(fields, errors),
        Posted::Step(id, fields, errors) => edited = Some((id, StepForm::posted(fields, errors))),
    }
    let n = p.steps.len();
    let steps = p
        .steps
        .iter()
        .enumerate()
        .map(|(i, s)| StepLine {
            id: s.id,
            label: s.label.clone(),
            title: s.title.clone(),
            first: i == 0,
            last: i + 1 == n,
            options: s
                .options
                .iter()
                .filter(|o| o.is_active)
                .map(|o| OptionLine {
                    id: o.id,
                    title: o.title.clone(),
                })
                .collect(),
            form: match edited.take() {
                Some((id, form)) if id == s.id => form,
                other => {
                    edited = other;
                    StepForm::of(s)
                }
            },
        })
        .collect();
    let texts = super::texts::TextsForm::load(app, aula_db::texts::Owner::Program(p.id)).await?;
    Ok(CoursePage {
        nav: Nav::of(Some(admin)),
        texts,
        id: p.id,
        code: p.code,
        title: p.title,
        course,
        steps,
        classes,
        new_step,
        notice: flash.notice,
        problem: flash.problem,
    })
}

/// `GET /admin/courses/{id}`
pub async fn show(
    State(app): State<App>,
    PageAdmin(admin): PageAdmin,
    ApiPath(id): ApiPath<i64>,
) -> Result<Response, AppError> {
    let p = courses::program(&app, id).await?;
    let flash = Flash::take(&app, &admin).await?;
    let page = course_page(&app, &admin, p, flash, Posted::Nothing).await?;
    Ok(render(&page)?.into_response())
}

/// The course page again with a form's problems (422).
async fn again(
    app: &App,
    admin: &CurrentUser,
    id: i64,
    posted: Posted<'_>,
) -> Result<Response, AppError> {
    let p = courses::program(app, id).await?;
    let page = course_page(app, admin, p, Flash::default(), posted).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
}

/// What a field of the course page is called, for problems shown away from it.
fn field_name(nav: &Nav, key: &str) -> String {
    let label = match key {
        "code" => "admin-course-code",
        "title" => "admin-course-title",
        "description" => "admin-course-description",
        "timezone" => "admin-course-timezone",
        "levelIds" => "admin-course-levels",
        "label" => "admin-step-label",
        "stepOrder" | "stepIds" => "admin-step-order",
        "groupClassId" => "admin-option-class",
        _ => "admin-field-other",
    };
    nav.t(label)
}

/// Back to the course page with what happened: a notice, or the refusal as a sentence
/// (`duplicate`: the catalogue key that says what a `duplicate` refusal is about).
async fn after(
    app: &App,
    admin: &CurrentUser,
    id: i64,
    result: Result<String, AppError>,
    duplicate: Option<&str>,
) -> Result<Response, AppError> {
    let nav = Nav::of(Some(admin));
    let to = format!("/admin/courses/{id}");
    let back = match result {
        Ok(notice) => Back::to_path(to, Some(&notice), None),
        Err(AppError::Refused(r)) => {
            let text = match duplicate {
                Some(key) if r.code == Conflict::Duplicate => nav.t(key),
                _ => nav.refusal(&r),
            };
            Back::to_path(to, None, Some(&text))
        }
        Err(AppError::Validation(fields)) => {
            let text = fields
                .iter()
                .map(|(k, v)| {
                    nav.t2(
                        "admin-field-problem",
                        "field",
                        field_name(&nav, k),
                        "problem",
                        nav.problem(v),
                    )
                })
                .collect::<Vec<_>>()
                .join("; ");
            let text = sentence(&nav.t1("admin-not-saved", "problems", text));
            Back::to_path(to, None, Some(&text))
        }
        Err(e) => return Err(e),
    };
    back.send(app, admin).await
}

/// `POST /admin/courses/{id}`: "Save course" (bad input → 422 with the form again).
pub async fn save(
    State(app): State<App>,
    PageAdmin(admin): PageAdmin,
    ApiPath(id): ApiPath<i64>,
    Form(fields): Form<Fields>,
) -> Result<Response, AppError> {
    let nav = Nav::of(Some(&admin));
    let current: ProgramRecord = courses::program(&app, id).await?;
    let input = ProgramInput {
        code: current.code.clone(),
        title: field(&fields, "title"),
        description: optional(field(&fields, "description")),
        timezone: optional(field(&fields, "timezone")),
        is_active: Some(!field(&fields, "active").is_empty()),
        level_ids: Some(current.levels.iter().map(|l| l.id).collect()),
    };
    match courses::update_program(&app, id, input).await {
        Err(AppError::Validation(problems)) => {
            let errors = by_field(&nav, problems, &["title", "description", "timezone"]);
            again(&app, &admin, id, Posted::Course(&fields, errors)).await
        }
        done => {
            let done = done.map(|_| nav.t("admin-course-saved"));
            after(&app, &admin, id, done, None).await
        }
    }
}

/// `POST /admin/courses/{id}/steps`: "Add step" (the step goes last; bad input → 422).
pub async fn add_step(
    State(app): State<App>,
    PageAdmin(admin): PageAdmin,
    ApiPath(id): ApiPath<i64>,
    Form(fields): Form<Fields>,
) -> Result<Response, AppError> {
    let nav = Nav::of(Some(&admin));
    let current = courses::program(&app, id).await?;
    let last = current.steps.iter().map(|s| i64::from(s.step_order)).max();
    let input = StepInput {
        step_order: last.unwrap_or(0) + 1,
        label: field(&fields, "label"),
        title: field(&fields, "title"),
        description: optional(field(&fields, "description")),
        is_required: !field(&fields, "required").is_empty(),
    };
    match courses::add_step(&app, id, input).await {
        Err(AppError::Validation(problems)) => {
            let errors = by_field(&nav, problems, &["label", "title", "description"]);
            again(&app, &admin, id, Posted::NewStep(&fields, errors)).await
        }
        done => {
            let done = done.map(|_| nav.t("admin-step-added"));
            after(&app, &admin, id, done, Some("admin-step-label-taken")).await
        }
    }
}

/// `POST /admin/courses/{id}/steps/{stepId}`: "Save step" (its label, title, description and
/// Required; the order stays). Bad input → 422 with the step's form again.
pub async fn edit_step(
    State(app): State<App>,
    PageAdmin(admin): PageAdmin,
    ApiPath((id, step_id)): ApiPath<(i64, i64)>,
    Form(fields): Form<Fields>,
) -> Result<Response, AppError> {
    let nav = Nav::of(Some(&admin));
    let current = courses::program(&app, id).await?;
    let step = current
        .steps
        .iter()
        .find(|s| s.id == step_id)
        .ok_or(AppError::NotFound)?;
    let input = StepInput {
        step_order: i64::from(step.step_order),
        label: field(&fields, "label"),
        title: field(&fields, "title"),
        description: optional(field(&fields, "description")),
        is_required: !field(&fields, "required").is_empty(),
    };
    match courses::update_step(&app, step_id, input).await {
        Err(AppError::Validation(problems)) => {
            let errors = by_field(&nav, problems, &["label", "title", "description"]);
            again(&app, &admin, id, Posted::Step(step_id, &fields, errors)).await
        }
        done => {
            let done = done.map(|s| nav.t1("admin-step-saved", "label", s.label));
            after(&app, &admin, id, done, Some("admin-step-label-taken")).await
        }
    }
}

/// `POST /admin/courses/{id}/steps/{stepId}/{action}`: move up, move down, delete, add option.
pub async fn step_action(
    State(app): State<App>,
    PageAdmin(admin): PageAdmin,
    ApiPath((id, step_id, action)): ApiPath<(i64, i64, String)>,
    Form(fields): Form<Fields>,
) -> Result<Response, AppError> {
    let nav = Nav::of(Some(&admin));
    let done = match action.as_str() {
        "up" | "down" => {
            let current = courses::program(&app, id).await?;
            let mut order: Vec<i64> = current.steps.iter().map(|s| s.id).collect();
            match order.iter().position(|s| *s == step_id) {
                Some(i) if action == "up" && i > 0 => order.swap(i, i - 1),
                Some(i) if action == "down" && i + 1 < order.len() => order.swap(i, i + 1),
                Some(_) => {}
                None => return Err(AppError::NotFound),
            }
            courses::reorder_steps(&app, id, &order)
                .await
                .map(|_| nav.t("admin-steps-reordered"))
        }
        "delete" => courses::delete_step(&app, step_id)
            .await
            .map(|()| nav.t("admin-step-deleted")),
        "options" => match field(&fields, "groupClassId").parse::<i64>() {
            Ok(class) => courses::add_option(&app, step_id, class)
                .await
                .map(|_| nav.t("admin-option-added")),
            Err(_) => Err(AppError::field("groupClassId", Problem::new("chosen"))),
        },
        _ => return Err(AppError::NotFound),
    };
    after(&app, &admin, id, done, None).await
}

/// `POST /admin/courses/{id}/options/{optionId}/delete`: "Remove option".
pub async fn remove_option(
    State(app): State<App>,
    PageAdmin(admin): PageAdmin,
    ApiPath((id, option_id)): ApiPath<(i64, i64)>,
) -> Result<Response, AppError> {
    let nav = Nav::of(Some(&admin));
    let done = courses::delete_option(&app, option_id)
        .await
        .map(|()| nav.t("admin-option-removed"));
    after(&app, &admin, id, done, None).await
}
