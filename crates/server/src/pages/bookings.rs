//! The student's bookings: book from the schedule, join a waiting list, see and cancel bookings.

use std::collections::HashMap;

use askama::Template;
use aula_db::bookings::Target;
use aula_db::sessions;
use aula_domain::BookingKind;
use aula_domain::credits::Fit;
use axum::extract::State;
use axum::response::{IntoResponse, Response};

use crate::extract::{ApiPath, PageUser};
use crate::pages::{Back, Flash, Nav, render};
use crate::services::booking::{self, BookingAsk};
use crate::services::credits::{self, CreditOption};
use crate::{App, AppError};

struct Row {
    id: i64,
    title: String,
    status: String,
    status_label: String,
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
    upcoming: Vec<Row>,
    past: Vec<Row>,
}

fn back(notice: Option<&str>, problem: Option<&str>) -> Back {
    Back::to("/me/bookings", notice, problem)
}

/// "Private lesson with Teo Teacher" or the class title.
fn title_of(nav: &Nav, s: &sessions::SessionView, teachers: &HashMap<i64, String>) -> String {
    match &s.title {
        Some(t) => t.clone(),
        None => nav.t1(
            "private-lesson-with",
            "name",
            teachers.get(&s.teacher_id).map_or("", String::as_str),
        ),
    }
}

/// `GET /me/bookings`: upcoming then past, each in date order; "Cancel booking" with its deadline
/// only where the policy allows it (the same decision as `can-modify`), in a fixed number of
/// queries whatever the number of bookings.
pub async fn show(State(app): State<App>, PageUser(me): PageUser) -> Result<Response, AppError> {
    let flash = Flash::take(&app, &me).await?;
    let nav = Nav::of(Some(&me));
    let now = app.clock.now();
    let teachers = booking::teacher_names(&app).await?;
    let mut upcoming = Vec::new();
    let mut past = Vec::new();
    for (b, s, changes) in booking::mine_with_changes(&app, &me).await? {
        let row = Row {
            id: b.id,
            title: title_of(&nav, &s, &teachers),
            cancel_until: changes.can_cancel.then(|| nav.when(changes.deadline)),
            status: b.status.as_str().to_owned(),
            status_label: nav.t(&format!("booking-status-{}", b.status.as_str())),
            start_iso: s.start_at.to_rfc3339(),
            when: nav.span(s.start_at, s.end_at),
            paid_with: if b.kind == BookingKind::CourseStep {
                nav.t("paid-course-step")
            } else {
                nav.t1("paid-credits", "credits", b.credits_cost)
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
        nav,
        notice: flash.notice,
        problem: flash.problem,
        upcoming: upcoming.into_iter().map(|(_, r)| r).collect(),
        past: past.into_iter().map(|(_, r)| r).collect(),
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
    let nav = Nav::of(Some(&me));
    let b = booking::visible(&app, &me, id).await?;
    let s = sessions::get(&app.db, b.session_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let changes = booking::can_modify(&app, &me, id).await?;
    if !changes.can_cancel {
        let why = changes
            .reason
            .map(|r| nav.said(&r))
            .unwrap_or_else(|| nav.t("cancel-too-late"));
        return back(None, Some(&why)).send(&app, &me).await;
    }
    let policy = aula_db::policies::active(&app.db).await?;
    let refund = match b.kind {
        BookingKind::CourseStep => nav.t("cancel-gives-step-back"),
        BookingKind::Credit if policy.refund_credits_on_cancel => {
            nav.t1("cancel-gives-credits-back", "credits", b.credits_cost)
        }
        BookingKind::Credit => nav.t("cancel-gives-nothing-back"),
    };
    let teachers = booking::teacher_names(&app).await?;
    Ok(render(&ConfirmPage {
        id,
        title: title_of(&nav, &s, &teachers),
        when: nav.span(s.start_at, s.end_at),
        refund,
        nav,
    })?
    .into_response())
}

/// `POST /me/bookings/{id}/cancel/confirm`: "Yes, cancel booking".
pub async fn cancel(
    State(app): State<App>,
    PageUser(me): PageUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<Response, AppError> {
    let nav = Nav::of(Some(&me));
    match booking::cancel(&app, &me, id, Some("cancelled on the website".into())).await {
        Ok(out) if out.credits_refunded > 0 => back(
            Some(&nav.t1("cancelled-credits-back", "credits", out.credits_refunded)),
            None,
        ),
        Ok(_) => back(Some(&nav.t("cancelled")), None),
        Err(AppError::Refused(r)) => back(None, Some(&nav.refusal(&r))),
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
    let nav = Nav::of(Some(&me));
    let session = sessions::get(&app.db, session_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let options = credits::options_for(&app, me.user.student_id, &session).await?;
    let Some(best) = options.first() else {
        let why = nav.t("credit-none-fits-session");
        return Back::to("/schedule", None, Some(&why))
            .send(&app, &me)
            .await;
    };
    if best.fit == Fit::Higher {
        // Only a higher-tier credit can pay: the student chooses and agrees on the next page.
        return Ok(
            axum::response::Redirect::to(&format!("/schedule/{session_id}/credit")).into_response(),
        );
    }
    let (sp, allowance) = (best.student_package_id, best.allowance_id);
    let from = "/schedule".to_owned();
    book_with(&app, &me, &nav, session_id, (sp, allowance), false, from).await
}

async fn book_with(
    app: &App,
    me: &crate::extract::CurrentUser,
    nav: &Nav,
    session_id: i64,
    (student_package_id, allowance_id): (i64, i64),
    consent: bool,
    from: String,
) -> Result<Response, AppError> {
    let ask = BookingAsk::Credit {
        target: Target::Session(session_id),
        student_package_id,
        allowance_id,
        confirm_cross_tier: consent,
    };
    match booking::create(app, me, ask).await {
        Ok(b) => back(
            Some(&nav.t1("booked-with-credits", "credits", b.credits_cost)),
            None,
        ),
        Err(AppError::Refused(r)) => Back::to_path(from, None, Some(&nav.refusal(&r))),
        Err(e) => return Err(e),
    }
    .send(app, me)
    .await
}

/// One credit the student may pay with, as a radio of the credit choice.
pub struct Choice {
    pub value: String,
    pub label: String,
    pub recommended: bool,
}

impl Choice {
    /// `"{studentPackageId}:{allowanceId}"` back into its ids.
    pub fn parse(raw: &str) -> Option<(i64, i64)> {
        let (sp, a) = raw.split_once(':')?;
        Some((sp.trim().parse().ok()?, a.trim().parse().ok()?))
    }
}

/// The radios of a credit choice, the recommended (first) one selected.
pub fn choices(nav: &Nav, options: &[CreditOption]) -> Vec<Choice> {
    options
        .iter()
        .enumerate()
        .map(|(i, o)| Choice {
            value: format!("{}:{}", o.student_package_id, o.allowance_id),
            label: nav.t3(
                if o.fit == Fit::Higher {
                    "credit-option-higher"
                } else {
                    "credit-option"
                },
                "package",
                o.package_name.as_str(),
                "cost",
                o.credits_cost,
                "left",
                o.remaining_credits,
            ),
            recommended: i == 0,
        })
        .collect()
}

/// The credit choice of a session or of a private slot.
#[derive(Template)]
#[template(path = "choose_credit.html")]
pub struct ChoosePage {
    pub nav: Nav,
    /// Where "Confirm booking" posts.
    pub action: String,
    /// Hidden fields of the form besides `_csrf`.
    pub hidden: Vec<(String, String)>,
    pub title: String,
    pub when: String,
    pub choices: Vec<Choice>,
    /// A higher-tier credit is among the choices: show the unticked consent box.
    pub needs_consent: bool,
    pub back_href: String,
    pub back_label: String,
    /// The refusal of the last try, shown once.
    pub problem: Option<String>,
}

/// `GET /schedule/{sessionId}/credit`: the credits that can pay, the recommended one selected, and
/// the consent a higher-tier credit needs (never ticked for the student).
pub async fn choose_credit(
    State(app): State<App>,
    PageUser(me): PageUser,
    ApiPath(session_id): ApiPath<i64>,
) -> Result<Response, AppError> {
    let flash = Flash::take(&app, &me).await?;
    let nav = Nav::of(Some(&me));
    let session = sessions::get(&app.db, session_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let options = credits::options_for(&app, me.user.student_id, &session).await?;
    let page = ChoosePage {
        problem: flash.problem,
        action: format!("/schedule/{session_id}/credit"),
        hidden: Vec::new(),
        title: session.title.clone().unwrap_or_else(|| nav.t("session")),
        when: nav.span(session.start_at, session.end_at),
        needs_consent: options.iter().any(|o| o.fit == Fit::Higher),
        choices: choices(&nav, &options),
        back_href: "/schedule".into(),
        back_label: nav.t("back-to-schedule"),
        nav,
    };
    Ok(render(&page)?.into_response())
}

/// The credit chosen on the page, and the consent box.
#[derive(serde::Deserialize)]
pub struct ChosenCredit {
    #[serde(default)]
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
    let nav = Nav::of(Some(&me));
    let Some((sp, allowance)) = Choice::parse(&form.credit) else {
        let why = nav.t("credit-choose-one");
        return Back::to_path(format!("/schedule/{session_id}/credit"), None, Some(&why))
            .send(&app, &me)
            .await;
    };
    let from = format!("/schedule/{session_id}/credit");
    let chosen = (sp, allowance);
    book_with(
        &app,
        &me,
        &nav,
        session_id,
        chosen,
        form.consent.is_some(),
        from,
    )
    .await
}

/// `POST /schedule/{sessionId}/wait`: joins the waiting list of a full session.
pub async fn wait(
    State(app): State<App>,
    PageUser(me): PageUser,
    ApiPath(session_id): ApiPath<i64>,
) -> Result<Response, AppError> {
    let nav = Nav::of(Some(&me));
    match booking::join_waitlist(&app, &me, session_id).await {
        Ok(e) => Back::to(
            "/schedule",
            Some(&nav.t1("waitlist-joined", "place", e.position)),
            None,
        ),
        Err(AppError::Refused(r)) => Back::to("/schedule", None, Some(&nav.refusal(&r))),
        Err(e) => return Err(e),
    }
    .send(&app, &me)
    .await
}
