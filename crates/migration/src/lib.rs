//! The one hand-written migration set of Aula, identical for SQLite and PostgreSQL.

pub use sea_orm_migration::MigratorTrait;
use sea_orm_migration::prelude::*;

mod build;
mod m0001_initial;
mod m0002_payments_review;
mod m0003_viewer_settings;
mod m0004_data_versions;
mod m0005_mail_calendar;
mod m0006_texts;
mod m0007_accounts_version;
mod m0008_ledger_versions;

/// Every migration of Aula, in order.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m0001_initial::Migration),
            Box::new(m0002_payments_review::Migration),
            Box::new(m0003_viewer_settings::Migration),
            Box::new(m0004_data_versions::Migration),
            Box::new(m0005_mail_calendar::Migration),
            Box::new(m0006_texts::Migration),
            Box::new(m0007_accounts_version::Migration),
            Box::new(m0008_ledger_versions::Migration),
        ]
    }
}
