//! `GET /me/courses`: the student's courses, step by step, with the sessions an open step can be
//! booked in; `POST /me/courses/{studentPackageId}/steps/{stepId}/book` books one.

use askama::Template;
use aula_domain::Refusal;
use axum::Form;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::extract::{ApiPath, ApiQuery, MaybeUser};
use crate::pages::{Flash, Nav, render, urlencode};
use crate::services::booking::{self, BookingAsk};
use crate::services::courses;
use crate::{App, AppError};

struct StepRow {
    step_id: i64,
    label: String,
    title: String,
    status: String,
    when: Option<String>,
    /// (session id, label) of upcoming sessions with a free seat, when the step is open.
    choices: Vec<(i64, String)>,
}

struct CourseRow {
    student_package_id: i64,
    code: String,
    title: String,
    total: usize,
    completed: usize,
    booked: usize,
    steps: Vec<StepRow>,
}

#[derive(Template)]
#[template(path = "my_courses.html")]
struct CoursesPage {
    nav: Nav,
    notice: Option<String>,
    problem: Option<String>,
    courses: Vec<CourseRow>,
}

fn when(start: chrono::DateTime<chrono::Utc>, end: chrono::DateTime<chrono::Utc>) -> String {
    format!(
        "{} – {} UTC",
        start.format("%a %-d %b %H:%M"),
        end.format("%H:%M")
    )
}

/// `GET /me/courses`
pub async fn show(
    State(app): State<App>,
    MaybeUser(user): MaybeUser,
    ApiQuery(flash): ApiQuery<Flash>,
) -> Result<Response, AppError> {
    let Some(me) = user else {
        return Ok(Redirect::to("/login").into_response());
    };
    let mut rows = Vec::new();
    for c in courses::my_course_packages(&app, me.user.student_id).await? {
        let program = courses::public_program(&app, &c.program_id.to_string())
            .await
            .ok();
        let steps = c
            .steps
            .iter()
            .map(|s| {
                let open = s.status.is_open();
                let choices = match (&program, open) {
                    (Some(p), true) => p
                        .entry
                        .program
                        .steps
                        .iter()
                        .filter(|st| st.id == s.step_id)
                        .flat_map(|st| st.options.iter())
                        .flat_map(|o| {
                            p.sessions
                                .get(&o.group_class_id)
                                .into_iter()
                                .flatten()
                                .map(move |x| (o, x))
                        })
                        .filter(|(_, x)| x.available_spots() > 0)
                        .map(|(o, x)| {
                            (
                                x.id,
                                format!("{} · {}", when(x.start_at, x.end_at), o.title),
                            )
                        })
                        .collect(),
                    _ => Vec::new(),
                };
                StepRow {
                    step_id: s.step_id,
                    label: s.label.clone(),
                    title: s.title.clone(),
                    status: s.status.as_str().to_owned(),
                    when: s.session.as_ref().map(|x| when(x.start_at, x.end_at)),
                    choices,
                }
            })
            .collect();
        let sum = courses::summarize(&c.steps);
        rows.push(CourseRow {
            student_package_id: c.student_package_id,
            code: c.code.clone(),
            title: c.title.clone(),
            total: sum.total_steps,
            completed: sum.completed_steps,
            booked: sum.booked_steps,
            steps,
        });
    }
    let page = CoursesPage {
        nav: Nav::of(Some(&me)),
        notice: flash.notice,
        problem: flash.problem,
        courses: rows,
    };
    Ok(render(&page)?.into_response())
}

/// The chosen session.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Choice {
    session_id: i64,
}

/// `POST /me/courses/{studentPackageId}/steps/{stepId}/book`
pub async fn book(
    State(app): State<App>,
    MaybeUser(user): MaybeUser,
    ApiPath((student_package_id, step_id)): ApiPath<(i64, i64)>,
    Form(choice): Form<Choice>,
) -> Result<Response, AppError> {
    let Some(me) = user else {
        return Ok(Redirect::to("/login").into_response());
    };
    let ask = BookingAsk::Step {
        session_id: choice.session_id,
        course_step_id: step_id,
        student_package_id: Some(student_package_id),
    };
    let to = match booking::create(&app, &me, ask).await {
        Ok(_) => "/me/courses?notice=Step%20booked.".to_owned(),
        Err(AppError::Refused(Refusal { message, .. })) | Err(AppError::Unauthorized(message)) => {
            format!("/me/courses?problem={}", urlencode(&message))
        }
        Err(AppError::Validation(_)) => {
            "/me/courses?problem=That%20session%20does%20not%20serve%20this%20step.".to_owned()
        }
        Err(e) => return Err(e),
    };
    Ok(Redirect::to(&to).into_response())
}
