//! Demo data: `aula seed-demo`, and `aula serve --demo` on an empty database.

use aula_db::{Db, accounts};
use aula_domain::{Email, Role};
use chrono::{DateTime, Utc};
use rand::Rng;
use rand::distr::Alphanumeric;

use crate::AppError;
use crate::services::accounts::{NewAccount, create_user};

/// One demo account and, when it was created now, its password (shown once).
#[derive(Debug)]
pub struct DemoAccount {
    pub email: &'static str,
    pub role: &'static str,
    pub password: Option<String>,
}

const ACCOUNTS: [(&str, &str, &str, Option<Role>); 3] = [
    ("admin@aula.test", "Ada", "Admin", Some(Role::Admin)),
    ("teacher@aula.test", "Teo", "Teacher", Some(Role::Teacher)),
    ("student@aula.test", "Sam", "Student", None),
];

/// Creates the demo accounts that do not exist yet.
pub async fn seed_demo(db: &Db, now: DateTime<Utc>) -> Result<Vec<DemoAccount>, AppError> {
    let mut out = Vec::new();
    for (email, first, last, role) in ACCOUNTS {
        let role_name = role.map_or("student", Role::as_str);
        let parsed = Email::parse(email)?;
        if accounts::find_by_email(db, &parsed).await?.is_some() {
            out.push(DemoAccount {
                email,
                role: role_name,
                password: None,
            });
            continue;
        }
        let password: String = rand::rng()
            .sample_iter(&Alphanumeric)
            .take(14)
            .map(char::from)
            .collect();
        let input = NewAccount {
            email: email.into(),
            password: password.clone(),
            first_name: first.into(),
            last_name: last.into(),
        };
        create_user(db, input, role, None, now).await?;
        out.push(DemoAccount {
            email,
            role: role_name,
            password: Some(password),
        });
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
