//! Demo data: `aula seed-demo`, and `aula serve --demo` on an empty database. Each part is added
//! only when missing, so seeding twice changes nothing.

use aula_db::{accounts, group_classes, purchases, teachers};
use aula_domain::credits::{AllowanceInput, ServiceType};
use aula_domain::schedule::{AvailabilityInput, RecurrenceInput, RuleInput, WeeklyAvailability};
use aula_domain::{Email, Role};
use chrono::Duration;
use rand::Rng;
use rand::distr::Alphanumeric;

use crate::services::accounts::{NewAccount, create_user};
use crate::services::courses;
use crate::services::group_classes::{self as classes, NewClassInput};
use crate::services::packages::{self, NewPackageInput};
use crate::services::scheduling;
use crate::{App, AppError};

/// One demo account and, when it was created now, its password (shown once).
#[derive(Debug)]
pub struct DemoAccount {
    pub email: &'static str,
    pub role: &'static str,
    pub password: Option<String>,
}

/// Weekdays, local start and end of a weekly window.
type Window = (&'static [i64], &'static str, &'static str);

/// A demo teacher's zone, bio and weekly windows.
struct Teaching {
    zone: &'static str,
    bio: &'static str,
    windows: &'static [Window],
}

struct Person {
    email: &'static str,
    first: &'static str,
    last: &'static str,
    role: Option<Role>,
    /// Teachers: zone, bio and weekly windows (weekdays, start, end).
    teaching: Option<Teaching>,
}

const PEOPLE: [Person; 5] = [
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
];

/// Creates whatever demo data is missing; returns the accounts (passwords of new ones).
pub async fn seed_demo(app: &App) -> Result<Vec<DemoAccount>, AppError> {
    let mut out = Vec::new();
    let mut teacher_ids = Vec::new();
    for p in &PEOPLE {
        let (user, password) = account(app, p).await?;
        out.push(DemoAccount {
            email: p.email,
            role: p.role.map_or("student", Role::as_str),
            password,
        });
        if let (Some(teacher_id), Some(Teaching { zone, bio, windows })) =
            (user.teacher_id, &p.teaching)
        {
            teacher_ids.push(teacher_id);
            teach(app, teacher_id, zone, bio, windows).await?;
        }
    }
    if group_classes::list(&app.db, &Default::default())
        .await?
        .is_empty()
    {
        seed_classes(app, &teacher_ids).await?;
    }
    let catalogue = aula_db::packages::list(&app.db, &Default::default()).await?;
    if catalogue.is_empty() {
        seed_packages(app).await?;
    }
    if courses::programs(app)
        .await?
        .iter()
        .all(|p| p.code != "SFZ")
    {
        seed_course(app, &teacher_ids).await?;
    }
    Ok(out)
}

/// A purchase recorded as the webhook records one, without calling the payment provider.
async fn demo_purchase(
    app: &App,
    student_id: i64,
    package: &aula_db::packages::PackageRecord,
) -> Result<i64, AppError> {
    let id = aula_payments::random_id("cs_demo_");
    let record = purchases::CheckoutRecord {
        id: id.clone(),
        student_id,
        package_id: package.id,
        amount_minor: package.amount_minor,
        currency: package.currency.clone(),
        status: "open".into(),
        url: None,
    };
    purchases::create_checkout(&app.db, &record, app.clock.now()).await?;
    let paid = purchases::Effect::CheckoutPaid {
        checkout_id: id.clone(),
        payment_intent: Some(format!("pi_demo_{id}")),
    };
    match purchases::apply_event(
        &app.db,
        &format!("evt_demo_{id}"),
        "checkout.session.completed",
        paid,
        app.clock.now(),
    )
    .await?
    {
        purchases::Applied::Granted { student_package_id } => Ok(student_package_id),
        other => Err(AppError::Internal(anyhow::anyhow!(
            "demo purchase not granted: {other:?}"
        ))),
    }
}

/// The course program SFZ: 4 steps, each taught in two cohorts (group classes), the bundle that
/// sells it, and the demo student enrolled with step 1 booked.
async fn seed_course(app: &App, teachers: &[i64]) -> Result<(), AppError> {
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

/// A line of a demo package: type, credits, unit minutes.
fn line(service_type: ServiceType, credits: i64, unit: i64) -> AllowanceInput {
    AllowanceInput {
        service_type,
        credits,
        credit_unit_minutes: Some(unit),
        teacher_tier: None,
        course_program_id: None,
    }
}

/// Three packages on sale and a completed purchase of the bundle for the demo student.
async fn seed_packages(app: &App) -> Result<(), AppError> {
    let plans = [
        (
            "5 private lessons (30 min)",
            "Five half-hour private lessons with any teacher.",
            12_500,
            Some(90),
            vec![line(ServiceType::Private, 5, 30)],
        ),
        (
            "10 group classes (60 min)",
            "Ten one-hour group classes at your level.",
            15_000,
            Some(120),
            vec![line(ServiceType::Group, 10, 60)],
        ),
        (
            "Bundle: private + group",
            "Four hour-long private lessons and eight group classes.",
            29_900,
            Some(180),
            vec![
                line(ServiceType::Private, 4, 60),
                line(ServiceType::Group, 8, 60),
            ],
        ),
    ];
    let mut bundle = None;
    for (name, description, amount_minor, expires_in_days, allowances) in plans {
        let input = NewPackageInput {
            name: name.into(),
            description: Some(description.into()),
            amount_minor,
            currency: "usd".into(),
            expires_in_days,
            allowances,
        };
        bundle = Some(packages::create(app, input, None).await?);
    }
    let (Some(bundle), Some(student)) = (
        bundle,
        accounts::find_by_email(&app.db, &Email::parse("student@aula.test")?).await?,
    ) else {
        return Ok(());
    };
    demo_purchase(app, student.student_id, &bundle)
        .await
        .map(|_| ())
}

async fn account(
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
async fn teach(
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

/// Two weeks of group classes at several levels, one recurrence each.
/// One demo class: a weekly recurrence for two weeks.
struct Plan {
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

async fn seed_classes(app: &App, teachers: &[i64]) -> Result<(), AppError> {
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

/// Prints the accounts (passwords only for those just created).
pub fn print_accounts(accounts: &[DemoAccount]) {
    println!("Demo accounts:");
    for a in accounts {
        match &a.password {
            Some(p) => println!("  {:<8} {:<20} password: {p}", a.role, a.email),
            None => println!(
                "  {:<8} {:<20} (already existed; password unchanged)",
                a.role, a.email
            ),
        }
    }
}
