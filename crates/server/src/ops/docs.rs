//! The OpenAPI document and the interactive docs page (self-contained: no CDN, works offline).

use axum::http::header;
use axum::response::{Html, IntoResponse};

/// The interactive docs: a small explorer that reads `/api/openapi.json` and can send requests.
pub async fn page() -> Html<&'static str> {
    Html(include_str!("../../static/docs.html"))
}

/// Serves the generated document, computed once at start.
pub fn json(doc: std::sync::Arc<String>) -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "application/json")],
        doc.as_str().to_owned(),
    )
}
