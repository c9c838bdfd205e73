//! [`ClientError`]: why a call did not produce a result.

use serde_json::Value;
use thiserror::Error;

/// Why a client call failed.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum ClientError {
    /// There is no connection right now (the client is reconnecting).
    #[error("not connected")]
    NotConnected,
    /// The connection dropped before the reply arrived; the request may or may not have
    /// been executed.
    #[error("connection lost before reply")]
    Disconnected,
    /// The client's driver task has stopped.
    #[error("client closed")]
    Closed,
    /// The server sent a JSON-RPC error response.
    #[error("server error: {0}")]
    Rpc(Value),
}
