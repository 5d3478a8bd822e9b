//! `/admin/group-classes…`: the classes, a weekly class made by a form, and a class's sessions
//! with seats and waiting list, each cancellable.

use std::collections::BTreeMap;

use askama::Template;
use aula_db::group_classes::{self, ClassFilter};
use aula_db::sessions::{self, SessionFilter};
use aula_db::{levels, teachers};
use aula_domain::schedule::RecurrenceInput;
use aula_domain::{Refusal, SessionStatus};
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::extract::{ApiPath, CurrentUser, PageAdmin};
use crate::pages::admin::{Fields, all, field};
use crate::pages::{Back, Flash, Nav, local_time, render};
use crate::services::group_classes::{self as classes, NewClassInput};
use crate::services::scheduling::zone;
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
    errors: BTreeMap<String, String>,
}

impl NewPage {
    fn error(&self, name: &str) -> Option<&str> {
        self.errors.get(name).map(String::as_str)
    }
}

const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

async fn new_page(
    app: &App,
    admin: &CurrentUser,
    fields: &Fields,
    errors: BTreeMap<String, String>,
) -> Result<NewPage, AppError> {
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
    Ok(NewPage {
        nav: Nav::of(Some(admin)),
        title: field(fields, "title"),
        description: field(fields, "description"),
        capacity: or("capacity", "8"),
        timezone: or("timezone", "UTC"),
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
        weekdays: DAYS
            .iter()
            .enumerate()
            .map(|(i, d)| Pick {
                value: (i + 1).to_string(),
                label: (*d).to_owned(),
                checked: chosen_days.contains(&(i + 1).to_string()),
            })
            .collect(),
        errors,
    })
}

/// `GET /admin/group-classes/new`
pub async fn new_form(
    State(app): State<App>,
    PageAdmin(admin): PageAdmin,
) -> Result<Response, AppError> {
    Ok(render(&new_page(&app, &admin, &Vec::new(), BTreeMap::new()).await?)?.into_response())
}

/// `POST /admin/group-classes`: a weekly class from "From" to "Until"; 422 with each problem.
pub async fn create(
    State(app): State<App>,
    PageAdmin(admin): PageAdmin,
    Form(fields): Form<Fields>,
) -> Result<Response, AppError> {
    let mut errors = BTreeMap::new();
    let number = |name: &str| field(&fields, name).parse::<i64>().ok();
    let capacity = number("capacity").unwrap_or_else(|| {
        errors.insert("capacityMax".to_owned(), "write a whole number".to_owned());
        0
    });
    let duration = number("duration").unwrap_or(0);
    let teacher = number("teacher");
    if teacher.is_none() {
        errors.insert("teacherIds".to_owned(), "choose a teacher".to_owned());
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
                    Some("Class created."),
                    None,
                )
                .send(&app, &admin)
                .await;
            }
            Err(AppError::Validation(f)) => errors.extend(f),
            Err(AppError::Refused(Refusal { message, .. })) => {
                errors.insert("teacherIds".to_owned(), message);
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
    zone: String,
    sessions: Vec<SessionLine>,
    notice: Option<String>,
    problem: Option<String>,
}

/// `GET /admin/group-classes/{id}`: its sessions with seats, waiting list and Cancel session.
pub async fn show(
    State(app): State<App>,
    PageAdmin(admin): PageAdmin,
    ApiPath(id): ApiPath<i64>,
) -> Result<Response, AppError> {
    let class = group_classes::load(&app.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let flash = Flash::take(&app, &admin).await?;
    let tz = zone(
        class
            .recurrence
            .as_deref()
            .and_then(|r| serde_json::from_str::<serde_json::Value>(r).ok())
            .and_then(|v| v["timezone"].as_str().map(str::to_owned))
            .as_deref()
            .unwrap_or("UTC"),
    );
    let now = app.clock.now();
    let filter = SessionFilter {
        group_class_id: Some(id),
        ..SessionFilter::default()
    };
    let sessions = sessions::list_all(&app.db, &filter)
        .await?
        .into_iter()
        .map(|s| SessionLine {
            id: s.id,
            when: local_time(s.start_at, &tz),
            booked: s.booked_count,
            capacity: s.capacity_max,
            waiting: s.waitlist_count,
            status: s.status.as_str().to_owned(),
            cancellable: s.status == SessionStatus::Scheduled && s.start_at > now,
        })
        .collect();
    Ok(render(&ClassPage {
        nav: Nav::of(Some(&admin)),
        id,
        title: class.title,
        zone: tz.name().to_owned(),
        sessions,
        notice: flash.notice,
        problem: flash.problem,
    })?
    .into_response())
}

/// `POST /admin/group-classes/{id}/sessions/{sessionId}/cancel`: "Cancel session" (bookings
/// cancelled and refunded, course steps back to UNBOOKED).
pub async fn cancel_session(
    State(app): State<App>,
    PageAdmin(admin): PageAdmin,
    ApiPath((id, session_id)): ApiPath<(i64, i64)>,
) -> Result<Response, AppError> {
    let to = format!("/admin/group-classes/{id}");
    let back = match aula_db::bookings::cancel_session(&app.db, session_id, app.clock.now()).await {
        Ok(()) => Back::to_path(
            to,
            Some("Session cancelled; its bookings were refunded."),
            None,
        ),
        Err(e) => match AppError::from(e) {
            AppError::Refused(Refusal { message, .. }) => Back::to_path(to, None, Some(&message)),
            other => return Err(other),
        },
    };
    back.send(&app, &admin).await
}
