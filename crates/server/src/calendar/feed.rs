//! A user's calendar feed: its secret URL (made on first ask, replaced on rotation) and
//! `GET /calendar/{token}.ics`, the user's bookings and taught sessions from 30 days ago on.

use aula_db::calendar::{self, CalendarEntry};
use aula_domain::{BookingStatus, SessionStatus};
use axum::extract::State;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use chrono::Duration;
use chrono_tz::Tz;

use super::Event;
use crate::extract::ApiPath;
use crate::i18n::Viewer;
use crate::services::auth::new_token;
use crate::{App, AppError};

/// How far back a feed reaches.
const PAST_DAYS: i64 = 30;

/// The absolute URL of the feed with this token.
pub fn url_of(app: &App, token: &str) -> String {
    format!("{}/calendar/{token}.ics", app.config.public_url)
}

/// The URL of the user's feed, the same on every call until rotated.
#[tracing::instrument(skip_all, fields(user_id), err(level = "info"))]
pub async fn my_url(app: &App, user_id: i64) -> Result<String, AppError> {
    let token = calendar::ensure_token(&app.db, user_id, &new_token()).await?;
    Ok(url_of(app, &token))
}

/// Gives the user's feed a new URL; the old one answers 404 from now on.
#[tracing::instrument(skip_all, fields(user_id), err(level = "info"))]
pub async fn rotate(app: &App, user_id: i64) -> Result<String, AppError> {
    let token = new_token();
    calendar::rotate_token(&app.db, user_id, &token).await?;
    Ok(url_of(app, &token))
}

/// The iCalendar document of the feed with this token (404 for any token no user holds), in the
/// owner's language.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn document(app: &App, token: &str) -> Result<String, AppError> {
    let user = calendar::owner(&app.db, token)
        .await?
        .ok_or(AppError::NotFound)?;
    let now = app.clock.now();
    let from = now - Duration::days(PAST_DAYS);
    let entries = calendar::entries(&app.db, user.student_id, user.teacher_id, from).await?;
    let viewer = Viewer {
        lang: app.config.default_locale,
        ..Viewer::default()
    }
    .with_saved(user.timezone.as_deref(), user.locale.as_deref());
    let events: Vec<Event> = entries
        .iter()
        .map(|e| event(&viewer, app.config.school_timezone, e))
        .collect();
    Ok(super::render(&viewer.t("calendar-feed-name"), now, &events))
}

/// The VEVENT of a booking (`booking-{id}`) or of a session the user teaches (`session-{id}`), in
/// the zone the session was scheduled in, else the school's.
fn event(viewer: &Viewer, school: Tz, e: &CalendarEntry) -> Event {
    let zone = e
        .source_timezone
        .as_deref()
        .and_then(|z| z.parse::<Tz>().ok())
        .unwrap_or(school);
    let session_cancelled = e.session_status == SessionStatus::Cancelled;
    let (uid, cancelled, private) = match e.booking {
        Some((id, status)) => (
            format!("booking-{id}@aula"),
            session_cancelled || status == BookingStatus::Cancelled,
            viewer.t1("private-lesson-with", "name", e.teacher_name.as_str()),
        ),
        None => (
            format!("session-{}@aula", e.session_id),
            session_cancelled,
            viewer.t("teacher-private-lesson"),
        ),
    };
    Event {
        uid,
        summary: e.title.clone().unwrap_or(private),
        start: e.start_at,
        end: e.end_at,
        zone,
        cancelled,
    }
}

/// True for what a token can look like (URL-safe, at most the stored length): anything else is
/// answered without asking the database.
fn plausible(token: &str) -> bool {
    (1..=64).contains(&token.len())
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// `GET /calendar/{token}.ics`: the feed, public (the token is the secret); 404 for an unknown
/// token. The router cannot match a suffix after a parameter, so the `.ics` is checked here.
pub async fn download(
    State(app): State<App>,
    ApiPath(file): ApiPath<String>,
) -> Result<Response, AppError> {
    let token = file
        .strip_suffix(".ics")
        .filter(|t| plausible(t))
        .ok_or(AppError::NotFound)?;
    let body = document(&app, token).await?;
    let headers = [
        (CONTENT_TYPE, "text/calendar; charset=utf-8"),
        // The URL is a secret: no shared cache keeps the answer.
        (CACHE_CONTROL, "private, no-cache"),
    ];
    Ok((headers, body).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(booking: Option<(i64, BookingStatus)>, title: Option<&str>) -> CalendarEntry {
        CalendarEntry {
            booking,
            session_id: 45,
            session_status: SessionStatus::Scheduled,
            start_at: "2026-03-02T08:00:00Z".parse().unwrap(),
            end_at: "2026-03-02T09:00:00Z".parse().unwrap(),
            source_timezone: None,
            title: title.map(str::to_owned),
            teacher_name: "Teo Teacher".into(),
        }
    }

    #[test]
    fn uids_summaries_zones_and_statuses() {
        let v = Viewer::default();
        let madrid: Tz = "Europe/Madrid".parse().unwrap();
        let private = event(
            &v,
            madrid,
            &entry(Some((123, BookingStatus::Completed)), None),
        );
        assert_eq!(private.uid, "booking-123@aula");
        assert_eq!(private.summary, "Private lesson with Teo Teacher");
        assert_eq!(private.zone, madrid, "no zone of its own: the school's");
        assert!(!private.cancelled);

        let mut class = entry(None, Some("Conversation"));
        class.source_timezone = Some("America/Bogota".into());
        class.session_status = SessionStatus::Cancelled;
        let taught = event(&v, madrid, &class);
        assert_eq!(taught.uid, "session-45@aula");
        assert_eq!(taught.summary, "Conversation");
        assert_eq!(taught.zone.name(), "America/Bogota");
        assert!(taught.cancelled);

        let gone = event(
            &v,
            madrid,
            &entry(Some((7, BookingStatus::Cancelled)), Some("X")),
        );
        assert!(gone.cancelled);
    }

    #[test]
    fn tokens_that_cannot_exist_are_refused_early() {
        assert!(plausible(&new_token()));
        assert!(plausible("abc-DEF_123"));
        assert!(!plausible(""));
        assert!(!plausible("a.b"));
        assert!(!plausible(&"a".repeat(65)));
    }
}
