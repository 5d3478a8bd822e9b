//! Demo data: `aula seed-demo`, and `aula serve --demo` on an empty database. Each part is added
//! only when missing, so seeding twice changes nothing.

use aula_db::group_classes;
use aula_domain::Role;

use crate::services::courses;
use crate::{App, AppError};

mod catalogue;
mod classes;
mod course;
mod people;

use catalogue::seed_packages;
use classes::seed_classes;
use course::seed_course;
use people::{PEOPLE, Teaching, account, teach};

/// One demo account and, when it was created now, its password (shown once).
#[derive(Debug)]
pub struct DemoAccount {
    pub email: &'static str,
    pub role: &'static str,
    pub password: Option<String>,
}

/// Creates whatever demo data is missing; returns the accounts (passwords of new ones).
pub async fn seed_demo(app: &App) -> Result<Vec<DemoAccount>, AppError> {
    let mut out = Vec::new();
    let mut teacher_ids = Vec::new();
    for p in &PEOPLE {
        let (user, password) = account(app, p).await?;
        out.push(DemoAccount {
            email: p.email,
            role: p.role.map_or("student", Role::as_str),
            password,
        });
        if let (Some(teacher_id), Some(Teaching { zone, bio, windows })) =
            (user.teacher_id, &p.teaching)
        {
            teacher_ids.push(teacher_id);
            teach(app, teacher_id, zone, bio, windows).await?;
        }
    }
    if group_classes::list(&app.db, &Default::default())
        .await?
        .is_empty()
    {
        seed_classes(app, &teacher_ids).await?;
    }
    let catalogue = aula_db::packages::list(&app.db, &Default::default()).await?;
    if catalogue.is_empty() {
        seed_packages(app).await?;
    }
    if courses::programs(app)
        .await?
        .iter()
        .all(|p| p.code != "SFZ")
    {
        seed_course(app, &teacher_ids).await?;
    }
    Ok(out)
}

/// Prints the accounts (passwords only for those just created).
pub fn print_accounts(accounts: &[DemoAccount]) {
    println!("Demo accounts:");
    for a in accounts {
        match &a.password {
            Some(p) => println!("  {:<8} {:<20} password: {p}", a.role, a.email),
            None => println!(
                "  {:<8} {:<20} (already existed; password unchanged)",
                a.role, a.email
            ),
        }
    }
}
