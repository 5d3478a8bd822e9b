//! Typed configuration from flags and environment, checked once at start.

use std::fmt;
use std::net::{IpAddr, SocketAddr};

use secrecy::{ExposeSecret, SecretString};

/// A setting that failed its check: names the setting, never prints a secret.
#[derive(Debug, thiserror::Error)]
#[error("{setting}: {problem}")]
pub struct ConfigError {
    pub setting: &'static str,
    pub problem: String,
}

fn bad(setting: &'static str, problem: impl Into<String>) -> ConfigError {
    ConfigError {
        setting,
        problem: problem.into(),
    }
}

/// Where the database lives; the URL may hold a password, so it is a secret.
#[derive(Clone)]
pub struct DatabaseUrl(SecretString);

impl DatabaseUrl {
    /// Checks the scheme (`sqlite:` or `postgres://`).
    pub fn parse(raw: &str) -> Result<Self, ConfigError> {
        if aula_db::Backend::of_url(raw).is_none() {
            return Err(bad(
                "AULA_DATABASE_URL",
                "must start with sqlite:// or postgres://",
            ));
        }
        Ok(Self(SecretString::from(raw.to_owned())))
    }

    /// The URL itself, to connect with.
    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }

    /// The URL with any password masked, for logs.
    pub fn redacted(&self) -> String {
        aula_db::redact(self.expose())
    }
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DatabaseUrl({})", self.redacted())
    }
}

/// The server's settings.
#[derive(Clone, Debug)]
pub struct Config {
    /// Address the HTTP server binds.
    pub listen: SocketAddr,
    /// Base URL under which users reach Aula, without a trailing slash.
    pub public_url: String,
    /// How long a login session lasts.
    pub session_ttl: chrono::Duration,
    /// Failed logins per e-mail and client address allowed within a minute.
    pub login_failures_per_minute: usize,
    /// Proxies whose `X-Forwarded-For` is believed (`AULA_TRUSTED_PROXIES`; none by default).
    pub trusted_proxies: Vec<IpRange>,
    /// Stripe, when a secret key is configured; otherwise the dev checkout runs.
    pub stripe: Option<StripeSettings>,
    /// Secret that signs webhook events (Stripe's, or a random one for the dev checkout).
    pub webhook_secret: SecretString,
    /// The school's zone: times are shown in it to people who chose none (`AULA_SCHOOL_TIMEZONE`).
    pub school_timezone: chrono_tz::Tz,
    /// Where mails go (`AULA_SMTP_URL`; none: mails are logged) and whom they are from.
    pub mail: MailSettings,
    /// The language of pages, mails and API messages for people who chose none and whose browser
    /// asks for none the school speaks (`AULA_DEFAULT_LOCALE`).
    pub default_locale: crate::i18n::Lang,
}

/// How mails leave: the SMTP server, if any, and the `From` of every mail.
#[derive(Clone, Debug)]
pub struct MailSettings {
    /// `smtp://host:port`, `smtp://user:pass@host:port?tls=required` or `smtps://user:pass@host`.
    pub smtp_url: Option<SecretString>,
    /// `addr` or `Name <addr>` (`AULA_MAIL_FROM`).
    pub from: String,
}

impl Default for MailSettings {
    fn default() -> Self {
        Self {
            smtp_url: None,
            from: "Aula <no-reply@aula.test>".to_owned(),
        }
    }
}

/// How to reach Stripe.
#[derive(Clone, Debug)]
pub struct StripeSettings {
    /// API base URL, e.g. `https://api.stripe.com` (or a Stripe-compatible fake in tests).
    pub api_base: String,
    pub secret_key: SecretString,
}

impl Config {
    /// Checks raw values; `public_url` defaults to `http://{listen}`.
    pub fn parse(
        listen: &str,
        public_url: Option<&str>,
        session_ttl_days: &str,
    ) -> Result<Self, ConfigError> {
        let listen: SocketAddr = listen.trim().parse().map_err(|_| {
            bad(
                "AULA_LISTEN",
                format!("{listen:?} is not an address like 127.0.0.1:8080"),
            )
        })?;
        let public_url = match public_url.map(str::trim).filter(|s| !s.is_empty()) {
            Some(url) => parse_public_url(url)?,
            None => format!("http://{listen}"),
        };
        let days: i64 = session_ttl_days
            .trim()
            .parse()
            .ok()
            .filter(|d| (1..=365).contains(d))
            .ok_or_else(|| {
                bad(
                    "AULA_SESSION_TTL_DAYS",
                    "must be a whole number of days from 1 to 365",
                )
            })?;
        Ok(Self {
            listen,
            public_url,
            session_ttl: chrono::Duration::days(days),
            login_failures_per_minute: 10,
            trusted_proxies: Vec::new(),
            school_timezone: chrono_tz::UTC,
            mail: MailSettings::default(),
            default_locale: crate::i18n::Lang::default(),
            stripe: None,
            webhook_secret: SecretString::from(format!(
                "whsec_dev_{}",
                crate::services::auth::new_token()
            )),
        })
    }

    /// Configures Stripe: with a secret key the webhook secret is required; without one the dev
    /// checkout runs with the given webhook secret or a random one.
    pub fn with_payments(
        mut self,
        secret_key: Option<&str>,
        api_base: &str,
        webhook_secret: Option<&str>,
    ) -> Result<Self, ConfigError> {
        let key = secret_key.map(str::trim).filter(|k| !k.is_empty());
        let hook = webhook_secret.map(str::trim).filter(|k| !k.is_empty());
        if let Some(h) = hook {
            self.webhook_secret = SecretString::from(h.to_owned());
        }
        let Some(key) = key else { return Ok(self) };
        if !key.starts_with("sk_") && !key.starts_with("rk_") {
            return Err(bad(
                "AULA_STRIPE_SECRET_KEY",
                "must be a Stripe secret key (sk_… or rk_…)",
            ));
        }
        if hook.is_none() {
            return Err(bad(
                "AULA_STRIPE_WEBHOOK_SECRET",
                "is required when AULA_STRIPE_SECRET_KEY is set",
            ));
        }
        let base = api_base.trim().trim_end_matches('/');
        aula_payments::check_base_url(base).map_err(|e| bad("AULA_STRIPE_API_BASE", e))?;
        // The client is built again by the app; building it here stops `serve` before it listens.
        aula_payments::StripeGateway::new(base, SecretString::from(key.to_owned())).map_err(
            |e| {
                bad(
                    "AULA_STRIPE_API_BASE",
                    format!("cannot build the Stripe client: {e}"),
                )
            },
        )?;
        self.stripe = Some(StripeSettings {
            api_base: base.to_owned(),
            secret_key: SecretString::from(key.to_owned()),
        });
        Ok(self)
    }

    /// Without a Stripe key the dev checkout takes payments: refused on an `https://` public URL
    /// (a real site) unless `AULA_DEV_CHECKOUT` is exactly `true`.
    pub fn check_dev_checkout(self, dev_checkout: Option<&str>) -> Result<Self, ConfigError> {
        if self.stripe.is_none() && self.https() && dev_checkout != Some("true") {
            return Err(bad(
                "AULA_DEV_CHECKOUT",
                "the dev checkout takes no money; set AULA_STRIPE_SECRET_KEY for an https:// AULA_PUBLIC_URL, or AULA_DEV_CHECKOUT=true if the dev checkout is meant",
            ));
        }
        Ok(self)
    }

    /// Sets the SMTP server (`AULA_SMTP_URL`) and the `From` of mails (`AULA_MAIL_FROM`), checking
    /// both now rather than at the first mail.
    pub fn with_mail(
        mut self,
        smtp_url: Option<&str>,
        from: Option<&str>,
    ) -> Result<Self, ConfigError> {
        if let Some(from) = from.map(str::trim).filter(|f| !f.is_empty()) {
            if from.parse::<lettre::message::Mailbox>().is_err() {
                return Err(bad(
                    "AULA_MAIL_FROM",
                    format!(
                        "{from:?} is not an address like school@example.com or Name <school@example.com>"
                    ),
                ));
            }
            self.mail.from = from.to_owned();
        }
        if let Some(url) = smtp_url.map(str::trim).filter(|u| !u.is_empty()) {
            use lettre::{AsyncSmtpTransport, Tokio1Executor};
            if AsyncSmtpTransport::<Tokio1Executor>::from_url(url).is_err() {
                return Err(bad(
                    "AULA_SMTP_URL",
                    "must be smtp://host:port, smtp://user:pass@host:port?tls=required or smtps://user:pass@host[:port]",
                ));
            }
            self.mail.smtp_url = Some(SecretString::from(url.to_owned()));
        }
        Ok(self)
    }

    /// Sets the default language (`AULA_DEFAULT_LOCALE`: `en` or `es`; `en` when unset).
    pub fn with_default_locale(mut self, raw: Option<&str>) -> Result<Self, ConfigError> {
        if let Some(raw) = raw.map(str::trim).filter(|r| !r.is_empty()) {
            self.default_locale = crate::i18n::Lang::parse(raw)
                .ok_or_else(|| bad("AULA_DEFAULT_LOCALE", "must be en or es"))?;
        }
        Ok(self)
    }

    /// Sets the school's zone (`AULA_SCHOOL_TIMEZONE`; UTC when unset).
    pub fn with_school_timezone(mut self, raw: Option<&str>) -> Result<Self, ConfigError> {
        if let Some(raw) = raw.map(str::trim).filter(|s| !s.is_empty()) {
            self.school_timezone =
                aula_domain::schedule::parse_timezone("timezone", raw).map_err(|_| {
                    bad(
                        "AULA_SCHOOL_TIMEZONE",
                        format!("{raw:?} is not an IANA time zone such as Europe/Madrid"),
                    )
                })?;
        }
        Ok(self)
    }

    /// Sets the proxies whose `X-Forwarded-For` is believed: comma-separated addresses or CIDR
    /// ranges such as `10.0.0.0/8, ::1`.
    pub fn with_trusted_proxies(mut self, raw: Option<&str>) -> Result<Self, ConfigError> {
        self.trusted_proxies = raw
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| {
                IpRange::parse(p).ok_or_else(|| {
                    bad(
                        "AULA_TRUSTED_PROXIES",
                        format!("{p:?} is not an address or a CIDR range like 10.0.0.0/8"),
                    )
                })
            })
            .collect::<Result<_, _>>()?;
        Ok(self)
    }

    /// The client of a request: the TCP peer, or, when the peer is a trusted proxy, the right-most
    /// `X-Forwarded-For` entry that is not itself a trusted proxy.
    pub fn client_ip(&self, peer: IpAddr, forwarded_for: &[&str]) -> IpAddr {
        let trusted = |ip: IpAddr| self.trusted_proxies.iter().any(|r| r.contains(ip));
        if !trusted(peer) {
            return peer;
        }
        let mut client = peer;
        for entry in forwarded_for
            .iter()
            .rev()
            .flat_map(|h| h.rsplit(','))
            .map(str::trim)
        {
            let Ok(ip) = entry.parse::<IpAddr>() else {
                break;
            };
            client = ip;
            if !trusted(ip) {
                break;
            }
        }
        client
    }

    /// True when cookies must be marked `Secure`.
    pub fn https(&self) -> bool {
        self.public_url.starts_with("https://")
    }
}

/// An address or a CIDR range of addresses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IpRange {
    base: IpAddr,
    prefix: u8,
}

impl IpRange {
    /// `10.0.0.1`, `10.0.0.0/8`, `::1` or `fd00::/8`.
    pub fn parse(raw: &str) -> Option<Self> {
        let (addr, prefix) = match raw.split_once('/') {
            Some((a, p)) => (a, Some(p.parse::<u8>().ok()?)),
            None => (raw, None),
        };
        let base: IpAddr = addr.parse().ok()?;
        let max = if base.is_ipv4() { 32 } else { 128 };
        let prefix = prefix.unwrap_or(max);
        (prefix <= max).then_some(Self { base, prefix })
    }

    /// True when `ip` lies in the range.
    pub fn contains(&self, ip: IpAddr) -> bool {
        fn bits(ip: IpAddr) -> (u128, u8) {
            match ip {
                IpAddr::V4(v4) => (u128::from(u32::from(v4)), 32),
                IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                    Some(v4) => (u128::from(u32::from(v4)), 32),
                    None => (u128::from(v6), 128),
                },
            }
        }
        let (base, width) = bits(self.base);
        let (ip, ip_width) = bits(ip);
        if width != ip_width {
            return false;
        }
        let shift = u32::from(width - self.prefix.min(width));
        shift >= 128 || (base >> shift) == (ip >> shift)
    }
}

fn parse_public_url(url: &str) -> Result<String, ConfigError> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| bad("AULA_PUBLIC_URL", "must start with http:// or https://"))?;
    let host = rest.split('/').next().unwrap_or_default();
    if host.is_empty() || rest.contains(['?', '#', ' ']) {
        return Err(bad(
            "AULA_PUBLIC_URL",
            "must be a URL like https://school.example.com",
        ));
    }
    Ok(url.trim_end_matches('/').to_owned())
}

/// Checks a log filter such as `info` or `aula_server=debug,info`.
pub fn parse_log_filter(raw: &str) -> Result<tracing_subscriber::EnvFilter, ConfigError> {
    tracing_subscriber::EnvFilter::try_new(raw).map_err(|_| {
        bad(
            "AULA_LOG",
            format!("{raw:?} is not a log filter such as info or debug"),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trusted_proxies_decide_the_client_address() {
        let c = Config::parse("127.0.0.1:8080", None, "30")
            .unwrap()
            .with_trusted_proxies(Some("10.0.0.0/8, ::1"))
            .unwrap();
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        // An untrusted peer: its own address, whatever it claims.
        assert_eq!(
            c.client_ip(ip("203.0.113.9"), &["1.2.3.4"]),
            ip("203.0.113.9")
        );
        // A trusted proxy: the right-most entry that is not a proxy.
        assert_eq!(
            c.client_ip(ip("10.1.1.1"), &["6.6.6.6, 198.51.100.7", "10.2.2.2"]),
            ip("198.51.100.7")
        );
        assert_eq!(c.client_ip(ip("::1"), &[]), ip("::1"));
        assert_eq!(c.client_ip(ip("10.1.1.1"), &["garbage"]), ip("10.1.1.1"));
        assert!(IpRange::parse("10.0.0.0/33").is_none());
        assert!(IpRange::parse("nope").is_none());
        assert!(IpRange::parse("0.0.0.0/0").unwrap().contains(ip("8.8.8.8")));
        let err = Config::parse("127.0.0.1:8080", None, "30")
            .unwrap()
            .with_trusted_proxies(Some("10.0.0.0/8,bad"))
            .unwrap_err();
        assert_eq!(err.setting, "AULA_TRUSTED_PROXIES");
    }

    #[test]
    fn defaults_public_url_from_listen() {
        let c = Config::parse("127.0.0.1:8080", None, "30").unwrap();
        assert_eq!(c.public_url, "http://127.0.0.1:8080");
        assert!(!c.https());
    }

    #[test]
    fn rejects_bad_values_naming_the_setting() {
        assert_eq!(
            Config::parse("nope", None, "30").unwrap_err().setting,
            "AULA_LISTEN"
        );
        assert_eq!(
            Config::parse("127.0.0.1:1", Some("ftp://x"), "30")
                .unwrap_err()
                .setting,
            "AULA_PUBLIC_URL"
        );
        assert_eq!(
            Config::parse("127.0.0.1:1", None, "0").unwrap_err().setting,
            "AULA_SESSION_TTL_DAYS"
        );
        assert_eq!(
            DatabaseUrl::parse("mysql://x").unwrap_err().setting,
            "AULA_DATABASE_URL"
        );
        assert!(parse_log_filter("info,,=").is_err() || parse_log_filter("[").is_err());
    }

    #[test]
    fn https_public_url_trims_slash() {
        let c = Config::parse("0.0.0.0:80", Some("https://school.example.com/"), "7").unwrap();
        assert_eq!(c.public_url, "https://school.example.com");
        assert!(c.https());
    }

    #[test]
    fn stripe_needs_a_webhook_secret_and_secrets_stay_hidden() {
        let c = Config::parse("127.0.0.1:1", None, "30").unwrap();
        assert!(
            c.clone()
                .with_payments(None, "https://api.stripe.com", None)
                .unwrap()
                .stripe
                .is_none()
        );
        let err = c
            .clone()
            .with_payments(Some("sk_test_1"), "https://api.stripe.com", None)
            .unwrap_err();
        assert_eq!(err.setting, "AULA_STRIPE_WEBHOOK_SECRET");
        assert_eq!(
            c.clone()
                .with_payments(Some("pk_live_1"), "https://x", Some("whsec_1"))
                .unwrap_err()
                .setting,
            "AULA_STRIPE_SECRET_KEY"
        );
        let ok = c
            .with_payments(
                Some("sk_test_hush"),
                "https://api.stripe.com/",
                Some("whsec_hush"),
            )
            .unwrap();
        assert_eq!(
            ok.stripe.as_ref().unwrap().api_base,
            "https://api.stripe.com"
        );
        let shown = format!("{ok:?}");
        assert!(!shown.contains("hush"), "{shown}");
    }

    #[test]
    fn database_url_debug_hides_password() {
        let u = DatabaseUrl::parse("postgres://aula:hunter2@db/aula").unwrap();
        assert!(!format!("{u:?}").contains("hunter2"));
    }
}
