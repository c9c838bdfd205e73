//! ovs-ofctl flow syntax: printing ([`Flow::to_dump_string`]) and parsing
//! ([`parse_flow`]).

pub mod flow;
pub mod print_action;
pub mod print_match;
pub mod value;

pub use flow::Flow;
pub use print_action::{format_action, format_actions, format_instructions};
pub use print_match::format_match;
