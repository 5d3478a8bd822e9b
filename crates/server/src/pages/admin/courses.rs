//! `/admin/courses…`: course programs, their steps (add, move, delete) and options (attach a group
//! class, remove), through the same services as the API. Refusals come back as sentences.

use std::collections::BTreeMap;

use askama::Template;
use aula_db::courses::ProgramRecord;
use aula_db::group_classes::{self, ClassFilter};
use aula_db::levels::{self, Level};
use aula_domain::Refusal;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::extract::{ApiPath, PageAdmin};
use crate::pages::admin::{Fields, field};
use crate::pages::{Back, Flash, Nav, render};
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
    Ok(render(&NewPage {
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
    match courses::create_program(&app, input).await {
        Ok(p) => {
            Back::to_path(
                format!("/admin/courses/{}", p.id),
                Some("Course created."),
                None,
            )
            .send(&app, &admin)
            .await
        }
        Err(e @ (AppError::Validation(_) | AppError::Refused(_))) => {
            let errors = match e {
                AppError::Validation(f) => f,
                AppError::Refused(Refusal { message, .. }) => {
                    BTreeMap::from([("code".to_owned(), message)])
                }
                _ => BTreeMap::new(),
            };
            let all = levels::list(&app.db).await?;
            let page = NewPage {
                nav: Nav::of(Some(&admin)),
                code: field(&fields, "code"),
                title: field(&fields, "title"),
                description: field(&fields, "description"),
                timezone: field(&fields, "timezone"),
                levels: level_boxes(&all, &chosen),
                errors,
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

struct StepLine {
    id: i64,
    label: String,
    title: String,
    first: bool,
    last: bool,
    options: Vec<OptionLine>,
}

struct ClassChoice {
    id: i64,
    title: String,
}

#[derive(Template)]
#[template(path = "admin_course.html")]
struct CoursePage {
    nav: Nav,
    id: i64,
    code: String,
    title: String,
    description: String,
    timezone: String,
    active: bool,
    steps: Vec<StepLine>,
    classes: Vec<ClassChoice>,
    notice: Option<String>,
    problem: Option<String>,
}

/// `GET /admin/courses/{id}`
pub async fn show(
    State(app): State<App>,
    PageAdmin(admin): PageAdmin,
    ApiPath(id): ApiPath<i64>,
) -> Result<Response, AppError> {
    let p = courses::program(&app, id).await?;
    let flash = Flash::take(&app, &admin).await?;
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
        })
        .collect();
    Ok(render(&CoursePage {
        nav: Nav::of(Some(&admin)),
        id,
        code: p.code,
        title: p.title,
        description: p.description.unwrap_or_default(),
        timezone: p.timezone,
        active: p.is_active,
        steps,
        classes,
        notice: flash.notice,
        problem: flash.problem,
    })?
    .into_response())
}

/// Back to the course page with what happened: a notice, or the refusal as a sentence.
async fn after(
    app: &App,
    admin: &crate::extract::CurrentUser,
    id: i64,
    result: Result<&str, AppError>,
) -> Result<Response, AppError> {
    let to = format!("/admin/courses/{id}");
    let back = match result {
        Ok(notice) => Back::to_path(to, Some(notice), None),
        Err(AppError::Refused(Refusal { message, .. })) => Back::to_path(to, None, Some(&message)),
        Err(AppError::Validation(fields)) => {
            let text = fields
                .iter()
                .map(|(k, v)| format!("{k} {v}"))
                .collect::<Vec<_>>()
                .join("; ");
            Back::to_path(to, None, Some(&format!("Not saved: {text}.")))
        }
        Err(e) => return Err(e),
    };
    back.send(app, admin).await
}

/// `POST /admin/courses/{id}`: "Save course".
pub async fn save(
    State(app): State<App>,
    PageAdmin(admin): PageAdmin,
    ApiPath(id): ApiPath<i64>,
    Form(fields): Form<Fields>,
) -> Result<Response, AppError> {
    let current: ProgramRecord = courses::program(&app, id).await?;
    let input = ProgramInput {
        code: current.code.clone(),
        title: field(&fields, "title"),
        description: optional(field(&fields, "description")),
        timezone: optional(field(&fields, "timezone")),
        is_active: Some(!field(&fields, "active").is_empty()),
        level_ids: Some(current.levels.iter().map(|l| l.id).collect()),
    };
    let done = courses::update_program(&app, id, input)
        .await
        .map(|_| "Course saved.");
    after(&app, &admin, id, done).await
}

/// `POST /admin/courses/{id}/steps`: "Add step" (the step goes last).
pub async fn add_step(
    State(app): State<App>,
    PageAdmin(admin): PageAdmin,
    ApiPath(id): ApiPath<i64>,
    Form(fields): Form<Fields>,
) -> Result<Response, AppError> {
    let current = courses::program(&app, id).await?;
    let last = current.steps.iter().map(|s| i64::from(s.step_order)).max();
    let input = StepInput {
        step_order: last.unwrap_or(0) + 1,
        label: field(&fields, "label"),
        title: field(&fields, "title"),
        description: optional(field(&fields, "description")),
        is_required: !field(&fields, "required").is_empty(),
    };
    let done = courses::add_step(&app, id, input)
        .await
        .map(|_| "Step added.");
    after(&app, &admin, id, done).await
}

/// `POST /admin/courses/{id}/steps/{stepId}/{action}`: move up, move down, delete, add option.
pub async fn step_action(
    State(app): State<App>,
    PageAdmin(admin): PageAdmin,
    ApiPath((id, step_id, action)): ApiPath<(i64, i64, String)>,
    Form(fields): Form<Fields>,
) -> Result<Response, AppError> {
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
                .map(|_| "Steps reordered.")
        }
        "delete" => courses::delete_step(&app, step_id)
            .await
            .map(|()| "Step deleted."),
        "options" => match field(&fields, "groupClassId").parse::<i64>() {
            Ok(class) => courses::add_option(&app, step_id, class)
                .await
                .map(|_| "Option added."),
            Err(_) => Err(AppError::field("groupClassId", "choose a group class")),
        },
        _ => return Err(AppError::NotFound),
    };
    after(&app, &admin, id, done).await
}

/// `POST /admin/courses/{id}/options/{optionId}/delete`: "Remove option".
pub async fn remove_option(
    State(app): State<App>,
    PageAdmin(admin): PageAdmin,
    ApiPath((id, option_id)): ApiPath<(i64, i64)>,
) -> Result<Response, AppError> {
    let done = courses::delete_option(&app, option_id)
        .await
        .map(|()| "Option removed.");
    after(&app, &admin, id, done).await
}
