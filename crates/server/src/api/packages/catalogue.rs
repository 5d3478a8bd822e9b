//! `GET /api/packages`

use aula_db::packages::{self, PackageFilter};
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use serde::Deserialize;
use utoipa::IntoParams;

use crate::api::packages::dto::{PackageDto, PackageList, ServiceTypeDto};
use crate::error::ErrorBody;
use crate::extract::ApiQuery;
use crate::i18n::Viewer;
use crate::services::texts;
use crate::{App, AppError};

/// Filters of the catalogue.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct CatalogueQuery {
    /// Packages with an allowance of this type.
    pub service_type: Option<ServiceTypeDto>,
    /// Packages that grant this course program.
    pub course_program_id: Option<i64>,
}

/// The active packages for sale, in the request's language (a package without a text in it
/// shows its default text).
#[utoipa::path(get, path = "/api/packages", tag = "catalogue", params(CatalogueQuery),
    responses((status = 200, description = "Active packages", body = PackageList), (status = 400, description = "A parameter does not parse", body = ErrorBody)))]
pub async fn catalogue(
    State(app): State<App>,
    headers: HeaderMap,
    ApiQuery(q): ApiQuery<CatalogueQuery>,
) -> Result<Response, AppError> {
    let filter = PackageFilter {
        active_only: true,
        service_type: q.service_type.map(Into::into),
        course_program_id: q.course_program_id,
    };
    let key = format!(
        "packages:{:?}:{:?}",
        filter.service_type, filter.course_program_id
    );
    let version = crate::cache::version(&app).await?;
    crate::cache::serve(&app, &headers, &key, version, 0, || async {
        let mut found = packages::list(&app.db, &filter).await?;
        texts::localize(&app, Viewer::current().lang, &mut [], &mut found).await?;
        let items = found.iter().map(PackageDto::from).collect();
        Ok(PackageList { items })
    })
    .await
}
