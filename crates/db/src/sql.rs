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

/// A subquery listing the ids of parameter `n`, a JSON array (see [`json_ids`]), for an
/// `IN (…)`: one statement text whatever the ids, so the prepared statement is reused instead of
/// one more kept per distinct list.
pub(crate) fn ids_param(backend: DbBackend, n: usize) -> String {
    match backend {
        DbBackend::Postgres => format!(
            "SELECT CAST(value AS BIGINT) FROM json_array_elements_text(CAST(${n} AS JSON))"
        ),
        _ => format!("SELECT value FROM json_each(?{n})"),
    }
}

/// The value of an [`ids_param`] parameter.
pub(crate) fn json_ids(ids: impl IntoIterator<Item = i64>) -> sea_orm::Value {
    let list: Vec<i64> = ids.into_iter().collect();
    sea_orm::Value::from(serde_json::to_string(&list).unwrap_or_else(|_| "[]".to_owned()))
}
