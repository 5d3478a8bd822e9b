//! `/admin/group-classes…`: the classes, a weekly class made by a form, and a class's sessions
//! with seats and waiting list, each cancellable, and a form that adds one session.

use std::collections::BTreeMap;

use askama::Template;
use aula_db::group_classes::{self, ClassFilter, GroupClassRecord};
use aula_db::sessions::{self, SessionFilter};
use aula_db::{levels, teachers};
use aula_domain::SessionStatus;
use aula_domain::schedule::{RecurrenceInput, Tz, resolve_local};
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDateTime;

use crate::extract::{ApiPath, CurrentUser, PageAdmin};
use crate::pages::admin::{Fields, all, field};
use crate::pages::{Back, Flash, Nav, render};
use crate::services::group_classes::{self as classes, NewClassInput};
use crate::{App, AppError};

struct Line {
    id: i64,
    title: String,
    levels: String,
    teachers: usize,
    capacity: i32,
    active: bool,
}

#[derive(Template)]
#[template(path = "admin_classes.html")]
struct ListPage {
    nav: Nav,
    lines: Vec<Line>,
}

/// `GET /admin/group-classes`
pub async fn list(
    State(app): State<App>,
    PageAdmin(admin): PageAdmin,
) -> Result<Response, AppError> {
    let lines = group_classes::list(&app.db, &ClassFilter::default())
        .await?
        .into_iter()
        .map(|c| Line {
            id: c.id,
            levels: c
                .levels
                .iter()
                .map(|l| l.code.clone())
                .collect::<Vec<_>>()
                .join(", "),
            teachers: c.teachers.len(),
            capacity: c.capacity_max,
            active: c.is_active,
            title: c.title,
        })
        .collect();
    Ok(render(&ListPage {
        nav: Nav::of(Some(&admin)),
        lines,
    })?
    .into_response())
}

struct Pick {
    value: String,
    label: String,
    checked: bool,
}

#[derive(Template)]
#[template(path = "admin_class_new.html")]
struct NewPage {
    nav: Nav,
    title: String,
    description: String,
    capacity: String,
    timezone: String,
    start_time: String,
    duration: String,
    from: String,
    until: String,
    levels: Vec<Pick>,
    teachers: Vec<Pick>,
    weekdays: Vec<Pick>,
    /// Problems by form field; `form` holds those of no one field.
    errors: BTreeMap<String, String>,
    /// A refusal of the last try (a teacher busy then), shown once.
    problem: Option<String>,
}

impl NewPage {
    fn error(&self, name: &str) -> Option<&str> {
        self.errors.get(name).map(String::as_str)
    }
}

/// The form field of the new-class form that a service problem is about (`form`: none).
fn new_class_field(key: &str) -> &'static str {
    match key {
        "title" => "title",
        "description" => "description",
        "capacityMax" => "capacity",
        "levelIds" => "levels",
        "teacherIds" | "primaryTeacherId" => "teacher",
        "recurrence.timezone" => "timezone",
        "recurrence.weekdays" => "weekdays",
        "recurrence.startTime" => "startTime",
        "recurrence.durationMinutes" => "duration",
        "recurrence.startDate" => "from",
        "recurrence.endDate" => "until",
        _ => "form",
    }
}

async fn new_page(
    app: &App,
    admin: &CurrentUser,
    fields: &Fields,
    errors: BTreeMap<String, String>,
) -> Result<NewPage, AppError> {
    let nav = Nav::of(Some(admin));
    let chosen_levels = all(fields, "levels");
    let chosen_days = all(fields, "weekdays");
    let teacher = field(fields, "teacher");
    let or = |name: &str, default: &str| {
        let v = field(fields, name);
        if fields.is_empty() {
            default.to_owned()
        } else {
            v
        }
    };
    let weekdays = (1..=7)
        .map(|day: u8| Pick {
            value: day.to_string(),
            label: nav.t(&format!("admin-weekday-{day}")),
            checked: chosen_days.contains(&day.to_string()),
        })
        .collect();
    Ok(NewPage {
        title: field(fields, "title"),
        description: field(fields, "description"),
        capacity: or("capacity", "8"),
        timezone: or("timezone", nav.zone_name()),
        start_time: or("startTime", "18:00"),
        duration: or("duration", "60"),
        from: field(fields, "from"),
        until: field(fields, "until"),
        levels: levels::list(&app.db)
            .await?
            .into_iter()
            .map(|l| Pick {
                checked: chosen_levels.contains(&l.id.to_string()),
                value: l.id.to_string(),
                label: l.code,
            })
            .collect(),
        teachers: teachers::list(&app.db, false)
            .await?
            .into_iter()
            .map(|t| Pick {
                checked: teacher == t.id.to_string(),
                value: t.id.to_string(),
                label: t.display_name,
            })
            .collect(),
        weekdays,
        errors,
        problem: None,
        nav,
    })
}

/// `GET /admin/group-classes/new`
pub async fn new_form(
    State(app): State<App>,
    PageAdmin(admin): PageAdmin,
) -> Result<Response, AppError> {
    let mut page = new_page(&app, &admin, &Vec::new(), BTreeMap::new()).await?;
    page.problem = Flash::take(&app, &admin).await?.problem;
    Ok(render(&page)?.into_response())
}

/// `POST /admin/group-classes`: a weekly class from "From" to "Until"; 422 with each problem.
pub async fn create(
    State(app): State<App>,
    PageAdmin(admin): PageAdmin,
    Form(fields): Form<Fields>,
) -> Result<Response, AppError> {
    let nav = Nav::of(Some(&admin));
    let mut errors = BTreeMap::new();
    let number = |name: &str| field(&fields, name).parse::<i64>().ok();
    let capacity = number("capacity").unwrap_or_else(|| {
        errors.insert("capacity".to_owned(), nav.t("admin-whole-number"));
        0
    });
    let duration = number("duration").unwrap_or_else(|| {
        errors.insert("duration".to_owned(), nav.t("admin-whole-number"));
        0
    });
    let teacher = number("teacher");
    if teacher.is_none() {
        errors.insert("teacher".to_owned(), nav.t("admin-choose-teacher"));
    }
    if errors.is_empty() {
        let input = NewClassInput {
            title: field(&fields, "title"),
            description: Some(field(&fields, "description")).filter(|d| !d.is_empty()),
            capacity_max: capacity,
            level_ids: all(&fields, "levels")
                .iter()
                .filter_map(|v| v.parse().ok())
                .collect(),
            teacher_ids: teacher.into_iter().collect(),
            primary_teacher_id: teacher,
            sessions: Vec::new(),
            recurrence: Some(RecurrenceInput {
                timezone: field(&fields, "timezone"),
                weekdays: all(&fields, "weekdays")
                    .iter()
                    .filter_map(|v| v.parse().ok())
                    .collect(),
                start_time: field(&fields, "startTime"),
                duration_minutes: duration,
                start_date: field(&fields, "from"),
                end_date: field(&fields, "until"),
            }),
        };
        match classes::create(&app, input).await {
            Ok(c) => {
                return Back::to_path(
                    format!("/admin/group-classes/{}", c.class.id),
                    Some(&nav.t("admin-class-created")),
                    None,
                )
                .send(&app, &admin)
                .await;
            }
            Err(AppError::Validation(problems)) => {
                for (key, problem) in problems {
                    let text = nav.said(&problem);
                    errors
                        .entry(new_class_field(&key).to_owned())
                        .and_modify(|e: &mut String| {
                            e.push(' ');
                            e.push_str(&text);
                        })
                        .or_insert(text);
                }
            }
            // A refusal (the teacher is busy then) goes back to the form as a sentence (api.md:
            // every 409 answers 303 back to the page it came from).
            Err(AppError::Refused(r)) => {
                return Back::to("/admin/group-classes/new", None, Some(&nav.refusal(&r)))
                    .send(&app, &admin)
                    .await;
            }
            Err(e) => return Err(e),
        }
    }
    let page = new_page(&app, &admin, &fields, errors).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
}

struct SessionLine {
    id: i64,
    when: String,
    booked: i64,
    capacity: i32,
    waiting: i64,
    status: String,
    cancellable: bool,
}

#[derive(Template)]
#[template(path = "admin_class.html")]
struct ClassPage {
    nav: Nav,
    id: i64,
    title: String,
    /// The class's own zone, when it has one.
    class_zone: Option<String>,
    /// The zone "Starts at" is read in: the class's, else the viewer's.
    input_zone: String,
    sessions: Vec<SessionLine>,
    notice: Option<String>,
    problem: Option<String>,
    /// The "Add session" form: its values and problems (`startsAt`, `duration`, `form`).
    starts_at: String,
    duration: String,
    errors: BTreeMap<String, String>,
}

impl ClassPage {
    fn error(&self, name: &str) -> Option<&str> {
        self.errors.get(name).map(String::as_str)
    }
}

/// The zone a class's times are given in: its weekly rule's, when it has one.
fn class_zone(class: &GroupClassRecord) -> Option<Tz> {
    rule(class)?["timezone"].as_str()?.parse().ok()
}

/// The weekly rule a class was made with (JSON), if any.
fn rule(class: &GroupClassRecord) -> Option<serde_json::Value> {
    serde_json::from_str(class.recurrence.as_deref()?).ok()
}

/// The class page; `form` is a posted "Add session" form shown again with its problems.
async fn class_page(
    app: &App,
    admin: &CurrentUser,
    class: GroupClassRecord,
    flash: Flash,
    form: Option<(&Fields, BTreeMap<String, String>)>,
) -> Result<ClassPage, AppError> {
    let nav = Nav::of(Some(admin));
    let zone = class_zone(&class);
    let now = app.clock.now();
    let filter = SessionFilter {
        group_class_id: Some(class.id),
        ..SessionFilter::default()
    };
    let sessions = sessions::list_all(&app.db, &filter)
        .await?
        .into_iter()
        .map(|s| SessionLine {
            id: s.id,
            when: nav.span(s.start_at, s.end_at),
            booked: s.booked_count,
            capacity: s.capacity_max,
            waiting: s.waitlist_count,
            status: nav.t(&format!("admin-session-status-{}", s.status.as_str())),
            cancellable: s.status == SessionStatus::Scheduled && s.start_at > now,
        })
        .collect();
    let default_duration = rule(&class)
        .and_then(|r| r["durationMinutes"].as_i64())
        .unwrap_or(60)
        .to_string();
    let (starts_at, duration, errors) = match form {
        Some((fields, errors)) => (field(fields, "startsAt"), field(fields, "duration"), errors),
        None => (String::new(), default_duration, BTreeMap::new()),
    };
    Ok(ClassPage {
        id: class.id,
        title: class.title,
        class_zone: zone.map(|z| z.name().to_owned()),
        input_zone: zone.unwrap_or(nav.zone).name().to_owned(),
        sessions,
        notice: flash.notice,
        problem: flash.problem,
        starts_at,
        duration,
        errors,
        nav,
    })
}

async fn load_class(app: &App, id: i64) -> Result<GroupClassRecord, AppError> {
    group_classes::load(&app.db, id)
        .await?
        .ok_or(AppError::NotFound)
}

/// `GET /admin/group-classes/{id}`: its sessions with seats, waiting list and Cancel session,
/// and the "Add session" form.
pub async fn show(
    State(app): State<App>,
    PageAdmin(admin): PageAdmin,
    ApiPath(id): ApiPath<i64>,
) -> Result<Response, AppError> {
    let class = load_class(&app, id).await?;
    let flash = Flash::take(&app, &admin).await?;
    let page = class_page(&app, &admin, class, flash, None).await?;
    Ok(render(&page)?.into_response())
}

/// A `datetime-local` value (`2026-03-10T18:00`, seconds allowed).
fn local_date_time(raw: &str) -> Option<NaiveDateTime> {
    ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(raw, f).ok())
}

/// `POST /admin/group-classes/{id}/sessions`: "Add session" ("Starts at" read in the class's zone,
/// else the viewer's; "Duration (minutes)"). Bad input → 422 with the form again; a busy
/// teacher → back to the class with the refusal.
pub async fn add_session(
    State(app): State<App>,
    PageAdmin(admin): PageAdmin,
    ApiPath(id): ApiPath<i64>,
    Form(fields): Form<Fields>,
) -> Result<Response, AppError> {
    let nav = Nav::of(Some(&admin));
    let class = load_class(&app, id).await?;
    let zone = class_zone(&class).unwrap_or(nav.zone);
    let mut errors = BTreeMap::new();
    let raw_start = field(&fields, "startsAt");
    let start = if raw_start.is_empty() {
        errors.insert("startsAt".to_owned(), nav.t("admin-session-start-missing"));
        None
    } else {
        let local = local_date_time(&raw_start);
        if local.is_none() {
            errors.insert("startsAt".to_owned(), nav.t("admin-session-start-invalid"));
        }
        local.map(|l| resolve_local(zone, l))
    };
    let duration = field(&fields, "duration").parse::<i64>().ok();
    if duration.is_none() {
        errors.insert("duration".to_owned(), nav.t("admin-whole-number"));
    }
    if let (Some(start), Some(duration)) = (start, duration) {
        let to = format!("/admin/group-classes/{id}");
        match classes::add_session(&app, id, start, duration, Some(zone.name())).await {
            Ok(_) => {
                let notice = nav.t1("admin-session-added", "when", nav.when(start));
                return Back::to_path(to, Some(&notice), None)
                    .send(&app, &admin)
                    .await;
            }
            Err(AppError::Validation(problems)) => {
                for (key, problem) in problems {
                    let name = match key.as_str() {
                        "startAt" => "startsAt",
                        "durationMinutes" => "duration",
                        _ => "form",
                    };
                    errors.insert(name.to_owned(), nav.said(&problem));
                }
            }
            Err(AppError::Refused(r)) => {
                return Back::to_path(to, None, Some(&nav.refusal(&r)))
                    .send(&app, &admin)
                    .await;
            }
            Err(e) => return Err(e),
        }
    }
    let page = class_page(
        &app,
        &admin,
        class,
        Flash::default(),
        Some((&fields, errors)),
    )
    .await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
}

/// `POST /admin/group-classes/{id}/sessions/{sessionId}/cancel`: "Cancel session" (bookings
/// cancelled and refunded, course steps back to UNBOOKED).
pub async fn cancel_session(
    State(app): State<App>,
    PageAdmin(admin): PageAdmin,
    ApiPath((id, session_id)): ApiPath<(i64, i64)>,
) -> Result<Response, AppError> {
    let nav = Nav::of(Some(&admin));
    // Only a session of the class in the address.
    let session = aula_db::sessions::get(&app.db, session_id)
        .await?
        .filter(|s| s.group_class_id == Some(id))
        .ok_or(AppError::NotFound)?;
    let to = format!("/admin/group-classes/{id}");
    let back = match aula_db::bookings::cancel_session(&app.db, session.id, app.clock.now()).await {
        Ok(()) => Back::to_path(to, Some(&nav.t("admin-session-cancelled")), None),
        Err(e) => match AppError::from(e) {
            AppError::Refused(r) => Back::to_path(to, None, Some(&nav.refusal(&r))),
            other => return Err(other),
        },
    };
    back.send(&app, &admin).await
}
