//! `GET /teacher/sessions`, `GET /teacher/sessions/{id}` and its attendance form: the teacher's
//! sessions, the roster, and from the session's start "Attended" / "No-show" per booking.

use askama::Template;
use aula_db::bookings::{self, Mark};
use aula_db::sessions::{self, SessionFilter, SessionView};
use aula_domain::{BookingStatus, SessionStatus};
use axum::Form;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use chrono::Duration;

use crate::extract::{ApiPath, PageTeacher};
use crate::pages::{Back, Flash, Nav, render};
use crate::services::booking;
use crate::{App, AppError};

struct Line {
    id: i64,
    when: String,
    title: String,
    booked: i64,
    capacity: i32,
    /// The session's status in words when it is not simply scheduled.
    status: Option<String>,
}

#[derive(Template)]
#[template(path = "teacher_sessions.html")]
struct ListPage {
    nav: Nav,
    lines: Vec<Line>,
}

/// The class title, or "Private lesson".
fn title_of(nav: &Nav, s: &SessionView) -> String {
    s.title
        .clone()
        .unwrap_or_else(|| nav.t("teacher-private-lesson"))
}

/// The session's status in words, unless it is simply scheduled.
fn status_of(nav: &Nav, s: &SessionView) -> Option<String> {
    (s.status != SessionStatus::Scheduled)
        .then(|| nav.t(&format!("teacher-session-status-{}", s.status.as_str())))
}

/// The teacher's sessions from 7 days ago to 30 days ahead, in the viewer's zone.
pub async fn list(
    State(app): State<App>,
    PageTeacher { user, teacher_id }: PageTeacher,
) -> Result<Response, AppError> {
    let nav = Nav::of(Some(&user));
    let now = app.clock.now();
    let filter = SessionFilter {
        teacher_id: Some(teacher_id),
        from: Some(now - Duration::days(7)),
        to: Some(now + Duration::days(30)),
        ..SessionFilter::default()
    };
    let lines = sessions::list_all(&app.db, &filter)
        .await?
        .into_iter()
        .map(|s| Line {
            id: s.id,
            when: nav.span(s.start_at, s.end_at),
            title: title_of(&nav, &s),
            booked: s.booked_count,
            capacity: s.capacity_max,
            status: status_of(&nav, &s),
        })
        .collect();
    Ok(render(&ListPage { nav, lines })?.into_response())
}

struct Person {
    booking_id: i64,
    name: String,
    status: String,
    attended: bool,
    no_show: bool,
    active: bool,
}

#[derive(Template)]
#[template(path = "teacher_session.html")]
struct SessionPage {
    nav: Nav,
    id: i64,
    title: String,
    when: String,
    status: Option<String>,
    started: bool,
    people: Vec<Person>,
    notice: Option<String>,
    problem: Option<String>,
}

/// One session: the roster, and the attendance form once it has started.
pub async fn show(
    State(app): State<App>,
    PageTeacher { user, .. }: PageTeacher,
    ApiPath(id): ApiPath<i64>,
) -> Result<Response, AppError> {
    let session = sessions::get(&app.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    // Another teacher's session is answered as missing.
    if !booking::runs_session(&app, &user, &session).await? {
        return Err(AppError::NotFound);
    }
    let flash = Flash::take(&app, &user).await?;
    let nav = Nav::of(Some(&user));
    let people = bookings::roster(&app.db, id)
        .await?
        .into_iter()
        .map(|l| Person {
            booking_id: l.booking_id,
            name: l.student_name,
            status: nav.t(&format!("teacher-roster-status-{}", l.status.as_str())),
            attended: l.status == BookingStatus::Completed,
            no_show: l.status == BookingStatus::NoShow,
            active: l.status != BookingStatus::Cancelled,
        })
        .collect();
    Ok(render(&SessionPage {
        id,
        title: title_of(&nav, &session),
        when: nav.span(session.start_at, session.end_at),
        status: status_of(&nav, &session),
        started: app.clock.now() >= session.start_at,
        people,
        notice: flash.notice,
        problem: flash.problem,
        nav,
    })?
    .into_response())
}

/// `POST /teacher/sessions/{id}/attendance`: `b{bookingId}` = `attended` | `no_show` per booking.
pub async fn save(
    State(app): State<App>,
    PageTeacher { user, .. }: PageTeacher,
    ApiPath(id): ApiPath<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let nav = Nav::of(Some(&user));
    let items: Vec<(i64, Mark)> = fields
        .iter()
        .filter_map(|(k, v)| {
            let booking_id = k.strip_prefix('b')?.parse().ok()?;
            let mark = match v.as_str() {
                "attended" => Mark::Attended,
                "no_show" => Mark::NoShow,
                _ => return None,
            };
            Some((booking_id, mark))
        })
        .collect();
    let back = |notice: Option<&str>, problem: Option<&str>| {
        Back::to_path(format!("/teacher/sessions/{id}"), notice, problem)
    };
    if items.is_empty() {
        // Nothing chosen: nothing to save, and saying "saved" would mislead.
        return back(None, Some(&nav.t("teacher-attendance-choose")))
            .send(&app, &user)
            .await;
    }
    let result = booking::attendance(&app, &user, id, &items).await;
    match result {
        Ok(done) => back(
            Some(&nav.t1("teacher-attendance-saved", "count", done.len())),
            None,
        ),
        Err(AppError::Refused(r)) => back(None, Some(&nav.refusal(&r))),
        Err(AppError::Validation(_)) => back(None, Some(&nav.t("teacher-attendance-choose"))),
        Err(e) => return Err(e),
    }
    .send(&app, &user)
    .await
}
