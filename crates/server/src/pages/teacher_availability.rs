//! `GET|POST /teacher/availability`: the teacher edits their weekly rules and exceptions.

use std::collections::BTreeMap;

use askama::Template;
use aula_domain::schedule::{AvailabilityInput, ExceptionInput, RuleInput, WeeklyAvailability};
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use crate::extract::{ApiQuery, PageTeacher};
use crate::pages::{Nav, render};
use crate::services::scheduling;
use crate::{App, AppError};

/// Empty rows offered for new rules and exceptions.
const SPARE_ROWS: usize = 3;

const WEEKDAYS: [(u8, &str); 7] = [
    (1, "Monday"),
    (2, "Tuesday"),
    (3, "Wednesday"),
    (4, "Thursday"),
    (5, "Friday"),
    (6, "Saturday"),
    (7, "Sunday"),
];

#[derive(Default, Clone)]
struct RuleRow {
    weekday: u8,
    start: String,
    end: String,
}

#[derive(Default, Clone)]
struct ExceptionRow {
    date: String,
    start: String,
    end: String,
    available: bool,
}

#[derive(Template)]
#[template(path = "teacher_availability.html")]
struct AvailabilityPage {
    nav: Nav,
    saved: bool,
    errors: Vec<(String, String)>,
    timezone: String,
    zones: Vec<&'static str>,
    weekdays: Vec<(u8, &'static str)>,
    rules: Vec<RuleRow>,
    exceptions: Vec<ExceptionRow>,
}

fn page(
    nav: Nav,
    timezone: String,
    mut rules: Vec<RuleRow>,
    mut exceptions: Vec<ExceptionRow>,
) -> AvailabilityPage {
    rules.extend(std::iter::repeat_n(
        RuleRow {
            weekday: 1,
            ..Default::default()
        },
        SPARE_ROWS,
    ));
    exceptions.extend(std::iter::repeat_n(ExceptionRow::default(), SPARE_ROWS));
    AvailabilityPage {
        nav,
        saved: false,
        errors: Vec::new(),
        timezone,
        zones: chrono_tz::TZ_VARIANTS.iter().map(|z| z.name()).collect(),
        weekdays: WEEKDAYS.to_vec(),
        rules,
        exceptions,
    }
}

fn rows_of(a: &WeeklyAvailability) -> (Vec<RuleRow>, Vec<ExceptionRow>) {
    let rules = a
        .rules
        .iter()
        .map(|r| RuleRow {
            weekday: r.weekday,
            start: r.start.to_string(),
            end: r.end.to_string(),
        })
        .collect();
    let exceptions = a
        .exceptions
        .iter()
        .map(|e| ExceptionRow {
            date: e.date.format("%Y-%m-%d").to_string(),
            start: e.start.map(|t| t.to_string()).unwrap_or_default(),
            end: e.end.map(|t| t.to_string()).unwrap_or_default(),
            available: e.available,
        })
        .collect();
    (rules, exceptions)
}

/// Query of the page after saving.
#[derive(serde::Deserialize)]
pub struct Saved {
    saved: Option<String>,
}

/// Shows the saved availability with spare rows.
pub async fn show(
    State(app): State<App>,
    PageTeacher { user, teacher_id }: PageTeacher,
    ApiQuery(q): ApiQuery<Saved>,
) -> Result<Response, AppError> {
    let nav = Nav::of(Some(&user));
    let avail = scheduling::availability_of(&app, teacher_id).await?;
    let (rules, exceptions) = rows_of(&avail);
    let mut p = page(nav, avail.timezone.name().to_owned(), rules, exceptions);
    p.saved = q.saved.is_some();
    Ok(render(&p)?.into_response())
}

/// Parses the indexed form fields (`rule_0_weekday`, `exc_1_date`, …); empty rows are dropped.
/// One pass over the fields plus one lookup per row: linear in the size of the form.
fn parse_form(fields: &[(String, String)]) -> (String, Vec<RuleRow>, Vec<ExceptionRow>) {
    let by_name: std::collections::HashMap<&str, &str> = fields
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    let get = |k: &str| {
        by_name
            .get(k)
            .map(|v| v.trim().to_owned())
            .unwrap_or_default()
    };
    let mut rules = BTreeMap::new();
    let mut exceptions = BTreeMap::new();
    for (name, _) in fields {
        let mut parts = name.splitn(3, '_');
        match (
            parts.next(),
            parts.next().and_then(|i| i.parse::<usize>().ok()),
        ) {
            (Some("rule"), Some(i)) => {
                rules.entry(i).or_insert_with(|| RuleRow {
                    weekday: get(&format!("rule_{i}_weekday")).parse().unwrap_or(0),
                    start: get(&format!("rule_{i}_start")),
                    end: get(&format!("rule_{i}_end")),
                });
            }
            (Some("exc"), Some(i)) => {
                exceptions.entry(i).or_insert_with(|| ExceptionRow {
                    date: get(&format!("exc_{i}_date")),
                    start: get(&format!("exc_{i}_start")),
                    end: get(&format!("exc_{i}_end")),
                    available: !get(&format!("exc_{i}_available")).is_empty(),
                });
            }
            _ => {}
        }
    }
    let rules = rules
        .into_values()
        .filter(|r| !(r.start.is_empty() && r.end.is_empty()))
        .collect();
    let exceptions = exceptions
        .into_values()
        .filter(|e| !e.date.is_empty())
        .collect();
    (get("timezone"), rules, exceptions)
}

/// Saves the form, or shows it again with every problem.
pub async fn submit(
    State(app): State<App>,
    PageTeacher { user, teacher_id }: PageTeacher,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let nav = Nav::of(Some(&user));
    let (timezone, rules, exceptions) = parse_form(&fields);
    let input = AvailabilityInput {
        timezone: timezone.clone(),
        rules: rules
            .iter()
            .map(|r| RuleInput {
                weekday: i64::from(r.weekday),
                start_time: r.start.clone(),
                end_time: r.end.clone(),
            })
            .collect(),
        exceptions: exceptions
            .iter()
            .map(|e| ExceptionInput {
                date: e.date.clone(),
                start_time: Some(e.start.clone()).filter(|s| !s.is_empty()),
                end_time: Some(e.end.clone()).filter(|s| !s.is_empty()),
                available: e.available,
            })
            .collect(),
    };
    match WeeklyAvailability::parse(input).map_err(AppError::from) {
        Ok(avail) => {
            scheduling::save_availability(&app, teacher_id, &avail).await?;
            Ok(Redirect::to("/teacher/availability?saved=1").into_response())
        }
        Err(AppError::Validation(fields)) => {
            let mut p = page(nav, timezone, rules, exceptions);
            p.errors = fields.into_iter().map(|(k, v)| (in_words(&k), v)).collect();
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&p)?).into_response())
        }
        Err(e) => Err(e),
    }
}

/// A field path of the availability API (`rules[2].endTime`) as the form's words ("Weekly hours,
/// row 3: end time").
fn in_words(key: &str) -> String {
    let part = |name: &str| {
        match name {
            "weekday" => "day",
            "startTime" => "start time",
            "endTime" => "end time",
            "date" => "date",
            "timezone" => "time zone",
            other => other,
        }
        .to_owned()
    };
    let Some((list, rest)) = key.split_once('[') else {
        let mut words = part(key);
        if let Some(first) = words.get_mut(0..1) {
            first.make_ascii_uppercase();
        }
        return words;
    };
    let (index, field) = rest
        .split_once("].")
        .unwrap_or((rest.trim_end_matches(']'), ""));
    let row = index.parse::<usize>().map_or(0, |i| i + 1);
    let what = match list {
        "rules" => "Weekly hours",
        "exceptions" => "Exceptions",
        other => other,
    };
    if field.is_empty() {
        format!("{what}, row {row}")
    } else {
        format!("{what}, row {row}: {}", part(field))
    }
}

#[cfg(test)]
mod tests {
    use super::in_words;

    #[test]
    fn field_paths_read_as_the_forms_words() {
        assert_eq!(
            in_words("rules[8].endTime"),
            "Weekly hours, row 9: end time"
        );
        assert_eq!(in_words("exceptions[0].date"), "Exceptions, row 1: date");
        assert_eq!(in_words("timezone"), "Time zone");
    }
}
