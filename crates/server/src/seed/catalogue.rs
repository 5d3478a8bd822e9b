//! The packages on sale and the demo student's completed purchase.

use aula_db::{accounts, purchases};
use aula_domain::Email;
use aula_domain::credits::{AllowanceInput, ServiceType};

use crate::services::packages::{self, NewPackageInput};
use crate::{App, AppError};

/// A purchase recorded as the webhook records one, without calling the payment provider.
pub(super) async fn demo_purchase(
    app: &App,
    student_id: i64,
    package: &aula_db::packages::PackageRecord,
) -> Result<i64, AppError> {
    let id = aula_payments::random_id("cs_demo_");
    let record = purchases::CheckoutRecord {
        id: id.clone(),
        student_id,
        package_id: package.id,
        amount_minor: package.amount_minor,
        currency: package.currency.clone(),
        status: "open".into(),
        url: None,
        review_reason: None,
    };
    purchases::create_checkout(&app.db, &record, app.clock.now()).await?;
    let paid = purchases::Effect::CheckoutPaid {
        checkout_id: id.clone(),
        payment_intent: Some(format!("pi_demo_{id}")),
        amount_total: Some(package.amount_minor),
        currency: Some(package.currency.clone()),
    };
    match purchases::apply_event(
        &app.db,
        &format!("evt_demo_{id}"),
        "checkout.session.completed",
        paid,
        app.clock.now(),
    )
    .await?
    {
        purchases::Applied::Granted { student_package_id } => Ok(student_package_id),
        other => Err(AppError::Internal(anyhow::anyhow!(
            "demo purchase not granted: {other:?}"
        ))),
    }
}

/// A line of a demo package: type, credits, unit minutes.
pub(super) fn line(service_type: ServiceType, credits: i64, unit: i64) -> AllowanceInput {
    AllowanceInput {
        service_type,
        credits,
        credit_unit_minutes: Some(unit),
        teacher_tier: None,
        course_program_id: None,
    }
}

/// Three packages on sale and a completed purchase of the bundle for the demo student.
pub(super) async fn seed_packages(app: &App) -> Result<(), AppError> {
    let plans = [
        (
            "5 private lessons (30 min)",
            "Five half-hour private lessons with any teacher.",
            12_500,
            Some(90),
            vec![line(ServiceType::Private, 5, 30)],
        ),
        (
            "10 group classes (60 min)",
            "Ten one-hour group classes at your level.",
            15_000,
            Some(120),
            vec![line(ServiceType::Group, 10, 60)],
        ),
        (
            "Bundle: private + group",
            "Four hour-long private lessons and eight group classes.",
            29_900,
            Some(180),
            vec![
                line(ServiceType::Private, 4, 60),
                line(ServiceType::Group, 8, 60),
            ],
        ),
    ];
    let mut created = Vec::new();
    for (name, description, amount_minor, expires_in_days, allowances) in plans {
        let input = NewPackageInput {
            name: name.into(),
            description: Some(description.into()),
            amount_minor,
            currency: "usd".into(),
            expires_in_days,
            allowances,
        };
        created.push(packages::create(app, input, None).await?);
    }
    if let (Some(bundle), Some(student)) = (
        created.last(),
        accounts::find_by_email(&app.db, &Email::parse("student@aula.test")?).await?,
    ) {
        demo_purchase(app, student.student_id, bundle).await?;
    }
    if let Some(group) = created.get(1) {
        seed_rosters(app, group).await?;
    }
    Ok(())
}

/// The classmates buy the group pack and book the first two sessions of the first teacher's
/// classes, so the demo teacher has rosters to see and mark.
async fn seed_rosters(
    app: &App,
    group_pack: &aula_db::packages::PackageRecord,
) -> Result<(), AppError> {
    let Some(allowance) = group_pack.allowances.first().map(|a| a.id) else {
        return Ok(());
    };
    let Some(teo) = accounts::find_by_email(&app.db, &Email::parse("teacher@aula.test")?)
        .await?
        .and_then(|u| u.teacher_id)
    else {
        return Ok(());
    };
    let filter = aula_db::sessions::SessionFilter {
        teacher_id: Some(teo),
        from: Some(app.clock.now()),
        ..Default::default()
    };
    let sessions: Vec<i64> = aula_db::sessions::list_all(&app.db, &filter)
        .await?
        .iter()
        .take(2)
        .map(|s| s.id)
        .collect();
    for email in super::people::CLASSMATES {
        let Some(student) = accounts::find_by_email(&app.db, &Email::parse(email)?).await? else {
            continue;
        };
        let student_package_id = demo_purchase(app, student.student_id, group_pack).await?;
        for session in &sessions {
            let req = aula_db::bookings::CreditRequest {
                student_id: student.student_id,
                student_package_id,
                allowance_id: allowance,
                confirm_cross_tier: false,
            };
            let target = aula_db::bookings::Target::Session(*session);
            aula_db::bookings::book_credit(&app.db, target, req, app.clock.now()).await?;
        }
    }
    Ok(())
}
