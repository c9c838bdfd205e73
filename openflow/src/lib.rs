//! OpenFlow 1.3/1.5 with the Nicira extensions OVN needs: message codec, match fields,
//! actions, ovs-ofctl text syntax and an async switch connection.
//!
//! Layers:
//! - [`wire`]: bytes ⇄ typed messages (never panics on input).
//! - [`text`]: ovs-ofctl flow syntax ⇄ typed flows (nom parser, printer matching
//!   `ovs-ofctl -O OpenFlow15 dump-flows`).
//! - [`conn`]: a sans-IO connection core (handshake, echo, xids, barriers, bundles,
//!   reconnect backoff) and a tokio driver.
//! - [`table`]: desired-vs-installed flow table diff and [`table::FlowTable`].
//!
//! Open vSwitch speaks 1.5 to OVN; for a 1.3 peer [`wire::compat`] re-encodes flow_mods
//! the way OVS does (the connection core applies it after negotiation).

#![warn(missing_docs)]

pub mod conn;
pub mod table;
pub mod text;
pub mod wire;
