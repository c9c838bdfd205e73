//! rovn-cni: the CNI plugin that forwards pod attachment requests to rovn-controller.
//!
//! The plugin is thin by design: it decodes the runtime's environment and network
//! configuration, validates them, calls the controller's local JSON-RPC API ([`api`]) and
//! renders the controller's reply as a CNI result of the requested version. It never
//! touches netlink or OVSDB itself. Every failure becomes a CNI error result ([`error`])
//! with a well-known code, never a panic.

pub mod api;
pub mod config;
pub mod env;
pub mod error;
pub mod net;
pub mod plugin;
pub mod result;
pub mod version;
