//! Buying pages: the catalogue, the buy button, checkout results, the dev checkout and My credits.

use askama::Template;
use aula_db::ledger::OwnedPackage;
use aula_db::packages::{self, PackageFilter, PackageRecord};
use aula_db::purchases;
use aula_domain::Refusal;
use aula_domain::credits::ServiceType;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};

use crate::extract::{ApiPath, CurrentUser, MaybeUser, PageUser};
use crate::pages::{Nav, message, render};
use crate::services::{credits, purchases as buying};
use crate::{App, AppError};

/// An amount for the current request's viewer (prefer `nav.money`, which knows the user's choices).
pub fn money(amount_minor: i64, currency: &str) -> String {
    crate::i18n::Viewer::current().money(amount_minor, currency)
}

/// An allowance in words for the current request's viewer (prefer `nav.allowance`).
pub fn line(t: ServiceType, credits: i32, unit: Option<i32>, tier: i32) -> String {
    crate::i18n::Viewer::current().allowance(t, credits, unit, tier)
}

struct PackageCard {
    id: i64,
    name: String,
    description: Option<String>,
    price: String,
    lines: Vec<String>,
    expiry: String,
}

fn card(p: &PackageRecord) -> PackageCard {
    PackageCard {
        id: p.id,
        name: p.name.clone(),
        description: p.description.clone(),
        price: money(p.amount_minor, &p.currency),
        lines: p
            .allowances
            .iter()
            .map(|a| {
                line(
                    a.service_type,
                    a.credits,
                    a.credit_unit_minutes,
                    a.teacher_tier,
                )
            })
            .collect(),
        expiry: p
            .expires_in_days
            .map_or("Credits never expire".to_owned(), |d| {
                format!("Credits last {d} days")
            }),
    }
}

#[derive(Template)]
#[template(path = "packages.html")]
struct CataloguePage {
    nav: Nav,
    items: Vec<PackageCard>,
}

/// `GET /packages`
pub async fn catalogue(
    State(app): State<App>,
    MaybeUser(user): MaybeUser,
) -> Result<Html<String>, AppError> {
    let filter = PackageFilter {
        active_only: true,
        ..Default::default()
    };
    let items = packages::list(&app.db, &filter)
        .await?
        .iter()
        .map(card)
        .collect();
    render(&CataloguePage {
        nav: Nav::of(user.as_ref()),
        items,
    })
}

/// `POST /packages/{id}/buy`: starts a checkout and sends the browser there.
pub async fn buy(
    State(app): State<App>,
    PageUser(user): PageUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<Response, AppError> {
    match buying::checkout(&app, user.user.student_id, id).await {
        Ok(session) => Ok(Redirect::to(&session.url).into_response()),
        Err(AppError::Refused(Refusal { message: why, .. })) => message(
            Nav::of(Some(&user)),
            StatusCode::CONFLICT,
            "Not for sale",
            &why,
        ),
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "checkout_result.html")]
struct ResultPage<'a> {
    nav: Nav,
    heading: &'a str,
    text: &'a str,
    next_href: &'a str,
    next_label: &'a str,
}

/// `GET /checkout/success`
pub async fn success(MaybeUser(user): MaybeUser) -> Result<Html<String>, AppError> {
    render(&ResultPage {
        nav: Nav::of(user.as_ref()),
        heading: "Thank you!",
        text: "Your payment went through. Your credits appear in My credits as soon as the payment is confirmed, usually within seconds.",
        next_href: "/me/credits",
        next_label: "See my credits",
    })
}

/// `GET /checkout/cancel`
pub async fn cancel(MaybeUser(user): MaybeUser) -> Result<Html<String>, AppError> {
    render(&ResultPage {
        nav: Nav::of(user.as_ref()),
        heading: "Payment cancelled",
        text: "Nothing was charged. You can choose a package again whenever you like.",
        next_href: "/packages",
        next_label: "Back to the packages",
    })
}

#[derive(Template)]
#[template(path = "dev_checkout.html")]
struct DevPage {
    nav: Nav,
    id: String,
    package_name: String,
    price: String,
    status: String,
}

/// The open dev checkout `id` of the logged-in student: 404 unless the dev checkout runs, a visitor
/// goes to `/login`, another user gets the 403 page.
async fn own_dev_checkout(
    app: &App,
    user: Option<&CurrentUser>,
    id: &str,
) -> Result<Result<aula_db::purchases::CheckoutRecord, Response>, AppError> {
    if !app.payments.is_dev() {
        return Err(AppError::NotFound);
    }
    let Some(user) = user else {
        let next = format!("/checkout/dev/{id}");
        return Ok(Err(Redirect::to(&format!(
            "/login?next={}",
            crate::pages::urlencode(&next)
        ))
        .into_response()));
    };
    let cs = purchases::checkout(&app.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if cs.student_id != user.user.student_id {
        return Ok(Err(message(
            Nav::of(Some(user)),
            StatusCode::FORBIDDEN,
            "Not your checkout",
            "This checkout was opened by another student.",
        )?));
    }
    Ok(Ok(cs))
}

/// `GET /checkout/dev/{id}`: only while the dev checkout runs, only for the student who opened it.
pub async fn dev_page(
    State(app): State<App>,
    MaybeUser(user): MaybeUser,
    ApiPath(id): ApiPath<String>,
) -> Result<Response, AppError> {
    let cs = match own_dev_checkout(&app, user.as_ref(), &id).await? {
        Ok(cs) => cs,
        Err(page) => return Ok(page),
    };
    let package = packages::get(&app.db, cs.package_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(render(&DevPage {
        nav: Nav::of(user.as_ref()),
        id: cs.id,
        package_name: package.name,
        price: money(cs.amount_minor, &cs.currency),
        status: cs.status,
    })?
    .into_response())
}

/// `POST /checkout/dev/{id}/pay`: grants the package, then shows the credits (or the courses).
pub async fn dev_pay(
    State(app): State<App>,
    MaybeUser(user): MaybeUser,
    ApiPath(id): ApiPath<String>,
) -> Result<Response, AppError> {
    settle(&app, user.as_ref(), &id, true).await
}

/// `POST /checkout/dev/{id}/cancel`: the checkout expires; nothing is granted, ever.
pub async fn dev_cancel(
    State(app): State<App>,
    MaybeUser(user): MaybeUser,
    ApiPath(id): ApiPath<String>,
) -> Result<Response, AppError> {
    settle(&app, user.as_ref(), &id, false).await
}

async fn settle(
    app: &App,
    user: Option<&CurrentUser>,
    id: &str,
    pay: bool,
) -> Result<Response, AppError> {
    let cs = match own_dev_checkout(app, user, id).await? {
        Ok(cs) => cs,
        Err(page) => return Ok(page),
    };
    if cs.status != "open" {
        return message(
            Nav::of(user),
            StatusCode::CONFLICT,
            "This checkout is closed",
            "It was already paid or cancelled. Choose a package again to buy it.",
        );
    }
    buying::dev_settle(app, &cs.id, pay).await?;
    if !pay {
        return Ok(Redirect::to("/checkout/cancel").into_response());
    }
    let course = packages::get(&app.db, cs.package_id)
        .await?
        .is_some_and(|p| {
            p.allowances
                .iter()
                .any(|a| a.service_type == ServiceType::Course)
        });
    let next = if course { "/me/courses" } else { "/me/credits" };
    Ok(Redirect::to(next).into_response())
}

struct Line {
    label: String,
    is_course: bool,
    credits: i32,
    remaining: i64,
    percent: i64,
}

struct Owned {
    name: String,
    bought: String,
    expires: Option<String>,
    lines: Vec<Line>,
}

#[derive(Template)]
#[template(path = "my_credits.html")]
struct CreditsPage {
    nav: Nav,
    total: i64,
    packages: Vec<Owned>,
}

fn day(t: DateTime<Utc>) -> String {
    t.format("%-d %B %Y").to_string()
}

/// `GET /me/credits`
pub async fn my_credits(
    State(app): State<App>,
    PageUser(user): PageUser,
) -> Result<Response, AppError> {
    let owned = credits::my_packages(&app, user.user.student_id).await?;
    let total = owned.iter().map(OwnedPackage::remaining_credits).sum();
    let packages = owned
        .iter()
        .map(|p| Owned {
            name: p.package_name.clone(),
            bought: day(p.purchased_at),
            expires: p.expires_at.map(day),
            lines: p
                .allowances
                .iter()
                .map(|(a, l)| {
                    let remaining = l.remaining(a.credits);
                    Line {
                        label: line(
                            a.service_type,
                            a.credits,
                            a.credit_unit_minutes,
                            a.teacher_tier,
                        ),
                        is_course: a.service_type == ServiceType::Course,
                        credits: a.credits,
                        remaining,
                        percent: remaining * 100 / i64::from(a.credits.max(1)),
                    }
                })
                .collect(),
        })
        .collect();
    Ok(render(&CreditsPage {
        nav: Nav::of(Some(&user)),
        total,
        packages,
    })?
    .into_response())
}
