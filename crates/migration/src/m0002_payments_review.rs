//! Payments that add up: a checkout held for review, the refunded amount of a purchase, and
//! refunds that arrive before the purchase they belong to; and the one-page notice of a login
//! session (shown after a redirect, never taken from the URL).

use sea_orm_migration::prelude::*;

use crate::build::{Kind::*, col, n};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0002_payments_review"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(n("checkout_sessions"))
                .add_column(col("review_reason", Text, true))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(n("student_packages"))
                .add_column(col("refunded_minor", BigInt, false).default(0))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(n("auth_sessions"))
                .add_column(col("flash", Text, true))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(n("pending_refunds"))
                .if_not_exists()
                .col(col("payment_intent_id", Str(255), false).primary_key())
                .col(col("amount_refunded", BigInt, false))
                .col(col("amount_captured", BigInt, false))
                .col(col("received_at", Time, false))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(n("pending_refunds")).to_owned())
            .await?;
        m.alter_table(
            Table::alter()
                .table(n("auth_sessions"))
                .drop_column(n("flash"))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(n("student_packages"))
                .drop_column(n("refunded_minor"))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(n("checkout_sessions"))
                .drop_column(n("review_reason"))
                .to_owned(),
        )
        .await
    }
}
