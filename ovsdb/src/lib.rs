//! OVSDB (RFC 7047 plus Open vSwitch's extensions): schema, data model, JSON-RPC wire
//! codec, transaction engine, monitors, on-disk storage, server, client and IDL.

pub mod data;
pub mod db;
pub mod error;
pub mod idl;
pub mod schema;
pub mod txn;
pub mod typed;

pub use error::{ErrorKind, OvsdbError};
