//! `/admin/policy`: the cancellation policy as a form ("Save policy").

use std::collections::BTreeMap;

use askama::Template;
use aula_db::policies;
use aula_domain::DomainError;
use aula_domain::policy::CancellationPolicy;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::extract::PageAdmin;
use crate::pages::admin::{Fields, field as value};
use crate::pages::{Back, Flash, Nav, render};
use crate::{App, AppError};

#[derive(Template)]
#[template(path = "admin_policy.html")]
struct PolicyPage {
    nav: Nav,
    allow_cancellation: bool,
    cancellation_hours: String,
    refund: bool,
    allow_rescheduling: bool,
    rescheduling_hours: String,
    max_reschedules: String,
    errors: BTreeMap<String, String>,
    notice: Option<String>,
}

impl PolicyPage {
    fn error(&self, name: &str) -> Option<&str> {
        self.errors.get(name).map(String::as_str)
    }
}

/// `GET /admin/policy`
pub async fn show(
    State(app): State<App>,
    PageAdmin(admin): PageAdmin,
) -> Result<Response, AppError> {
    let p = policies::active(&app.db).await?;
    let flash = Flash::take(&app, &admin).await?;
    Ok(render(&PolicyPage {
        nav: Nav::of(Some(&admin)),
        allow_cancellation: p.allow_cancellation,
        cancellation_hours: p.cancellation_deadline_hours.to_string(),
        refund: p.refund_credits_on_cancel,
        allow_rescheduling: p.allow_rescheduling,
        rescheduling_hours: p.rescheduling_deadline_hours.to_string(),
        max_reschedules: p.max_reschedules_per_booking.to_string(),
        errors: BTreeMap::new(),
        notice: flash.notice,
    })?
    .into_response())
}

/// `POST /admin/policy`: saves a new policy in force from now, or shows the form again (422).
pub async fn save(
    State(app): State<App>,
    PageAdmin(admin): PageAdmin,
    Form(fields): Form<Fields>,
) -> Result<Response, AppError> {
    let nav = Nav::of(Some(&admin));
    let mut errors = BTreeMap::new();
    let mut whole = |name: &str, field: &str| {
        value(&fields, name).parse::<i32>().unwrap_or_else(|_| {
            errors.insert(field.to_owned(), nav.t("admin-whole-number"));
            -1
        })
    };
    let policy = CancellationPolicy {
        allow_cancellation: !value(&fields, "allowCancellation").is_empty(),
        cancellation_deadline_hours: whole(
            "cancellationDeadlineHours",
            "cancellationDeadlineHours",
        ),
        refund_credits_on_cancel: !value(&fields, "refundCreditsOnCancel").is_empty(),
        allow_rescheduling: !value(&fields, "allowRescheduling").is_empty(),
        rescheduling_deadline_hours: whole(
            "reschedulingDeadlineHours",
            "reschedulingDeadlineHours",
        ),
        max_reschedules_per_booking: whole("maxReschedulesPerBooking", "maxReschedulesPerBooking"),
    };
    if errors.is_empty() {
        match policy.validate() {
            Ok(valid) => {
                policies::save(&app.db, &valid, app.clock.now()).await?;
                return Back::to("/admin/policy", Some(&nav.t("admin-policy-saved")), None)
                    .send(&app, &admin)
                    .await;
            }
            Err(DomainError::Fields(f)) => {
                errors.extend(nav.said_all(f));
            }
            Err(DomainError::Invalid { field, problem }) => {
                errors.insert(field.to_owned(), nav.said(&problem));
            }
            Err(e) => return Err(e.into()),
        }
    }
    let page = PolicyPage {
        nav,
        allow_cancellation: policy.allow_cancellation,
        cancellation_hours: value(&fields, "cancellationDeadlineHours"),
        refund: policy.refund_credits_on_cancel,
        allow_rescheduling: policy.allow_rescheduling,
        rescheduling_hours: value(&fields, "reschedulingDeadlineHours"),
        max_reschedules: value(&fields, "maxReschedulesPerBooking"),
        errors,
        notice: None,
    };
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
}
