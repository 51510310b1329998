//! The one error type. Its text is part of the contract: the loader's JS
//! parser produces the same metadata messages (`tests/metadata/cases.json`
//! holds both sides to them).

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The bytes are not a wasm module this reader understands.
    Wasm(String),
    /// The `weakbind` section breaks format version 1. `record` is the
    /// record at fault, as text (None when no single record is).
    Metadata {
        problem: String,
        record: Option<String>,
    },
}

impl Error {
    pub(crate) fn record(problem: impl Into<String>, record: &str) -> Error {
        Error::Metadata {
            problem: problem.into(),
            record: Some(record.to_string()),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Wasm(message) => write!(f, "wasm: {message}"),
            Error::Metadata {
                problem,
                record: Some(record),
            } => {
                write!(f, "metadata: {problem} in record '{record}'")
            }
            Error::Metadata {
                problem,
                record: None,
            } => write!(f, "metadata: {problem}"),
        }
    }
}

impl std::error::Error for Error {}
