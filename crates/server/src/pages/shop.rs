//! Buying pages: the catalogue, the buy button, checkout results, the dev checkout and My credits.

use askama::Template;
use aula_db::ledger::OwnedPackage;
use aula_db::packages::{self, PackageFilter, PackageRecord};
use aula_db::purchases;
use aula_domain::CheckoutStatus;
use aula_domain::credits::ServiceType;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};

use crate::extract::{ApiPath, CurrentUser, MaybeUser, PageUser};
use crate::pages::{Back, Flash, Nav, message, render};
use crate::services::{credits, purchases as buying, texts};
use crate::{App, AppError};

struct PackageCard {
    id: i64,
    name: String,
    description: Option<String>,
    price: String,
    lines: Vec<String>,
    expiry: String,
}

fn card(nav: &Nav, p: &PackageRecord) -> PackageCard {
    PackageCard {
        id: p.id,
        name: p.name.clone(),
        description: p.description.clone(),
        price: nav.money(p.amount_minor, &p.currency),
        lines: nav.allowances(&p.allowances),
        expiry: p.expires_in_days.map_or_else(
            || nav.t("shop-never-expire"),
            |d| nav.t1("shop-expires-after", "days", d),
        ),
    }
}

#[derive(Template)]
#[template(path = "packages.html")]
struct CataloguePage {
    nav: Nav,
    notice: Option<String>,
    problem: Option<String>,
    items: Vec<PackageCard>,
}

/// `GET /packages`
pub async fn catalogue(
    State(app): State<App>,
    MaybeUser(user): MaybeUser,
) -> Result<Html<String>, AppError> {
    let flash = match &user {
        Some(u) => Flash::take(&app, u).await?,
        None => Flash::default(),
    };
    let nav = Nav::of(user.as_ref());
    let filter = PackageFilter {
        active_only: true,
        ..Default::default()
    };
    let mut found = packages::list(&app.db, &filter).await?;
    texts::localize(&app, nav.lang, &mut [], &mut found).await?;
    let items = found.iter().map(|p| card(&nav, p)).collect();
    render(&CataloguePage {
        nav,
        notice: flash.notice,
        problem: flash.problem,
        items,
    })
}

/// The form was sent from `/packages` (its `Referer` names that page).
/// The page a Buy form was sent from, when it is one that shows refusals: the packages or a
/// course's page (from the `Referer`, which our Referrer-Policy keeps for our own pages).
fn came_from(headers: &HeaderMap) -> Option<String> {
    let referer = headers.get(header::REFERER).and_then(|v| v.to_str().ok())?;
    let path = referer
        .split_once("://")
        .and_then(|(_, rest)| rest.find('/').map(|i| &rest[i..]))
        .unwrap_or(referer);
    let page = path.split(['?', '#']).next().unwrap_or_default();
    let course = page.strip_prefix("/courses/").is_some_and(|code| {
        !code.is_empty() && code.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    });
    (page == "/packages" || course).then(|| page.to_owned())
}

/// `POST /packages/{id}/buy`: starts a checkout and sends the browser there. A refusal goes
/// back as a sentence to the page the form was on (the packages or a course's page); from
/// anywhere else it is a page of its own.
pub async fn buy(
    State(app): State<App>,
    PageUser(user): PageUser,
    ApiPath(id): ApiPath<i64>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    match buying::checkout(&app, user.user.student_id, id).await {
        Ok(session) => Ok(Redirect::to(&session.url).into_response()),
        Err(AppError::Refused(r)) => {
            let nav = Nav::of(Some(&user));
            let why = nav.refusal(&r);
            if let Some(page) = came_from(&headers) {
                return Back::to_path(page, None, Some(&why))
                    .send(&app, &user)
                    .await;
            }
            let heading = nav.t("shop-not-for-sale");
            message(nav, StatusCode::CONFLICT, &heading, &why)
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "checkout_result.html")]
struct ResultPage<'a> {
    nav: Nav,
    heading: String,
    text: String,
    next_href: &'a str,
    next_label: String,
}

/// The page after Stripe Checkout: the catalogue's `{key}`, `{key}-text` and `{key}-next`.
fn result_page(
    user: Option<&CurrentUser>,
    key: &str,
    next_href: &str,
) -> Result<Html<String>, AppError> {
    let nav = Nav::of(user);
    render(&ResultPage {
        heading: nav.t(key),
        text: nav.t(&format!("{key}-text")),
        next_href,
        next_label: nav.t(&format!("{key}-next")),
        nav,
    })
}

/// `GET /checkout/success`
pub async fn success(MaybeUser(user): MaybeUser) -> Result<Html<String>, AppError> {
    result_page(user.as_ref(), "shop-paid", "/me/credits")
}

/// `GET /checkout/cancel`
pub async fn cancel(MaybeUser(user): MaybeUser) -> Result<Html<String>, AppError> {
    result_page(user.as_ref(), "shop-payment-cancelled", "/packages")
}

#[derive(Template)]
#[template(path = "dev_checkout.html")]
struct DevPage {
    nav: Nav,
    id: String,
    package_name: String,
    price: String,
    open: bool,
    /// The checkout's status in words.
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
        let nav = Nav::of(Some(user));
        let heading = nav.t("shop-not-your-checkout");
        let text = nav.t("shop-not-your-checkout-text");
        return Ok(Err(message(nav, StatusCode::FORBIDDEN, &heading, &text)?));
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
    let mut package = packages::get(&app.db, cs.package_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let nav = Nav::of(user.as_ref());
    texts::localize(&app, nav.lang, &mut [], std::slice::from_mut(&mut package)).await?;
    Ok(render(&DevPage {
        id: cs.id,
        package_name: package.name,
        price: nav.money(cs.amount_minor, &cs.currency),
        open: cs.status == CheckoutStatus::Open.as_str(),
        status: nav
            .try_t(&format!("shop-checkout-status-{}", cs.status))
            .unwrap_or(cs.status),
        nav,
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
    if cs.status != CheckoutStatus::Open.as_str() {
        let nav = Nav::of(user);
        let heading = nav.t("shop-checkout-closed");
        let text = nav.t("shop-checkout-closed-text");
        return message(nav, StatusCode::CONFLICT, &heading, &text);
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
    /// "Bought on …".
    bought: String,
    /// "Expires on …" or "Never expires".
    expires: String,
    lines: Vec<Line>,
}

#[derive(Template)]
#[template(path = "my_credits.html")]
struct CreditsPage {
    nav: Nav,
    total: i64,
    packages: Vec<Owned>,
}

/// `GET /me/credits`
pub async fn my_credits(
    State(app): State<App>,
    PageUser(user): PageUser,
) -> Result<Response, AppError> {
    let nav = Nav::of(Some(&user));
    let owned = credits::my_packages(&app, user.user.student_id).await?;
    let ids: Vec<i64> = owned.iter().map(|p| p.package.id).collect();
    let names = texts::package_names(&app, nav.lang, &ids).await?;
    let total = owned.iter().map(OwnedPackage::remaining_credits).sum();
    let packages = owned
        .iter()
        .map(|p| Owned {
            // The name in the viewer's language, else the one it was bought under.
            name: names.get(&p.package.id).unwrap_or(&p.package_name).clone(),
            bought: nav.t1("shop-bought-on", "date", nav.date(p.purchased_at)),
            expires: match p.expires_at {
                Some(t) => nav.t1("shop-expires-at", "when", nav.when(t)),
                None => nav.t("shop-never-expires"),
            },
            lines: p
                .allowances
                .iter()
                .map(|(a, l)| {
                    let remaining = l.remaining(a.credits);
                    Line {
                        label: nav.allowance(
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
        nav,
        total,
        packages,
    })?
    .into_response())
}
