//! `GET /courses` and `GET /courses/{code}`: the course catalogue and a course's page, for
//! visitors and students alike (what the services decide, rendered).

use std::collections::HashSet;

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Response};

use crate::extract::{ApiPath, MaybeUser};
use crate::pages::{Nav, render, urlencode};
use crate::services::courses::{self, CatalogueEntry};
use crate::{App, AppError};

struct Offer {
    id: i64,
    name: String,
    price: String,
}

fn offers(nav: &Nav, entry: &CatalogueEntry) -> Vec<Offer> {
    entry
        .packages
        .iter()
        .map(|p| Offer {
            id: p.id,
            name: p.name.clone(),
            price: nav.money(p.amount_minor, &p.currency),
        })
        .collect()
}

struct Card {
    code: String,
    title: String,
    steps: usize,
    levels: String,
    offers: Vec<Offer>,
}

#[derive(Template)]
#[template(path = "courses.html")]
struct CataloguePage {
    nav: Nav,
    cards: Vec<Card>,
}

/// `GET /courses`: the active programs with the prices of the packages that sell them.
pub async fn list(
    State(app): State<App>,
    MaybeUser(user): MaybeUser,
) -> Result<Response, AppError> {
    let nav = Nav::of(user.as_ref());
    let cards = courses::catalogue(&app, nav.lang)
        .await?
        .iter()
        .map(|e| Card {
            code: e.program.code.clone(),
            title: e.program.title.clone(),
            steps: e.program.steps.len(),
            levels: e
                .program
                .levels
                .iter()
                .map(|l| l.code.clone())
                .collect::<Vec<_>>()
                .join(", "),
            offers: offers(&nav, e),
        })
        .collect();
    Ok(render(&CataloguePage { nav, cards })?.into_response())
}

struct Slot {
    when: String,
    free: i64,
}

struct OptionView {
    title: String,
    slots: Vec<Slot>,
}

struct StepView {
    label: String,
    title: String,
    description: Option<String>,
    options: Vec<OptionView>,
}

#[derive(Template)]
#[template(path = "course.html")]
struct CoursePage {
    nav: Nav,
    code: String,
    title: String,
    description: Option<String>,
    steps: Vec<StepView>,
    offers: Vec<Offer>,
    logged_in: bool,
    enrolled: bool,
    login_next: String,
    /// A refused Buy, shown once.
    problem: Option<String>,
}

/// `GET /courses/{code}`: steps, options with their upcoming sessions and free seats, and Buy
/// (or "Enrolled" for a student who already holds it, "Log in to buy" for a visitor).
pub async fn show(
    State(app): State<App>,
    MaybeUser(user): MaybeUser,
    ApiPath(code): ApiPath<String>,
) -> Result<Response, AppError> {
    let nav = Nav::of(user.as_ref());
    let found = courses::public_program(&app, nav.lang, &code).await?;
    let program = &found.entry.program;
    let problem = match &user {
        Some(u) => crate::pages::Flash::take(&app, u).await?.problem,
        None => None,
    };
    let enrolled = match &user {
        Some(u) => {
            let mine: HashSet<i64> = courses::my_course_packages(&app, nav.lang, u.user.student_id)
                .await?
                .iter()
                .map(|c| c.program_id)
                .collect();
            mine.contains(&program.id)
        }
        None => false,
    };
    let steps = program
        .steps
        .iter()
        .map(|s| StepView {
            label: s.label.clone(),
            title: s.title.clone(),
            description: s.description.clone(),
            options: s
                .options
                .iter()
                .map(|o| OptionView {
                    title: o.title.clone(),
                    slots: found
                        .sessions
                        .get(&o.group_class_id)
                        .map(|list| {
                            list.iter()
                                .map(|v| Slot {
                                    when: nav.when(v.start_at),
                                    free: v.available_spots(),
                                })
                                .collect()
                        })
                        .unwrap_or_default(),
                })
                .collect(),
        })
        .collect();
    Ok(render(&CoursePage {
        code: program.code.clone(),
        title: program.title.clone(),
        description: program.description.clone(),
        steps,
        offers: offers(&nav, &found.entry),
        logged_in: user.is_some(),
        enrolled,
        login_next: urlencode(&format!("/courses/{}", program.code)),
        problem,
        nav,
    })?
    .into_response())
}
