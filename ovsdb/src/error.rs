//! The OVSDB error object (RFC 7047 §3.1 "error" + "details"), shared by every layer.
//!
//! Invariant: `kind` is one of the error names ovsdb-server sends; `details` is free text
//! meant for humans; `syntax` (when present) is the offending JSON, as ovsdb-server adds it.

use serde_json::{json, Value};

/// The error names ovsdb-server puts in the `"error"` member.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    SyntaxError,
    UnknownDatabase,
    UnknownColumn,
    UnknownFunction,
    UnknownMutator,
    ConstraintViolation,
    ReferentialIntegrityViolation,
    DuplicateUuidName,
    DuplicateUuid,
    ResourcesExhausted,
    NotSupported,
    TimedOut,
    NotOwner,
    Aborted,
    DomainError,
    RangeError,
}

impl ErrorKind {
    /// The wire name, e.g. `"constraint violation"`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::SyntaxError => "syntax error",
            ErrorKind::UnknownDatabase => "unknown database",
            ErrorKind::UnknownColumn => "unknown column",
            ErrorKind::UnknownFunction => "unknown function",
            ErrorKind::UnknownMutator => "unknown mutator",
            ErrorKind::ConstraintViolation => "constraint violation",
            ErrorKind::ReferentialIntegrityViolation => "referential integrity violation",
            ErrorKind::DuplicateUuidName => "duplicate uuid-name",
            ErrorKind::DuplicateUuid => "duplicate uuid",
            ErrorKind::ResourcesExhausted => "resources exhausted",
            ErrorKind::NotSupported => "not supported",
            ErrorKind::TimedOut => "timed out",
            ErrorKind::NotOwner => "not owner",
            ErrorKind::Aborted => "aborted",
            ErrorKind::DomainError => "domain error",
            ErrorKind::RangeError => "range error",
        }
    }
}

/// An OVSDB error: what the server puts in a transaction reply or an error response.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{}: {details}", kind.as_str())]
pub struct OvsdbError {
    pub kind: ErrorKind,
    pub details: String,
    /// The JSON that could not be handled, when ovsdb-server reports it.
    pub syntax: Option<Value>,
}

impl OvsdbError {
    pub fn new(kind: ErrorKind, details: impl Into<String>) -> OvsdbError {
        OvsdbError {
            kind,
            details: details.into(),
            syntax: None,
        }
    }
    pub fn syntax(details: impl Into<String>) -> OvsdbError {
        OvsdbError::new(ErrorKind::SyntaxError, details)
    }
    pub fn constraint(details: impl Into<String>) -> OvsdbError {
        OvsdbError::new(ErrorKind::ConstraintViolation, details)
    }
    /// Attaches the offending JSON (kept only if none is set yet).
    pub fn with_syntax(mut self, json: &Value) -> OvsdbError {
        if self.syntax.is_none() {
            self.syntax = Some(json.clone());
        }
        self
    }
    /// The error object: `{"error": ..., "details": ..., "syntax": ...}`.
    pub fn to_json(&self) -> Value {
        let mut v = json!({ "error": self.kind.as_str(), "details": self.details });
        if let (Some(s), Value::Object(m)) = (&self.syntax, &mut v) {
            m.insert("syntax".into(), Value::String(s.to_string()));
        }
        v
    }
}

pub type Result<T, E = OvsdbError> = std::result::Result<T, E>;
