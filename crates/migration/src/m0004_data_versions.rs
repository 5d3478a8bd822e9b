//! A version number of what the public catalogue shows, bumped by the database itself on every
//! write of the tables it reads from (triggers), so that every server process sharing the database
//! sees a change on its next request and may cache the public reads until then.
//!
//! Writes that change nothing (the booking paths lock a session or teacher row by setting a column
//! to itself) do not count, so bookings never contend on the version row.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

use crate::build::{Kind::*, changed, col, drop_trigger, n};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0004_data_versions"
    }
}

/// Tables whose every write changes the catalogue.
const TABLES: [&str; 10] = [
    "course_programs",
    "course_program_levels",
    "course_steps",
    "course_step_options",
    "packages",
    "package_allowances",
    "levels",
    "group_classes",
    "group_class_levels",
    "group_class_teachers",
];

/// Tables also written by no-op updates (row locks): only these columns count.
const WATCHED: [(&str, &[&str]); 3] = [
    (
        "sessions",
        &[
            "status",
            "start_at",
            "end_at",
            "capacity_max",
            "teacher_id",
            "group_class_id",
        ],
    ),
    (
        "teachers",
        &[
            "tier",
            "bio",
            "languages_spoken",
            "specialties",
            "years_experience",
            "avatar_url",
            "timezone",
            "is_active",
            "revoked_at",
        ],
    ),
    ("users", &["first_name", "last_name"]),
];

const BUMP: &str = "UPDATE data_versions SET version = version + 1 WHERE name = 'catalogue'";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(n("data_versions"))
                .if_not_exists()
                .col(col("name", Str(32), false).primary_key())
                .col(col("version", BigInt, false))
                .to_owned(),
        )
        .await?;
        let db = m.get_connection();
        db.execute_unprepared("INSERT INTO data_versions (name, version) VALUES ('catalogue', 1)")
            .await?;
        match m.get_database_backend() {
            DbBackend::Postgres => {
                db.execute_unprepared(&format!(
                    "CREATE OR REPLACE FUNCTION aula_bump_catalogue() RETURNS trigger \
                     LANGUAGE plpgsql AS $$ BEGIN {BUMP}; RETURN NULL; END $$"
                ))
                .await?;
                for t in TABLES {
                    db.execute_unprepared(&format!(
                        "CREATE TRIGGER bump_catalogue_{t} AFTER INSERT OR UPDATE OR DELETE ON {t} \
                         FOR EACH STATEMENT EXECUTE FUNCTION aula_bump_catalogue()"
                    ))
                    .await?;
                }
                for (t, cols) in WATCHED {
                    let changed = changed(true, cols);
                    db.execute_unprepared(&format!(
                        "CREATE TRIGGER bump_catalogue_{t}_update AFTER UPDATE ON {t} \
                         FOR EACH ROW WHEN ({changed}) EXECUTE FUNCTION aula_bump_catalogue()"
                    ))
                    .await?;
                    if t != "users" {
                        db.execute_unprepared(&format!(
                            "CREATE TRIGGER bump_catalogue_{t}_rows AFTER INSERT OR DELETE ON {t} \
                             FOR EACH STATEMENT EXECUTE FUNCTION aula_bump_catalogue()"
                        ))
                        .await?;
                    }
                }
            }
            _ => {
                for t in TABLES {
                    for op in ["INSERT", "UPDATE", "DELETE"] {
                        let lower = op.to_lowercase();
                        db.execute_unprepared(&format!(
                            "CREATE TRIGGER bump_catalogue_{t}_{lower} AFTER {op} ON {t} \
                             BEGIN {BUMP}; END"
                        ))
                        .await?;
                    }
                }
                for (t, cols) in WATCHED {
                    let changed = changed(false, cols);
                    db.execute_unprepared(&format!(
                        "CREATE TRIGGER bump_catalogue_{t}_update AFTER UPDATE ON {t} \
                         WHEN {changed} BEGIN {BUMP}; END"
                    ))
                    .await?;
                    if t != "users" {
                        for op in ["INSERT", "DELETE"] {
                            let lower = op.to_lowercase();
                            db.execute_unprepared(&format!(
                                "CREATE TRIGGER bump_catalogue_{t}_{lower} AFTER {op} ON {t} \
                                 BEGIN {BUMP}; END"
                            ))
                            .await?;
                        }
                    }
                }
            }
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        let pg = m.get_database_backend() == DbBackend::Postgres;
        let mut names: Vec<(String, &str)> = Vec::new();
        for t in TABLES {
            if pg {
                names.push((format!("bump_catalogue_{t}"), t));
            } else {
                for op in ["insert", "update", "delete"] {
                    names.push((format!("bump_catalogue_{t}_{op}"), t));
                }
            }
        }
        for (t, _) in WATCHED {
            names.push((format!("bump_catalogue_{t}_update"), t));
            if t != "users" {
                if pg {
                    names.push((format!("bump_catalogue_{t}_rows"), t));
                } else {
                    names.push((format!("bump_catalogue_{t}_insert"), t));
                    names.push((format!("bump_catalogue_{t}_delete"), t));
                }
            }
        }
        for (name, table) in names {
            db.execute_unprepared(&drop_trigger(pg, &name, table))
                .await?;
        }
        if pg {
            db.execute_unprepared("DROP FUNCTION IF EXISTS aula_bump_catalogue()")
                .await?;
        }
        m.drop_table(Table::drop().table(n("data_versions")).to_owned())
            .await
    }
}
