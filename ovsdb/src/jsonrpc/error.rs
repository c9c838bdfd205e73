//! Error types of the JSON-RPC layer; one per stage (splitting, message checking, codec).

use thiserror::Error;

/// The byte stream is not a sequence of JSON texts, or a text is too large.
/// Either way the connection cannot continue.
#[derive(Debug, Error)]
pub enum SplitError {
    /// Syntax error or invalid UTF-8 in a JSON text.
    #[error("malformed JSON: {0}")]
    Malformed(String),
    /// The stream ended in the middle of a JSON text.
    #[error("stream ended inside a JSON text ({buffered} bytes buffered)")]
    Truncated {
        /// Bytes of the incomplete text.
        buffered: usize,
    },
    /// One JSON text exceeded the configured limit.
    #[error("JSON message exceeds maximum size of {max} bytes")]
    TooLarge {
        /// The configured maximum.
        max: usize,
    },
}

/// A well-formed JSON value that is not a valid JSON-RPC 1.0 message (ovsdb-server
/// logs "received bad JSON-RPC message" and disconnects).
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum MessageError {
    /// The top-level value is not an object.
    #[error("message is not a JSON object")]
    NotObject,
    /// A member other than method, params, result, error, id.
    #[error("message has unexpected member \"{0}\"")]
    UnexpectedMember(String),
    /// `method` is present but not a string.
    #[error("\"method\" must be a JSON string")]
    MethodNotString,
    /// `params` missing or not an array in a request or notification.
    #[error("\"params\" must be JSON array")]
    ParamsNotArray,
    /// A request carries a non-null `result` or `error` as well.
    #[error("request must not have \"result\" or \"error\"")]
    RequestWithResult,
    /// A reply has both a non-null `result` and a non-null `error`.
    #[error("reply must not have both \"result\" and \"error\"")]
    ResultAndError,
    /// A reply without an `id` (or with a null one).
    #[error("reply must have \"id\"")]
    ReplyWithoutId,
    /// Neither `method`, nor a non-null `result` or `error`.
    #[error("request must have \"method\"")]
    NoMethod,
}

/// Errors of the [`super::Codec`]. All of them end the connection.
#[derive(Debug, Error)]
pub enum CodecError {
    /// Reading or writing the transport failed.
    #[error("I/O error: {0}")]
    Io(#[from] std::io::Error),
    /// The stream is not valid JSON, or a message is too large.
    #[error(transparent)]
    Split(#[from] SplitError),
    /// Valid JSON that is not a JSON-RPC message; the value is kept for logging.
    #[error("bad JSON-RPC message: {error}")]
    Invalid {
        /// What is wrong with it.
        error: MessageError,
        /// The offending value.
        value: serde_json::Value,
    },
    /// Serialising an outgoing message failed (cannot happen for `Value`s; kept for safety).
    #[error("cannot serialise message: {0}")]
    Encode(#[from] serde_json::Error),
}

impl CodecError {
    /// True if the bytes on the wire were not JSON (or too large), as opposed to a
    /// well-formed value that is not JSON-RPC, or an I/O failure.
    pub fn is_malformed(&self) -> bool {
        matches!(self, CodecError::Split(_))
    }
}
