//! Async OVSDB client on tokio.
//!
//! * `backoff`, `probe` — sans-IO state machines (time passed in) for reconnect backoff and
//!   the inactivity probe; tested without sockets or sleeps.
//! * `session` — the driver task: owns the connection, matches responses to requests by
//!   id, answers the server's `echo`, sends our own echo probes, reconnects.
//! * `handle` — [`Client`], the cheap cloneable handle, and the typed RFC 7047 calls.
//!
//! Invariants: requests are never retried across a reconnect (a `transact` may or may not
//! have been applied): every request pending when the connection drops fails with
//! [`ClientError::Disconnected`]. Monitors and locks do not survive a reconnect; the
//! [`ClientEvent::Connected`] event tells the user to re-establish them.

mod backoff;
mod config;
mod error;
mod handle;
mod probe;
mod session;

pub use backoff::Backoff;
pub use config::ClientConfig;
pub use error::ClientError;
pub use handle::{Client, ClientEvent, Events};
pub use probe::{Probe, ProbeAction};
