//! A version number of who is logged in as whom, bumped by the database itself (triggers) on
//! every write that can change what a session token stands for: a session revoked, cut short or
//! deleted; a user's name, e-mail, password, zone or language changed; a teacher or admin role
//! granted or taken away. A server process keeps the sessions it has seen in memory while this
//! version stays the same, so a logout or a role change made through any process is seen on the
//! next request of every process.
//!
//! A new session or a new user changes no session seen before, so logging in and registering do
//! not count; nor do writes of columns a session does not show (a session's flash message, a
//! teacher's bio, the row locks of the booking paths).

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

use crate::build::{changed, drop_trigger};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0007_accounts_version"
    }
}

/// Each table a session is read from, the columns of it that count when updated, and whether a
/// new row counts (a granted role does; a new session or student does not).
const WATCHED: [(&str, &[&str], bool); 5] = [
    (
        "auth_sessions",
        &["token_hash", "user_id", "expires_at", "revoked_at"],
        false,
    ),
    (
        "users",
        &[
            "email",
            "first_name",
            "last_name",
            "password_hash",
            "timezone",
            "locale",
        ],
        false,
    ),
    ("students", &["user_id"], false),
    ("teachers", &["user_id", "revoked_at"], true),
    ("admins", &["user_id", "is_active"], true),
];

const BUMP: &str = "UPDATE data_versions SET version = version + 1 WHERE name = 'accounts'";

/// The triggers of one table: (name, statement) for the backend.
fn triggers(pg: bool, table: &str, cols: &[&str], inserts: bool) -> Vec<(String, String)> {
    let changed = changed(pg, cols);
    let mut out = Vec::new();
    if pg {
        out.push((
            format!("bump_accounts_{table}_update"),
            format!(
                "CREATE TRIGGER bump_accounts_{table}_update AFTER UPDATE ON {table} \
                 FOR EACH ROW WHEN ({changed}) EXECUTE FUNCTION aula_bump_accounts()"
            ),
        ));
        let rows = if inserts {
            "INSERT OR DELETE"
        } else {
            "DELETE"
        };
        out.push((
            format!("bump_accounts_{table}_rows"),
            format!(
                "CREATE TRIGGER bump_accounts_{table}_rows AFTER {rows} ON {table} \
                 FOR EACH STATEMENT EXECUTE FUNCTION aula_bump_accounts()"
            ),
        ));
    } else {
        out.push((
            format!("bump_accounts_{table}_update"),
            format!(
                "CREATE TRIGGER bump_accounts_{table}_update AFTER UPDATE ON {table} \
                 WHEN {changed} BEGIN {BUMP}; END"
            ),
        ));
        let ops: &[&str] = if inserts {
            &["INSERT", "DELETE"]
        } else {
            &["DELETE"]
        };
        for op in ops {
            let lower = op.to_lowercase();
            out.push((
                format!("bump_accounts_{table}_{lower}"),
                format!(
                    "CREATE TRIGGER bump_accounts_{table}_{lower} AFTER {op} ON {table} \
                     BEGIN {BUMP}; END"
                ),
            ));
        }
    }
    out
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        let pg = m.get_database_backend() == DbBackend::Postgres;
        db.execute_unprepared("INSERT INTO data_versions (name, version) VALUES ('accounts', 1)")
            .await?;
        if pg {
            db.execute_unprepared(&format!(
                "CREATE OR REPLACE FUNCTION aula_bump_accounts() RETURNS trigger \
                 LANGUAGE plpgsql AS $$ BEGIN {BUMP}; RETURN NULL; END $$"
            ))
            .await?;
        }
        for (table, cols, inserts) in WATCHED {
            for (_, sql) in triggers(pg, table, cols, inserts) {
                db.execute_unprepared(&sql).await?;
            }
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        let pg = m.get_database_backend() == DbBackend::Postgres;
        for (table, cols, inserts) in WATCHED {
            for (name, _) in triggers(pg, table, cols, inserts) {
                db.execute_unprepared(&drop_trigger(pg, &name, table))
                    .await?;
            }
        }
        if pg {
            db.execute_unprepared("DROP FUNCTION IF EXISTS aula_bump_accounts()")
                .await?;
        }
        db.execute_unprepared("DELETE FROM data_versions WHERE name = 'accounts'")
            .await?;
        Ok(())
    }
}
