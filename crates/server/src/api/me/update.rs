//! `PATCH /api/me`

use aula_db::accounts::{self, ProfileChange};
use aula_domain::PersonName;
use aula_domain::schedule::parse_timezone;
use axum::Json;
use axum::extract::State;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::api::dto::UserDto;
use crate::error::{ErrorBody, FieldErrors};
use crate::extract::{ApiJson, CurrentUser};
use crate::i18n::Lang;
use crate::{App, AppError};

/// Fields to change; omitted fields stay as they are.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MeBody {
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    /// IANA time zone, e.g. `Europe/Madrid`.
    pub timezone: Option<String>,
    /// A language the school speaks (`en`).
    pub locale: Option<String>,
}

/// Changes the caller's own name, time zone or language.
#[utoipa::path(patch, path = "/api/me", tag = "accounts", request_body = MeBody, security(("bearer" = [])),
    responses(
        (status = 200, description = "The user as changed", body = UserDto),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 422, description = "A field breaks its rule", body = ErrorBody),
    ))]
pub async fn update(
    State(app): State<App>,
    me: CurrentUser,
    ApiJson(body): ApiJson<MeBody>,
) -> Result<Json<UserDto>, AppError> {
    let mut errors = FieldErrors::default();
    let first = body
        .first_name
        .and_then(|n| errors.take(PersonName::parse("firstName", &n)));
    let last = body
        .last_name
        .and_then(|n| errors.take(PersonName::parse("lastName", &n)));
    let zone = body
        .timezone
        .and_then(|z| errors.take(parse_timezone("timezone", z.trim())));
    let lang = body.locale.and_then(|l| {
        let lang = Lang::parse(&l);
        if lang.is_none() {
            let codes: Vec<&str> = Lang::ALL.into_iter().map(Lang::code).collect();
            errors.add(
                "locale",
                aula_domain::Problem::new("one-of").with("choices", codes.join(", ")),
            );
        }
        lang
    });
    errors.finish()?;
    let change = ProfileChange {
        first_name: first.as_ref(),
        last_name: last.as_ref(),
        timezone: zone.map(|z| z.name()),
        locale: lang.map(Lang::code),
    };
    let user = accounts::update_profile(&app.db, me.user.id, change, app.clock.now()).await?;
    Ok(Json(UserDto::from(&user)))
}
