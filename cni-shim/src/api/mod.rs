//! The controller's local JSON-RPC 2.0 API as the CNI plugin sees it: method names, the
//! typed parameters and replies, and a small client over the controller's unix socket.
//!
//! This module is the single definition of the wire contract between `rovn-cni` and
//! `rovn-controller`. The controller crate depends on `cni-shim` for these types (never
//! the other way round), so both ends are compiled against the same structs and cannot
//! drift. Invariants:
//! - every request and reply is a plain serde struct; nothing stringly typed crosses the
//!   socket except the method names listed in [`methods`];
//! - a failed call carries a CNI error code (see [`crate::error::Code`]) as its JSON-RPC
//!   error code, the message as `message` and the details (a string) as `data`, so the
//!   shim can turn it into a CNI error result without guessing.

pub mod client;
mod types;

pub use client::{call, call_blocking, ClientError};
pub use types::*;

/// Default path of the controller's API socket.
pub const DEFAULT_SOCKET: &str = "/var/run/rovn/controller.sock";

/// JSON-RPC method names served by the controller for the CNI plugin.
pub mod methods {
    /// `cni_add(CniRequest) -> AddReply`
    pub const ADD: &str = "cni_add";
    /// `cni_del(CniRequest) -> null`
    pub const DEL: &str = "cni_del";
    /// `cni_check(CniRequest) -> null`
    pub const CHECK: &str = "cni_check";
    /// `cni_status(StatusRequest) -> null`
    pub const STATUS: &str = "cni_status";
    /// `cni_gc(GcRequest) -> GcReply`
    pub const GC: &str = "cni_gc";
    /// Every CNI method, for tests that the server registers all of them.
    pub const ALL: &[&str] = &[ADD, DEL, CHECK, STATUS, GC];
}
