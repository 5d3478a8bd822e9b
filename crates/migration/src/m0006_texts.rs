//! Texts of course programs and packages per language (`en`, `es`). The title (or name) and
//! description given at creation stay the default text; a language's row, when there is one, is
//! what readers in that language see. Both tables count for the catalogue version (m0004), so
//! a cached public read never outlives a text change.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

use crate::build::{Kind::*, col, fk, index, n, table};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0006_texts"
    }
}

/// The text tables, each with the column naming its owner, the owner's table and the length of
/// its title (the owner's own limit).
const TEXTS: [(&str, &str, &str, &str, u32); 2] = [
    (
        "course_program_texts",
        "course_program_id",
        "course_programs",
        "title",
        255,
    ),
    ("package_texts", "package_id", "packages", "name", 200),
];

/// The statement of m0004's triggers (its PostgreSQL function `aula_bump_catalogue` runs it).
const BUMP: &str = "UPDATE data_versions SET version = version + 1 WHERE name = 'catalogue'";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (t, owner, target, title, len) in TEXTS {
            m.create_table(
                table(t)
                    .col(col(owner, Id, false))
                    .col(col("locale", Str(8), false))
                    .col(col(title, Str(len), false))
                    .col(col("description", Text, true))
                    .col(col("created_at", Time, false))
                    .col(col("updated_at", Time, false))
                    .foreign_key(&mut fk(t, owner, target, ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await?;
            m.create_index(index(t, &[owner, "locale"], true)).await?;
        }
        let db = m.get_connection();
        let pg = m.get_database_backend() == DbBackend::Postgres;
        for (t, ..) in TEXTS {
            if pg {
                db.execute_unprepared(&format!(
                    "CREATE TRIGGER bump_catalogue_{t} AFTER INSERT OR UPDATE OR DELETE ON {t} \
                     FOR EACH STATEMENT EXECUTE FUNCTION aula_bump_catalogue()"
                ))
                .await?;
                continue;
            }
            for op in ["INSERT", "UPDATE", "DELETE"] {
                let lower = op.to_lowercase();
                db.execute_unprepared(&format!(
                    "CREATE TRIGGER bump_catalogue_{t}_{lower} AFTER {op} ON {t} \
                     BEGIN {BUMP}; END"
                ))
                .await?;
            }
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // Dropping a table drops its triggers too, on both databases.
        for (t, ..) in TEXTS.iter().rev() {
            m.drop_table(Table::drop().table(n(t)).if_exists().to_owned())
                .await?;
        }
        Ok(())
    }
}
