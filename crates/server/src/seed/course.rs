//! The course program SFZ with its cohorts and the demo student's enrolment.

use aula_db::accounts;
use aula_domain::Email;
use aula_domain::credits::{AllowanceInput, ServiceType};
use aula_domain::schedule::RecurrenceInput;
use chrono::Duration;

use crate::services::courses;
use crate::services::group_classes::{self as classes, NewClassInput};
use crate::services::packages::{self, NewPackageInput};
use crate::{App, AppError};

use super::catalogue::{demo_purchase, line};

/// The course program SFZ: 4 steps, each taught in two cohorts (group classes), the bundle that
/// sells it, and the demo student enrolled with step 1 booked.
pub(super) async fn seed_course(app: &App, teachers: &[i64]) -> Result<(), AppError> {
    let (Some(omar), Some(lucia)) = (teachers.get(2), teachers.get(1)) else {
        return Ok(());
    };
    let first = (app.clock.now() + Duration::days(1)).date_naive();
    let last = first + Duration::days(27);
    let levels = aula_db::levels::list(&app.db).await?;
    let b1 = levels
        .iter()
        .find(|l| l.code == "B1")
        .map(|l| l.id)
        .into_iter()
        .collect::<Vec<_>>();
    let mut cohorts = Vec::new();
    for (title, teacher, zone, day, start) in [
        ("SFZ cohort A", *omar, "UTC", 5, "16:00"),
        ("SFZ cohort B", *lucia, "America/Mexico_City", 6, "10:00"),
    ] {
        let input = NewClassInput {
            title: title.into(),
            description: Some(
                "Weekly sessions of the SFZ course; any step can be taken here.".into(),
            ),
            capacity_max: 8,
            level_ids: b1.clone(),
            teacher_ids: vec![teacher],
            primary_teacher_id: None,
            sessions: Vec::new(),
            recurrence: Some(RecurrenceInput {
                timezone: zone.into(),
                weekdays: vec![day],
                start_time: start.into(),
                duration_minutes: 60,
                start_date: first.to_string(),
                end_date: last.to_string(),
            }),
        };
        cohorts.push(classes::create(app, input).await?);
    }
    let program = courses::create_program(
        app,
        courses::ProgramInput {
            code: "SFZ".into(),
            title: "SFZ: speak from zero".into(),
            description: Some(
                "Four guided speaking steps from first words to everyday conversation.".into(),
            ),
            timezone: Some("Europe/Madrid".into()),
            is_active: Some(true),
            level_ids: Some(b1),
        },
    )
    .await?;
    let titles = [
        "Introductions",
        "Daily routines",
        "Past experiences",
        "Plans and wishes",
    ];
    let mut steps = Vec::new();
    for (n, title) in titles.iter().enumerate() {
        let input = courses::StepInput {
            step_order: n as i64 + 1,
            label: format!("SFZ-{}", n + 1),
            title: (*title).into(),
            description: None,
            is_required: true,
        };
        let step = courses::add_step(app, program.id, input).await?;
        for cohort in &cohorts {
            courses::add_option(app, step.id, cohort.class.id).await?;
        }
        steps.push(step.id);
    }
    let bundle = packages::create(
        app,
        NewPackageInput {
            name: "SFZ course bundle".into(),
            description: Some(
                "The SFZ course plus two private lessons and four group classes.".into(),
            ),
            amount_minor: 34_900,
            currency: "usd".into(),
            expires_in_days: Some(180),
            allowances: vec![
                AllowanceInput {
                    service_type: ServiceType::Course,
                    credits: 1,
                    credit_unit_minutes: None,
                    teacher_tier: None,
                    course_program_id: Some(program.id),
                },
                line(ServiceType::Private, 2, 60),
                line(ServiceType::Group, 4, 60),
            ],
        },
        None,
    )
    .await?;
    let Some(student) =
        accounts::find_by_email(&app.db, &Email::parse("student@aula.test")?).await?
    else {
        return Ok(());
    };
    demo_purchase(app, student.student_id, &bundle).await?;
    let first_session = cohorts[0].sessions.first().map(|s| s.id);
    if let (Some(session_id), Some(step)) = (first_session, steps.first()) {
        let req = aula_db::bookings::StepRequest {
            student_id: student.student_id,
            session_id,
            course_step_id: *step,
            student_package_id: None,
        };
        aula_db::bookings::book_step(&app.db, req, app.clock.now()).await?;
    }
    Ok(())
}
