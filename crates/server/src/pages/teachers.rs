//! `/teachers/{id}`: a teacher's profile and free private slots; booking one with a chosen credit
//! (the recommended one selected, a higher tier only with the student's own tick).

use askama::Template;
use aula_db::bookings::Target;
use aula_db::teachers;
use aula_domain::credits::Fit;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Duration, Utc};
use serde::Deserialize;

use crate::extract::{ApiPath, ApiQuery, MaybeUser, PageUser};
use crate::pages::bookings::{Choice, ChoosePage, choices};
use crate::pages::{Back, Flash, Nav, render};
use crate::services::booking::{self, BookingAsk};
use crate::services::{credits, scheduling};
use crate::{App, AppError};

/// Days of free slots shown ahead.
const HORIZON_DAYS: i64 = 14;
/// Lesson lengths offered, in minutes.
const LENGTHS: [u32; 4] = [30, 45, 60, 90];
const DEFAULT_LENGTH: u32 = 60;

/// The lesson length asked for (`minutes`), one of [`LENGTHS`].
#[derive(Debug, Deserialize)]
pub struct LengthQuery {
    minutes: Option<String>,
}

fn length(raw: Option<&str>) -> u32 {
    raw.and_then(|m| m.trim().parse().ok())
        .filter(|m| LENGTHS.contains(m))
        .unwrap_or(DEFAULT_LENGTH)
}

struct Slot {
    start_iso: String,
    from: String,
    to: String,
}

struct Day {
    label: String,
    slots: Vec<Slot>,
}

#[derive(Template)]
#[template(path = "teacher_profile.html")]
struct ProfilePage {
    nav: Nav,
    id: i64,
    name: String,
    bio: Option<String>,
    languages: String,
    years: Option<i32>,
    lengths: Vec<u32>,
    minutes: u32,
    horizon_days: i64,
    days: Vec<Day>,
    logged_in: bool,
    notice: Option<String>,
    problem: Option<String>,
}

async fn active_teacher(app: &App, id: i64) -> Result<teachers::TeacherRecord, AppError> {
    teachers::get(&app.db, id)
        .await?
        .filter(|t| t.is_active)
        .ok_or(AppError::NotFound)
}

/// `GET /teachers/{id}`: the profile and the free slots of the next 14 days, by day, in the
/// viewer's zone.
pub async fn show(
    State(app): State<App>,
    MaybeUser(user): MaybeUser,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(q): ApiQuery<LengthQuery>,
) -> Result<Response, AppError> {
    let teacher = active_teacher(&app, id).await?;
    let minutes = length(q.minutes.as_deref());
    let now = app.clock.now();
    let slots = scheduling::slots(
        &app,
        &[id],
        now,
        now + Duration::days(HORIZON_DAYS),
        minutes,
    )
    .await?;
    let flash = match &user {
        Some(u) => Flash::take(&app, u).await?,
        None => Flash::default(),
    };
    let nav = Nav::of(user.as_ref());
    let mut days: Vec<Day> = Vec::new();
    for (_, slot) in slots {
        let label = nav.date(slot.start);
        let row = Slot {
            start_iso: slot.start.to_rfc3339(),
            from: nav.time(slot.start),
            to: nav.time(slot.end),
        };
        match days.last_mut() {
            Some(d) if d.label == label => d.slots.push(row),
            _ => days.push(Day {
                label,
                slots: vec![row],
            }),
        }
    }
    Ok(render(&ProfilePage {
        id,
        name: teacher.display_name,
        bio: teacher.bio,
        languages: teacher.languages_spoken.join(", "),
        years: teacher.years_experience,
        lengths: LENGTHS.to_vec(),
        minutes,
        horizon_days: HORIZON_DAYS,
        days,
        logged_in: user.is_some(),
        notice: flash.notice,
        problem: flash.problem,
        nav,
    })?
    .into_response())
}

/// The slot chosen on the profile page.
#[derive(Debug, Deserialize)]
pub struct SlotQuery {
    start: String,
    minutes: Option<String>,
}

fn slot(start: &str, minutes: Option<&str>) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    let start = DateTime::parse_from_rfc3339(start.trim())
        .ok()?
        .with_timezone(&Utc);
    let end = start + Duration::minutes(i64::from(length(minutes)));
    Some((start, end))
}

fn back_to(id: i64, notice: Option<&str>, problem: Option<&str>) -> Back {
    Back::to_path(format!("/teachers/{id}"), notice, problem)
}

/// `GET /teachers/{id}/book?start&minutes`: the credits that can pay for that lesson.
pub async fn choose(
    State(app): State<App>,
    PageUser(me): PageUser,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(q): ApiQuery<SlotQuery>,
) -> Result<Response, AppError> {
    let teacher = active_teacher(&app, id).await?;
    let nav = Nav::of(Some(&me));
    let Some((start, end)) = slot(&q.start, q.minutes.as_deref()) else {
        let why = nav.t("private-bad-slot");
        return back_to(id, None, Some(&why)).send(&app, &me).await;
    };
    let minutes = (end - start).num_minutes();
    let options =
        credits::options_for_private(&app, me.user.student_id, teacher.tier, minutes).await?;
    let page = ChoosePage {
        problem: Flash::take(&app, &me).await?.problem,
        action: format!("/teachers/{id}/book"),
        hidden: vec![
            ("start".into(), start.to_rfc3339()),
            ("minutes".into(), minutes.to_string()),
        ],
        title: nav.t1("private-lesson-with", "name", teacher.display_name.as_str()),
        when: nav.span(start, end),
        needs_consent: options.iter().any(|o| o.fit == Fit::Higher),
        choices: choices(&nav, &options),
        back_href: format!("/teachers/{id}"),
        back_label: nav.t("private-back"),
        nav,
    };
    Ok(render(&page)?.into_response())
}

/// The form of the credit choice for a private lesson.
#[derive(Debug, Deserialize)]
pub struct PrivateBooking {
    start: String,
    minutes: Option<String>,
    #[serde(default)]
    credit: String,
    #[serde(default)]
    consent: Option<String>,
}

/// `POST /teachers/{id}/book`: "Confirm booking" books a new private session in the slot.
pub async fn book(
    State(app): State<App>,
    PageUser(me): PageUser,
    ApiPath(id): ApiPath<i64>,
    axum::Form(form): axum::Form<PrivateBooking>,
) -> Result<Response, AppError> {
    let nav = Nav::of(Some(&me));
    let Some((start, end)) = slot(&form.start, form.minutes.as_deref()) else {
        let why = nav.t("private-bad-slot");
        return back_to(id, None, Some(&why)).send(&app, &me).await;
    };
    let Some((sp, allowance)) = Choice::parse(&form.credit) else {
        let why = nav.t("credit-choose-one");
        return back_to(id, None, Some(&why)).send(&app, &me).await;
    };
    let ask = BookingAsk::Credit {
        target: Target::NewPrivate {
            teacher_id: id,
            start,
            end,
        },
        student_package_id: sp,
        allowance_id: allowance,
        confirm_cross_tier: form.consent.is_some(),
    };
    match booking::create(&app, &me, ask).await {
        Ok(b) => {
            let done = nav.t1("booked-with-credits", "credits", b.credits_cost);
            Back::to("/me/bookings", Some(&done), None)
        }
        Err(AppError::Refused(r)) => back_to(id, None, Some(&nav.refusal(&r))),
        Err(AppError::Validation(_)) => back_to(id, None, Some(&nav.t("private-bad-slot"))),
        Err(e) => return Err(e),
    }
    .send(&app, &me)
    .await
}
