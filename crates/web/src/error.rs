//! Errors as HTTP responses: JSON for the API, an HTML page for browsers. Internal details are logged, never
//! sent.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use cogov_app::{AppError, ErrorCode};
use serde::Serialize;

pub fn status_of(code: ErrorCode) -> StatusCode {
    match code {
        ErrorCode::NotFound => StatusCode::NOT_FOUND,
        ErrorCode::InvalidParameter => StatusCode::BAD_REQUEST,
        ErrorCode::ValidationFailed | ErrorCode::FileRefused => StatusCode::UNPROCESSABLE_ENTITY,
        ErrorCode::Conflict => StatusCode::CONFLICT,
        ErrorCode::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        ErrorCode::Unauthenticated => StatusCode::UNAUTHORIZED,
        ErrorCode::Forbidden | ErrorCode::EmailUnverified => StatusCode::FORBIDDEN,
        ErrorCode::RateLimited => StatusCode::TOO_MANY_REQUESTS,
        ErrorCode::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        ErrorCode::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
    }
}

/// The JSON error body.
#[derive(Debug, Serialize)]
pub struct ErrorBody {
    pub error: &'static str,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<serde_json::Value>,
}

impl ErrorBody {
    pub fn from_app(e: &AppError) -> Self {
        let message = match e {
            AppError::Store(inner) if inner.is_unavailable() => {
                tracing::error!(error = %inner, "the database refuses writes (disk full or read-only)");
                "the database does not accept writes now (its disk is full or read-only); reading still works; \
                 try again later"
                    .to_string()
            }
            AppError::Store(inner) => {
                tracing::error!(error = %inner, "store failure");
                "the store could not complete this request; try again later".to_string()
            }
            AppError::Internal(inner) => {
                tracing::error!(error = %inner, "internal failure");
                "this request could not be completed; try again later".to_string()
            }
            other => other.to_string(),
        };
        let errors = match e {
            AppError::Validation(list) => list.iter().filter_map(|f| serde_json::to_value(f).ok()).collect(),
            AppError::FileRefused(problems) => problems.0.iter().filter_map(|p| serde_json::to_value(p).ok()).collect(),
            _ => vec![],
        };
        ErrorBody { error: e.code().as_str(), message, field: e.field().map(str::to_string), errors }
    }
}

/// An API error: rendered as JSON.
#[derive(Debug)]
pub struct ApiError(pub AppError);

impl From<AppError> for ApiError {
    fn from(e: AppError) -> Self {
        ApiError(e)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (status_of(self.0.code()), Json(ErrorBody::from_app(&self.0))).into_response();
        if let AppError::RateLimited { retry_after } = self.0 {
            response.headers_mut().insert(axum::http::header::RETRY_AFTER, retry_after.into());
        }
        response
    }
}
