//! A JSON-RPC 2.0 client for the controller's API: one HTTP/1.1 POST per call over the
//! controller's unix socket (the transport `controller::api::serve` accepts).
//!
//! The CNI plugin makes one call per process, so there is no connection reuse: connect,
//! send, read the reply, close. A missing socket is reported as its own error so the plugin
//! can say "is rovn-controller running?" instead of a bare ENOENT.

use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::rt::TokioIo;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// Why a call did not produce a result.
#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    /// Nothing listens on the socket path (missing file, or a stale socket).
    #[error(
        "controller API socket {path} is not available ({source}); is rovn-controller running?"
    )]
    Unavailable { path: PathBuf, source: io::Error },
    #[error("controller API on {path}: {source}")]
    Io { path: PathBuf, source: io::Error },
    #[error("controller API: HTTP error: {0}")]
    Http(String),
    #[error("controller API: no reply within {0:?}")]
    Timeout(Duration),
    #[error("controller API: undecodable reply: {0}")]
    Decode(String),
    /// The controller answered with a JSON-RPC error; `code` is a CNI error code.
    #[error("{message}")]
    Rpc {
        code: i64,
        message: String,
        data: Option<String>,
    },
}

#[derive(Serialize)]
struct Request<'a, P> {
    jsonrpc: &'static str,
    id: u64,
    method: &'a str,
    params: &'a P,
}

#[derive(Deserialize)]
struct Response {
    #[serde(default)]
    result: Option<serde_json::Value>,
    #[serde(default)]
    error: Option<RpcError>,
}

#[derive(Deserialize)]
struct RpcError {
    code: i64,
    message: String,
    #[serde(default)]
    data: Option<serde_json::Value>,
}

/// Calls `method` with `params` (serialised as one positional-free object) and decodes the
/// result as `R`.
pub async fn call<P: Serialize, R: DeserializeOwned>(
    socket: &Path,
    method: &str,
    params: &P,
    timeout: Duration,
) -> Result<R, ClientError> {
    match tokio::time::timeout(timeout, call_inner(socket, method, params)).await {
        Ok(r) => r,
        Err(_) => Err(ClientError::Timeout(timeout)),
    }
}

/// [`call`] on a private single-threaded runtime, for the synchronous CNI plugin.
pub fn call_blocking<P: Serialize, R: DeserializeOwned>(
    socket: &Path,
    method: &str,
    params: &P,
    timeout: Duration,
) -> Result<R, ClientError> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| ClientError::Io {
            path: socket.to_path_buf(),
            source: e,
        })?;
    rt.block_on(call(socket, method, params, timeout))
}

async fn call_inner<P: Serialize, R: DeserializeOwned>(
    socket: &Path,
    method: &str,
    params: &P,
) -> Result<R, ClientError> {
    let body = serde_json::to_vec(&Request {
        jsonrpc: "2.0",
        id: 1,
        method,
        params,
    })
    .map_err(|e| ClientError::Decode(format!("cannot encode request: {e}")))?;
    let stream = tokio::net::UnixStream::connect(socket)
        .await
        .map_err(|e| match e.kind() {
            io::ErrorKind::NotFound | io::ErrorKind::ConnectionRefused => {
                ClientError::Unavailable {
                    path: socket.to_path_buf(),
                    source: e,
                }
            }
            _ => ClientError::Io {
                path: socket.to_path_buf(),
                source: e,
            },
        })?;
    let (mut sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .map_err(|e| ClientError::Http(e.to_string()))?;
    let conn = tokio::spawn(conn);
    let req = hyper::Request::post("/")
        .header(hyper::header::HOST, "localhost")
        .header(hyper::header::CONTENT_TYPE, "application/json")
        .body(Full::new(Bytes::from(body)))
        .map_err(|e| ClientError::Http(e.to_string()))?;
    let resp = sender
        .send_request(req)
        .await
        .map_err(|e| ClientError::Http(e.to_string()))?;
    let status = resp.status();
    let bytes = resp
        .into_body()
        .collect()
        .await
        .map_err(|e| ClientError::Http(e.to_string()))?
        .to_bytes();
    drop(sender);
    conn.abort();
    if !status.is_success() && bytes.is_empty() {
        return Err(ClientError::Http(format!("status {status}")));
    }
    decode_response(&bytes)
}

/// Decodes one JSON-RPC 2.0 response body.
pub fn decode_response<R: DeserializeOwned>(bytes: &[u8]) -> Result<R, ClientError> {
    let resp: Response = serde_json::from_slice(bytes).map_err(|e| {
        ClientError::Decode(format!(
            "{e}: {}",
            String::from_utf8_lossy(&bytes[..bytes.len().min(200)])
        ))
    })?;
    if let Some(err) = resp.error {
        let data = err.data.map(|d| match d {
            serde_json::Value::String(s) => s,
            other => other.to_string(),
        });
        return Err(ClientError::Rpc {
            code: err.code,
            message: err.message,
            data,
        });
    }
    let result = resp.result.unwrap_or(serde_json::Value::Null);
    serde_json::from_value(result).map_err(|e| ClientError::Decode(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_result_and_error() {
        let r: u32 = decode_response(br#"{"jsonrpc":"2.0","id":1,"result":7}"#).unwrap();
        assert_eq!(r, 7);
        let e = decode_response::<u32>(
            br#"{"jsonrpc":"2.0","id":1,"error":{"code":11,"message":"busy","data":"northd slow"}}"#,
        )
        .unwrap_err();
        match e {
            ClientError::Rpc {
                code,
                message,
                data,
            } => {
                assert_eq!(
                    (code, message.as_str(), data.as_deref()),
                    (11, "busy", Some("northd slow"))
                )
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            decode_response::<u32>(b"garbage"),
            Err(ClientError::Decode(_))
        ));
    }

    #[test]
    fn missing_socket_is_unavailable() {
        let dir = tempfile::tempdir().unwrap();
        let e = call_blocking::<_, ()>(
            &dir.path().join("nope.sock"),
            "x",
            &(),
            Duration::from_secs(2),
        )
        .unwrap_err();
        assert!(matches!(e, ClientError::Unavailable { .. }), "{e:?}");
        assert!(e.to_string().contains("is rovn-controller running?"));
    }
}
