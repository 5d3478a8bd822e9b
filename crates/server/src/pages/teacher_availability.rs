//! `GET|POST /teacher/availability`: the teacher edits their weekly rules and exceptions.

use std::collections::BTreeMap;

use askama::Template;
use aula_domain::schedule::{AvailabilityInput, ExceptionInput, RuleInput, WeeklyAvailability};
use aula_domain::{Problem, ProblemArg};
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::extract::PageTeacher;
use crate::pages::{Back, Flash, Nav, render};
use crate::services::scheduling;
use crate::{App, AppError};

/// Empty rows offered for new rules and exceptions.
const SPARE_ROWS: usize = 3;

/// A time picker cannot show 24:00: the end of the day is entered and shown as 00:00 in an end
/// field (an end at midnight at the start of the day is never valid, so nothing is lost).
const END_OF_DAY: &str = "24:00";
const MIDNIGHT: &str = "00:00";

#[derive(Default, Clone)]
struct RuleRow {
    weekday: u8,
    start: String,
    end: String,
    /// The problems of this row by part (`weekday`, `start`, `end`, `row`), in the form's words.
    problems: Vec<(&'static str, String)>,
}

#[derive(Default, Clone)]
struct ExceptionRow {
    date: String,
    start: String,
    end: String,
    available: bool,
    /// The problems of this row by part (`date`, `start`, `end`, `row`), in the form's words.
    problems: Vec<(&'static str, String)>,
}

fn problem_of<'a>(problems: &'a [(&'static str, String)], part: &str) -> Option<&'a str> {
    problems
        .iter()
        .find(|(p, _)| *p == part)
        .map(|(_, text)| text.as_str())
}

impl RuleRow {
    fn problem(&self, part: &str) -> Option<&str> {
        problem_of(&self.problems, part)
    }
}

impl ExceptionRow {
    fn problem(&self, part: &str) -> Option<&str> {
        problem_of(&self.problems, part)
    }
}

#[derive(Template)]
#[template(path = "teacher_availability.html")]
struct AvailabilityPage {
    nav: Nav,
    notice: Option<String>,
    /// Every problem as "where: what" ("Weekly hours, row 1: end time: must be after …").
    errors: Vec<String>,
    timezone: String,
    zone_problem: Option<String>,
    zones: Vec<&'static str>,
    weekdays: Vec<(u8, String)>,
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
    let weekdays = (1..=7)
        .map(|d| (d, nav.t(&format!("teacher-weekday-{d}"))))
        .collect();
    AvailabilityPage {
        nav,
        notice: None,
        errors: Vec::new(),
        timezone,
        zone_problem: None,
        zones: chrono_tz::TZ_VARIANTS.iter().map(|z| z.name()).collect(),
        weekdays,
        rules,
        exceptions,
    }
}

/// An end time as the time picker shows it (24:00 as 00:00).
fn end_shown(end: String) -> String {
    if end == END_OF_DAY {
        MIDNIGHT.to_owned()
    } else {
        end
    }
}

/// An end time as the API takes it (00:00 as 24:00, the end of the day).
fn end_taken(end: &str) -> String {
    if end == MIDNIGHT {
        END_OF_DAY.to_owned()
    } else {
        end.to_owned()
    }
}

fn rows_of(a: &WeeklyAvailability) -> (Vec<RuleRow>, Vec<ExceptionRow>) {
    let rules = a
        .rules
        .iter()
        .map(|r| RuleRow {
            weekday: r.weekday,
            start: r.start.to_string(),
            end: end_shown(r.end.to_string()),
            problems: Vec::new(),
        })
        .collect();
    let exceptions = a
        .exceptions
        .iter()
        .map(|e| ExceptionRow {
            date: e.date.format("%Y-%m-%d").to_string(),
            start: e.start.map(|t| t.to_string()).unwrap_or_default(),
            end: e.end.map(|t| end_shown(t.to_string())).unwrap_or_default(),
            available: e.available,
            problems: Vec::new(),
        })
        .collect();
    (rules, exceptions)
}

/// Shows the saved availability with spare rows.
pub async fn show(
    State(app): State<App>,
    PageTeacher { user, teacher_id }: PageTeacher,
) -> Result<Response, AppError> {
    let flash = Flash::take(&app, &user).await?;
    let nav = Nav::of(Some(&user));
    let avail = scheduling::availability_of(&app, teacher_id).await?;
    let (rules, exceptions) = rows_of(&avail);
    let mut p = page(nav, avail.timezone.name().to_owned(), rules, exceptions);
    p.notice = flash.notice;
    if let Some(problem) = flash.problem {
        p.errors.push(problem);
    }
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
                    problems: Vec::new(),
                });
            }
            (Some("exc"), Some(i)) => {
                exceptions.entry(i).or_insert_with(|| ExceptionRow {
                    date: get(&format!("exc_{i}_date")),
                    start: get(&format!("exc_{i}_start")),
                    end: get(&format!("exc_{i}_end")),
                    available: !get(&format!("exc_{i}_available")).is_empty(),
                    problems: Vec::new(),
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

/// Saves the form, or shows it again with every problem beside its field.
pub async fn submit(
    State(app): State<App>,
    PageTeacher { user, teacher_id }: PageTeacher,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let nav = Nav::of(Some(&user));
    let (timezone, mut rules, mut exceptions) = parse_form(&fields);
    let input = AvailabilityInput {
        timezone: timezone.clone(),
        rules: rules
            .iter()
            .map(|r| RuleInput {
                weekday: i64::from(r.weekday),
                start_time: r.start.clone(),
                end_time: end_taken(&r.end),
            })
            .collect(),
        exceptions: exceptions
            .iter()
            .map(|e| ExceptionInput {
                date: e.date.clone(),
                start_time: Some(e.start.clone()).filter(|s| !s.is_empty()),
                end_time: Some(end_taken(&e.end)).filter(|s| !s.is_empty()),
                available: e.available,
            })
            .collect(),
    };
    match WeeklyAvailability::parse(input).map_err(AppError::from) {
        Ok(avail) => {
            scheduling::save_availability(&app, teacher_id, &avail).await?;
            Back::to(
                "/teacher/availability",
                Some(&nav.t("teacher-availability-saved")),
                None,
            )
            .send(&app, &user)
            .await
        }
        Err(AppError::Validation(problems)) => {
            let mut errors = Vec::new();
            let mut zone_problem = None;
            for (key, raw) in problems {
                let what = problem_words(&nav, &raw);
                let line = nav.t2(
                    "teacher-availability-problem",
                    "where",
                    in_words(&nav, &key),
                    "problem",
                    what.as_str(),
                );
                // The time zone first, then the rows in the form's order.
                let order = match place(&key) {
                    Place::Zone => {
                        zone_problem = Some(what);
                        (0, 0)
                    }
                    Place::Rule(i, part) => {
                        if let Some(r) = rules.get_mut(i) {
                            r.problems.push((part, what));
                        }
                        (1, i)
                    }
                    Place::Exception(i, part) => {
                        if let Some(e) = exceptions.get_mut(i) {
                            e.problems.push((part, what));
                        }
                        (2, i)
                    }
                    Place::Other => (3, 0),
                };
                errors.push((order, line));
            }
            errors.sort_by_key(|(order, _)| *order);
            let mut p = page(nav, timezone, rules, exceptions);
            p.errors = errors.into_iter().map(|(_, line)| line).collect();
            p.zone_problem = zone_problem;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&p)?).into_response())
        }
        Err(e) => Err(e),
    }
}

/// The form field a problem's path (`rules[2].endTime`) belongs to.
#[derive(Debug, PartialEq, Eq)]
enum Place {
    Zone,
    /// Row index and part (`weekday`, `start`, `end`, or `row` for the whole row).
    Rule(usize, &'static str),
    /// Row index and part (`date`, `start`, `end`, or `row` for the whole row).
    Exception(usize, &'static str),
    Other,
}

fn place(key: &str) -> Place {
    if key == "timezone" {
        return Place::Zone;
    }
    let Some((list, rest)) = key.split_once('[') else {
        return Place::Other;
    };
    let (index, field) = rest
        .split_once("].")
        .unwrap_or((rest.trim_end_matches(']'), ""));
    let Ok(i) = index.parse::<usize>() else {
        return Place::Other;
    };
    let part = match field {
        "" => "row",
        "weekday" => "weekday",
        "startTime" => "start",
        "endTime" => "end",
        "date" => "date",
        _ => "row",
    };
    match list {
        "rules" => Place::Rule(i, part),
        "exceptions" => Place::Exception(i, part),
        _ => Place::Other,
    }
}

/// A field path of the availability API (`rules[2].endTime`) as the form's words ("Weekly hours,
/// row 3: end time").
fn in_words(nav: &Nav, key: &str) -> String {
    let part = |name: &str| {
        nav.try_t(&format!("teacher-availability-field-{name}"))
            .unwrap_or_else(|| name.to_owned())
    };
    let Some((list, rest)) = key.split_once('[') else {
        return part(key);
    };
    let (index, field) = rest
        .split_once("].")
        .unwrap_or((rest.trim_end_matches(']'), ""));
    let row = index.parse::<usize>().map_or(0, |i| i + 1);
    if field.is_empty() {
        nav.t2("teacher-availability-row", "list", part(list), "row", row)
    } else {
        nav.t3(
            "teacher-availability-row-field",
            "list",
            part(list),
            "row",
            row,
            "field",
            part(field),
        )
    }
}

/// A problem of the availability rules in the form's words (the form has its own words for the
/// problems its rows can have); any other problem in the catalogue's general words.
fn problem_words(nav: &Nav, p: &Problem) -> String {
    let given = |name| match p.arg(name) {
        Some(ProblemArg::Text(t)) => t.as_str(),
        _ => "",
    };
    let key = match (p.key, given("other")) {
        ("overlaps-rule", _) => {
            let row = match p.arg("row") {
                Some(ProblemArg::Number(n)) => *n,
                _ => 0,
            };
            return nav.t1("teacher-availability-overlaps", "row", row);
        }
        ("time-zone", _) => "bad-zone",
        ("time", _) => "bad-time",
        ("before-midnight", _) => "before-midnight",
        ("after", _) => "after-start",
        ("date", _) => "bad-date",
        ("date-range", _) => "date-range",
        ("weekday", _) => "bad-weekday",
        ("required-when-available", _) => "needs-times",
        ("required-with", "startTime") => "needs-end",
        ("required-with", "endTime") => "needs-start",
        ("at-most-rules" | "at-most-exceptions", _) => "too-many",
        _ => return nav.problem(p),
    };
    nav.t(&format!("teacher-availability-{key}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nav() -> Nav {
        Nav::default()
    }

    #[test]
    fn field_paths_read_as_the_forms_words() {
        let nav = nav();
        assert_eq!(
            in_words(&nav, "rules[8].endTime"),
            "Weekly hours, row 9: end time"
        );
        assert_eq!(
            in_words(&nav, "exceptions[0].date"),
            "Exceptions, row 1: date"
        );
        assert_eq!(in_words(&nav, "rules[2]"), "Weekly hours, row 3");
        assert_eq!(in_words(&nav, "timezone"), "Time zone");
        assert_eq!(place("rules[8].endTime"), Place::Rule(8, "end"));
        assert_eq!(
            place("exceptions[1].startTime"),
            Place::Exception(1, "start")
        );
        assert_eq!(place("rules[2]"), Place::Rule(2, "row"));
        assert_eq!(place("timezone"), Place::Zone);
        assert_eq!(place("rules"), Place::Other);
    }

    /// Every problem the availability rules can report reads in the form's words (a changed
    /// wording in the rules fails here instead of reaching the page in API words).
    #[test]
    fn every_problem_of_the_rules_reads_in_the_forms_words() {
        let nav = nav();
        let rule = |weekday: i64, start: &str, end: &str| RuleInput {
            weekday,
            start_time: start.to_owned(),
            end_time: end.to_owned(),
        };
        let exc =
            |date: &str, start: Option<&str>, end: Option<&str>, available: bool| ExceptionInput {
                date: date.to_owned(),
                start_time: start.map(str::to_owned),
                end_time: end.map(str::to_owned),
                available,
            };
        let inputs = [
            AvailabilityInput {
                timezone: "Mars/Base".to_owned(),
                rules: vec![
                    rule(9, "9:00", "12:00"),
                    rule(1, "24:00", "24:00"),
                    rule(1, "12:00", "09:00"),
                    rule(2, "09:00", "12:00"),
                    rule(2, "10:00", "11:00"),
                ],
                exceptions: vec![
                    exc("2026-13-01", None, None, false),
                    exc("1999-01-01", None, None, true),
                    exc("2026-01-02", Some("09:00"), None, false),
                    exc("2026-01-03", None, Some("09:00"), false),
                ],
            },
            AvailabilityInput {
                timezone: "UTC".to_owned(),
                rules: (0..60).map(|_| rule(1, "09:00", "10:00")).collect(),
                exceptions: Vec::new(),
            },
        ];
        let mut seen = 0;
        for input in inputs {
            let Err(aula_domain::DomainError::Fields(problems)) = WeeklyAvailability::parse(input)
            else {
                panic!("the input is wrong");
            };
            for (key, p) in problems {
                let words = problem_words(&nav, &p);
                assert_ne!(
                    words,
                    nav.problem(&p),
                    "{key}: {p} has no words in the form"
                );
                assert!(!words.contains(crate::i18n::MISSING), "{words}");
                seen += 1;
            }
        }
        assert!(seen >= 10, "{seen}");
    }

    #[test]
    fn the_end_of_the_day_is_midnight_in_the_time_picker() {
        assert_eq!(end_shown("24:00".to_owned()), "00:00");
        assert_eq!(end_shown("12:30".to_owned()), "12:30");
        assert_eq!(end_taken("00:00"), "24:00");
        assert_eq!(end_taken(""), "");
    }
}
