//! The demo accounts: who they are and how the teachers teach.

use aula_db::{accounts, teachers};
use aula_domain::schedule::{AvailabilityInput, RuleInput, WeeklyAvailability};
use aula_domain::{Email, Role};
use rand::Rng;
use rand::distr::Alphanumeric;

use crate::services::accounts::{NewAccount, create_user};
use crate::services::scheduling;
use crate::{App, AppError};

/// Weekdays, local start and end of a weekly window.
pub(super) type Window = (&'static [i64], &'static str, &'static str);

/// A demo teacher's zone, bio and weekly windows.
pub(super) struct Teaching {
    pub(super) zone: &'static str,
    pub(super) bio: &'static str,
    pub(super) windows: &'static [Window],
}

pub(super) struct Person {
    pub(super) email: &'static str,
    pub(super) first: &'static str,
    pub(super) last: &'static str,
    pub(super) role: Option<Role>,
    /// Teachers: zone, bio and weekly windows (weekdays, start, end).
    pub(super) teaching: Option<Teaching>,
}

pub(super) const PEOPLE: [Person; 8] = [
    Person {
        email: "admin@aula.test",
        first: "Ada",
        last: "Admin",
        role: Some(Role::Admin),
        teaching: None,
    },
    Person {
        email: "teacher@aula.test",
        first: "Teo",
        last: "García",
        role: Some(Role::Teacher),
        teaching: Some(Teaching {
            zone: "Europe/Madrid",
            bio: "Conversation and grammar, all levels.",
            windows: &[
                (&[1, 2, 3, 4, 5], "09:00", "13:00"),
                (&[1, 3], "16:00", "20:00"),
            ],
        }),
    },
    Person {
        email: "lucia@aula.test",
        first: "Lucía",
        last: "Hernández",
        role: Some(Role::Teacher),
        teaching: Some(Teaching {
            zone: "America/Mexico_City",
            bio: "Exam preparation and business English.",
            windows: &[
                (&[1, 2, 3, 4], "08:00", "12:00"),
                (&[2, 4], "17:00", "21:00"),
            ],
        }),
    },
    Person {
        email: "omar@aula.test",
        first: "Omar",
        last: "Okafor",
        role: Some(Role::Teacher),
        teaching: Some(Teaching {
            zone: "UTC",
            bio: "Pronunciation and advanced conversation.",
            windows: &[(&[1, 3, 5], "12:00", "18:00"), (&[6], "09:00", "13:00")],
        }),
    },
    Person {
        email: "student@aula.test",
        first: "Sam",
        last: "Student",
        role: None,
        teaching: None,
    },
    Person {
        email: "mia@aula.test",
        first: "Mia",
        last: "Müller",
        role: None,
        teaching: None,
    },
    Person {
        email: "leo@aula.test",
        first: "Leo",
        last: "Martínez",
        role: None,
        teaching: None,
    },
    Person {
        email: "ana@aula.test",
        first: "Ana",
        last: "Souza",
        role: None,
        teaching: None,
    },
];

/// Demo students who hold group credits and seats in Teo's first sessions (a roster to mark).
pub(super) const CLASSMATES: [&str; 3] = ["mia@aula.test", "leo@aula.test", "ana@aula.test"];

pub(super) async fn account(
    app: &App,
    p: &Person,
) -> Result<(accounts::UserRecord, Option<String>), AppError> {
    if let Some(u) = accounts::find_by_email(&app.db, &Email::parse(p.email)?).await? {
        return Ok((u, None));
    }
    let password: String = rand::rng()
        .sample_iter(&Alphanumeric)
        .take(14)
        .map(char::from)
        .collect();
    let input = NewAccount {
        email: p.email.into(),
        password: password.clone(),
        first_name: p.first.into(),
        last_name: p.last.into(),
    };
    let user = create_user(&app.db, input, p.role, None, app.clock.now()).await?;
    Ok((user, Some(password)))
}

/// Profile and weekly availability, unless the teacher already has rules.
pub(super) async fn teach(
    app: &App,
    teacher_id: i64,
    zone: &str,
    bio: &str,
    windows: &[(&[i64], &str, &str)],
) -> Result<(), AppError> {
    if !scheduling::availability_of(app, teacher_id)
        .await?
        .rules
        .is_empty()
    {
        return Ok(());
    }
    let profile = teachers::ProfileChanges {
        bio: Some(Some(bio.into())),
        languages_spoken: Some(vec!["English".into(), "Spanish".into()]),
        ..Default::default()
    };
    teachers::update_profile(&app.db, teacher_id, profile, app.clock.now()).await?;
    let rules = windows
        .iter()
        .flat_map(|(days, start, end)| {
            days.iter().map(|d| RuleInput {
                weekday: *d,
                start_time: (*start).into(),
                end_time: (*end).into(),
            })
        })
        .collect();
    let avail = WeeklyAvailability::parse(AvailabilityInput {
        timezone: zone.into(),
        rules,
        exceptions: Vec::new(),
    })?;
    scheduling::save_availability(app, teacher_id, &avail).await?;
    Ok(())
}
