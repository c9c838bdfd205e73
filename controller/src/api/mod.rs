//! The controller's local API: JSON-RPC 2.0 (jsonrpsee) over HTTP/1.1 on a unix socket.
//!
//! `serve` is generic over the methods: each service builds its own `RpcModule` (the CNI
//! service in `crate::cni::rpc`, status and flow dumps elsewhere), the caller merges them
//! with `RpcModule::merge` and hands the result here. Invariants:
//! - the socket file is created with mode 0600 (root-only API: it creates interfaces and
//!   ports), after removing a stale socket left by a previous run; a path that exists and
//!   is not a socket is never removed;
//! - a live socket (another controller answering on it) is not stolen: `serve` fails;
//! - stopping the returned handle stops accepting, lets in-flight calls finish, and
//!   removes the socket file.
//!
//! Method names and parameter types the CNI plugin uses live in `cni_shim::api` (this
//! crate depends on `cni-shim` for them, so both ends share one definition).

pub mod status;
mod transport;

pub use jsonrpsee::server::ServerHandle;
pub use jsonrpsee::RpcModule;
pub use transport::{serve, ApiError};
