//! Creating and changing group classes: every field checked, sessions given and generated checked
//! against each other, then the database checks the teachers' other sessions under lock.

use aula_db::group_classes::{self, ClassChanges, NewGroupClass};
use aula_db::teachers;
use aula_domain::schedule::{Interval, Recurrence, RecurrenceInput, find_overlap};
use aula_domain::{Conflict, Problem};
use chrono::{DateTime, Duration, Utc};

use crate::error::FieldErrors;
use crate::services::fields::{description, levels};
use crate::services::scheduling::{ClassView, class_view};
use crate::{App, AppError};

/// Most sessions one class may hold.
const MAX_SESSIONS: usize = 1000;

/// A new class as asked for.
#[derive(Debug)]
pub struct NewClassInput {
    pub title: String,
    pub description: Option<String>,
    pub capacity_max: i64,
    pub level_ids: Vec<i64>,
    pub teacher_ids: Vec<i64>,
    pub primary_teacher_id: Option<i64>,
    pub sessions: Vec<(DateTime<Utc>, DateTime<Utc>)>,
    pub recurrence: Option<RecurrenceInput>,
}

fn title(errors: &mut FieldErrors, raw: &str) -> String {
    let t = raw.trim().to_owned();
    if t.is_empty() || t.chars().count() > 255 {
        errors.add("title", Problem::chars(1, 255));
    }
    t
}

fn capacity(errors: &mut FieldErrors, raw: i64) -> i32 {
    if !(1..=500).contains(&raw) {
        errors.add("capacityMax", Problem::between(1, 500));
    }
    raw.clamp(1, 500) as i32
}

/// Checks the teachers (1-10, active, no repeats) and picks the primary (default: the first).
async fn teachers_of(
    app: &App,
    errors: &mut FieldErrors,
    ids: &[i64],
    primary: Option<i64>,
) -> Result<(Vec<i64>, i64), AppError> {
    let mut seen = Vec::new();
    for id in ids {
        if !seen.contains(id) {
            seen.push(*id);
        }
    }
    if seen.is_empty() || seen.len() > 10 {
        errors.add("teacherIds", Problem::new("teacher-count").with("max", 10));
    }
    let active: Vec<i64> = teachers::list(&app.db, false)
        .await?
        .into_iter()
        .map(|t| t.id)
        .collect();
    if let Some(bad) = seen.iter().find(|t| !active.contains(t)) {
        errors.add(
            "teacherIds",
            Problem::new("not-active-teacher").with("id", *bad),
        );
    }
    let primary = primary
        .or_else(|| seen.first().copied())
        .unwrap_or_default();
    if !seen.contains(&primary) && !seen.is_empty() {
        errors.add(
            "primaryTeacherId",
            Problem::new("one-of-field").with("other", "teacherIds"),
        );
    }
    Ok((seen, primary))
}

fn given_sessions(
    errors: &mut FieldErrors,
    given: &[(DateTime<Utc>, DateTime<Utc>)],
    now: DateTime<Utc>,
) -> Vec<Interval> {
    let mut out = Vec::new();
    for (i, (start, end)) in given.iter().enumerate() {
        if end <= start {
            errors.add(&format!("sessions[{i}].endAt"), Problem::after("startAt"));
        } else if *end - *start > Duration::hours(12) {
            errors.add(
                &format!("sessions[{i}].endAt"),
                Problem::new("session-hours").with("max", 12),
            );
        } else if *start <= now {
            errors.add(&format!("sessions[{i}].startAt"), Problem::new("future"));
        } else {
            out.push(Interval::new(*start, *end));
        }
    }
    out
}

/// Creates a class with its given and generated sessions.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn create(app: &App, input: NewClassInput) -> Result<ClassView, AppError> {
    let now = app.clock.now();
    let mut errors = FieldErrors::default();
    let title = title(&mut errors, &input.title);
    let description = description(&mut errors, input.description);
    let capacity_max = capacity(&mut errors, input.capacity_max);
    let level_ids = levels(app, &mut errors, &input.level_ids).await?;
    let (teacher_ids, primary) = teachers_of(
        app,
        &mut errors,
        &input.teacher_ids,
        input.primary_teacher_id,
    )
    .await?;
    let mut sessions = given_sessions(&mut errors, &input.sessions, now);
    let recurrence_json = input.recurrence.as_ref().map(recurrence_json);
    let recurrence = input
        .recurrence
        .and_then(|r| errors.take(Recurrence::parse(r)));
    if let Some(r) = &recurrence {
        sessions.extend(r.occurrences().into_iter().filter(|i| i.start > now));
    }
    if errors.is_empty() && sessions.is_empty() {
        errors.add("sessions", Problem::new("sessions-needed"));
    }
    if sessions.len() > MAX_SESSIONS {
        errors.add(
            "sessions",
            Problem::new("at-most-sessions").with("max", MAX_SESSIONS as i64),
        );
    }
    errors.finish()?;
    sessions.sort();
    if let Some((a, b)) = find_overlap(&sessions) {
        return Err(AppError::conflict(
            Conflict::SlotUnavailable,
            format!(
                "sessions starting {} and {} overlap",
                sessions[a].start.to_rfc3339(),
                sessions[b].start.to_rfc3339()
            ),
        ));
    }
    let new = NewGroupClass {
        title,
        description,
        capacity_max,
        level_ids,
        teacher_ids,
        primary_teacher_id: primary,
        recurrence: recurrence_json,
        source_timezone: recurrence.map(|r| r.timezone.name().to_owned()),
        sessions,
    };
    let class = group_classes::create(&app.db, new, now).await?;
    class_view(app, class).await
}

fn recurrence_json(r: &RecurrenceInput) -> String {
    serde_json::json!({
        "timezone": r.timezone,
        "weekdays": r.weekdays,
        "startTime": r.start_time,
        "durationMinutes": r.duration_minutes,
        "startDate": r.start_date,
        "endDate": r.end_date,
    })
    .to_string()
}

/// Changes asked for a class; `None` leaves a field as it is.
#[derive(Debug, Default)]
pub struct ClassPatch {
    pub title: Option<String>,
    pub description: Option<String>,
    pub capacity_max: Option<i64>,
    pub level_ids: Option<Vec<i64>>,
    pub teacher_ids: Option<Vec<i64>>,
    pub primary_teacher_id: Option<i64>,
    pub is_active: Option<bool>,
}

/// Applies a patch; see [`group_classes::update`] for the conflicts.
#[tracing::instrument(skip_all, fields(class_id = id), err(level = "info"))]
pub async fn update(app: &App, id: i64, patch: ClassPatch) -> Result<ClassView, AppError> {
    let current = group_classes::load(&app.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut errors = FieldErrors::default();
    let mut ch = ClassChanges {
        title: patch.title.map(|t| title(&mut errors, &t)),
        description: patch.description.map(|d| description(&mut errors, Some(d))),
        capacity_max: patch.capacity_max.map(|c| capacity(&mut errors, c)),
        is_active: patch.is_active,
        ..Default::default()
    };
    if let Some(ids) = &patch.level_ids {
        ch.level_ids = Some(levels(app, &mut errors, ids).await?);
    }
    if patch.teacher_ids.is_some() || patch.primary_teacher_id.is_some() {
        let ids = patch
            .teacher_ids
            .unwrap_or_else(|| current.teachers.iter().map(|(t, _)| *t).collect());
        let primary = patch
            .primary_teacher_id
            .or_else(|| current.primary_teacher_id().filter(|p| ids.contains(p)));
        ch.teachers = Some(teachers_of(app, &mut errors, &ids, primary).await?);
    }
    errors.finish()?;
    let class = group_classes::update(&app.db, id, ch, app.clock.now()).await?;
    class_view(app, class).await
}

/// Shortest and longest session added one at a time, in minutes (as a weekly class's).
const SESSION_MINUTES: std::ops::RangeInclusive<i64> = 15..=480;

/// Adds one future session of `duration_minutes` starting at `start` to class `id`, taught by its
/// primary teacher (422 on `startAt` or `durationMinutes`; 409 `slot_unavailable` when a teacher
/// of the class is busy then). `zone` is the zone the time was given in. Returns the session id.
#[tracing::instrument(skip_all, fields(class_id = id), err(level = "info"))]
pub async fn add_session(
    app: &App,
    id: i64,
    start: DateTime<Utc>,
    duration_minutes: i64,
    zone: Option<&str>,
) -> Result<i64, AppError> {
    let now = app.clock.now();
    let mut errors = FieldErrors::default();
    if start <= now {
        errors.add("startAt", Problem::new("future"));
    }
    if !SESSION_MINUTES.contains(&duration_minutes) {
        errors.add(
            "durationMinutes",
            Problem::between(*SESSION_MINUTES.start(), *SESSION_MINUTES.end()),
        );
    }
    errors.finish()?;
    let at = Interval::new(start, start + Duration::minutes(duration_minutes));
    let zone = zone.map(str::to_owned);
    Ok(group_classes::add_session(&app.db, id, at, zone, now).await?)
}
