//! The `actions` column of a logical flow: typed tree ([`ast`]) and parser ([`parser`]).
//! Encoding into OpenFlow actions is a later step.

pub mod ast;
pub mod parser;

pub use ast::{Action, Actions, LoadValue, LogParams, NatKind, NestedKind};
pub use parser::parse_actions;
