//! `GET /schedule`: upcoming group sessions by day, in the visitor's time zone.

use askama::Template;
use aula_db::levels::{self, Level};
use aula_db::sessions::{self, SessionFilter};
use aula_db::{group_classes, teachers};
use aula_domain::{SessionKind, SessionStatus};
use axum::extract::State;
use axum::response::Html;
use std::collections::{HashMap, HashSet};

use chrono::Duration;
use serde::Deserialize;

use crate::extract::{ApiQuery, MaybeUser};
use crate::pages::{Flash, Nav, render};
use crate::services::credits;
use crate::{App, AppError};

/// Days shown ahead.
const HORIZON_DAYS: i64 = 14;

/// Filters from the form; `tz` shows the times in another IANA zone than the viewer's.
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
    teacher_id: i64,
    free: i64,
    capacity: i32,
    waiting: i64,
    /// The student holds a seat in it.
    booked: bool,
    /// The student's place on its waiting list.
    place: Option<i64>,
    /// What booking it would cost the student with the recommended credit ("1 credit"), or that
    /// no credit of theirs can pay.
    cost: Option<String>,
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
    horizon_days: i64,
    days: Vec<Day>,
    logged_in: bool,
    notice: Option<String>,
    problem: Option<String>,
}

/// The public schedule, in the viewer's zone (`?tz=` shows it in another).
pub async fn show(
    State(app): State<App>,
    MaybeUser(user): MaybeUser,
    ApiQuery(q): ApiQuery<ScheduleQuery>,
) -> Result<Html<String>, AppError> {
    let mut nav = Nav::of(user.as_ref());
    if let Some(tz) =
        q.tz.as_deref()
            .and_then(|z| z.parse::<chrono_tz::Tz>().ok())
    {
        nav.viewer.zone = tz;
    }
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
    // The viewer's own seats and waiting-list places, and what each session would cost them.
    let (mine, places, costs, flash) = match &user {
        Some(u) => {
            let range = aula_db::bookings::BookingFilter {
                from: Some(now),
                to: Some(now + Duration::days(HORIZON_DAYS)),
            };
            let mine: HashSet<i64> =
                aula_db::bookings::list_for_student(&app.db, u.user.student_id, &range)
                    .await?
                    .into_iter()
                    .filter(|b| b.status == aula_domain::BookingStatus::Confirmed)
                    .map(|b| b.session_id)
                    .collect();
            let places: HashMap<i64, i64> =
                aula_db::bookings::my_waitlist(&app.db, u.user.student_id)
                    .await?
                    .into_iter()
                    .map(|w| (w.session_id, w.position))
                    .collect();
            let costs = credits::recommended_for_each(&app, u.user.student_id, &found).await?;
            (mine, places, costs, Flash::take(&app, u).await?)
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
        let label = nav.date(s.start_at);
        let row = Row {
            id: s.id,
            start_iso: s.start_at.to_rfc3339(),
            end_iso: s.end_at.to_rfc3339(),
            start_local: nav.time(s.start_at),
            end_local: nav.time(s.end_at),
            title: s
                .title
                .clone()
                .unwrap_or_else(|| nav.t("schedule-group-class")),
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
            teacher_id: s.teacher_id,
            free: s.available_spots(),
            capacity: s.capacity_max,
            waiting: s.waitlist_count,
            booked: mine.contains(&s.id),
            place: places.get(&s.id).copied(),
            cost: user.as_ref().map(|_| match costs.get(&s.id) {
                Some(o) if o.fit == aula_domain::credits::Fit::Higher => {
                    nav.t1("schedule-cost-higher", "credits", o.credits_cost)
                }
                Some(o) => nav.t1("schedule-cost", "credits", o.credits_cost),
                None => nav.t("schedule-cost-none"),
            }),
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
        horizon_days: HORIZON_DAYS,
        days,
        logged_in: user.is_some(),
        notice: flash.notice,
        problem: flash.problem,
        nav,
    })
}
