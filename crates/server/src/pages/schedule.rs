//! `GET /schedule`: upcoming group sessions by day, in the visitor's time zone.

use askama::Template;
use aula_db::levels::{self, Level};
use aula_db::sessions::{self, SessionFilter};
use aula_db::{group_classes, teachers};
use aula_domain::{SessionKind, SessionStatus};
use axum::extract::State;
use axum::response::Html;
use chrono::{DateTime, Duration, Utc};
use serde::Deserialize;

use crate::extract::{ApiQuery, MaybeUser};
use crate::pages::{Nav, render};
use crate::services::scheduling::zone;
use crate::{App, AppError};

/// Days shown ahead.
const HORIZON_DAYS: i64 = 14;

/// Filters from the form; `tz` is the visitor's IANA zone (set by the page's script).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ScheduleQuery {
    level_id: Option<String>,
    teacher_id: Option<String>,
    tz: Option<String>,
}

struct Row {
    id: i64,
    start_iso: String,
    end_iso: String,
    start_local: String,
    end_local: String,
    title: String,
    levels: String,
    teacher: String,
    free: i64,
    capacity: i32,
    waiting: i64,
    /// The student holds a seat in it.
    booked: bool,
}

struct Day {
    label: String,
    sessions: Vec<Row>,
}

#[derive(Template)]
#[template(path = "schedule.html")]
struct SchedulePage {
    nav: Nav,
    /// (id, label, selected)
    levels: Vec<(i64, String, bool)>,
    /// (id, name, selected)
    teachers: Vec<(i64, String, bool)>,
    selected_level: Option<i64>,
    selected_teacher: Option<i64>,
    zone: String,
    horizon_days: i64,
    days: Vec<Day>,
    logged_in: bool,
}

/// The public schedule.
pub async fn show(
    State(app): State<App>,
    MaybeUser(user): MaybeUser,
    ApiQuery(q): ApiQuery<ScheduleQuery>,
) -> Result<Html<String>, AppError> {
    let tz = zone(q.tz.as_deref().unwrap_or("UTC"));
    let level = q.level_id.and_then(|v| v.parse().ok());
    let teacher = q.teacher_id.and_then(|v| v.parse().ok());
    let now = app.clock.now();
    let filter = SessionFilter {
        kind: Some(SessionKind::Group),
        status: Some(SessionStatus::Scheduled),
        from: Some(now),
        to: Some(now + Duration::days(HORIZON_DAYS)),
        level_id: level,
        teacher_id: teacher,
        group_class_id: None,
    };
    let found = sessions::list_all(&app.db, &filter).await?;
    // The viewer's own seats, so a booked session says "Booked" instead of offering "Book".
    let mine: std::collections::HashSet<i64> = match &user {
        Some(u) => {
            let range = aula_db::bookings::BookingFilter {
                from: Some(now),
                to: Some(now + Duration::days(HORIZON_DAYS)),
            };
            aula_db::bookings::list_for_student(&app.db, u.user.student_id, &range)
                .await?
                .into_iter()
                .filter(|b| b.status == aula_domain::BookingStatus::Confirmed)
                .map(|b| b.session_id)
                .collect()
        }
        None => Default::default(),
    };
    let teacher_list: Vec<(i64, String)> = teachers::list(&app.db, false)
        .await?
        .into_iter()
        .map(|t| (t.id, t.display_name))
        .collect();
    let classes = group_classes::list(&app.db, &Default::default()).await?;
    let mut days: Vec<Day> = Vec::new();
    for s in found {
        let class = classes.iter().find(|c| Some(c.id) == s.group_class_id);
        let local = |t: DateTime<Utc>| t.with_timezone(&tz);
        let label = local(s.start_at).format("%A %-d %B %Y").to_string();
        let row = Row {
            id: s.id,
            start_iso: s.start_at.to_rfc3339(),
            end_iso: s.end_at.to_rfc3339(),
            start_local: local(s.start_at).format("%H:%M").to_string(),
            end_local: local(s.end_at).format("%H:%M").to_string(),
            title: s.title.clone().unwrap_or_else(|| "Group class".into()),
            levels: class
                .map(|c| {
                    c.levels
                        .iter()
                        .map(|l| l.code.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .unwrap_or_default(),
            teacher: teacher_list
                .iter()
                .find(|(id, _)| *id == s.teacher_id)
                .map(|(_, n)| n.clone())
                .unwrap_or_default(),
            free: s.available_spots(),
            capacity: s.capacity_max,
            waiting: s.waitlist_count,
            booked: mine.contains(&s.id),
        };
        match days.last_mut() {
            Some(d) if d.label == label => d.sessions.push(row),
            _ => days.push(Day {
                label,
                sessions: vec![row],
            }),
        }
    }
    render(&SchedulePage {
        nav: Nav::of(user.as_ref()),
        levels: levels::list(&app.db)
            .await?
            .into_iter()
            .map(|l: Level| (l.id, format!("{} {}", l.code, l.name), Some(l.id) == level))
            .collect(),
        teachers: teacher_list
            .into_iter()
            .map(|(id, name)| (id, name, Some(id) == teacher))
            .collect(),
        selected_level: level,
        selected_teacher: teacher,
        zone: tz.name().to_owned(),
        horizon_days: HORIZON_DAYS,
        days,
        logged_in: user.is_some(),
    })
}
