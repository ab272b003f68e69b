//! Errors of the listening engine. Input errors always name the file and the line.

use std::path::Path;

/// Everything that can go wrong while reading or analysing a conversation.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A malformed or inconsistent record in an input file. `line` is 1-based and counts the header.
    #[error("{file}:{line}: {message}")]
    Input {
        /// The file, as given by the caller.
        file: String,
        /// 1-based line number (the header is line 1); 0 when the problem concerns the whole file.
        line: u64,
        /// What is wrong, in plain words.
        message: String,
    },
    /// A file could not be opened or read.
    #[error("{file}: {source}")]
    Io {
        /// The file, as given by the caller.
        file: String,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// An invalid argument to the library (for instance a vote matrix whose parts do not fit).
    #[error("invalid argument: {0}")]
    Invalid(String),
}

impl Error {
    pub(crate) fn input(file: &Path, line: u64, message: impl Into<String>) -> Self {
        Error::Input { file: file.display().to_string(), line, message: message.into() }
    }

    pub(crate) fn io(file: &Path, source: std::io::Error) -> Self {
        Error::Io { file: file.display().to_string(), source }
    }
}

/// Result alias of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
