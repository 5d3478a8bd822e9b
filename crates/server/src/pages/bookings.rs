//! The student's bookings: book from the schedule, join a waiting list, see and cancel bookings.

use askama::Template;
use aula_db::bookings::{self, BookingFilter, Target};
use aula_db::sessions;
use aula_domain::BookingKind;
use aula_domain::Refusal;
use aula_domain::credits::Fit;
use axum::extract::State;
use axum::response::{IntoResponse, Response};

use crate::extract::{ApiPath, PageUser};
use crate::pages::{Back, Flash, Nav, render};
use crate::services::booking::{self, BookingAsk};
use crate::services::credits;
use crate::{App, AppError};

struct Row {
    id: i64,
    title: String,
    status: String,
    start_iso: String,
    when: String,
    paid_with: String,
    /// The cancellation deadline, when the policy still allows cancelling.
    cancel_until: Option<String>,
}

#[derive(Template)]
#[template(path = "my_bookings.html")]
struct BookingsPage {
    nav: Nav,
    notice: Option<String>,
    problem: Option<String>,
    rows: Vec<Row>,
}

fn back(notice: Option<&str>, problem: Option<&str>) -> Back {
    Back::to("/me/bookings", notice, problem)
}

fn utc(t: chrono::DateTime<chrono::Utc>) -> String {
    t.format("%a %-d %b %Y %H:%M UTC").to_string()
}

/// `GET /me/bookings`: upcoming then past, each in date order; "Cancel booking" with its deadline
/// only where the policy allows it (the same decision as `can-modify`).
pub async fn show(State(app): State<App>, PageUser(me): PageUser) -> Result<Response, AppError> {
    let flash = Flash::take(&app, &me).await?;
    let now = app.clock.now();
    let mut upcoming = Vec::new();
    let mut past = Vec::new();
    for b in
        bookings::list_for_student(&app.db, me.user.student_id, &BookingFilter::default()).await?
    {
        let Some(s) = sessions::get(&app.db, b.session_id).await? else {
            continue;
        };
        let changes = booking::can_modify(&app, &me, b.id).await?;
        let row = Row {
            id: b.id,
            title: s.title.clone().unwrap_or_else(|| "Private lesson".into()),
            cancel_until: changes.can_cancel.then(|| utc(changes.deadline)),
            status: b.status.as_str().to_owned(),
            start_iso: s.start_at.to_rfc3339(),
            when: format!(
                "{} – {} UTC",
                s.start_at.format("%a %-d %b %Y %H:%M"),
                s.end_at.format("%H:%M")
            ),
            paid_with: if b.kind == BookingKind::CourseStep {
                "course step".into()
            } else {
                format!("{} credit(s)", b.credits_cost)
            },
        };
        if s.start_at >= now {
            upcoming.push((s.start_at, row));
        } else {
            past.push((s.start_at, row));
        }
    }
    upcoming.sort_by_key(|(t, _)| *t);
    past.sort_by_key(|(t, _)| *t);
    let page = BookingsPage {
        nav: Nav::of(Some(&me)),
        notice: flash.notice,
        problem: flash.problem,
        rows: upcoming.into_iter().chain(past).map(|(_, r)| r).collect(),
    };
    Ok(render(&page)?.into_response())
}

#[derive(Template)]
#[template(path = "cancel_booking.html")]
struct ConfirmPage {
    nav: Nav,
    id: i64,
    title: String,
    when: String,
    refund: String,
}

/// `POST /me/bookings/{id}/cancel`: first, the confirmation page.
pub async fn ask_cancel(PageUser(_me): PageUser, ApiPath(id): ApiPath<i64>) -> Response {
    axum::response::Redirect::to(&format!("/me/bookings/{id}/cancel")).into_response()
}

/// `GET /me/bookings/{id}/cancel`: names the booking and what cancelling gives back.
pub async fn confirm_page(
    State(app): State<App>,
    PageUser(me): PageUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<Response, AppError> {
    let b = booking::visible(&app, &me, id).await?;
    let s = sessions::get(&app.db, b.session_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let changes = booking::can_modify(&app, &me, id).await?;
    if !changes.can_cancel {
        let why = changes
            .reason
            .unwrap_or_else(|| "This booking can no longer be cancelled.".to_owned());
        return back(None, Some(&why)).send(&app, &me).await;
    }
    let policy = aula_db::policies::active(&app.db).await?;
    let refund = match b.kind {
        BookingKind::CourseStep => "The step goes back to your course, to book again.".to_owned(),
        BookingKind::Credit if policy.refund_credits_on_cancel => {
            format!("{} credit(s) go back to your package.", b.credits_cost)
        }
        BookingKind::Credit => "The school's policy gives no credits back.".to_owned(),
    };
    Ok(render(&ConfirmPage {
        nav: Nav::of(Some(&me)),
        id,
        title: s.title.clone().unwrap_or_else(|| "Private lesson".into()),
        when: utc(s.start_at),
        refund,
    })?
    .into_response())
}

/// `POST /me/bookings/{id}/cancel/confirm`: "Yes, cancel booking".
pub async fn cancel(
    State(app): State<App>,
    PageUser(me): PageUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<Response, AppError> {
    match booking::cancel(&app, &me, id, Some("cancelled on the website".into())).await {
        Ok(out) if out.credits_refunded > 0 => back(
            Some(&format!(
                "Cancelled. {} credit(s) went back to your package.",
                out.credits_refunded
            )),
            None,
        ),
        Ok(_) => back(Some("Cancelled."), None),
        Err(AppError::Refused(Refusal { message, .. })) => back(None, Some(&message)),
        Err(e) => return Err(e),
    }
    .send(&app, &me)
    .await
}

/// `POST /schedule/{sessionId}/book`: books with the recommended credit.
pub async fn book(
    State(app): State<App>,
    PageUser(me): PageUser,
    ApiPath(session_id): ApiPath<i64>,
) -> Result<Response, AppError> {
    let session = sessions::get(&app.db, session_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let options = credits::options_for(&app, me.user.student_id, &session).await?;
    let Some(best) = options.first() else {
        return back(
            None,
            Some("None of your credits can pay for this session. See the packages to buy some."),
        )
        .send(&app, &me)
        .await;
    };
    if best.fit == Fit::Higher {
        // Only a higher-tier credit can pay: the student chooses and agrees on the next page.
        return Ok(
            axum::response::Redirect::to(&format!("/schedule/{session_id}/credit")).into_response(),
        );
    }
    let (sp, allowance, name) = (
        best.student_package_id,
        best.allowance_id,
        best.package_name.clone(),
    );
    book_with(&app, &me, session_id, sp, allowance, false, &name).await
}

async fn book_with(
    app: &App,
    me: &crate::extract::CurrentUser,
    session_id: i64,
    student_package_id: i64,
    allowance_id: i64,
    consent: bool,
    package_name: &str,
) -> Result<Response, AppError> {
    let ask = BookingAsk::Credit {
        target: Target::Session(session_id),
        student_package_id,
        allowance_id,
        confirm_cross_tier: consent,
    };
    match booking::create(app, me, ask).await {
        Ok(b) => back(
            Some(&format!(
                "Booked with {} credit(s) from {package_name}.",
                b.credits_cost
            )),
            None,
        ),
        Err(AppError::Refused(Refusal { message, .. })) => back(None, Some(&message)),
        Err(e) => return Err(e),
    }
    .send(app, me)
    .await
}

struct Choice {
    value: String,
    label: String,
    recommended: bool,
}

#[derive(Template)]
#[template(path = "choose_credit.html")]
struct ChoosePage {
    nav: Nav,
    session_id: i64,
    title: String,
    when: String,
    choices: Vec<Choice>,
}

/// `GET /schedule/{sessionId}/credit`: the credits that can pay, the recommended one selected, and
/// the consent a higher-tier credit needs (never ticked for the student).
pub async fn choose_credit(
    State(app): State<App>,
    PageUser(me): PageUser,
    ApiPath(session_id): ApiPath<i64>,
) -> Result<Response, AppError> {
    let session = sessions::get(&app.db, session_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let options = credits::options_for(&app, me.user.student_id, &session).await?;
    let choices = options
        .iter()
        .enumerate()
        .map(|(i, o)| Choice {
            value: format!("{}:{}", o.student_package_id, o.allowance_id),
            label: format!(
                "{} · {} credit(s) of {} left{}",
                o.package_name,
                o.credits_cost,
                o.remaining_credits,
                if o.fit == Fit::Higher {
                    " · higher tier"
                } else {
                    ""
                }
            ),
            recommended: i == 0,
        })
        .collect();
    Ok(render(&ChoosePage {
        nav: Nav::of(Some(&me)),
        session_id,
        title: session.title.clone().unwrap_or_else(|| "Session".into()),
        when: utc(session.start_at),
        choices,
    })?
    .into_response())
}

/// The credit chosen on the page, and the consent box.
#[derive(serde::Deserialize)]
pub struct ChosenCredit {
    credit: String,
    #[serde(default)]
    consent: Option<String>,
}

/// `POST /schedule/{sessionId}/credit`: "Confirm booking".
pub async fn confirm_credit(
    State(app): State<App>,
    PageUser(me): PageUser,
    ApiPath(session_id): ApiPath<i64>,
    axum::Form(form): axum::Form<ChosenCredit>,
) -> Result<Response, AppError> {
    let parsed = form
        .credit
        .split_once(':')
        .and_then(|(sp, a)| Some((sp.parse::<i64>().ok()?, a.parse::<i64>().ok()?)));
    let Some((sp, allowance)) = parsed else {
        return back(None, Some("Choose a credit to pay with."))
            .send(&app, &me)
            .await;
    };
    book_with(
        &app,
        &me,
        session_id,
        sp,
        allowance,
        form.consent.is_some(),
        "your package",
    )
    .await
}

/// `POST /schedule/{sessionId}/wait`: joins the waiting list of a full session.
pub async fn wait(
    State(app): State<App>,
    PageUser(me): PageUser,
    ApiPath(session_id): ApiPath<i64>,
) -> Result<Response, AppError> {
    match booking::join_waitlist(&app, &me, session_id).await {
        Ok(e) => back(Some(&format!("You are number {} on the waiting list; you will be booked automatically when a seat frees.", e.position)), None),
        Err(AppError::Refused(Refusal { message, .. })) => back(None, Some(&message)),
        Err(e) => return Err(e),
    }
    .send(&app, &me)
    .await
}
