//! Method-level errors of the server: the `error` member of a JSON-RPC error reply.
//!
//! ovsdb-server sends either a bare string (`"unknown method"`, `"unknown monitor"`) or an
//! object `{"syntax": <params>, "details": ..., "error": ...}`; both shapes are kept.

use serde_json::{json, Value};

/// An error reply to one request.
#[derive(Debug, Clone, PartialEq)]
pub enum MethodError {
    /// A bare string error, e.g. `"unknown method"`.
    Bare(&'static str),
    /// `{"syntax": params, "details": details, "error": kind}`.
    Detailed {
        /// The error name (`"syntax error"`, `"unknown database"`, ...).
        kind: &'static str,
        /// Human-readable details.
        details: String,
        /// The offending parameters, echoed back as ovsdb-server does.
        syntax: Value,
    },
}

impl MethodError {
    /// A `"syntax error"` about `syntax` with `details`.
    pub fn syntax(syntax: &Value, details: impl Into<String>) -> MethodError {
        MethodError::Detailed {
            kind: "syntax error",
            details: details.into(),
            syntax: syntax.clone(),
        }
    }

    /// An `"unknown database"` error for `method`.
    pub fn unknown_database(method: &str, params: &Value, db: &str) -> MethodError {
        MethodError::Detailed {
            kind: "unknown database",
            details: format!("{method} request specifies unknown database {db}"),
            syntax: params.clone(),
        }
    }

    /// The JSON that goes in the reply's `error` member.
    pub fn to_json(&self) -> Value {
        match self {
            MethodError::Bare(s) => Value::String((*s).to_owned()),
            MethodError::Detailed {
                kind,
                details,
                syntax,
            } => json!({
                "syntax": serde_json::to_string(syntax).unwrap_or_default(),
                "details": details,
                "error": kind,
            }),
        }
    }
}
