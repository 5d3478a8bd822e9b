//! `GET /teacher/sessions`, `GET /teacher/sessions/{id}` and its attendance form: the teacher's
//! sessions, the roster, and from the session's start "Attended" / "No-show" per booking.

use askama::Template;
use aula_db::bookings::{self, Mark};
use aula_db::sessions::{self, SessionFilter};
use aula_domain::{BookingStatus, Refusal};
use axum::Form;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use chrono::Duration;

use crate::extract::{ApiPath, PageTeacher};
use crate::pages::{Back, Flash, Nav, local_time, render};
use crate::services::booking;
use crate::services::scheduling::zone;
use crate::{App, AppError};

struct Line {
    id: i64,
    when: String,
    title: String,
    booked: i64,
    capacity: i32,
    status: String,
}

#[derive(Template)]
#[template(path = "teacher_sessions.html")]
struct ListPage {
    nav: Nav,
    zone: String,
    lines: Vec<Line>,
}

/// The teacher's sessions from 7 days ago to 30 days ahead, in the teacher's zone.
pub async fn list(
    State(app): State<App>,
    PageTeacher { user, teacher_id }: PageTeacher,
) -> Result<Response, AppError> {
    let now = app.clock.now();
    let tz = teacher_zone(&app, teacher_id).await?;
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
            when: local_time(s.start_at, &tz),
            title: s
                .title
                .clone()
                .unwrap_or_else(|| "Private lesson".to_owned()),
            booked: s.booked_count,
            capacity: s.capacity_max,
            status: s.status.as_str().to_owned(),
        })
        .collect();
    Ok(render(&ListPage {
        nav: Nav::of(Some(&user)),
        zone: tz.name().to_owned(),
        lines,
    })?
    .into_response())
}

async fn teacher_zone(app: &App, teacher_id: i64) -> Result<chrono_tz::Tz, AppError> {
    let t = aula_db::teachers::get(&app.db, teacher_id).await?;
    Ok(zone(t.as_ref().map_or("UTC", |t| t.timezone.as_str())))
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
    zone: String,
    started: bool,
    people: Vec<Person>,
    notice: Option<String>,
    problem: Option<String>,
}

/// One session: the roster, and the attendance form once it has started.
pub async fn show(
    State(app): State<App>,
    PageTeacher { user, teacher_id }: PageTeacher,
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
    let tz = teacher_zone(&app, teacher_id).await?;
    let people = bookings::roster(&app.db, id)
        .await?
        .into_iter()
        .map(|l| Person {
            booking_id: l.booking_id,
            name: l.student_name,
            status: l.status.words().to_owned(),
            attended: l.status == BookingStatus::Completed,
            no_show: l.status == BookingStatus::NoShow,
            active: l.status != BookingStatus::Cancelled,
        })
        .collect();
    Ok(render(&SessionPage {
        nav: Nav::of(Some(&user)),
        id,
        title: session
            .title
            .clone()
            .unwrap_or_else(|| "Private lesson".to_owned()),
        when: local_time(session.start_at, &tz),
        zone: tz.name().to_owned(),
        started: app.clock.now() >= session.start_at,
        people,
        notice: flash.notice,
        problem: flash.problem,
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
    let result = booking::attendance(&app, &user, id, &items).await;
    match result {
        Ok(done) => back(
            Some(&format!("Attendance saved for {} student(s).", done.len())),
            None,
        ),
        Err(AppError::Refused(Refusal { message, .. })) => back(None, Some(&message)),
        Err(AppError::Validation(_)) => {
            back(None, Some("Choose Attended or No-show for each student."))
        }
        Err(e) => return Err(e),
    }
    .send(&app, &user)
    .await
}
