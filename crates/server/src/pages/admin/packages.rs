//! `/admin/packages…`: the packages with their allowances, Activate / Deactivate, and the New
//! package form (up to three allowances; a COURSE one chooses its course).

use std::collections::BTreeMap;

use askama::Template;
use aula_db::packages::{self, PackageFilter};
use aula_domain::credits::{AllowanceInput, ServiceType};
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::extract::{ApiPath, CurrentUser, PageAdmin};
use crate::pages::admin::{Fields, field};
use crate::pages::{Back, Flash, Nav, render, sentence};
use crate::services::courses;
use crate::services::packages::{self as selling, NewPackageInput};
use crate::{App, AppError};

struct Line {
    id: i64,
    name: String,
    price: String,
    active: bool,
    allowances: Vec<String>,
}

#[derive(Template)]
#[template(path = "admin_packages.html")]
struct ListPage {
    nav: Nav,
    lines: Vec<Line>,
    notice: Option<String>,
    problem: Option<String>,
}

/// `GET /admin/packages`
pub async fn list(
    State(app): State<App>,
    PageAdmin(admin): PageAdmin,
) -> Result<Response, AppError> {
    let nav = Nav::of(Some(&admin));
    let flash = Flash::take(&app, &admin).await?;
    let lines = packages::list(&app.db, &PackageFilter::default())
        .await?
        .into_iter()
        .map(|p| Line {
            id: p.id,
            price: nav.money(p.amount_minor, &p.currency),
            active: p.active,
            allowances: nav.allowances(&p.allowances),
            name: p.name,
        })
        .collect();
    Ok(render(&ListPage {
        nav,
        lines,
        notice: flash.notice,
        problem: flash.problem,
    })?
    .into_response())
}

/// `POST /admin/packages/{id}/activate` and `/deactivate`.
pub async fn set_active(
    State(app): State<App>,
    PageAdmin(admin): PageAdmin,
    ApiPath((id, action)): ApiPath<(i64, String)>,
) -> Result<Response, AppError> {
    let active = match action.as_str() {
        "activate" => true,
        "deactivate" => false,
        _ => return Err(AppError::NotFound),
    };
    let nav = Nav::of(Some(&admin));
    let back = match selling::set_active(&app, id, active).await {
        Ok(p) if active => Back::to(
            "/admin/packages",
            Some(&nav.t1("admin-package-is-on-sale", "name", p.name)),
            None,
        ),
        Ok(p) => Back::to(
            "/admin/packages",
            Some(&nav.t1("admin-package-no-longer-sold", "name", p.name)),
            None,
        ),
        Err(AppError::Refused(r)) => Back::to("/admin/packages", None, Some(&nav.refusal(&r))),
        Err(e) => return Err(e),
    };
    back.send(&app, &admin).await
}

struct Row {
    n: usize,
    kind: String,
    credits: String,
    minutes: String,
    tier: String,
    course: String,
    error: Option<String>,
}

struct CourseChoice {
    id: i64,
    title: String,
}

#[derive(Template)]
#[template(path = "admin_package_new.html")]
struct NewPage {
    nav: Nav,
    name: String,
    description: String,
    price: String,
    currency: String,
    expires: String,
    rows: Vec<Row>,
    courses: Vec<CourseChoice>,
    errors: BTreeMap<String, String>,
    /// Some field has a problem (of the package or of an allowance row).
    failed: bool,
}

impl NewPage {
    fn error(&self, name: &str) -> Option<&str> {
        self.errors.get(name).map(String::as_str)
    }

    /// Problems of no field the form shows.
    fn others(&self) -> Vec<&str> {
        const SHOWN: [&str; 6] = [
            "name",
            "description",
            "price",
            "currency",
            "expires",
            "allowances",
        ];
        self.errors
            .iter()
            .filter(|(k, _)| !SHOWN.contains(&k.as_str()))
            .map(|(_, v)| v.as_str())
            .collect()
    }
}

async fn new_page(
    app: &App,
    admin: &CurrentUser,
    fields: &Fields,
    errors: BTreeMap<String, String>,
    row_errors: &BTreeMap<usize, String>,
) -> Result<NewPage, AppError> {
    let courses = courses::programs(app)
        .await?
        .into_iter()
        .map(|p| CourseChoice {
            id: p.id,
            title: p.title,
        })
        .collect();
    let rows = (1..=3)
        .map(|n| Row {
            n,
            kind: field(fields, &format!("a{n}_type")),
            credits: field(fields, &format!("a{n}_credits")),
            minutes: field(fields, &format!("a{n}_minutes")),
            tier: field(fields, &format!("a{n}_tier")),
            course: field(fields, &format!("a{n}_course")),
            error: row_errors.get(&n).cloned(),
        })
        .collect();
    Ok(NewPage {
        nav: Nav::of(Some(admin)),
        name: field(fields, "name"),
        description: field(fields, "description"),
        price: field(fields, "price"),
        currency: if fields.is_empty() {
            "usd".to_owned()
        } else {
            field(fields, "currency")
        },
        expires: field(fields, "expires"),
        failed: !errors.is_empty() || !row_errors.is_empty(),
        rows,
        courses,
        errors,
    })
}

/// `GET /admin/packages/new`
pub async fn new_form(
    State(app): State<App>,
    PageAdmin(admin): PageAdmin,
) -> Result<Response, AppError> {
    let page = new_page(&app, &admin, &Vec::new(), BTreeMap::new(), &BTreeMap::new()).await?;
    Ok(render(&page)?.into_response())
}

/// A price in major units (`149`, `149.5`, `149.00`, or with a decimal comma as Spanish writes
/// it, `149,00`) in minor units.
fn minor_units(raw: &str) -> Option<i64> {
    let raw = raw.trim();
    let (whole, frac) = raw.split_once(['.', ',']).unwrap_or((raw, ""));
    if whole.is_empty()
        || frac.len() > 2
        || !whole
            .bytes()
            .chain(frac.bytes())
            .all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let cents = format!("{frac:0<2}").parse::<i64>().ok()?;
    whole
        .parse::<i64>()
        .ok()?
        .checked_mul(100)?
        .checked_add(cents)
}

/// What an allowance row calls a field of the API (`credits` → "Credits").
fn allowance_field(nav: &Nav, key: Option<&str>) -> String {
    let label = match key {
        Some("serviceType") => "admin-allowance-type",
        Some("credits") => "admin-allowance-credits",
        Some("creditUnitMinutes") => "admin-allowance-minutes",
        Some("teacherTier") => "admin-allowance-tier",
        Some("courseProgramId") => "admin-allowance-program",
        _ => "admin-field-other",
    };
    nav.t(label)
}

fn number(raw: &str) -> Option<i64> {
    raw.parse().ok()
}

/// `POST /admin/packages`: creates the package (with its Stripe product and price) or shows the
/// form again with each problem beside its field (422).
pub async fn create(
    State(app): State<App>,
    PageAdmin(admin): PageAdmin,
    Form(fields): Form<Fields>,
) -> Result<Response, AppError> {
    let nav = Nav::of(Some(&admin));
    let mut errors = BTreeMap::new();
    let mut row_errors = BTreeMap::new();
    let price = field(&fields, "price");
    let amount_minor = minor_units(&price).unwrap_or_else(|| {
        errors.insert("price".to_owned(), nav.t("admin-price-format"));
        0
    });
    let expires = field(&fields, "expires");
    let expires_in_days = if expires.is_empty() {
        None
    } else {
        number(&expires).or_else(|| {
            errors.insert("expires".to_owned(), nav.t("admin-expires-format"));
            None
        })
    };
    // Rows with Type "None" are left out; `rows[i]` is the form row of allowance i.
    let mut rows = Vec::new();
    let mut allowances = Vec::new();
    for n in 1..=3 {
        let kind = match field(&fields, &format!("a{n}_type")).as_str() {
            "PRIVATE" => ServiceType::Private,
            "GROUP" => ServiceType::Group,
            "COURSE" => ServiceType::Course,
            _ => continue,
        };
        let credits = number(&field(&fields, &format!("a{n}_credits")));
        if credits.is_none() {
            row_errors.insert(n, nav.t("admin-allowance-credits-number"));
        }
        let course = number(&field(&fields, &format!("a{n}_course")));
        rows.push(n);
        allowances.push(AllowanceInput {
            service_type: kind,
            credits: credits.unwrap_or(0),
            credit_unit_minutes: if kind == ServiceType::Course {
                None
            } else {
                number(&field(&fields, &format!("a{n}_minutes")))
            },
            teacher_tier: number(&field(&fields, &format!("a{n}_tier"))),
            course_program_id: if kind == ServiceType::Course {
                course
            } else {
                None
            },
        });
    }
    if errors.is_empty() && row_errors.is_empty() {
        let input = NewPackageInput {
            name: field(&fields, "name"),
            description: Some(field(&fields, "description")).filter(|d| !d.is_empty()),
            amount_minor,
            currency: field(&fields, "currency"),
            expires_in_days,
            allowances,
        };
        match selling::create(&app, input, None).await {
            Ok(p) => {
                return Back::to(
                    "/admin/packages",
                    Some(&nav.t1("admin-package-created", "name", p.name)),
                    None,
                )
                .send(&app, &admin)
                .await;
            }
            Err(AppError::Validation(problems)) => {
                for (key, problem) in problems {
                    // allowances[i].field → the row of allowance i.
                    let row = key
                        .strip_prefix("allowances[")
                        .and_then(|r| r.split(']').next())
                        .and_then(|i| i.parse::<usize>().ok())
                        .and_then(|i| rows.get(i).copied());
                    match (row, key.as_str()) {
                        (Some(n), _) => {
                            let what = allowance_field(&nav, key.rsplit('.').next());
                            let text = sentence(&nav.t2(
                                "admin-field-problem",
                                "field",
                                what,
                                "problem",
                                nav.problem(&problem),
                            ));
                            row_errors
                                .entry(n)
                                .and_modify(|e: &mut String| {
                                    e.push(' ');
                                    e.push_str(&text);
                                })
                                .or_insert(text);
                        }
                        (None, "amountMinor") => {
                            errors.insert("price".to_owned(), nav.said(&problem));
                        }
                        (None, "expiresInDays") => {
                            errors.insert("expires".to_owned(), nav.said(&problem));
                        }
                        (None, _) => {
                            errors.insert(key, nav.said(&problem));
                        }
                    }
                }
            }
            Err(e) => return Err(e),
        }
    }
    let page = new_page(&app, &admin, &fields, errors, &row_errors).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
}

#[cfg(test)]
mod tests {
    use super::minor_units;

    #[test]
    fn prices_take_a_decimal_point_or_a_decimal_comma() {
        assert_eq!(minor_units("149"), Some(14900));
        assert_eq!(minor_units("149.5"), Some(14950));
        assert_eq!(minor_units(" 149,00 "), Some(14900));
        assert_eq!(minor_units("0,05"), Some(5));
        for bad in ["", "1.2.3", "1,234.00", "149.001", "-1", "abc", ".5"] {
            assert_eq!(minor_units(bad), None, "{bad}");
        }
    }
}
