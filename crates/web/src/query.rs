//! Query-string parsing with errors that name the parameter, for both pages and the API.

use cogov_app::AppError;
use cogov_core::Lang;
use serde::de::DeserializeOwned;

/// Parses a raw query string into `T`; an unknown or malformed parameter becomes `invalid_parameter`.
pub fn parse<T: DeserializeOwned + Default>(raw: Option<&str>) -> Result<T, AppError> {
    match raw {
        None | Some("") => Ok(T::default()),
        Some(q) => {
            let deserializer = serde_urlencoded::Deserializer::new(form_urlencoded::parse(q.as_bytes()));
            serde_path_to_error::deserialize(deserializer).map_err(|e| {
                let path = e.path().to_string();
                let message = e.inner().to_string();
                // An unknown parameter is named inside serde's message; a bad value by the error's path.
                let field = if path != "." {
                    path
                } else {
                    message
                        .split('`')
                        .nth(1)
                        .filter(|f| f.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
                        .unwrap_or("query")
                        .to_string()
                };
                AppError::InvalidParameter { message: format!("bad query parameter {field}: {message}"), field }
            })
        }
    }
}

/// A language code from a parameter, or `invalid_parameter` naming the field.
pub fn lang(field: &str, value: Option<&str>) -> Result<Option<Lang>, AppError> {
    value
        .filter(|v| !v.is_empty())
        .map(|v| v.parse::<Lang>().map_err(|e| AppError::invalid(field, e.to_string())))
        .transpose()
}

/// Splits a comma-separated multi-value parameter (`kind=actor,dpg`).
pub fn list(value: &Option<String>) -> Vec<String> {
    value
        .as_deref()
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}
