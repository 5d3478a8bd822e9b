//! Scheduling use-cases: availability, free slots, group classes and their sessions.

use aula_db::sessions::{self, SessionFilter, SessionView};
use aula_db::{availability, group_classes, teachers};
use aula_domain::schedule::{Interval, Tz, WeeklyAvailability};
use chrono::{DateTime, Utc};

use crate::{App, AppError};

/// A teacher's saved availability (an empty set in their zone when none is saved).
pub async fn availability_of(app: &App, teacher_id: i64) -> Result<WeeklyAvailability, AppError> {
    let mut map = availability::load_many(&app.db, &[teacher_id]).await?;
    map.remove(&teacher_id).ok_or(AppError::NotFound)
}

/// Replaces a teacher's availability and returns what is now saved.
#[tracing::instrument(skip_all, fields(teacher_id), err(level = "info"))]
pub async fn save_availability(
    app: &App,
    teacher_id: i64,
    avail: &WeeklyAvailability,
) -> Result<WeeklyAvailability, AppError> {
    availability::replace(&app.db, teacher_id, avail, app.clock.now()).await?;
    availability_of(app, teacher_id).await
}

/// Free slots of active teachers in `[from, to)`, sorted by start then teacher. Unknown or
/// inactive teachers offer nothing.
pub async fn slots(
    app: &App,
    teacher_ids: &[i64],
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    minutes: u32,
) -> Result<Vec<(i64, Interval)>, AppError> {
    let active: Vec<i64> = teachers::list(&app.db, false)
        .await?
        .into_iter()
        .map(|t| t.id)
        .filter(|id| teacher_ids.contains(id))
        .collect();
    let avails = availability::load_many(&app.db, &active).await?;
    let busy_to = to + chrono::Duration::minutes(i64::from(minutes));
    let busy = availability::busy(&app.db, &active, from, busy_to).await?;
    let now = app.clock.now();
    let mut out = Vec::new();
    for id in active {
        let Some(avail) = avails.get(&id) else {
            continue;
        };
        let taken: Vec<Interval> = busy
            .get(&id)
            .map(|b| b.iter().map(|b| b.interval).collect())
            .unwrap_or_default();
        out.extend(
            avail
                .slots(&taken, from, to, now, minutes)
                .into_iter()
                .map(|i| (id, i)),
        );
    }
    out.sort_by_key(|(t, i)| (i.start, *t));
    Ok(out)
}

/// A class with its sessions, for the API and pages.
pub struct ClassView {
    pub class: group_classes::GroupClassRecord,
    pub sessions: Vec<SessionView>,
}

/// One class with all its sessions.
pub async fn class_view(
    app: &App,
    class: group_classes::GroupClassRecord,
) -> Result<ClassView, AppError> {
    let filter = SessionFilter {
        group_class_id: Some(class.id),
        ..Default::default()
    };
    let sessions = sessions::list_all(&app.db, &filter).await?;
    Ok(ClassView { class, sessions })
}

/// Several classes with all their sessions, from one read of the sessions.
pub async fn class_views(
    app: &App,
    classes: Vec<group_classes::GroupClassRecord>,
) -> Result<Vec<ClassView>, AppError> {
    let ids: Vec<i64> = classes.iter().map(|c| c.id).collect();
    let mut by_class: std::collections::HashMap<i64, Vec<SessionView>> =
        std::collections::HashMap::new();
    for s in sessions::of_classes(&app.db, &ids, None).await? {
        if let Some(c) = s.group_class_id {
            by_class.entry(c).or_default().push(s);
        }
    }
    Ok(classes
        .into_iter()
        .map(|class| ClassView {
            sessions: by_class.remove(&class.id).unwrap_or_default(),
            class,
        })
        .collect())
}

/// The time zone named, or UTC.
pub fn zone(name: &str) -> Tz {
    name.parse().unwrap_or(Tz::UTC)
}
