//! What a person chooses for how they see the school: the time zone their times are shown in and
//! the language of their pages and mails (both empty until chosen).

use sea_orm_migration::prelude::*;

use crate::build::{Kind::*, col, n};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0003_viewer_settings"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(n("users"))
                .add_column(col("timezone", Str(64), true))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(n("users"))
                .add_column(col("locale", Str(8), true))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(n("users"))
                .drop_column(n("locale"))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(n("users"))
                .drop_column(n("timezone"))
                .to_owned(),
        )
        .await
    }
}
