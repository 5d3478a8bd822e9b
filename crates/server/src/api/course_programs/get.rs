//! `GET /api/course-programs/{idOrCode}`

use std::sync::Arc;

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;

use crate::api::course_programs::dto::PublicProgramDetailDto;
use crate::cache;
use crate::error::ErrorBody;
use crate::extract::ApiPath;
use crate::i18n::Viewer;
use crate::services::courses;
use crate::{App, AppError};

/// One active course program with its steps, each step's active options and their upcoming
/// sessions with free seats, in the request's language (the default text where it has none).
#[utoipa::path(get, path = "/api/course-programs/{idOrCode}", tag = "catalogue",
    params(("idOrCode" = String, Path, description = "All digits: the program id; otherwise its code")),
    responses(
        (status = 200, description = "The program", body = PublicProgramDetailDto),
        (status = 404, description = "No such active program", body = ErrorBody),
    ))]
pub async fn get(
    State(app): State<App>,
    headers: HeaderMap,
    ApiPath(id_or_code): ApiPath<String>,
) -> Result<Response, AppError> {
    // The program, its steps, options and sessions are kept per catalogue version; only the
    // seats (booked, waiting) are read live, in the same statement as the version (one read
    // shared by the detail requests that wait for it, whatever their program), and the body is
    // serialised again only when they or the version changed.
    let key = format!("course-program:{id_or_code}");
    let now = app.clock.now();
    let upcoming = |d: &PublicProgramDetailDto| -> Vec<i64> {
        d.steps
            .iter()
            .flat_map(|s| s.options.iter())
            .flat_map(|o| o.sessions.iter())
            .filter(|s| s.start_at >= now)
            .map(|s| s.id)
            .collect()
    };
    let kept = app.public_cache.any_part::<PublicProgramDetailDto>(&key);
    let ids = kept.as_ref().map(|(_, d)| upcoming(d)).unwrap_or_default();
    let (mut version, mut seats) = cache::seats(&app, &ids).await?;
    let skeleton = match kept {
        Some((v, d)) if v == version => d,
        _ => {
            let program =
                courses::public_program(&app, Viewer::current().lang, &id_or_code).await?;
            let d = Arc::new(PublicProgramDetailDto::from(&program));
            (version, seats) = cache::seats(&app, &upcoming(&d)).await?;
            app.public_cache.keep_part(&key, version, d.clone());
            d
        }
    };
    let ids = upcoming(&skeleton);
    let of = |id: &i64| seats.get(id).copied().unwrap_or((0, 0));
    let fingerprint = cache::fingerprint(ids.iter().flat_map(|id| {
        let (booked, waiting) = of(id);
        [*id, booked, waiting]
    }));
    cache::serve(&app, &headers, &key, version, fingerprint, || async {
        let mut detail = (*skeleton).clone();
        for option in detail.steps.iter_mut().flat_map(|s| s.options.iter_mut()) {
            option.sessions.retain(|s| s.start_at >= now);
            for s in &mut option.sessions {
                (s.booked_count, s.waitlist_count) = of(&s.id);
                s.available_spots = (i64::from(s.capacity_max) - s.booked_count).max(0);
            }
        }
        Ok(detail)
    })
    .await
}
