//! Mail and calendars: the outbox that mails are written to in the transaction of the change that
//! causes them (delivered later by the worker), single-use password reset tokens (stored hashed),
//! and the secret token of each user's calendar feed.

use sea_orm_migration::prelude::*;

use crate::build::{Kind::*, col, fk, index, n, table};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0005_mail_calendar"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            table("outbox")
                .col(col("kind", Str(32), false))
                .col(col("user_id", Id, false))
                .col(col("payload", Text, false))
                // One mail per key (a reminder per booking, a receipt per checkout).
                .col(col("dedupe_key", Str(120), true))
                .col(col("status", Str(16), false))
                .col(col("attempts", Int, false).default(0))
                .col(col("due_at", Time, false))
                .col(col("claimed_until", Time, true))
                .col(col("subject", Text, true))
                .col(col("last_error", Text, true))
                .col(col("created_at", Time, false))
                .col(col("sent_at", Time, true))
                .foreign_key(&mut fk(
                    "outbox",
                    "user_id",
                    "users",
                    ForeignKeyAction::Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index("outbox", &["dedupe_key"], true))
            .await?;
        m.create_index(index("outbox", &["status", "due_at"], false))
            .await?;
        m.create_table(
            table("password_resets")
                .col(col("user_id", Id, false))
                .col(col("token_hash", Str(64), false))
                .col(col("expires_at", Time, false))
                .col(col("used_at", Time, true))
                .col(col("created_at", Time, false))
                .foreign_key(&mut fk(
                    "password_resets",
                    "user_id",
                    "users",
                    ForeignKeyAction::Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index("password_resets", &["token_hash"], true))
            .await?;
        m.create_index(index("password_resets", &["user_id", "created_at"], false))
            .await?;
        m.alter_table(
            Table::alter()
                .table(n("users"))
                .add_column(col("calendar_token", Str(64), true))
                .to_owned(),
        )
        .await?;
        m.create_index(index("users", &["calendar_token"], true))
            .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name("uq_users_calendar_token")
                .table(n("users"))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(n("users"))
                .drop_column(n("calendar_token"))
                .to_owned(),
        )
        .await?;
        m.drop_table(Table::drop().table(n("password_resets")).to_owned())
            .await?;
        m.drop_table(Table::drop().table(n("outbox")).to_owned())
            .await
    }
}
