//! Small pieces of hand-written SQL shared by the statements that sea-query cannot say in one go.

use sea_orm::{DbBackend, IdenStatic, Iterable};

/// The `n`th (1-based) bound parameter as the backend writes it: `$n` or `?n`.
pub(crate) fn param(backend: DbBackend, n: usize) -> String {
    match backend {
        DbBackend::Postgres => format!("${n}"),
        _ => format!("?{n}"),
    }
}

/// Every column of an entity as `alias.col AS alias_col`, to read back with
/// `Model::from_query_result(row, "alias_")`.
pub(crate) fn columns<C: IdenStatic + Iterable>(alias: &str) -> String {
    C::iter()
        .map(|c| format!("{alias}.{0} AS {alias}_{0}", c.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Ids the server read from the database itself, written into the text of an `IN (…)` (`NULL` for
/// none, which matches nothing).
pub(crate) fn id_list(ids: impl IntoIterator<Item = i64>) -> String {
    let text = ids
        .into_iter()
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(",");
    if text.is_empty() {
        "NULL".to_owned()
    } else {
        text
    }
}
