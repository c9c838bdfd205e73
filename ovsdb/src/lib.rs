//! OVSDB (RFC 7047 plus Open vSwitch's extensions): schema, data model, JSON-RPC wire
//! codec, transaction engine, monitors, on-disk storage, server, client and IDL.

pub mod client;
pub mod daemon;
pub mod data;
pub mod db;
pub mod error;
pub mod format;
pub mod idl;
pub mod jsonrpc;
pub mod remote;
pub mod schema;
pub mod server;
pub mod storage;
pub mod txn;
pub mod typed;
pub mod unixctl;

pub use error::{ErrorKind, OvsdbError};
