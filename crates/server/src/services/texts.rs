//! Texts of course programs and packages per language: set by admins (the API and the admin
//! pages, by the rules of creation) and put in place of the default texts by the reads, in the
//! reader's language. A language without a text of its own shows the default text.

use std::collections::HashMap;

use aula_db::courses::{CoursePackageRecord, ProgramRecord};
use aula_db::packages::{self, PackageRecord};
use aula_db::texts::{self as store, Owner, Text, Texts};
use aula_domain::Problem;

use crate::error::FieldErrors;
use crate::i18n::Lang;
use crate::services::courses::{self, CatalogueEntry};
use crate::services::fields::description;
use crate::{App, AppError};

/// A text as asked for: a program's title (a package's name) and a description.
#[derive(Debug, Clone, Default)]
pub struct TextInput {
    pub title: String,
    pub description: Option<String>,
}

fn language_of(errors: &mut FieldErrors, raw: &str) -> Option<Lang> {
    let lang = Lang::ALL.into_iter().find(|l| l.code() == raw);
    if lang.is_none() {
        let codes: Vec<&str> = Lang::ALL.into_iter().map(Lang::code).collect();
        errors.add(
            "locale",
            Problem::new("one-of").with("choices", codes.join(", ")),
        );
    }
    lang
}

fn check_program(errors: &mut FieldErrors, input: TextInput) -> Text {
    Text {
        title: courses::title(errors, &input.title),
        description: description(errors, input.description),
    }
}

fn check_package(errors: &mut FieldErrors, input: TextInput) -> Text {
    let (title, description) =
        super::packages::texts(errors, &input.title, input.description.as_deref());
    Text { title, description }
}

/// A program's text by the rules of its creation (`title` 3-255 characters, `description` at
/// most 5000).
pub fn program_text(input: TextInput) -> Result<Text, AppError> {
    let mut errors = FieldErrors::default();
    let text = check_program(&mut errors, input);
    errors.finish()?;
    Ok(text)
}

/// A package's text by the rules of its creation (`name` 1-200 characters, `description` at
/// most 2000).
pub fn package_text(input: TextInput) -> Result<Text, AppError> {
    let mut errors = FieldErrors::default();
    let text = check_package(&mut errors, input);
    errors.finish()?;
    Ok(text)
}

/// Sets (`Some`) or removes (`None`) a program's or package's texts in several languages, all or
/// nothing; 404 when it does not exist (or is a deleted program).
#[tracing::instrument(skip_all, fields(owner = ?owner), err(level = "info"))]
pub async fn save(
    app: &App,
    owner: Owner,
    changes: Vec<(Lang, Option<Text>)>,
) -> Result<(), AppError> {
    let changes: Vec<(&str, Option<Text>)> =
        changes.into_iter().map(|(l, t)| (l.code(), t)).collect();
    Ok(store::set(&app.db, owner, &changes, app.clock.now()).await?)
}

/// Sets a program's text in `locale`; answers the program as the catalogue shows it in that
/// language.
pub async fn set_program_text(
    app: &App,
    id: i64,
    locale: &str,
    input: TextInput,
) -> Result<CatalogueEntry, AppError> {
    let mut errors = FieldErrors::default();
    let lang = language_of(&mut errors, locale);
    let text = check_program(&mut errors, input);
    errors.finish()?;
    let lang = lang.unwrap_or_default();
    save(app, Owner::Program(id), vec![(lang, Some(text))]).await?;
    courses::entry(app, lang, id).await
}

/// Sets a package's text in `locale`; answers the package as the catalogue shows it in that
/// language.
pub async fn set_package_text(
    app: &App,
    id: i64,
    locale: &str,
    input: TextInput,
) -> Result<PackageRecord, AppError> {
    let mut errors = FieldErrors::default();
    let lang = language_of(&mut errors, locale);
    let text = check_package(&mut errors, input);
    errors.finish()?;
    let lang = lang.unwrap_or_default();
    save(app, Owner::Package(id), vec![(lang, Some(text))]).await?;
    let mut package = packages::get(&app.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    localize(app, lang, &mut [], std::slice::from_mut(&mut package)).await?;
    Ok(package)
}

/// Every language's text of a program or package (the admin pages edit them side by side).
pub async fn of(app: &App, owner: Owner) -> Result<HashMap<Lang, Text>, AppError> {
    Ok(store::of(&app.db, owner)
        .await?
        .into_iter()
        .filter_map(|(code, text)| Lang::parse(&code).map(|l| (l, text)))
        .collect())
}

/// The texts in `lang` of these programs and packages, where set (one statement).
async fn in_language(
    app: &App,
    lang: Lang,
    program_ids: &[i64],
    package_ids: &[i64],
) -> Result<Texts, AppError> {
    if program_ids.is_empty() && package_ids.is_empty() {
        return Ok(Texts::default());
    }
    Ok(store::in_locale(&app.db, lang.code(), program_ids, package_ids).await?)
}

/// Puts the texts of `lang` in place of the default texts of these programs and packages where
/// that language has one (one statement whatever their number).
pub async fn localize(
    app: &App,
    lang: Lang,
    programs: &mut [ProgramRecord],
    packages: &mut [PackageRecord],
) -> Result<(), AppError> {
    let program_ids: Vec<i64> = programs.iter().map(|p| p.id).collect();
    let package_ids: Vec<i64> = packages.iter().map(|p| p.id).collect();
    let texts = in_language(app, lang, &program_ids, &package_ids).await?;
    for p in programs {
        if let Some(t) = texts.programs.get(&p.id) {
            p.title.clone_from(&t.title);
            p.description.clone_from(&t.description);
        }
    }
    for p in packages {
        if let Some(t) = texts.packages.get(&p.id) {
            p.name.clone_from(&t.title);
            p.description.clone_from(&t.description);
        }
    }
    Ok(())
}

/// Titles a student's courses in `lang` where that language has a text.
pub async fn retitle_courses(
    app: &App,
    lang: Lang,
    list: &mut [CoursePackageRecord],
) -> Result<(), AppError> {
    let ids: Vec<i64> = list.iter().map(|c| c.program_id).collect();
    let texts = in_language(app, lang, &ids, &[]).await?;
    for c in list {
        if let Some(t) = texts.programs.get(&c.program_id) {
            c.title.clone_from(&t.title);
        }
    }
    Ok(())
}

/// The names in `lang` of these packages, where that language has a text.
pub async fn package_names(
    app: &App,
    lang: Lang,
    ids: &[i64],
) -> Result<HashMap<i64, String>, AppError> {
    Ok(in_language(app, lang, &[], ids)
        .await?
        .packages
        .into_iter()
        .map(|(id, t)| (id, t.title))
        .collect())
}
