//! Talking to a switch: a sans-IO [`Core`] (handshake, echo, xids, error mapping), a
//! [`Backoff`] for reconnects, remote parsing, and the tokio [`Client`].

pub mod backoff;
pub mod client;
pub mod core;
pub mod remote;

pub use backoff::Backoff;
pub use client::{Client, ConnError, TxnError, Unsolicited};
pub use core::{Config, Core, Event};
pub use remote::Remote;
