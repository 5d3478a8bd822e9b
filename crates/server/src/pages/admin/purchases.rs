//! `GET /admin/purchases`: purchases newest first, with refunds and payments held for review.

use askama::Template;
use aula_db::purchases;
use axum::extract::State;
use axum::response::{IntoResponse, Response};

use crate::extract::PageAdmin;
use crate::pages::{Nav, render};
use crate::{App, AppError};

/// How many lines the page shows.
const SHOWN: u64 = 200;

struct Row {
    student: String,
    email: String,
    package: String,
    amount: String,
    paid: bool,
    /// "—", a refunded amount, or "for review" with its reason.
    refund: String,
    review: Option<String>,
    /// Day and time in the viewer's zone (named once above the table).
    date: String,
}

#[derive(Template)]
#[template(path = "admin_purchases.html")]
struct PurchasesPage {
    nav: Nav,
    rows: Vec<Row>,
}

/// The list.
pub async fn show(
    State(app): State<App>,
    PageAdmin(admin): PageAdmin,
) -> Result<Response, AppError> {
    let nav = Nav::of(Some(&admin));
    let rows = purchases::recent(&app.db, SHOWN)
        .await?
        .into_iter()
        .map(|l| Row {
            student: l.student_name,
            email: l.student_email,
            package: l.package_name,
            amount: nav.money(l.amount_minor, &l.currency),
            paid: l.student_package_id.is_some(),
            refund: if l.review_reason.is_some() {
                nav.t("admin-purchase-for-review")
            } else if l.refunded_minor > 0 || l.refunded {
                let amount = nav.money(l.refunded_minor, &l.currency);
                if l.refunded {
                    nav.t1("admin-purchase-refunded-in-full", "amount", amount)
                } else {
                    nav.t1("admin-purchase-refunded-amount", "amount", amount)
                }
            } else {
                "—".to_owned()
            },
            review: l.review_reason,
            date: format!("{}, {}", nav.date(l.at), nav.time(l.at)),
        })
        .collect();
    Ok(render(&PurchasesPage { nav, rows })?.into_response())
}
