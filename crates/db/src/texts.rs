//! Texts of course programs and packages per language. The title (a package's name) and
//! description given at creation are the default text; a language's text, when set, replaces
//! both for readers in that language. Reading the texts of many programs and packages takes one
//! statement, so read models stay a fixed number of queries.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter, Set, Statement,
};

use crate::entities::{
    course_program_texts as program_texts, course_programs, package_texts, packages,
};
use crate::reader::Reader;
use crate::sql::{ids_param, json_ids, param};
use crate::{Db, DbError};

/// A title (a package's name) and description in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub title: String,
    pub description: Option<String>,
}

/// Whose text: a course program's or a package's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    Program(i64),
    Package(i64),
}

/// The texts in one language of some programs and packages, by their ids.
#[derive(Debug, Clone, Default)]
pub struct Texts {
    pub programs: HashMap<i64, Text>,
    pub packages: HashMap<i64, Text>,
}

/// The texts in `locale` of these programs and packages (those that have one), in one statement.
pub async fn in_locale(
    conn: &impl Reader,
    locale: &str,
    program_ids: &[i64],
    package_ids: &[i64],
) -> Result<Texts, DbError> {
    let conn = conn.conn();
    let backend = conn.get_database_backend();
    let p = param(backend, 1);
    let sql = format!(
        "SELECT 0 AS kind, course_program_id AS owner, title, description \
         FROM course_program_texts WHERE locale = {p} AND course_program_id IN ({programs}) \
         UNION ALL SELECT 1, package_id, name, description \
         FROM package_texts WHERE locale = {p} AND package_id IN ({packages})",
        programs = ids_param(backend, 2),
        packages = ids_param(backend, 3),
    );
    let values = [
        locale.into(),
        json_ids(program_ids.iter().copied()),
        json_ids(package_ids.iter().copied()),
    ];
    let rows = conn
        .query_all(Statement::from_sql_and_values(backend, sql, values))
        .await?;
    let mut texts = Texts::default();
    for row in rows {
        let kind: i32 = row.try_get_by_index(0)?;
        let owner: i64 = row.try_get_by_index(1)?;
        let text = Text {
            title: row.try_get_by_index(2)?,
            description: row.try_get_by_index(3)?,
        };
        let by_owner = if kind == 0 {
            &mut texts.programs
        } else {
            &mut texts.packages
        };
        by_owner.insert(owner, text);
    }
    Ok(texts)
}

/// Every text of one program or package, by locale.
pub async fn of(conn: &impl Reader, owner: Owner) -> Result<HashMap<String, Text>, DbError> {
    let conn = conn.conn();
    Ok(match owner {
        Owner::Program(id) => program_texts::Entity::find()
            .filter(program_texts::Column::CourseProgramId.eq(id))
            .all(conn)
            .await?
            .into_iter()
            .map(|t| {
                let text = Text {
                    title: t.title,
                    description: t.description,
                };
                (t.locale, text)
            })
            .collect(),
        Owner::Package(id) => package_texts::Entity::find()
            .filter(package_texts::Column::PackageId.eq(id))
            .all(conn)
            .await?
            .into_iter()
            .map(|t| {
                let text = Text {
                    title: t.name,
                    description: t.description,
                };
                (t.locale, text)
            })
            .collect(),
    })
}

/// Sets (`Some`) or removes (`None`) the owner's text in each locale given, in one transaction
/// whose first statement writes the owner's row (as every change of a program does), so changes
/// of one owner queue. `NotFound` when the owner is missing (or a deleted program).
pub async fn set(
    db: &Db,
    owner: Owner,
    changes: &[(&str, Option<Text>)],
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let txn = db.begin_writing().await?;
    let held = match owner {
        Owner::Program(id) => {
            course_programs::Entity::update_many()
                .col_expr(course_programs::Column::UpdatedAt, Expr::value(now))
                .filter(course_programs::Column::Id.eq(id))
                .filter(course_programs::Column::DeletedAt.is_null())
                .exec(&txn)
                .await?
        }
        Owner::Package(id) => {
            packages::Entity::update_many()
                .col_expr(packages::Column::UpdatedAt, Expr::value(now))
                .filter(packages::Column::Id.eq(id))
                .exec(&txn)
                .await?
        }
    };
    if held.rows_affected == 0 {
        return Err(DbError::NotFound);
    }
    for (locale, text) in changes {
        match text {
            Some(text) => upsert(&txn, owner, locale, text.clone(), now).await?,
            None => remove(&txn, owner, locale).await?,
        }
    }
    txn.commit().await?;
    Ok(())
}

async fn upsert(
    txn: &DatabaseTransaction,
    owner: Owner,
    locale: &str,
    text: Text,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    match owner {
        Owner::Program(id) => {
            use program_texts::Column as C;
            program_texts::Entity::insert(program_texts::ActiveModel {
                course_program_id: Set(id),
                locale: Set(locale.to_owned()),
                title: Set(text.title),
                description: Set(text.description),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            })
            .on_conflict(
                OnConflict::columns([C::CourseProgramId, C::Locale])
                    .update_columns([C::Title, C::Description, C::UpdatedAt])
                    .to_owned(),
            )
            .exec_without_returning(txn)
            .await?;
        }
        Owner::Package(id) => {
            use package_texts::Column as C;
            package_texts::Entity::insert(package_texts::ActiveModel {
                package_id: Set(id),
                locale: Set(locale.to_owned()),
                name: Set(text.title),
                description: Set(text.description),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            })
            .on_conflict(
                OnConflict::columns([C::PackageId, C::Locale])
                    .update_columns([C::Name, C::Description, C::UpdatedAt])
                    .to_owned(),
            )
            .exec_without_returning(txn)
            .await?;
        }
    }
    Ok(())
}

async fn remove(txn: &DatabaseTransaction, owner: Owner, locale: &str) -> Result<(), DbError> {
    match owner {
        Owner::Program(id) => {
            program_texts::Entity::delete_many()
                .filter(program_texts::Column::CourseProgramId.eq(id))
                .filter(program_texts::Column::Locale.eq(locale))
                .exec(txn)
                .await?;
        }
        Owner::Package(id) => {
            package_texts::Entity::delete_many()
                .filter(package_texts::Column::PackageId.eq(id))
                .filter(package_texts::Column::Locale.eq(locale))
                .exec(txn)
                .await?;
        }
    }
    Ok(())
}
