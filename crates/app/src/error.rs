//! Application errors with stable machine codes. The web layer maps each code to an HTTP status and serializes
//! `{error: code, message, field?, errors?}`; the codes are part of the API contract (docs/api.md).

use cogov_core::entry::FieldError;
use cogov_core::framework::FileProblems;
use cogov_store::StoreError;
use serde::Serialize;

/// Stable error codes. Never rename one: clients match on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The thing asked for does not exist.
    NotFound,
    /// A query parameter or body field is not acceptable; `field` names it.
    InvalidParameter,
    /// The submitted record fails validation; `errors` lists every field problem.
    ValidationFailed,
    /// The write conflicts with stored data (a taken slug, a concurrent edit, a node still in use).
    Conflict,
    /// A file (framework, import) was refused as a whole; `errors` lists every problem with its line.
    FileRefused,
    /// Something failed on our side; the message says what, without internals.
    Internal,
    /// The request needs a signed-in account or a valid API token.
    Unauthenticated,
    /// The account or token may not do this (role, organization, token scope, ban, CSRF check).
    Forbidden,
    /// Too many requests from this address or account; retry after the `Retry-After` seconds.
    RateLimited,
    /// The database does not accept writes for now (its disk is full or read-only); reads still work.
    Unavailable,
    /// The path exists but not with this HTTP method; the `Allow` header lists the methods it has.
    MethodNotAllowed,
    /// The account has not confirmed its e-mail address yet: it can read and manage itself, not write.
    EmailUnverified,
}

impl ErrorCode {
    pub const ALL: &'static [ErrorCode] = &[
        ErrorCode::NotFound,
        ErrorCode::InvalidParameter,
        ErrorCode::ValidationFailed,
        ErrorCode::Conflict,
        ErrorCode::FileRefused,
        ErrorCode::Internal,
        ErrorCode::Unauthenticated,
        ErrorCode::Forbidden,
        ErrorCode::RateLimited,
        ErrorCode::Unavailable,
        ErrorCode::MethodNotAllowed,
        ErrorCode::EmailUnverified,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::NotFound => "not_found",
            ErrorCode::InvalidParameter => "invalid_parameter",
            ErrorCode::ValidationFailed => "validation_failed",
            ErrorCode::Conflict => "conflict",
            ErrorCode::FileRefused => "file_refused",
            ErrorCode::Internal => "internal",
            ErrorCode::Unauthenticated => "unauthenticated",
            ErrorCode::Forbidden => "forbidden",
            ErrorCode::RateLimited => "rate_limited",
            ErrorCode::Unavailable => "unavailable",
            ErrorCode::MethodNotAllowed => "method_not_allowed",
            ErrorCode::EmailUnverified => "email_unverified",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{what} not found")]
    NotFound { what: String },
    #[error("{field}: {message}")]
    InvalidParameter { field: String, message: String },
    #[error("validation failed: {}", summary(.0))]
    Validation(Vec<FieldError>),
    #[error("{field}: {message}")]
    Conflict { field: String, message: String },
    #[error("{0}")]
    FileRefused(FileProblems),
    #[error("store: {0}")]
    Store(StoreError),
    /// A failure on our side outside the store (the search index); logged, never sent.
    #[error("{0}")]
    Internal(String),
    /// No (valid) session or token; the message says what is missing.
    #[error("{0}")]
    Unauthenticated(String),
    /// Signed in, but not allowed; the message says why.
    #[error("{0}")]
    Forbidden(String),
    /// Signed in with an account whose e-mail address is not confirmed yet.
    #[error("confirm your e-mail address before writing: open the link sent to you, or ask for a new one (POST /api/v1/me/verification)")]
    Unverified,
    /// Rate limited: retry after this many seconds.
    #[error("too many requests: retry in {retry_after} s")]
    RateLimited { retry_after: u64 },
    /// The path exists, the method does not (the web layer adds the `Allow` header).
    #[error("method {method} is not allowed here; the Allow header lists the methods this path has")]
    MethodNotAllowed { method: String },
}

fn summary(errors: &[FieldError]) -> String {
    errors.iter().map(|e| format!("{}: {}", e.field, e.message)).collect::<Vec<_>>().join("; ")
}

impl AppError {
    pub fn not_found(what: impl Into<String>) -> Self {
        AppError::NotFound { what: what.into() }
    }

    pub fn forbidden(message: impl Into<String>) -> Self {
        AppError::Forbidden(message.into())
    }

    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        AppError::InvalidParameter { field: field.to_string(), message: message.into() }
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            AppError::NotFound { .. } => ErrorCode::NotFound,
            AppError::InvalidParameter { .. } => ErrorCode::InvalidParameter,
            AppError::Validation(_) => ErrorCode::ValidationFailed,
            AppError::Conflict { .. } => ErrorCode::Conflict,
            AppError::FileRefused(_) => ErrorCode::FileRefused,
            AppError::Store(e) if e.is_unavailable() => ErrorCode::Unavailable,
            AppError::Store(_) | AppError::Internal(_) => ErrorCode::Internal,
            AppError::Unauthenticated(_) => ErrorCode::Unauthenticated,
            AppError::Forbidden(_) => ErrorCode::Forbidden,
            AppError::RateLimited { .. } => ErrorCode::RateLimited,
            AppError::MethodNotAllowed { .. } => ErrorCode::MethodNotAllowed,
            AppError::Unverified => ErrorCode::EmailUnverified,
        }
    }

    /// The field the error concerns, if one.
    pub fn field(&self) -> Option<&str> {
        match self {
            AppError::InvalidParameter { field, .. } | AppError::Conflict { field, .. } => Some(field),
            _ => None,
        }
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Conflict { field, message } => AppError::Conflict { field, message },
            StoreError::NotFound(what) => AppError::NotFound { what },
            other => AppError::Store(other),
        }
    }
}
