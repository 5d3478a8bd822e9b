//! Levels, read-only reference data.

use sea_orm::{EntityTrait, QueryOrder};

use crate::entities::levels;
use crate::{Db, DbError};

/// A level as the API shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Level {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub sort_order: i32,
}

/// Every level, by sort order.
pub async fn list(db: &Db) -> Result<Vec<Level>, DbError> {
    let rows = levels::Entity::find()
        .order_by_asc(levels::Column::SortOrder)
        .order_by_asc(levels::Column::Id)
        .all(db.reader())
        .await?;
    Ok(rows
        .into_iter()
        .map(|l| Level {
            id: l.id,
            code: l.code,
            name: l.name,
            sort_order: l.sort_order,
        })
        .collect())
}
