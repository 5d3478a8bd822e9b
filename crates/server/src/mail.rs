//! Mails: each kind written in the recipient's language and zone from the pages' message
//! catalogue (a plain-text and an HTML part with the same text and link), and the worker inside
//! `aula serve` that delivers the outbox over SMTP, retrying with back-off.

use std::collections::HashMap;
use std::str::FromStr;
use std::time::Duration as StdDuration;

use askama::Template;
use aula_db::outbox::{self, MailRecord};
use aula_domain::mail::{MailKind, MailStatus};
use aula_domain::{BookingStatus, SessionStatus};
use chrono::Duration;
use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use secrecy::ExposeSecret;

use crate::config::MailSettings;
use crate::i18n::Viewer;
use crate::{App, AppError};

/// How mails leave: over SMTP, or (without a server) into the log.
pub struct Mailer {
    transport: Option<AsyncSmtpTransport<Tokio1Executor>>,
    from: Mailbox,
}

impl Mailer {
    /// The mailer of these settings (checked when the configuration was read).
    pub fn new(settings: &MailSettings) -> Self {
        let transport = settings.smtp_url.as_ref().and_then(|url| {
            AsyncSmtpTransport::<Tokio1Executor>::from_url(url.expose_secret())
                .ok()
                .map(|b| b.timeout(Some(StdDuration::from_secs(20))).build())
        });
        let from = Mailbox::from_str(&settings.from)
            .unwrap_or_else(|_| Mailbox::from_str("no-reply@aula.test").expect("a valid address"));
        Self { transport, from }
    }

    /// True when mails go to an SMTP server.
    pub fn sends(&self) -> bool {
        self.transport.is_some()
    }
}

/// A mail as it goes out.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

#[derive(Template)]
#[template(path = "mail.html")]
struct MailHtml<'a> {
    lang: &'a str,
    subject: &'a str,
    school: &'a str,
    greeting: &'a str,
    paragraphs: &'a [String],
    link: &'a str,
    link_text: &'a str,
    signature: &'a str,
}

/// What one mail says, before it is laid out as text and HTML.
struct Words {
    subject: String,
    paragraphs: Vec<String>,
    link: String,
    link_text: String,
}

/// The viewer a mail is written for: the recipient's language (else the default) and zone (else
/// the school's), never those of the request that caused it.
fn reader_of(app: &App, mail: &MailRecord) -> Viewer {
    Viewer {
        lang: app.config.default_locale,
        zone: app.config.school_timezone,
        saved_zone: false,
        lang_chosen: false,
    }
    .with_saved(mail.timezone.as_deref(), mail.locale.as_deref())
}

/// What the mails of one batch name, read for all of them at once.
#[derive(Default)]
pub struct Facts {
    bookings: HashMap<i64, outbox::BookingFacts>,
    purchases: HashMap<i64, outbox::PurchaseFacts>,
}

impl Facts {
    /// The bookings and purchases these mails name: two statements at most, however many mails.
    pub async fn of(app: &App, mails: &[MailRecord]) -> Result<Self, AppError> {
        let ids = |key: &str| -> Vec<i64> { mails.iter().filter_map(|m| id(m, key)).collect() };
        Ok(Self {
            bookings: outbox::booking_facts(&app.db, &ids("bookingId")).await?,
            purchases: outbox::purchase_facts(&app.db, &ids("studentPackageId")).await?,
        })
    }
}

/// The mail's subject and parts; `None` when it is no longer to be sent (a reminder of a booking
/// that was cancelled or moved, or of a session that no longer takes place, or a mail whose
/// booking or purchase is gone).
pub fn render(app: &App, facts: &Facts, mail: &MailRecord) -> Result<Option<Rendered>, AppError> {
    let v = reader_of(app, mail);
    let Some(words) = words(app, facts, &v, mail) else {
        return Ok(None);
    };
    let school = v.t("school-name");
    let name = format!("{} {}", mail.first_name, mail.last_name);
    let greeting = v.t1("mail-greeting", "name", name.trim());
    let signature = v.t1("mail-signature", "school", school.as_str());
    let mut text = format!("{greeting}\n\n");
    for p in &words.paragraphs {
        text.push_str(p);
        text.push_str("\n\n");
    }
    text.push_str(&format!(
        "{}: {}\n\n{signature}\n",
        words.link_text, words.link
    ));
    // A subject is one line whatever a title holds.
    let subject: String = words
        .subject
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let html = MailHtml {
        lang: v.lang.code(),
        subject: &subject,
        school: &school,
        greeting: &greeting,
        paragraphs: &words.paragraphs,
        link: &words.link,
        link_text: &words.link_text,
        signature: &signature,
    }
    .render()
    .map_err(|e| AppError::Internal(e.into()))?;
    Ok(Some(Rendered {
        subject,
        text,
        html,
    }))
}

fn id(mail: &MailRecord, key: &str) -> Option<i64> {
    mail.payload.get(key).and_then(serde_json::Value::as_i64)
}

fn words(app: &App, facts: &Facts, v: &Viewer, mail: &MailRecord) -> Option<Words> {
    let base = &app.config.public_url;
    let link = |path: &str, key: &str| (format!("{base}{path}"), v.t(key));
    let school = v.t("school-name");
    let said = match mail.kind {
        MailKind::Welcome => {
            let (link, link_text) = link("/courses", "mail-welcome-link");
            Words {
                subject: v.t1("mail-welcome-subject", "school", school.as_str()),
                paragraphs: vec![v.t("mail-welcome-body")],
                link,
                link_text,
            }
        }
        MailKind::PasswordReset => {
            let token = mail.payload.get("token").and_then(|t| t.as_str())?;
            let (link, link_text) = link(&format!("/password-reset/{token}"), "mail-reset-link");
            Words {
                subject: v.t("mail-reset-subject"),
                paragraphs: vec![v.t("mail-reset-body"), v.t("mail-reset-ignore")],
                link,
                link_text,
            }
        }
        MailKind::Receipt => {
            let facts = facts.purchases.get(&id(mail, "studentPackageId")?)?;
            let (link, link_text) = if facts.courses > 0 {
                link("/me/courses", "mail-receipt-courses-link")
            } else {
                link("/me/credits", "mail-receipt-credits-link")
            };
            Words {
                subject: v.t1(
                    "mail-receipt-subject",
                    "package",
                    facts.package_name.as_str(),
                ),
                paragraphs: vec![v.t3(
                    "mail-receipt-body",
                    "package",
                    facts.package_name.as_str(),
                    "amount",
                    v.money(facts.amount_minor, &facts.currency),
                    "date",
                    v.when(facts.purchased_at),
                )],
                link,
                link_text,
            }
        }
        MailKind::BookingConfirmed
        | MailKind::WaitlistPromoted
        | MailKind::Reminder
        | MailKind::BookingCancelled
        | MailKind::SessionCancelled => {
            let facts = facts.bookings.get(&id(mail, "bookingId")?)?;
            if mail.kind == MailKind::Reminder
                && (facts.booking_status != BookingStatus::Confirmed.as_str()
                    || facts.session_status != SessionStatus::Scheduled.as_str()
                    || facts.start_at <= app.clock.now())
            {
                return None;
            }
            let what = match &facts.title {
                Some(t) => t.clone(),
                None => v.t1(
                    "private-lesson-with",
                    "name",
                    format!("{} {}", facts.teacher_first_name, facts.teacher_last_name),
                ),
            };
            let when = v.when(facts.start_at);
            let credits = id(mail, "credits").unwrap_or(0);
            let (key, extra) = match mail.kind {
                MailKind::BookingConfirmed => ("booked", None),
                MailKind::WaitlistPromoted => ("promoted", None),
                MailKind::Reminder => ("reminder", None),
                MailKind::BookingCancelled => ("cancelled", Some(credits)),
                _ => ("session-cancelled", Some(credits)),
            };
            let mut paragraphs = vec![v.t2(
                &format!("mail-{key}-body"),
                "what",
                what.as_str(),
                "when",
                when,
            )];
            if let Some(credits) = extra {
                paragraphs.push(v.t1("mail-credits-back", "credits", credits));
            }
            let (link, link_text) = link("/me/bookings", "mail-bookings-link");
            Words {
                subject: v.t1(&format!("mail-{key}-subject"), "what", what.as_str()),
                paragraphs,
                link,
                link_text,
            }
        }
    };
    Some(said)
}

/// How long a worker holds a mail it claimed before another may try it (a try cut off by a crash
/// is repeated once the lease ends).
const LEASE_SECONDS: i64 = 120;
/// Mails claimed at once.
const BATCH: u64 = 100;

/// Delivers the mails that are due, once; returns how many were tried. Each mail is handed to the
/// SMTP server at most once per claim; a failure is retried after the back-off, a permanent one
/// (5xx) or the tenth is marked failed; a failing mail never holds up the others.
pub async fn deliver_due(app: &App) -> Result<usize, AppError> {
    let now = app.clock.now();
    let due = outbox::claim(&app.db, now, Duration::seconds(LEASE_SECONDS), BATCH).await?;
    let facts = match Facts::of(app, &due).await {
        Ok(f) => f,
        // What the mails name cannot be read now: each is tried again later like any failed try.
        Err(e) => {
            let error = format!("cannot write the mail: {e}");
            for mail in &due {
                outbox::failed_try(&app.db, mail.id, mail.attempts, &error, false, now).await?;
            }
            tracing::warn!(mails = due.len(), %error, "mails not written");
            return Ok(due.len());
        }
    };
    // Mails that end without the network (logged, no longer needed) are recorded together.
    let mut ended = Vec::new();
    for mail in &due {
        if let Some(end) = deliver(app, &facts, mail).await? {
            ended.push(end);
        }
    }
    outbox::finish_many(&app.db, &ended).await?;
    Ok(due.len())
}

/// Sends one mail; answers how it ended when that needs no SMTP server (logged or skipped), for
/// the caller to record with the others.
async fn deliver(
    app: &App,
    facts: &Facts,
    mail: &MailRecord,
) -> Result<Option<(i64, MailStatus, Option<String>)>, AppError> {
    let rendered = match render(app, facts, mail) {
        Ok(Some(r)) => r,
        Ok(None) => return Ok(Some((mail.id, MailStatus::Skipped, None))),
        // A mail that cannot be written now is tried again later like any failed try.
        Err(e) => {
            let error = format!("cannot write the mail: {e}");
            let now = app.clock.now();
            outbox::failed_try(&app.db, mail.id, mail.attempts, &error, false, now).await?;
            tracing::warn!(mail = mail.id, %error, "mail not written");
            return Ok(None);
        }
    };
    let secret = mail.kind == MailKind::PasswordReset;
    let Some(transport) = &app.mailer.transport else {
        tracing::info!(
            mail = mail.id,
            kind = mail.kind.as_str(),
            to = %mail.email,
            subject = %rendered.subject,
            "mail logged (no AULA_SMTP_URL)"
        );
        tracing::debug!(mail = mail.id, text = ?rendered.text, "the logged mail's text");
        return Ok(Some((mail.id, MailStatus::Logged, Some(rendered.subject))));
    };
    let to = format!("{} {}", mail.first_name, mail.last_name);
    let message = Mailbox::from_str(&mail.email)
        .map(|m| Mailbox::new(Some(to.trim().to_owned()), m.email))
        .map_err(|e| e.to_string())
        .and_then(|to| {
            Message::builder()
                .from(app.mailer.from.clone())
                .to(to)
                .subject(rendered.subject.clone())
                .multipart(MultiPart::alternative_plain_html(
                    rendered.text.clone(),
                    rendered.html.clone(),
                ))
                .map_err(|e| e.to_string())
        });
    let outcome = match message {
        // An address or a message that cannot be written will never go out.
        Err(e) => Err((e, true)),
        Ok(m) => transport
            .send(m)
            .await
            .map(|_| ())
            .map_err(|e| (e.to_string(), e.is_permanent())),
    };
    let now = app.clock.now();
    match outcome {
        Ok(()) => {
            outbox::sent(&app.db, mail.id, &rendered.subject, secret, now).await?;
            tracing::info!(mail = mail.id, kind = mail.kind.as_str(), "mail sent");
        }
        Err((error, permanent)) => {
            let status =
                outbox::failed_try(&app.db, mail.id, mail.attempts, &error, permanent, now).await?;
            tracing::warn!(mail = mail.id, kind = mail.kind.as_str(), tries = mail.attempts, status = status.as_str(), %error, "mail not sent");
        }
    }
    Ok(None)
}

/// The worker: delivers what is due every second (at once again after a full batch), until the
/// task is dropped.
pub async fn run(app: App) {
    loop {
        let pause = match deliver_due(&app).await {
            Ok(n) if n as u64 >= BATCH => StdDuration::ZERO,
            Ok(_) => StdDuration::from_secs(1),
            Err(e) => {
                tracing::warn!(error = %e, "mail delivery failed; trying again shortly");
                StdDuration::from_secs(5)
            }
        };
        tokio::time::sleep(pause).await;
    }
}
