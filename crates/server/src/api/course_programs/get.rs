//! `GET /api/course-programs/{idOrCode}`

use std::sync::Arc;

use aula_db::sessions;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;

use crate::api::course_programs::dto::PublicProgramDetailDto;
use crate::cache;
use crate::error::ErrorBody;
use crate::extract::ApiPath;
use crate::services::courses;
use crate::{App, AppError};

/// One active course program with its steps, each step's active options and their upcoming
/// sessions with free seats.
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
    // seats (booked, waiting) are read live, and the body is serialised again only when they
    // or the version changed.
    let version = cache::version(&app).await?;
    let key = format!("course-program:{id_or_code}");
    let skeleton = match app
        .public_cache
        .part::<PublicProgramDetailDto>(&key, version)
    {
        Some(s) => s,
        None => {
            let program = courses::public_program(&app, &id_or_code).await?;
            let s = Arc::new(PublicProgramDetailDto::from(&program));
            app.public_cache.keep_part(&key, version, s.clone());
            s
        }
    };
    let now = app.clock.now();
    let ids: Vec<i64> = skeleton
        .steps
        .iter()
        .flat_map(|s| s.options.iter())
        .flat_map(|o| o.sessions.iter())
        .filter(|s| s.start_at >= now)
        .map(|s| s.id)
        .collect();
    let (booked, waiting) = sessions::counts(&app.db, &ids).await?;
    let seats = cache::fingerprint(ids.iter().flat_map(|id| {
        [
            *id,
            booked.get(id).copied().unwrap_or(0),
            waiting.get(id).copied().unwrap_or(0),
        ]
    }));
    cache::serve(&app, &headers, &key, version, seats, || async {
        let mut detail = (*skeleton).clone();
        for option in detail.steps.iter_mut().flat_map(|s| s.options.iter_mut()) {
            option.sessions.retain(|s| s.start_at >= now);
            for s in &mut option.sessions {
                s.booked_count = booked.get(&s.id).copied().unwrap_or(0);
                s.waitlist_count = waiting.get(&s.id).copied().unwrap_or(0);
                s.available_spots = (i64::from(s.capacity_max) - s.booked_count).max(0);
            }
        }
        Ok(detail)
    })
    .await
}
