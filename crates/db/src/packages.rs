//! Packages (what is sold) and their allowances. An allowance keeps its id for good.

use aula_domain::credits::{AllowanceSpec, ServiceType};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};

use crate::entities::{course_programs, package_allowances as allowances, packages};
use crate::reader::Reader;
use crate::{Db, DbError};

/// One line of a package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllowanceRecord {
    pub id: i64,
    pub package_id: i64,
    pub service_type: ServiceType,
    pub credits: i32,
    pub credit_unit_minutes: Option<i32>,
    pub teacher_tier: i32,
    pub course_program_id: Option<i64>,
}

/// A package with its allowances.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackageRecord {
    pub id: i64,
    pub service_key: String,
    pub name: String,
    pub description: Option<String>,
    pub amount_minor: i64,
    pub currency: String,
    pub expires_in_days: Option<i32>,
    pub active: bool,
    pub stripe_product_id: Option<String>,
    pub stripe_price_id: Option<String>,
    pub allowances: Vec<AllowanceRecord>,
}

/// A package ready to store (its Stripe product and price already exist).
#[derive(Debug, Clone)]
pub struct NewPackage {
    pub service_key: String,
    pub name: String,
    pub description: Option<String>,
    pub amount_minor: i64,
    pub currency: String,
    pub expires_in_days: Option<i32>,
    pub stripe_product_id: String,
    pub stripe_price_id: String,
    pub allowances: Vec<AllowanceSpec>,
}

/// Stores a package and its allowances in one transaction.
pub async fn create(
    db: &Db,
    new: NewPackage,
    now: DateTime<Utc>,
) -> Result<PackageRecord, DbError> {
    let txn = db.begin().await?;
    let p = packages::ActiveModel {
        service_key: Set(new.service_key),
        name: Set(new.name),
        description: Set(new.description),
        amount_minor: Set(new.amount_minor),
        currency: Set(new.currency),
        expires_in_days: Set(new.expires_in_days),
        active: Set(true),
        stripe_product_id: Set(Some(new.stripe_product_id)),
        stripe_price_id: Set(Some(new.stripe_price_id)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    for a in new.allowances {
        allowances::ActiveModel {
            package_id: Set(p.id),
            service_type: Set(a.service_type.as_str().to_owned()),
            credits: Set(a.credits),
            credit_unit_minutes: Set(a.credit_unit_minutes),
            teacher_tier: Set(a.teacher_tier),
            course_program_id: Set(a.course_program_id),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    let record = get(&txn, p.id).await?.ok_or(DbError::NotFound)?;
    txn.commit().await?;
    Ok(record)
}

/// One package.
pub async fn get(conn: &impl Reader, id: i64) -> Result<Option<PackageRecord>, DbError> {
    let conn = conn.conn();
    let rows = packages::Entity::find_by_id(id).all(conn).await?;
    Ok(with_allowances(conn, rows).await?.pop())
}

/// Several packages by id (in id order), with two queries.
pub async fn get_many(conn: &impl Reader, ids: &[i64]) -> Result<Vec<PackageRecord>, DbError> {
    let conn = conn.conn();
    let rows = packages::Entity::find()
        .filter(packages::Column::Id.is_in(ids.to_vec()))
        .order_by_asc(packages::Column::Id)
        .all(conn)
        .await?;
    with_allowances(conn, rows).await
}

/// The package sold under a Stripe product id.
pub async fn find_by_product(
    conn: &impl Reader,
    product_id: &str,
) -> Result<Option<PackageRecord>, DbError> {
    let conn = conn.conn();
    let rows = packages::Entity::find()
        .filter(packages::Column::StripeProductId.eq(product_id))
        .all(conn)
        .await?;
    Ok(with_allowances(conn, rows).await?.pop())
}

/// Filters of package lists.
#[derive(Debug, Default, Clone)]
pub struct PackageFilter {
    pub active_only: bool,
    pub service_type: Option<ServiceType>,
    pub course_program_id: Option<i64>,
}

/// Packages by id.
pub async fn list(conn: &impl Reader, f: &PackageFilter) -> Result<Vec<PackageRecord>, DbError> {
    let conn = conn.conn();
    let mut c = Condition::all();
    if f.active_only {
        c = c.add(packages::Column::Active.eq(true));
    }
    let mut lines = Query::select()
        .column(allowances::Column::PackageId)
        .from(allowances::Entity)
        .to_owned();
    let mut by_line = false;
    if let Some(t) = f.service_type {
        lines.and_where(allowances::Column::ServiceType.eq(t.as_str()));
        by_line = true;
    }
    if let Some(p) = f.course_program_id {
        lines.and_where(allowances::Column::CourseProgramId.eq(p));
        by_line = true;
    }
    if by_line {
        c = c.add(packages::Column::Id.in_subquery(lines));
    }
    let rows = packages::Entity::find()
        .filter(c)
        .order_by_asc(packages::Column::Id)
        .all(conn)
        .await?;
    with_allowances(conn, rows).await
}

async fn with_allowances(
    conn: &impl ConnectionTrait,
    rows: Vec<packages::Model>,
) -> Result<Vec<PackageRecord>, DbError> {
    let ids: Vec<i64> = rows.iter().map(|p| p.id).collect();
    let lines = allowances::Entity::find()
        .filter(allowances::Column::PackageId.is_in(ids))
        .order_by_asc(allowances::Column::Id)
        .all(conn)
        .await?;
    Ok(assemble(rows, &lines))
}

/// Package rows with their allowance rows (in allowance id order) as records.
pub(crate) fn assemble(
    rows: Vec<packages::Model>,
    lines: &[allowances::Model],
) -> Vec<PackageRecord> {
    rows.into_iter()
        .map(|p| PackageRecord {
            allowances: lines
                .iter()
                .filter(|a| a.package_id == p.id)
                .map(allowance)
                .collect(),
            id: p.id,
            service_key: p.service_key,
            name: p.name,
            description: p.description,
            amount_minor: p.amount_minor,
            currency: p.currency,
            expires_in_days: p.expires_in_days,
            active: p.active,
            stripe_product_id: p.stripe_product_id,
            stripe_price_id: p.stripe_price_id,
        })
        .collect()
}

/// The record of an allowance row.
pub fn allowance(a: &allowances::Model) -> AllowanceRecord {
    AllowanceRecord {
        id: a.id,
        package_id: a.package_id,
        service_type: ServiceType::parse(&a.service_type).unwrap_or(ServiceType::Course),
        credits: a.credits,
        credit_unit_minutes: a.credit_unit_minutes,
        teacher_tier: a.teacher_tier,
        course_program_id: a.course_program_id,
    }
}

/// Activates or deactivates a package.
pub async fn set_active(
    db: &Db,
    id: i64,
    active: bool,
    now: DateTime<Utc>,
) -> Result<PackageRecord, DbError> {
    let res = packages::Entity::update_many()
        .col_expr(packages::Column::Active, Expr::value(active))
        .col_expr(packages::Column::UpdatedAt, Expr::value(now))
        .filter(packages::Column::Id.eq(id))
        .exec(db.writer())
        .await?;
    if res.rows_affected == 0 {
        return Err(DbError::NotFound);
    }
    get(db.reader(), id).await?.ok_or(DbError::NotFound)
}

/// Which of `ids` are course programs that are not deleted.
pub async fn existing_course_programs(db: &Db, ids: &[i64]) -> Result<Vec<i64>, DbError> {
    Ok(course_programs::Entity::find()
        .select_only()
        .column(course_programs::Column::Id)
        .filter(course_programs::Column::Id.is_in(ids.to_vec()))
        .filter(course_programs::Column::DeletedAt.is_null())
        .into_tuple::<i64>()
        .all(db.reader())
        .await?)
}
