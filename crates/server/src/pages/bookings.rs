//! The student's bookings: book from the schedule, join a waiting list, see and cancel bookings.

use askama::Template;
use aula_db::bookings::{self, BookingFilter, Target};
use aula_db::sessions;
use aula_domain::Refusal;
use aula_domain::credits::Fit;
use aula_domain::{BookingKind, BookingStatus};
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
    cancellable: bool,
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

/// `GET /me/bookings`
pub async fn show(State(app): State<App>, PageUser(me): PageUser) -> Result<Response, AppError> {
    let flash = Flash::take(&app, &me).await?;
    let now = app.clock.now();
    let mut rows = Vec::new();
    for b in
        bookings::list_for_student(&app.db, me.user.student_id, &BookingFilter::default()).await?
    {
        let Some(s) = sessions::get(&app.db, b.session_id).await? else {
            continue;
        };
        rows.push(Row {
            id: b.id,
            title: s.title.clone().unwrap_or_else(|| "Private lesson".into()),
            cancellable: b.status == BookingStatus::Confirmed && s.start_at > now,
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
        });
    }
    rows.reverse();
    let page = BookingsPage {
        nav: Nav::of(Some(&me)),
        notice: flash.notice,
        problem: flash.problem,
        rows,
    };
    Ok(render(&page)?.into_response())
}

/// `POST /me/bookings/{id}/cancel`
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
    let ask = BookingAsk::Credit {
        target: Target::Session(session_id),
        student_package_id: best.student_package_id,
        allowance_id: best.allowance_id,
        confirm_cross_tier: best.fit == Fit::Higher,
    };
    match booking::create(&app, &me, ask).await {
        Ok(b) => back(
            Some(&format!(
                "Booked with {} credit(s) from {}.",
                b.credits_cost, best.package_name
            )),
            None,
        ),
        Err(AppError::Refused(Refusal { message, .. })) => back(None, Some(&message)),
        Err(e) => return Err(e),
    }
    .send(&app, &me)
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
