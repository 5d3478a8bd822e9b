//! A version number of each student's credits, bumped by the database itself (triggers) on every
//! write that can change what the student's credits show: a ledger row (a spend, refund or
//! revocation) written, changed or deleted; a purchase bought, refunded, moved, renamed or given
//! another expiry. A server process keeps each student's credits in memory while this version
//! (and the catalogue's, for the packages and allowances) stays the same, so a change made
//! through any process is seen on the next request of every process.
//!
//! One row per student (no row reads as version 0): bookings of different students never write
//! the same row, so the version is no hot spot for concurrent bookings.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

use crate::build::{changed, drop_trigger};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0008_ledger_versions"
    }
}

/// The columns of a purchase that my credits show or filter by.
const PURCHASE_COLUMNS: [&str; 6] = [
    "student_id",
    "package_id",
    "package_name",
    "purchased_at",
    "expires_at",
    "refunded_at",
];

/// Bumps the version of the student `student` (an SQL expression; no row when it is NULL).
fn bump(student: &str) -> String {
    format!(
        "INSERT INTO ledger_versions (student_id, version) SELECT {student}, 1 WHERE {student} \
         IS NOT NULL ON CONFLICT (student_id) DO UPDATE SET version = ledger_versions.version + 1"
    )
}

/// The student of the purchase `purchase` (an SQL expression).
fn owner(purchase: &str) -> String {
    format!("(SELECT student_id FROM student_packages WHERE id = {purchase})")
}

/// The PostgreSQL trigger function `name`: bumps the student of the old row and of the new one,
/// `student` giving it from a row (`OLD` or `NEW`).
fn pg_function(name: &str, student: impl Fn(&str) -> String) -> String {
    let (old, new) = (bump(&student("OLD")), bump(&student("NEW")));
    format!(
        "CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN \
         IF TG_OP <> 'INSERT' THEN {old}; END IF; \
         IF TG_OP <> 'DELETE' THEN {new}; END IF; \
         RETURN NULL; END $$"
    )
}

/// The triggers: (name, table, statement) for the backend.
fn triggers(pg: bool) -> Vec<(String, &'static str, String)> {
    let mut out = Vec::new();
    if pg {
        out.push((
            "bump_ledger_uses".to_owned(),
            "package_uses",
            "CREATE TRIGGER bump_ledger_uses AFTER INSERT OR UPDATE OR DELETE ON package_uses \
             FOR EACH ROW EXECUTE FUNCTION aula_bump_ledger_uses()"
                .to_owned(),
        ));
        out.push((
            "bump_ledger_purchases_update".to_owned(),
            "student_packages",
            format!(
                "CREATE TRIGGER bump_ledger_purchases_update AFTER UPDATE ON student_packages \
                 FOR EACH ROW WHEN ({}) EXECUTE FUNCTION aula_bump_ledger_purchases()",
                changed(true, &PURCHASE_COLUMNS)
            ),
        ));
        out.push((
            "bump_ledger_purchases_rows".to_owned(),
            "student_packages",
            "CREATE TRIGGER bump_ledger_purchases_rows AFTER INSERT OR DELETE ON student_packages \
             FOR EACH ROW EXECUTE FUNCTION aula_bump_ledger_purchases()"
                .to_owned(),
        ));
        return out;
    }
    let uses = [
        (
            "insert",
            "INSERT",
            vec![bump(&owner("NEW.student_package_id"))],
        ),
        (
            "update",
            "UPDATE",
            vec![
                bump(&owner("OLD.student_package_id")),
                bump(&owner("NEW.student_package_id")),
            ],
        ),
        (
            "delete",
            "DELETE",
            vec![bump(&owner("OLD.student_package_id"))],
        ),
    ];
    for (name, op, body) in uses {
        out.push((
            format!("bump_ledger_uses_{name}"),
            "package_uses",
            format!(
                "CREATE TRIGGER bump_ledger_uses_{name} AFTER {op} ON package_uses BEGIN {}; END",
                body.join("; ")
            ),
        ));
    }
    let purchases = [
        (
            "insert",
            "INSERT",
            String::new(),
            vec![bump("NEW.student_id")],
        ),
        (
            "update",
            "UPDATE",
            format!(" WHEN {}", changed(false, &PURCHASE_COLUMNS)),
            vec![bump("OLD.student_id"), bump("NEW.student_id")],
        ),
        (
            "delete",
            "DELETE",
            String::new(),
            vec![bump("OLD.student_id")],
        ),
    ];
    for (name, op, when, body) in purchases {
        out.push((
            format!("bump_ledger_purchases_{name}"),
            "student_packages",
            format!(
                "CREATE TRIGGER bump_ledger_purchases_{name} AFTER {op} ON student_packages{when} \
                 BEGIN {}; END",
                body.join("; ")
            ),
        ));
    }
    out
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        let pg = m.get_database_backend() == DbBackend::Postgres;
        db.execute_unprepared(
            "CREATE TABLE IF NOT EXISTS ledger_versions (student_id BIGINT NOT NULL PRIMARY KEY, \
             version BIGINT NOT NULL)",
        )
        .await?;
        if pg {
            let uses = pg_function("aula_bump_ledger_uses", |row| {
                owner(&format!("{row}.student_package_id"))
            });
            db.execute_unprepared(&uses).await?;
            let purchases = pg_function("aula_bump_ledger_purchases", |row| {
                format!("{row}.student_id")
            });
            db.execute_unprepared(&purchases).await?;
        }
        for (_, _, sql) in triggers(pg) {
            db.execute_unprepared(&sql).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        let pg = m.get_database_backend() == DbBackend::Postgres;
        for (name, table, _) in triggers(pg) {
            db.execute_unprepared(&drop_trigger(pg, &name, table))
                .await?;
        }
        if pg {
            db.execute_unprepared("DROP FUNCTION IF EXISTS aula_bump_ledger_uses()")
                .await?;
            db.execute_unprepared("DROP FUNCTION IF EXISTS aula_bump_ledger_purchases()")
                .await?;
        }
        db.execute_unprepared("DROP TABLE IF EXISTS ledger_versions")
            .await?;
        Ok(())
    }
}
