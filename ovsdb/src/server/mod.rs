//! The OVSDB server: a sans-IO [`ServerCore`] (sessions, methods, monitors, locks,
//! `_Server`, blocked `wait`s) and a tokio [`driver`] that connects it to sockets.
//! See `ovsdb-server(7)` for the protocol this reproduces.

mod core;
pub mod driver;
mod error;
mod file_log;
mod history;
mod locks;
mod monitor;
mod server_db;

pub use self::core::{server_schema, Output, Persist, ServerCore};
pub use error::MethodError;
pub use file_log::FileLog;
pub use monitor::Protocol;

/// Identifies one client connection.
pub type SessionId = u64;
#[cfg(test)]
mod tests;
