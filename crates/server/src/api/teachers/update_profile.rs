//! `PATCH /api/teachers/me/profile`

use aula_db::teachers::{self, ProfileChanges};
use aula_domain::Problem;
use aula_domain::schedule::parse_timezone;
use axum::Json;
use axum::extract::State;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::api::dto::TeacherDto;
use crate::error::{ErrorBody, FieldErrors};
use crate::extract::{ApiJson, TeacherUser};
use crate::{App, AppError};

/// Fields to change; omitted fields stay as they are, an empty string clears a text.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ProfileBody {
    pub bio: Option<String>,
    pub languages_spoken: Option<Vec<String>>,
    pub specialties: Option<Vec<String>>,
    /// 0-80.
    pub years_experience: Option<i32>,
    /// An http(s) URL.
    pub avatar_url: Option<String>,
    /// IANA time zone, e.g. `Europe/Madrid`.
    pub timezone: Option<String>,
}

fn list(errors: &mut FieldErrors, field: &str, v: Option<Vec<String>>) -> Option<Vec<String>> {
    let v: Vec<String> = v?
        .into_iter()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect();
    if v.len() > 20 || v.iter().any(|s| s.chars().count() > 60) {
        errors.add(
            field,
            Problem::new("entries").with("max", 20).with("chars", 60),
        );
    }
    Some(v)
}

fn changes(body: ProfileBody) -> Result<ProfileChanges, AppError> {
    let mut errors = FieldErrors::default();
    let bio = body
        .bio
        .map(|b| Some(b.trim().to_owned()).filter(|b| !b.is_empty()));
    if bio
        .as_ref()
        .and_then(|b| b.as_ref())
        .is_some_and(|b| b.chars().count() > 5000)
    {
        errors.add("bio", Problem::at_most_chars(5000));
    }
    let languages_spoken = list(&mut errors, "languagesSpoken", body.languages_spoken);
    let specialties = list(&mut errors, "specialties", body.specialties);
    if body
        .years_experience
        .is_some_and(|y| !(0..=80).contains(&y))
    {
        errors.add("yearsExperience", Problem::between(0, 80));
    }
    let avatar_url = body
        .avatar_url
        .map(|u| Some(u.trim().to_owned()).filter(|u| !u.is_empty()));
    if let Some(Some(u)) = &avatar_url
        && (!(u.starts_with("https://") || u.starts_with("http://"))
            || u.len() > 500
            || u.contains(char::is_whitespace))
    {
        errors.add("avatarUrl", Problem::new("url").with("max", 500));
    }
    let timezone = body
        .timezone
        .and_then(|z| errors.take(parse_timezone("timezone", &z)))
        .map(|tz| tz.name().to_owned());
    errors.finish()?;
    Ok(ProfileChanges {
        bio,
        languages_spoken,
        specialties,
        years_experience: body.years_experience.map(Some),
        avatar_url,
        timezone,
    })
}

/// Updates the calling teacher's profile.
#[utoipa::path(patch, path = "/api/teachers/me/profile", tag = "teachers", request_body = ProfileBody, security(("bearer" = [])),
    responses(
        (status = 200, description = "The updated profile", body = TeacherDto),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not a teacher", body = ErrorBody),
        (status = 422, description = "A field breaks its rule", body = ErrorBody),
    ))]
pub async fn update_profile(
    State(app): State<App>,
    me: TeacherUser,
    ApiJson(body): ApiJson<ProfileBody>,
) -> Result<Json<TeacherDto>, AppError> {
    let changes = changes(body)?;
    let t = teachers::update_profile(&app.db, me.teacher_id, changes, app.clock.now()).await?;
    Ok(Json(t.into()))
}
