//! The purchases list of the back office: every purchase and every payment held for review.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::entities::{checkout_sessions, packages, student_packages, students, users};
use crate::{Db, DbError};

/// One line of the purchases list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PurchaseLine {
    /// The purchase, or `None` for a payment held for review (nothing granted).
    pub student_package_id: Option<i64>,
    pub checkout_session_id: Option<String>,
    pub student_name: String,
    pub student_email: String,
    pub package_name: String,
    pub amount_minor: i64,
    pub currency: String,
    pub refunded_minor: i64,
    pub refunded: bool,
    /// Why the payment is held for review.
    pub review_reason: Option<String>,
    pub at: DateTime<Utc>,
}

/// The newest `limit` purchases and payments held for review, newest first (a fixed number of
/// queries whatever the count).
pub async fn recent(db: &Db, limit: u64) -> Result<Vec<PurchaseLine>, DbError> {
    let conn = db.reader();
    let bought = student_packages::Entity::find()
        .order_by_desc(student_packages::Column::PurchasedAt)
        .order_by_desc(student_packages::Column::Id)
        .limit(limit)
        .all(conn)
        .await?;
    let held = checkout_sessions::Entity::find()
        .filter(checkout_sessions::Column::ReviewReason.is_not_null())
        .order_by_desc(checkout_sessions::Column::UpdatedAt)
        .limit(limit)
        .all(conn)
        .await?;
    let student_ids: Vec<i64> = bought
        .iter()
        .map(|p| p.student_id)
        .chain(held.iter().map(|c| c.student_id))
        .collect();
    let students: HashMap<i64, i64> = students::Entity::find()
        .filter(students::Column::Id.is_in(student_ids))
        .all(conn)
        .await?
        .into_iter()
        .map(|s| (s.id, s.user_id))
        .collect();
    let people: HashMap<i64, users::Model> = users::Entity::find()
        .filter(users::Column::Id.is_in(students.values().copied().collect::<Vec<_>>()))
        .all(conn)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let package_names: HashMap<i64, String> = packages::Entity::find()
        .filter(packages::Column::Id.is_in(held.iter().map(|c| c.package_id).collect::<Vec<_>>()))
        .all(conn)
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    let who = |student_id: i64| {
        students
            .get(&student_id)
            .and_then(|u| people.get(u))
            .map(|u| (format!("{} {}", u.first_name, u.last_name), u.email.clone()))
            .unwrap_or_default()
    };
    let mut lines: Vec<PurchaseLine> = bought
        .into_iter()
        .map(|p| {
            let (student_name, student_email) = who(p.student_id);
            PurchaseLine {
                student_package_id: Some(p.id),
                checkout_session_id: p.checkout_session_id,
                student_name,
                student_email,
                package_name: p.package_name,
                amount_minor: p.amount_minor,
                currency: p.currency,
                refunded_minor: p.refunded_minor,
                refunded: p.refunded_at.is_some(),
                review_reason: None,
                at: p.purchased_at,
            }
        })
        .chain(held.into_iter().map(|c| {
            let (student_name, student_email) = who(c.student_id);
            PurchaseLine {
                student_package_id: None,
                student_name,
                student_email,
                package_name: package_names
                    .get(&c.package_id)
                    .cloned()
                    .unwrap_or_default(),
                amount_minor: c.amount_minor,
                currency: c.currency,
                refunded_minor: 0,
                refunded: false,
                review_reason: c.review_reason,
                at: c.updated_at,
                checkout_session_id: Some(c.id),
            }
        }))
        .collect();
    lines.sort_by_key(|l| std::cmp::Reverse(l.at));
    lines.truncate(limit as usize);
    Ok(lines)
}
