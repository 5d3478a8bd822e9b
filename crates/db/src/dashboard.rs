//! The numbers of the back office's first page, one count query each.

use aula_domain::SessionStatus;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use crate::entities::{packages, sessions, student_packages, teachers, users};
use crate::{Db, DbError};

/// What `/admin` shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    /// Accounts (every user is a student).
    pub students: u64,
    /// Active teachers.
    pub teachers: u64,
    /// SCHEDULED sessions that start from now.
    pub upcoming_sessions: u64,
    /// Packages on sale.
    pub active_packages: u64,
    /// Purchases (paid checkouts) in the last 30 days.
    pub sales_30_days: u64,
}

/// The counts at `now`.
pub async fn counts(db: &Db, now: DateTime<Utc>) -> Result<Counts, DbError> {
    let conn = db.reader();
    Ok(Counts {
        students: users::Entity::find().count(conn).await?,
        teachers: teachers::Entity::find()
            .filter(teachers::Column::IsActive.eq(true))
            .count(conn)
            .await?,
        upcoming_sessions: sessions::Entity::find()
            .filter(sessions::Column::Status.eq(SessionStatus::Scheduled.as_str()))
            .filter(sessions::Column::StartAt.gte(now))
            .count(conn)
            .await?,
        active_packages: packages::Entity::find()
            .filter(packages::Column::Active.eq(true))
            .count(conn)
            .await?,
        sales_30_days: student_packages::Entity::find()
            .filter(student_packages::Column::PurchasedAt.gt(now - Duration::days(30)))
            .count(conn)
            .await?,
    })
}
