//! `GET /me/courses`: the student's courses, step by step, with the sessions an open step can be
//! booked in; `POST /me/courses/{studentPackageId}/steps/{stepId}/book` books one.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::extract::{ApiPath, PageUser};
use crate::pages::{Back, Flash, Nav, render};
use crate::services::booking::{self, BookingAsk};
use crate::services::courses;
use crate::{App, AppError};

struct StepRow {
    step_id: i64,
    label: String,
    title: String,
    status: String,
    status_label: String,
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

/// `GET /me/courses`
pub async fn show(State(app): State<App>, PageUser(me): PageUser) -> Result<Response, AppError> {
    let flash = Flash::take(&app, &me).await?;
    let nav = Nav::of(Some(&me));
    let mut rows = Vec::new();
    let mine = courses::my_course_packages(&app, nav.lang, me.user.student_id).await?;
    let ids: Vec<i64> = mine.iter().map(|c| c.program_id).collect();
    let programs = courses::public_programs(&app, nav.lang, &ids).await?;
    for c in mine {
        let program = programs.iter().find(|p| p.entry.program.id == c.program_id);
        // A session another step of this course already holds is not offered again.
        let taken: std::collections::HashSet<i64> = c
            .steps
            .iter()
            .filter(|s| !s.status.is_open())
            .filter_map(|s| s.session.as_ref().map(|x| x.id))
            .collect();
        let steps = c
            .steps
            .iter()
            .map(|s| {
                let open = s.status.is_open();
                let choices = match (program, open) {
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
                        .filter(|(_, x)| x.available_spots() > 0 && !taken.contains(&x.id))
                        .map(|(o, x)| {
                            (
                                x.id,
                                format!("{} · {}", nav.span(x.start_at, x.end_at), o.title),
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
                    status_label: nav.t(&format!("step-status-{}", s.status.as_str())),
                    when: s.session.as_ref().map(|x| nav.span(x.start_at, x.end_at)),
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
        nav,
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
    PageUser(me): PageUser,
    ApiPath((student_package_id, step_id)): ApiPath<(i64, i64)>,
    Form(choice): Form<Choice>,
) -> Result<Response, AppError> {
    let ask = BookingAsk::Step {
        session_id: choice.session_id,
        course_step_id: step_id,
        student_package_id: Some(student_package_id),
    };
    let nav = Nav::of(Some(&me));
    let back = match booking::create(&app, &me, ask).await {
        Ok(_) => Back::to("/me/courses", Some(&nav.t("course-step-booked")), None),
        Err(AppError::Refused(r)) => Back::to("/me/courses", None, Some(&nav.refusal(&r))),
        Err(AppError::Validation(_)) => Back::to(
            "/me/courses",
            None,
            Some(&nav.t("course-step-wrong-session")),
        ),
        Err(e) => return Err(e),
    };
    back.send(&app, &me).await
}
