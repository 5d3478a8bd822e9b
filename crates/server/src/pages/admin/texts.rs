//! The "Texts" form of the admin pages of a course and of a package: the title (a package's
//! name) and description in every language, side by side, saved through the same service as the
//! API. A language whose two fields are left empty has no text of its own (readers in it see the
//! default text).

use std::collections::{BTreeMap, HashMap};

use aula_db::texts::{Owner, Text};
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::extract::{ApiPath, CurrentUser, PageAdmin};
use crate::i18n::Lang;
use crate::pages::admin::courses::{Posted, course_page};
use crate::pages::admin::package::package_page;
use crate::pages::admin::{Fields, field};
use crate::pages::{Back, Flash, Nav, render};
use crate::services::courses;
use crate::services::texts::{self, TextInput};
use crate::{App, AppError};

/// What a form asks for each language: a text, or none.
pub type Changes = Vec<(Lang, Option<Text>)>;

/// Each language's problems, as sentences by field.
pub type Problems = HashMap<Lang, BTreeMap<String, String>>;

/// One language's fields of the form, with their problems (`title`, `description`).
pub struct LangTexts {
    pub code: &'static str,
    /// The catalogue key of the language's name.
    pub language: String,
    pub title: String,
    pub description: String,
    /// The language has a text of its own.
    pub set: bool,
    pub errors: BTreeMap<String, String>,
}

impl LangTexts {
    pub fn error(&self, name: &str) -> Option<&str> {
        self.errors.get(name).map(String::as_str)
    }
}

/// The form as a page shows it.
pub struct TextsForm {
    /// Where it posts.
    pub action: String,
    /// The catalogue key of the first field's label ("Title (…)" or "Name (…)").
    pub title_key: &'static str,
    pub langs: Vec<LangTexts>,
    /// The last try was refused for bad input.
    pub failed: bool,
}

impl TextsForm {
    /// The stored texts of a program or package, one column per language.
    pub async fn load(app: &App, owner: Owner) -> Result<Self, AppError> {
        let stored = texts::of(app, owner).await?;
        let (action, title_key) = match owner {
            Owner::Program(id) => (format!("/admin/courses/{id}/texts"), "admin-texts-title"),
            Owner::Package(id) => (format!("/admin/packages/{id}"), "admin-texts-name"),
        };
        let langs = Lang::ALL
            .into_iter()
            .map(|lang| {
                let text = stored.get(&lang);
                LangTexts {
                    code: lang.code(),
                    language: format!("admin-texts-language-{}", lang.code()),
                    title: text.map(|t| t.title.clone()).unwrap_or_default(),
                    description: text.and_then(|t| t.description.clone()).unwrap_or_default(),
                    set: text.is_some(),
                    errors: BTreeMap::new(),
                }
            })
            .collect();
        Ok(Self {
            action,
            title_key,
            langs,
            failed: false,
        })
    }

    /// The posted values in place of the stored ones, with their problems.
    fn keep_posted(&mut self, fields: &Fields, mut errors: Problems) {
        for l in &mut self.langs {
            l.title = field(fields, &format!("title-{}", l.code));
            l.description = field(fields, &format!("description-{}", l.code));
            if let Some(e) = Lang::parse(l.code).and_then(|lang| errors.remove(&lang)) {
                l.errors = e;
            }
        }
        self.failed = true;
    }
}

/// What the posted form asks for each language (a text, or none when both fields are empty),
/// or every language's problems as sentences by field.
fn asked(
    nav: &Nav,
    fields: &Fields,
    check: fn(TextInput) -> Result<Text, AppError>,
) -> Result<Changes, Problems> {
    let mut changes = Vec::new();
    let mut problems = HashMap::new();
    for lang in Lang::ALL {
        let title = field(fields, &format!("title-{}", lang.code()));
        let description = field(fields, &format!("description-{}", lang.code()));
        if title.is_empty() && description.is_empty() {
            changes.push((lang, None));
            continue;
        }
        let input = TextInput {
            title,
            description: Some(description),
        };
        match check(input) {
            Ok(text) => changes.push((lang, Some(text))),
            Err(AppError::Validation(found)) => {
                let said = found
                    .into_iter()
                    // A package's `name` is the form's first field, as a program's `title`.
                    .map(|(k, p)| (if k == "name" { "title".into() } else { k }, nav.said(&p)))
                    .collect();
                problems.insert(lang, said);
            }
            Err(e) => {
                tracing::error!(error = %e, "a text check failed otherwise than on its fields");
                problems.insert(lang, BTreeMap::new());
            }
        }
    }
    if problems.is_empty() {
        Ok(changes)
    } else {
        Err(problems)
    }
}

/// Saves the texts asked for and goes back to `to` with a notice (or the refusal).
async fn save(
    app: &App,
    admin: &CurrentUser,
    owner: Owner,
    changes: Changes,
    to: String,
) -> Result<Response, AppError> {
    let nav = Nav::of(Some(admin));
    let back = match texts::save(app, owner, changes).await {
        Ok(()) => Back::to_path(to, Some(&nav.t("admin-texts-saved")), None),
        Err(AppError::Refused(r)) => Back::to_path(to, None, Some(&nav.refusal(&r))),
        Err(e) => return Err(e),
    };
    back.send(app, admin).await
}

/// `POST /admin/courses/{id}/texts`: "Save texts" (bad input → 422 with the course page again,
/// nothing saved).
pub async fn save_course(
    State(app): State<App>,
    PageAdmin(admin): PageAdmin,
    ApiPath(id): ApiPath<i64>,
    Form(fields): Form<Fields>,
) -> Result<Response, AppError> {
    let nav = Nav::of(Some(&admin));
    match asked(&nav, &fields, texts::program_text) {
        Ok(changes) => {
            let to = format!("/admin/courses/{id}");
            save(&app, &admin, Owner::Program(id), changes, to).await
        }
        Err(problems) => {
            let p = courses::program(&app, id).await?;
            let mut page = course_page(&app, &admin, p, Flash::default(), Posted::Nothing).await?;
            page.texts.keep_posted(&fields, problems);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
    }
}

/// `POST /admin/packages/{id}`: the package page's "Save texts" (bad input → 422 with the
/// package page again, nothing saved).
pub async fn save_package(
    State(app): State<App>,
    PageAdmin(admin): PageAdmin,
    ApiPath(id): ApiPath<i64>,
    Form(fields): Form<Fields>,
) -> Result<Response, AppError> {
    let nav = Nav::of(Some(&admin));
    match asked(&nav, &fields, texts::package_text) {
        Ok(changes) => {
            let to = format!("/admin/packages/{id}");
            save(&app, &admin, Owner::Package(id), changes, to).await
        }
        Err(problems) => {
            let mut page = package_page(&app, &admin, id, Flash::default()).await?;
            page.texts.keep_posted(&fields, problems);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
    }
}
