//! The one error type of the server, rendered as the JSON envelope of api.md.

use std::collections::BTreeMap;

use aula_db::DbError;
use aula_domain::{Conflict, DomainError, Problem, Refusal};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

/// Everything a request can end in other than success.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{0}")]
    InvalidRequest(String),
    #[error("validation failed")]
    Validation(BTreeMap<String, Problem>),
    #[error("authentication required")]
    Unauthenticated,
    /// A login with an e-mail and password that do not match (401 `unauthenticated`).
    #[error("wrong e-mail or password")]
    WrongLogin,
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("method not allowed")]
    MethodNotAllowed,
    #[error("payload too large")]
    PayloadTooLarge,
    #[error("a request sent with the session cookie must have Content-Type: application/json")]
    UnsupportedMediaType,
    #[error("the service is unavailable; try again shortly")]
    Unavailable,
    #[error("too many attempts")]
    RateLimited { retry_after_secs: u64 },
    #[error("the link has expired or was already used")]
    TokenExpired,
    #[error(transparent)]
    Refused(#[from] Refusal),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

/// The body of every error answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

/// Code, message and (for validation) the problem of each field.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// Stable machine-readable code, e.g. `validation_failed`.
    pub code: String,
    /// Human-readable explanation.
    pub message: String,
    /// Field name → problem; only for `validation_failed`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fields: Option<BTreeMap<String, String>>,
}

impl AppError {
    /// A 409 with the given code.
    pub fn conflict(code: Conflict, message: impl Into<String>) -> Self {
        AppError::Refused(Refusal::new(code, message))
    }

    /// A 422 about one field.
    pub fn field(field: &str, problem: Problem) -> Self {
        AppError::Validation(BTreeMap::from([(field.to_owned(), problem)]))
    }

    /// The HTTP status and code of this error.
    pub fn status_and_code(&self) -> (StatusCode, &'static str) {
        match self {
            AppError::InvalidRequest(_) => (StatusCode::BAD_REQUEST, "invalid_request"),
            AppError::Validation(_) => (StatusCode::UNPROCESSABLE_ENTITY, "validation_failed"),
            AppError::Unauthenticated | AppError::WrongLogin => {
                (StatusCode::UNAUTHORIZED, "unauthenticated")
            }
            AppError::Forbidden => (StatusCode::FORBIDDEN, "forbidden"),
            AppError::NotFound => (StatusCode::NOT_FOUND, "not_found"),
            AppError::MethodNotAllowed => (StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed"),
            AppError::PayloadTooLarge => (StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large"),
            AppError::UnsupportedMediaType => {
                (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type")
            }
            AppError::Unavailable => (StatusCode::SERVICE_UNAVAILABLE, "unavailable"),
            AppError::RateLimited { .. } => (StatusCode::TOO_MANY_REQUESTS, "rate_limited"),
            AppError::TokenExpired => (StatusCode::GONE, "token_expired"),
            AppError::Refused(r) => (StatusCode::CONFLICT, r.code.as_str()),
            AppError::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
        }
    }

    /// The message in the request's language (the Bearer user's `locale`, else
    /// `Accept-Language`, else the default); the code never changes.
    fn message(&self) -> String {
        let v = crate::i18n::Viewer::current();
        match self {
            AppError::Validation(fields) => {
                let names: Vec<&str> = fields.keys().map(String::as_str).collect();
                v.t1("api-validation", "fields", names.join(", "))
            }
            AppError::InvalidRequest(detail) => v.t1("api-invalid-request", "detail", detail),
            AppError::Unauthenticated => v.t("api-unauthenticated"),
            AppError::WrongLogin => v.t("api-wrong-login"),
            AppError::Forbidden => v.t("api-forbidden"),
            AppError::NotFound => v.t("api-not-found"),
            AppError::MethodNotAllowed => v.t("api-method-not-allowed"),
            AppError::PayloadTooLarge => v.t("api-payload-too-large"),
            AppError::UnsupportedMediaType => v.t("api-unsupported-media-type"),
            AppError::Unavailable => v.t("api-unavailable"),
            AppError::RateLimited { retry_after_secs } => {
                v.t1("api-rate-limited", "seconds", *retry_after_secs)
            }
            AppError::TokenExpired => v.t("api-token-expired"),
            // English keeps the rule's own, more detailed sentence.
            AppError::Refused(r) if v.lang == crate::i18n::Lang::En => r.message.clone(),
            AppError::Refused(r) => v
                .try_t(&format!("refused-{}", r.code.as_str()))
                .unwrap_or_else(|| r.message.clone()),
            AppError::Internal(_) => v.t("api-internal"),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, code) = self.status_and_code();
        if let AppError::Internal(err) = &self {
            tracing::error!(error = ?err, "request failed");
        }
        // The problems in the words of the request's language.
        let fields = match &self {
            AppError::Validation(f) => {
                let viewer = crate::i18n::Viewer::current();
                Some(
                    f.iter()
                        .map(|(k, p)| (k.clone(), viewer.problem(p)))
                        .collect(),
                )
            }
            _ => None,
        };
        let body = ErrorBody {
            error: ErrorDetail {
                code: code.to_owned(),
                message: self.message(),
                fields,
            },
        };
        let mut res = (status, axum::Json(body)).into_response();
        if let AppError::RateLimited { retry_after_secs } = self {
            res.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
        }
        res
    }
}

impl From<DbError> for AppError {
    fn from(err: DbError) -> Self {
        match err {
            DbError::Duplicate(_) => {
                AppError::conflict(Conflict::Duplicate, "that value is already taken")
            }
            DbError::NotFound => AppError::NotFound,
            DbError::Invalid { field, problem } => AppError::field(&field, problem),
            DbError::Refused(r) => AppError::Refused(r),
            DbError::Unavailable(e) => {
                tracing::warn!(error = %e, "database unavailable");
                AppError::Unavailable
            }
            other => AppError::Internal(other.into()),
        }
    }
}

impl From<DomainError> for AppError {
    fn from(err: DomainError) -> Self {
        match err {
            DomainError::Invalid { field, problem } => AppError::field(field, problem),
            DomainError::Fields(fields) => AppError::Validation(fields),
            DomainError::Refused(r) => AppError::Refused(r),
        }
    }
}

/// Collects the field errors of several parses into one 422.
#[derive(Default)]
pub struct FieldErrors(BTreeMap<String, Problem>);

impl FieldErrors {
    /// Keeps the value, or records its problem.
    pub fn take<T>(&mut self, parsed: Result<T, DomainError>) -> Option<T> {
        match parsed {
            Ok(v) => Some(v),
            Err(DomainError::Invalid { field, problem }) => {
                self.0.insert(field.to_owned(), problem);
                None
            }
            Err(DomainError::Fields(fields)) => {
                self.0.extend(fields);
                None
            }
            Err(DomainError::Refused(r)) => {
                let problem = Problem::new("refused").with("code", r.code.as_str());
                self.0.insert("request".to_owned(), problem);
                None
            }
        }
    }

    /// Records a problem of `field`.
    pub fn add(&mut self, field: &str, problem: Problem) {
        self.0.insert(field.to_owned(), problem);
    }

    /// True when no problem was recorded.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `Err(422)` when any problem was recorded.
    pub fn finish(self) -> Result<(), AppError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(AppError::Validation(self.0))
        }
    }
}
