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
    Es,
}

impl Lang {
    /// Every language, the default first.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Es];

    /// The code used in `<html lang>`, cookies and the API (`en`, `es`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
        }
    }

    /// The language with this code (`en`, `es`), if the school speaks it.
    pub fn parse(raw: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == raw.trim())
    }

    /// The best language of an `Accept-Language` header: the highest q-value among the languages
    /// the school speaks (`es-MX` is `es`; `q=0` refuses), the earlier on a tie.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut best: Option<(Lang, f32)> = None;
        for item in header.split(',') {
            let mut parts = item.split(';');
            let tag = parts.next().unwrap_or_default().trim();
            let q = parts
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            let primary = tag.split(['-', '_']).next().unwrap_or_default();
            let Some(lang) = Lang::parse(&primary.to_ascii_lowercase()) else {
                continue;
            };
            if q > 0.0 && best.is_none_or(|(_, b)| q > b) {
                best = Some((lang, q));
            }
        }
        best.map(|(l, _)| l)
    }

    /// The other language, for the layout's switch.
    pub fn other(self) -> Lang {
        match self {
            Lang::En => Lang::Es,
            Lang::Es => Lang::En,
        }
    }

    /// The language's name in itself ("English", "Español").
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Es => "Español",
        }
    }

    fn sources(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Lang::En => EN,
            Lang::Es => ES,
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
    ("api.ftl", include_str!("../locales/en/api.ftl")),
];

/// The Spanish catalogue, the same files with the same messages.
const ES: &[(&str, &str)] = &[
    ("common.ftl", include_str!("../locales/es/common.ftl")),
    ("account.ftl", include_str!("../locales/es/account.ftl")),
    ("shop.ftl", include_str!("../locales/es/shop.ftl")),
    ("student.ftl", include_str!("../locales/es/student.ftl")),
    ("teacher.ftl", include_str!("../locales/es/teacher.ftl")),
    ("admin.ftl", include_str!("../locales/es/admin.ftl")),
    ("problems.ftl", include_str!("../locales/es/problems.ftl")),
    ("mail.ftl", include_str!("../locales/es/mail.ftl")),
    ("api.ftl", include_str!("../locales/es/api.ftl")),
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
    /// The language was asked for (`?lang=`, the cookie, `Accept-Language` or a saved `locale`),
    /// not only the default.
    pub lang_chosen: bool,
}

impl Default for Viewer {
    fn default() -> Self {
        Self {
            lang: Lang::En,
            zone: chrono_tz::UTC,
            saved_zone: false,
            lang_chosen: false,
        }
    }
}

tokio::task_local! {
    /// The viewer of the request being answered (set by [`viewer_layer`] for every request; the
    /// login, once known, applies the person's saved choices).
    static VIEWER: std::cell::Cell<Viewer>;
    /// The request's query without `lang`, for the layout's link to the other language.
    static QUERY: String;
}

/// The layout's link to the page in `lang`: the same query with `lang` set.
pub fn switch_href(lang: Lang) -> String {
    let rest = QUERY.try_with(Clone::clone).unwrap_or_default();
    if rest.is_empty() {
        format!("?lang={}", lang.code())
    } else {
        format!("?{rest}&lang={}", lang.code())
    }
}

/// The query without its `lang` pairs, re-encoded.
fn without_lang(query: Option<&str>) -> String {
    let pairs =
        form_urlencoded::parse(query.unwrap_or_default().as_bytes()).filter(|(k, _)| k != "lang");
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

/// The language asked for with `?lang=`, if the query names one the school speaks.
pub fn asked_lang(query: Option<&str>) -> Option<Lang> {
    form_urlencoded::parse(query?.as_bytes())
        .find(|(k, _)| k == "lang")
        .and_then(|(_, v)| Lang::parse(&v))
}

/// The viewer of the current request before any login is known. Language: `?lang=` (which also
/// sets the language cookie), else the cookie, else `Accept-Language`, else `AULA_DEFAULT_LOCALE`
/// (a login's saved `locale` comes before the cookie: see [`Viewer::apply_login`]). Zone: the
/// `aula_tz` cookie a page script stored, else the school's.
pub async fn viewer_layer(
    axum::extract::State(app): axum::extract::State<crate::App>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let headers = req.headers();
    let zone = crate::extract::cookie(headers, ZONE_COOKIE)
        .and_then(|z| z.parse::<Tz>().ok())
        .unwrap_or(app.config.school_timezone);
    let asked = asked_lang(req.uri().query());
    let chosen = asked
        .or_else(|| crate::extract::cookie(headers, LANG_COOKIE).and_then(Lang::parse))
        .or_else(|| {
            headers
                .get(axum::http::header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Lang::from_accept_language)
        });
    let viewer = Viewer {
        lang: chosen.unwrap_or(app.config.default_locale),
        zone,
        saved_zone: false,
        lang_chosen: chosen.is_some(),
    };
    let rest = without_lang(req.uri().query());
    let mut response = VIEWER
        .scope(
            std::cell::Cell::new(viewer),
            QUERY.scope(rest, next.run(req)),
        )
        .await;
    if let Some(lang) = asked {
        let secure = if app.config.https() { "; Secure" } else { "" };
        let cookie = format!(
            "{LANG_COOKIE}={}; Path=/; SameSite=Lax; Max-Age=31536000{secure}",
            lang.code()
        );
        if let Ok(v) = axum::http::HeaderValue::from_str(&cookie) {
            response
                .headers_mut()
                .append(axum::http::header::SET_COOKIE, v);
        }
    }
    response
}

/// The cookie in which a page script keeps the browser's zone.
pub const ZONE_COOKIE: &str = "aula_tz";
/// The cookie that keeps a visitor's language (`en`, `es`).
pub const LANG_COOKIE: &str = "aula_lang";

impl Viewer {
    /// The viewer of the current request (the defaults outside a request).
    pub fn current() -> Self {
        VIEWER.try_with(|v| v.get()).unwrap_or_default()
    }

    /// The request's login is known: its saved zone and language apply to the rest of the
    /// request (pages, API messages), except that a `?lang=` of this request wins.
    pub fn apply_login(timezone: Option<&str>, locale: Option<&str>, asked: Option<Lang>) {
        let _ = VIEWER.try_with(|v| {
            let mut viewer = v.get().with_saved(timezone, locale);
            if let Some(lang) = asked {
                viewer.lang = lang;
            }
            v.set(viewer);
        });
    }

    /// This viewer with a person's saved choices applied (unknown values are ignored).
    pub fn with_saved(mut self, timezone: Option<&str>, locale: Option<&str>) -> Self {
        if let Some(zone) = timezone.and_then(|z| z.parse::<Tz>().ok()) {
            self.zone = zone;
            self.saved_zone = true;
        }
        if let Some(lang) = locale.and_then(Lang::parse) {
            self.lang = lang;
            self.lang_chosen = true;
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
            Lang::Es => local
                .format_localized("%A, %-d de %B de %Y", chrono::Locale::es_ES)
                .to_string(),
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
        let code = currency.to_ascii_uppercase();
        match (self.lang, code.as_str()) {
            (Lang::En, _) => {
                let number = format!("{}.{:02}", abs / 100, abs % 100);
                match code.as_str() {
                    "USD" => format!("{sign}${number}"),
                    "EUR" => format!("{sign}€{number}"),
                    "GBP" => format!("{sign}£{number}"),
                    _ => format!("{sign}{number} {code}"),
                }
            }
            // Spanish: decimal comma, the symbol after the amount.
            (Lang::Es, _) => {
                let number = format!("{}{},{:02}", sign, abs / 100, abs % 100);
                match code.as_str() {
                    "USD" => format!("{number} US$"),
                    "EUR" => format!("{number} €"),
                    "GBP" => format!("{number} £"),
                    _ => format!("{number} {code}"),
                }
            }
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
            lang_chosen: false,
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
    fn spanish_dates_and_money_read_the_spanish_way() {
        let es = Viewer {
            lang: Lang::Es,
            ..madrid()
        };
        let t = Utc.with_ymd_and_hms(2026, 12, 3, 16, 30, 0).unwrap();
        assert_eq!(
            es.when(t),
            "jueves, 3 de diciembre de 2026, 17:30 (Europe/Madrid)"
        );
        assert_eq!(es.money(14900, "usd"), "149,00 US$");
        assert_eq!(es.money(14900, "eur"), "149,00 €");
        assert_eq!(es.money(-5, "chf"), "-0,05 CHF");
        assert_eq!(
            es.t2("steps-completed", "done", 1, "total", 3),
            "1 de 3 pasos completados"
        );
    }

    #[test]
    fn accept_language_takes_the_best_q_value_the_school_speaks() {
        let best = Lang::from_accept_language;
        assert_eq!(best("es-MX,es;q=0.9,en;q=0.8"), Some(Lang::Es));
        assert_eq!(best("fr-FR, en;q=0.5, es;q=0.7"), Some(Lang::Es));
        assert_eq!(best("en-GB,en;q=0.9"), Some(Lang::En));
        assert_eq!(best("de, es;q=0"), None);
        assert_eq!(best("*"), None);
        assert_eq!(best(""), None);
        assert_eq!(asked_lang(Some("a=1&lang=es")), Some(Lang::Es));
        assert_eq!(
            without_lang(Some("next=%2Fme%2Fcourses&lang=es")),
            "next=%2Fme%2Fcourses"
        );
        assert_eq!(without_lang(None), "");
        assert_eq!(asked_lang(Some("lang=fr")), None);
    }

    /// A message in one language and not the other fails; so does a message whose values differ.
    #[test]
    fn both_languages_have_every_message_with_the_same_values() {
        use std::collections::{BTreeMap, BTreeSet};

        use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};

        fn inline(e: &InlineExpression<&str>, out: &mut BTreeSet<String>) {
            match e {
                InlineExpression::VariableReference { id } => {
                    out.insert(id.name.to_owned());
                }
                InlineExpression::Placeable { expression } => expr(expression, out),
                _ => {}
            }
        }
        fn expr(e: &Expression<&str>, out: &mut BTreeSet<String>) {
            match e {
                Expression::Inline(i) => inline(i, out),
                Expression::Select { selector, variants } => {
                    inline(selector, out);
                    for v in variants {
                        pattern(&v.value, out);
                    }
                }
            }
        }
        fn pattern(p: &Pattern<&str>, out: &mut BTreeSet<String>) {
            for element in &p.elements {
                if let PatternElement::Placeable { expression } = element {
                    expr(expression, out);
                }
            }
        }
        fn ids(source: &str) -> BTreeMap<String, BTreeSet<String>> {
            let resource = FluentResource::try_new(source.to_owned()).unwrap_or_else(|(r, _)| r);
            let mut out = BTreeMap::new();
            for entry in resource.entries() {
                if let Entry::Message(m) = entry {
                    let mut vars = BTreeSet::new();
                    if let Some(p) = &m.value {
                        pattern(p, &mut vars);
                    }
                    out.insert(m.id.name.to_owned(), vars);
                }
            }
            out
        }
        for ((file, en), (es_file, es)) in EN.iter().zip(ES.iter()) {
            assert_eq!(file, es_file);
            let (en, es) = (ids(en), ids(es));
            let only_en: Vec<_> = en.keys().filter(|k| !es.contains_key(*k)).collect();
            let only_es: Vec<_> = es.keys().filter(|k| !en.contains_key(*k)).collect();
            assert!(
                only_en.is_empty() && only_es.is_empty(),
                "{file}: only in en {only_en:?}, only in es {only_es:?}"
            );
            for (id, vars) in &en {
                assert_eq!(
                    Some(vars),
                    es.get(id),
                    "{file}: {id} names other values in es"
                );
            }
        }
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
