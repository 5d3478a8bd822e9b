//! Small builders that keep the table definitions short and identical on both databases.

use sea_orm_migration::prelude::*;

/// An identifier from a plain name.
pub fn n(name: &str) -> Alias {
    Alias::new(name)
}

/// A new table with an auto-increment integer `id` primary key.
pub fn table(name: &str) -> TableCreateStatement {
    Table::create()
        .table(n(name))
        .if_not_exists()
        .col(
            ColumnDef::new(n("id"))
                .big_integer()
                .not_null()
                .auto_increment()
                .primary_key(),
        )
        .to_owned()
}

/// A column of the given kind, `NOT NULL` unless `null` is set.
pub fn col(name: &str, kind: Kind, null: bool) -> ColumnDef {
    let mut c = ColumnDef::new(n(name));
    match kind {
        Kind::Id => c.big_integer(),
        Kind::Int => c.integer(),
        Kind::BigInt => c.big_integer(),
        Kind::Text => c.text(),
        Kind::Str(len) => c.string_len(len),
        Kind::Bool => c.boolean(),
        Kind::Time => c.timestamp_with_time_zone(),
    };
    if null {
        c.null();
    } else {
        c.not_null();
    }
    c
}

/// Column kinds used by the schema.
#[derive(Clone, Copy)]
pub enum Kind {
    Id,
    Int,
    BigInt,
    Text,
    Str(u32),
    Bool,
    Time,
}

/// A foreign key `table.column -> target.id`.
pub fn fk(
    table: &str,
    column: &str,
    target: &str,
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_{table}_{column}"))
        .from(n(table), n(column))
        .to(n(target), n("id"))
        .on_delete(on_delete)
        .to_owned()
}

/// An index (unique when asked) over the given columns.
pub fn index(table: &str, columns: &[&str], unique: bool) -> IndexCreateStatement {
    // PostgreSQL cuts identifiers at 63 bytes; the long progress table gets a short prefix.
    let short = table.replace("student_course_step_progress", "progress");
    let name = format!(
        "{}_{}_{}",
        if unique { "uq" } else { "ix" },
        short,
        columns.join("_")
    );
    let mut i = Index::create();
    i.name(name).table(n(table)).if_not_exists();
    for c in columns {
        i.col(n(c));
    }
    if unique {
        i.unique();
    }
    i.to_owned()
}

/// A trigger's condition that holds when any of `cols` changed (`OLD.c … NEW.c OR …`).
pub fn changed(pg: bool, cols: &[&str]) -> String {
    let differs = if pg { "IS DISTINCT FROM" } else { "IS NOT" };
    cols.iter()
        .map(|c| format!("OLD.{c} {differs} NEW.{c}"))
        .collect::<Vec<_>>()
        .join(" OR ")
}

/// The statement that drops trigger `name` of `table`, if it exists.
pub fn drop_trigger(pg: bool, name: &str, table: &str) -> String {
    if pg {
        format!("DROP TRIGGER IF EXISTS {name} ON {table}")
    } else {
        format!("DROP TRIGGER IF EXISTS {name}")
    }
}
