//! Two weeks of group classes at several levels.

use aula_domain::schedule::RecurrenceInput;
use chrono::Duration;

use crate::services::group_classes::{self as classes, NewClassInput};
use crate::{App, AppError};

/// One demo class: a weekly recurrence for two weeks.
pub(super) struct Plan {
    title: &'static str,
    levels: &'static [&'static str],
    /// Index into the demo teachers.
    teacher: usize,
    zone: &'static str,
    days: &'static [i64],
    start: &'static str,
    minutes: i64,
    capacity: i64,
}

pub(super) async fn seed_classes(app: &App, teachers: &[i64]) -> Result<(), AppError> {
    let levels = aula_db::levels::list(&app.db).await?;
    let level = |code: &str| {
        levels
            .iter()
            .find(|l| l.code == code)
            .map(|l| l.id)
            .unwrap_or_default()
    };
    let first = (app.clock.now() + Duration::days(1)).date_naive();
    let last = first + Duration::days(13);
    let plans = [
        Plan {
            title: "Beginners' conversation",
            levels: &["A1", "A2"],
            teacher: 0,
            zone: "Europe/Madrid",
            days: &[1, 3],
            start: "18:00",
            minutes: 60,
            capacity: 8,
        },
        Plan {
            title: "Everyday grammar",
            levels: &["B1"],
            teacher: 0,
            zone: "Europe/Madrid",
            days: &[2, 4],
            start: "18:30",
            minutes: 90,
            capacity: 6,
        },
        Plan {
            title: "Exam preparation B2",
            levels: &["B2"],
            teacher: 1,
            zone: "America/Mexico_City",
            days: &[1, 3],
            start: "18:00",
            minutes: 90,
            capacity: 6,
        },
        Plan {
            title: "Business English",
            levels: &["C1"],
            teacher: 2,
            zone: "UTC",
            days: &[2, 4],
            start: "10:00",
            minutes: 60,
            capacity: 5,
        },
        Plan {
            title: "Advanced discussion club",
            levels: &["C1", "C2"],
            teacher: 2,
            zone: "UTC",
            days: &[6],
            start: "15:00",
            minutes: 60,
            capacity: 10,
        },
    ];
    for Plan {
        title,
        levels: codes,
        teacher,
        zone,
        days,
        start,
        minutes,
        capacity,
    } in plans
    {
        let Some(teacher_id) = teachers.get(teacher) else {
            continue;
        };
        let input = NewClassInput {
            title: title.into(),
            description: Some(format!("A weekly {title} class in small groups.")),
            capacity_max: capacity,
            level_ids: codes.iter().map(|c| level(c)).collect(),
            teacher_ids: vec![*teacher_id],
            primary_teacher_id: None,
            sessions: Vec::new(),
            recurrence: Some(RecurrenceInput {
                timezone: zone.into(),
                weekdays: days.to_vec(),
                start_time: start.into(),
                duration_minutes: minutes,
                start_date: first.to_string(),
                end_date: last.to_string(),
            }),
        };
        classes::create(app, input).await?;
    }
    Ok(())
}
