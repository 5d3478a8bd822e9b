//! Selling packages: the Stripe product and price first (idempotent), then the local record in one
//! transaction, so a failure leaves no half-made package and a retry no second product.

use std::collections::BTreeMap;

use aula_db::packages::{self, NewPackage, PackageRecord};
use aula_domain::Problem;
use aula_domain::credits::{AllowanceInput, ServiceType, check_allowances};
use aula_domain::purchase::Money;
use aula_payments::{PaymentError, PaymentGateway, PriceRequest, ProductRequest};
use sha2::{Digest, Sha256};

use crate::error::FieldErrors;
use crate::{App, AppError};

/// A package as an admin asks for it.
#[derive(Debug, Clone)]
pub struct NewPackageInput {
    pub name: String,
    pub description: Option<String>,
    pub amount_minor: i64,
    pub currency: String,
    pub expires_in_days: Option<i64>,
    pub allowances: Vec<AllowanceInput>,
}

impl NewPackageInput {
    /// A stable fingerprint of the request, so the same request retried reuses its Stripe objects.
    fn fingerprint(&self) -> String {
        hex::encode(&Sha256::digest(format!("{self:?}").as_bytes())[..12])
    }
}

/// Maps a provider failure to a 502-like internal error with a clear message.
pub fn provider(e: PaymentError) -> AppError {
    AppError::Internal(anyhow::anyhow!("payment provider failed: {e}"))
}

/// A package's name (1-200 characters) and description (at most 2000; empty is none), trimmed:
/// the rules of its creation, also those of its texts in other languages.
pub(crate) fn texts(
    errors: &mut FieldErrors,
    name: &str,
    description: Option<&str>,
) -> (String, Option<String>) {
    let name = name.trim().to_owned();
    if name.is_empty() || name.chars().count() > 200 {
        errors.add("name", Problem::chars(1, 200));
    }
    let description = description
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(str::to_owned);
    if description
        .as_ref()
        .is_some_and(|d| d.chars().count() > 2000)
    {
        errors.add("description", Problem::at_most_chars(2000));
    }
    (name, description)
}

/// Creates a package: validation, Stripe product and price, then the local rows.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn create(
    app: &App,
    input: NewPackageInput,
    idempotency_key: Option<String>,
) -> Result<PackageRecord, AppError> {
    let mut errors = FieldErrors::default();
    let (name, description) = texts(&mut errors, &input.name, input.description.as_deref());
    let price = errors.take(Money::price(input.amount_minor, &input.currency));
    if input
        .expires_in_days
        .is_some_and(|d| !(1..=3650).contains(&d))
    {
        errors.add(
            "expiresInDays",
            Problem::new("expires-days").with("max", 3650),
        );
    }
    let specs = errors
        .take(check_allowances(&input.allowances))
        .unwrap_or_default();
    let programs: Vec<i64> = specs.iter().filter_map(|a| a.course_program_id).collect();
    let known = packages::existing_course_programs(&app.db, &programs).await?;
    for (i, a) in specs.iter().enumerate() {
        if a.course_program_id.is_some_and(|p| !known.contains(&p)) {
            errors.add(
                &format!("allowances[{i}].courseProgramId"),
                Problem::new("not-course-program"),
            );
        }
    }
    errors.finish()?;
    let Some(price) = price else {
        unreachable!("FieldErrors::finish returned Ok without a price");
    };
    let key = idempotency_key.unwrap_or_else(|| input.fingerprint());
    let mut metadata = BTreeMap::from([("aula_kind".to_owned(), "package".to_owned())]);
    metadata.insert(
        "allowances".into(),
        describe(
            &specs
                .iter()
                .map(|a| (a.service_type, a.credits, a.credit_unit_minutes))
                .collect::<Vec<_>>(),
        ),
    );
    let product = ProductRequest {
        name: name.clone(),
        description: description.clone(),
        metadata,
        idempotency_key: format!("{key}-product"),
    };
    let product_id = app
        .payments
        .create_product(&product)
        .await
        .map_err(provider)?;
    let price_request = PriceRequest {
        product_id: product_id.clone(),
        unit_amount: price.amount_minor(),
        currency: price.currency().to_owned(),
        idempotency_key: format!("{key}-price"),
    };
    let price_id = app
        .payments
        .create_price(&price_request)
        .await
        .map_err(provider)?;
    // A retried request finds the package its first attempt stored.
    if let Some(existing) = packages::find_by_product(&app.db, &product_id).await? {
        return Ok(existing);
    }
    let new = NewPackage {
        service_key: service_key(&name),
        name,
        description,
        amount_minor: price.amount_minor(),
        currency: price.currency().to_owned(),
        expires_in_days: input.expires_in_days.map(|d| d as i32),
        stripe_product_id: product_id,
        stripe_price_id: price_id,
        allowances: specs,
    };
    Ok(packages::create(&app.db, new, app.clock.now()).await?)
}

/// `pkg_<slug>_<random>`: readable and unique.
fn service_key(name: &str) -> String {
    let slug: String = name
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect::<String>()
        .split('_')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("_");
    let slug: String = slug.chars().take(60).collect();
    format!("pkg_{slug}_{}", &crate::services::auth::new_token()[..8])
}

/// "5 private (30 min) + 10 group (60 min) + 1 course".
pub fn describe(lines: &[(ServiceType, i32, Option<i32>)]) -> String {
    lines
        .iter()
        .map(|(t, credits, unit)| match (t, unit) {
            (ServiceType::Course, _) => "1 course".to_owned(),
            (t, Some(u)) => format!("{credits} {} ({u} min)", t.as_str().to_lowercase()),
            (t, None) => format!("{credits} {}", t.as_str().to_lowercase()),
        })
        .collect::<Vec<_>>()
        .join(" + ")
}

/// Activates or deactivates a package, locally and in Stripe.
#[tracing::instrument(skip_all, fields(package_id = id), err(level = "info"))]
pub async fn set_active(app: &App, id: i64, active: bool) -> Result<PackageRecord, AppError> {
    let package = packages::get(&app.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if let Some(product) = &package.stripe_product_id {
        app.payments
            .set_product_active(product, active)
            .await
            .map_err(provider)?;
    }
    Ok(packages::set_active(&app.db, id, active, app.clock.now()).await?)
}
