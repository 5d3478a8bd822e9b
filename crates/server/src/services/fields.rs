//! Field checks shared by the admin use-cases.

use aula_db::group_classes;

use crate::error::FieldErrors;
use crate::{App, AppError};

/// A trimmed description of at most 5000 characters; empty means none.
pub fn description(errors: &mut FieldErrors, raw: Option<String>) -> Option<String> {
    let d = raw.map(|d| d.trim().to_owned()).filter(|d| !d.is_empty());
    if d.as_ref().is_some_and(|d| d.chars().count() > 5000) {
        errors.add("description", aula_domain::Problem::at_most_chars(5000));
    }
    d
}

/// Level ids without repeats; an unknown one is a problem of `levelIds`.
pub async fn levels(
    app: &App,
    errors: &mut FieldErrors,
    ids: &[i64],
) -> Result<Vec<i64>, AppError> {
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    let known = group_classes::existing_levels(&app.db, &ids).await?;
    if let Some(bad) = ids.iter().find(|i| !known.contains(i)) {
        errors.add(
            "levelIds",
            aula_domain::Problem::new("not-level").with("id", *bad),
        );
    }
    Ok(ids)
}
