//! Open vSwitch remote syntax and tokio helpers to connect to / listen on one.
//!
//! * `parse` — [`Remote`] from `punix:PATH`, `ptcp:PORT[:IP]`, `unix:PATH`, `tcp:IP:PORT`
//!   (IPv6 addresses in brackets); `ssl:`/`pssl:` are recognised and refused.
//! * `net` — [`connect`], [`listen`], [`Listener`], [`Stream`].

mod net;
mod parse;

pub use net::{connect, listen, Listener, Stream};
pub use parse::{Remote, RemoteError};
