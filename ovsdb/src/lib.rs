//! OVSDB (RFC 7047 plus Open vSwitch's extensions): schema, data model, JSON-RPC wire
//! codec, transaction engine, monitors, on-disk storage, server, client and IDL.

pub mod client;
pub mod jsonrpc;
pub mod remote;
pub mod storage;
