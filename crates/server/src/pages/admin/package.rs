//! `GET /admin/packages/{id}`: one package (price, state, allowances) with its "Texts" form, the
//! name and description in every language (saved by `texts::save_package`).

use askama::Template;
use aula_db::packages;
use aula_db::texts::Owner;
use axum::extract::State;
use axum::response::{IntoResponse, Response};

use crate::extract::{ApiPath, CurrentUser, PageAdmin};
use crate::pages::admin::texts::TextsForm;
use crate::pages::{Flash, Nav, render};
use crate::{App, AppError};

#[derive(Template)]
#[template(path = "admin_package.html")]
pub(super) struct PackagePage {
    nav: Nav,
    /// The default name and description (those given at creation).
    name: String,
    description: Option<String>,
    price: String,
    active: bool,
    allowances: Vec<String>,
    pub(super) texts: TextsForm,
    notice: Option<String>,
    problem: Option<String>,
}

/// The page of package `id` (404 when there is none).
pub(super) async fn package_page(
    app: &App,
    admin: &CurrentUser,
    id: i64,
    flash: Flash,
) -> Result<PackagePage, AppError> {
    let p = packages::get(&app.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let nav = Nav::of(Some(admin));
    Ok(PackagePage {
        price: nav.money(p.amount_minor, &p.currency),
        allowances: nav.allowances(&p.allowances),
        texts: TextsForm::load(app, Owner::Package(id)).await?,
        name: p.name,
        description: p.description,
        active: p.active,
        notice: flash.notice,
        problem: flash.problem,
        nav,
    })
}

/// `GET /admin/packages/{id}`
pub async fn show(
    State(app): State<App>,
    PageAdmin(admin): PageAdmin,
    ApiPath(id): ApiPath<i64>,
) -> Result<Response, AppError> {
    let flash = Flash::take(&app, &admin).await?;
    let page = package_page(&app, &admin, id, flash).await?;
    Ok(render(&page)?.into_response())
}
