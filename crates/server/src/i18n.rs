//! Every word the pages show, from one message catalogue per language (Fluent files under
//! `crates/server/locales/{lang}/`), and the one place that formats dates, times and money for a
//! viewer: in the viewer's language and zone, with the zone named.
//!
//! A second language is a folder of `.ftl` files and a [`Lang`] variant, not a rewrite.

use std::collections::HashMap;
use std::fmt;
use std::sync::LazyLock;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// The languages the school speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    En,
}

impl Lang {
    /// Every language, the default first.
    pub const ALL: [Lang; 1] = [Lang::En];

    /// The code used in `<html lang>`, cookies and the API (`en`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
        }
    }

    /// The language with this code (`en`), if the school speaks it.
    pub fn parse(raw: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == raw.trim())
    }

    fn sources(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Lang::En => EN,
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The English catalogue, one file per area of the site.
const EN: &[(&str, &str)] = &[
    ("common.ftl", include_str!("../locales/en/common.ftl")),
    ("account.ftl", include_str!("../locales/en/account.ftl")),
    ("shop.ftl", include_str!("../locales/en/shop.ftl")),
    ("student.ftl", include_str!("../locales/en/student.ftl")),
    ("teacher.ftl", include_str!("../locales/en/teacher.ftl")),
    ("admin.ftl", include_str!("../locales/en/admin.ftl")),
    ("problems.ftl", include_str!("../locales/en/problems.ftl")),
    ("mail.ftl", include_str!("../locales/en/mail.ftl")),
];

/// What a page shows in place of a message the catalogue lacks (tests look for it).
pub const MISSING: &str = "[missing message: ";

type Bundle = FluentBundle<FluentResource>;

fn bundle(lang: Lang) -> Bundle {
    let id: unic_langid::LanguageIdentifier = lang.code().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Pages are HTML: no Unicode isolation marks around arguments.
    bundle.set_use_isolating(false);
    for (file, source) in lang.sources() {
        let resource = FluentResource::try_new((*source).to_owned()).unwrap_or_else(|(r, errs)| {
            tracing::error!(
                lang = lang.code(),
                file,
                ?errs,
                "message catalogue has syntax errors"
            );
            r
        });
        if let Err(errs) = bundle.add_resource(resource) {
            tracing::error!(
                lang = lang.code(),
                file,
                ?errs,
                "message catalogue has duplicate ids"
            );
        }
    }
    bundle
}

static CATALOGUE: LazyLock<HashMap<Lang, Bundle>> =
    LazyLock::new(|| Lang::ALL.into_iter().map(|l| (l, bundle(l))).collect());

/// A value given to a message: text or a number (numbers choose plural forms).
pub trait Arg {
    /// The value as Fluent takes it.
    fn value(&self) -> FluentValue<'static>;
}

impl Arg for str {
    fn value(&self) -> FluentValue<'static> {
        FluentValue::from(self.to_owned())
    }
}

impl Arg for String {
    fn value(&self) -> FluentValue<'static> {
        FluentValue::from(self.clone())
    }
}

macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl Arg for $t {
            fn value(&self) -> FluentValue<'static> {
                FluentValue::from(*self as f64)
            }
        }
    )*};
}
number_arg!(i32, i64, u32, u64, usize);

impl<T: Arg + ?Sized> Arg for &T {
    fn value(&self) -> FluentValue<'static> {
        (**self).value()
    }
}

/// Who is looking: the language and the zone every time is shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Viewer {
    pub lang: Lang,
    pub zone: Tz,
    /// The zone is the person's saved choice (pages then never switch it to the browser's).
    pub saved_zone: bool,
}

impl Default for Viewer {
    fn default() -> Self {
        Self {
            lang: Lang::En,
            zone: chrono_tz::UTC,
            saved_zone: false,
        }
    }
}

tokio::task_local! {
    /// The viewer of the request being answered (set by [`viewer_layer`] for every request).
    static VIEWER: Viewer;
}

/// The viewer of the current request before any login is known: the zone a page script stored in
/// the `aula_tz` cookie, else the school's.
pub async fn viewer_layer(
    axum::extract::State(app): axum::extract::State<crate::App>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let zone = crate::extract::cookie(req.headers(), ZONE_COOKIE)
        .and_then(|z| z.parse::<Tz>().ok())
        .unwrap_or(app.config.school_timezone);
    let viewer = Viewer {
        lang: Lang::default(),
        zone,
        saved_zone: false,
    };
    VIEWER.scope(viewer, next.run(req)).await
}

/// The cookie in which a page script keeps the browser's zone.
pub const ZONE_COOKIE: &str = "aula_tz";

impl Viewer {
    /// The viewer of the current request (the defaults outside a request).
    pub fn current() -> Self {
        VIEWER.try_with(|v| *v).unwrap_or_default()
    }

    /// This viewer with a person's saved choices applied (unknown values are ignored).
    pub fn with_saved(mut self, timezone: Option<&str>, locale: Option<&str>) -> Self {
        if let Some(zone) = timezone.and_then(|z| z.parse::<Tz>().ok()) {
            self.zone = zone;
            self.saved_zone = true;
        }
        if let Some(lang) = locale.and_then(Lang::parse) {
            self.lang = lang;
        }
        self
    }

    /// The message `key` without arguments.
    pub fn t(&self, key: &str) -> String {
        self.format(key, None)
    }

    /// The message `key` with one argument.
    pub fn t1(&self, key: &str, name: &str, value: impl Arg) -> String {
        let mut args = FluentArgs::new();
        args.set(name.to_owned(), value.value());
        self.format(key, Some(&args))
    }

    /// The message `key` with two arguments.
    pub fn t2(&self, key: &str, n1: &str, v1: impl Arg, n2: &str, v2: impl Arg) -> String {
        let mut args = FluentArgs::new();
        args.set(n1.to_owned(), v1.value());
        args.set(n2.to_owned(), v2.value());
        self.format(key, Some(&args))
    }

    /// The message `key` with three arguments.
    #[allow(clippy::too_many_arguments)]
    pub fn t3(
        &self,
        key: &str,
        n1: &str,
        v1: impl Arg,
        n2: &str,
        v2: impl Arg,
        n3: &str,
        v3: impl Arg,
    ) -> String {
        let mut args = FluentArgs::new();
        args.set(n1.to_owned(), v1.value());
        args.set(n2.to_owned(), v2.value());
        args.set(n3.to_owned(), v3.value());
        self.format(key, Some(&args))
    }

    /// What is wrong with a field, in this viewer's words (`problem-<key>` of the catalogue).
    pub fn problem(&self, p: &aula_domain::Problem) -> String {
        let mut args = FluentArgs::new();
        for (name, value) in &p.args {
            let value = match value {
                aula_domain::ProblemArg::Number(n) => n.value(),
                aula_domain::ProblemArg::Text(s) => s.value(),
            };
            args.set(*name, value);
        }
        self.format(&format!("problem-{}", p.key), Some(&args))
    }

    /// The message `key`, or `None` when the catalogue has no such message.
    pub fn try_t(&self, key: &str) -> Option<String> {
        self.lookup(key, None)
    }

    fn lookup(&self, key: &str, args: Option<&FluentArgs<'_>>) -> Option<String> {
        let bundle = CATALOGUE.get(&self.lang)?;
        let pattern = bundle.get_message(key)?.value()?;
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, args, &mut errors);
        if !errors.is_empty() {
            tracing::warn!(
                lang = self.lang.code(),
                key,
                ?errors,
                "message formatted with errors"
            );
        }
        Some(text.into_owned())
    }

    fn format(&self, key: &str, args: Option<&FluentArgs<'_>>) -> String {
        self.lookup(key, args).unwrap_or_else(|| {
            tracing::warn!(lang = self.lang.code(), key, "missing message");
            format!("{MISSING}{key}]")
        })
    }

    /// The zone's IANA name, as pages print it after times (`Europe/Madrid`).
    pub fn zone_name(&self) -> &'static str {
        self.zone.name()
    }

    /// `Thursday, 3 December 2026, 17:30 (Europe/Madrid)`.
    pub fn when(&self, t: DateTime<Utc>) -> String {
        format!("{}, {} ({})", self.date(t), self.time(t), self.zone_name())
    }

    /// `Thursday, 3 December 2026, 17:30–18:30 (Europe/Madrid)`: a span on one day.
    pub fn span(&self, start: DateTime<Utc>, end: DateTime<Utc>) -> String {
        format!(
            "{}, {}–{} ({})",
            self.date(start),
            self.time(start),
            self.time(end),
            self.zone_name()
        )
    }

    /// `Thursday, 3 December 2026` (the day in the viewer's zone).
    pub fn date(&self, t: DateTime<Utc>) -> String {
        let local = t.with_timezone(&self.zone);
        match self.lang {
            Lang::En => local.format("%A, %-d %B %Y").to_string(),
        }
    }

    /// `17:30` (24-hour clock, the viewer's zone).
    pub fn time(&self, t: DateTime<Utc>) -> String {
        t.with_timezone(&self.zone).format("%H:%M").to_string()
    }

    /// `2026-12-03T17:30`: the value of a `datetime-local` input in the viewer's zone.
    pub fn input_value(&self, t: DateTime<Utc>) -> String {
        t.with_timezone(&self.zone)
            .format("%Y-%m-%dT%H:%M")
            .to_string()
    }

    /// One allowance of a package in words: `10 private lesson credits of 60 min (teacher tier 1)`.
    pub fn allowance(
        &self,
        service: aula_domain::ServiceType,
        credits: i32,
        unit_minutes: Option<i32>,
        teacher_tier: i32,
    ) -> String {
        use aula_domain::ServiceType;
        let line = match service {
            ServiceType::Course => return self.t("allowance-course"),
            ServiceType::Private => "allowance-private",
            ServiceType::Group => "allowance-group",
        };
        let line = self.t2(
            line,
            "credits",
            credits,
            "minutes",
            unit_minutes.unwrap_or(0),
        );
        if teacher_tier > 0 {
            format!("{line} {}", self.t1("allowance-tier", "tier", teacher_tier))
        } else {
            line
        }
    }

    /// `$149.00`, `€149.00`, `149.00 CHF`: an amount in minor units (two-decimal currencies).
    pub fn money(&self, amount_minor: i64, currency: &str) -> String {
        let sign = if amount_minor < 0 { "-" } else { "" };
        let abs = amount_minor.unsigned_abs();
        let number = format!("{}.{:02}", abs / 100, abs % 100);
        let code = currency.to_ascii_uppercase();
        match (self.lang, code.as_str()) {
            (Lang::En, "USD") => format!("{sign}${number}"),
            (Lang::En, "EUR") => format!("{sign}€{number}"),
            (Lang::En, "GBP") => format!("{sign}£{number}"),
            (Lang::En, _) => format!("{sign}{number} {code}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn madrid() -> Viewer {
        Viewer {
            lang: Lang::En,
            zone: chrono_tz::Europe::Madrid,
            saved_zone: false,
        }
    }

    #[test]
    fn every_catalogue_file_parses_without_errors_or_duplicates() {
        for lang in Lang::ALL {
            let mut bundle = FluentBundle::new_concurrent(vec![]);
            for (file, source) in lang.sources() {
                let resource = FluentResource::try_new((*source).to_owned())
                    .unwrap_or_else(|(_, errs)| panic!("{lang}/{file}: {errs:?}"));
                if let Err(errs) = bundle.add_resource(resource) {
                    panic!("{lang}/{file}: {errs:?}");
                }
            }
        }
    }

    /// Every problem key that the code can produce (`Problem::new("…")` anywhere in the
    /// workspace, and the named constructors) has its words in every language.
    #[test]
    fn every_problem_the_code_names_has_words() {
        fn sources(dir: &std::path::Path, out: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    sources(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    out.push(std::fs::read_to_string(&path).unwrap());
                }
            }
        }
        let crates = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut texts = Vec::new();
        sources(&crates, &mut texts);
        let mut keys = vec!["required", "between", "chars", "at-most-chars", "after"];
        for text in &texts {
            for part in text.split("Problem::new(\"").skip(1) {
                let key = part.split('"').next().unwrap();
                if key.bytes().all(|b| b.is_ascii_lowercase() || b == b'-') {
                    keys.push(key);
                }
            }
        }
        assert!(keys.len() > 40, "{}", keys.len());
        for lang in Lang::ALL {
            let viewer = Viewer {
                lang,
                ..Viewer::default()
            };
            for key in &keys {
                assert!(
                    viewer.try_t(&format!("problem-{key}")).is_some(),
                    "{lang}: problem-{key} has no words"
                );
            }
        }
        let said = Viewer::default().problem(&aula_domain::Problem::between(1, 10_000_000));
        assert_eq!(said, "must be between 1 and 10000000");
    }

    #[test]
    fn dates_name_the_weekday_in_full_with_a_24_hour_clock_and_the_zone() {
        let t = Utc.with_ymd_and_hms(2026, 12, 3, 16, 30, 0).unwrap();
        assert_eq!(
            madrid().when(t),
            "Thursday, 3 December 2026, 17:30 (Europe/Madrid)"
        );
        let summer = Utc.with_ymd_and_hms(2026, 7, 2, 16, 30, 0).unwrap();
        assert_eq!(madrid().time(summer), "18:30");
        assert_eq!(madrid().input_value(t), "2026-12-03T17:30");
    }

    #[test]
    fn money_is_written_the_english_way() {
        let v = Viewer::default();
        assert_eq!(v.money(14900, "usd"), "$149.00");
        assert_eq!(v.money(14900, "EUR"), "€149.00");
        assert_eq!(v.money(5, "chf"), "0.05 CHF");
    }

    #[test]
    fn messages_take_arguments_and_plural_forms() {
        let v = Viewer::default();
        assert_eq!(
            v.t2("steps-completed", "done", 1, "total", 3),
            "1 of 3 steps completed"
        );
        assert!(v.t("no-such-message").starts_with(MISSING));
    }

    #[test]
    fn every_refusal_code_has_a_sentence() {
        use aula_domain::{Conflict, StoredName};
        let v = Viewer::default();
        for code in <Conflict as StoredName>::ALL {
            let key = format!("refused-{}", code.as_str());
            assert!(v.try_t(&key).is_some(), "{key} is missing");
        }
    }

    #[test]
    fn saved_choices_win_over_the_request_defaults() {
        let v = Viewer::default().with_saved(Some("America/Mexico_City"), Some("xx"));
        assert_eq!(v.zone_name(), "America/Mexico_City");
        assert_eq!(v.lang, Lang::En);
        let v = Viewer::default().with_saved(Some("Mars/Base"), None);
        assert_eq!(v.zone_name(), "UTC");
    }
}
