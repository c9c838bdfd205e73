//! ovs-ofctl flow syntax: printing ([`Flow::to_dump_string`]) and parsing
//! ([`parse_flow`]).

pub mod flow;
pub mod group;
pub mod lex;
pub mod parse_action;
pub mod parse_flow;
pub mod parse_match;
pub mod parse_value;
pub mod print_action;
pub mod print_match;
pub mod value;

pub use flow::Flow;
pub use group::{format_group, parse_group};
pub use lex::ParseError;
pub use parse_action::{parse_action_list, parse_instructions};
pub use parse_flow::{parse_flow, parse_flow_ext, parse_flow_spec, FlowSpec};
pub use print_action::{format_action, format_actions, format_instructions};
pub use print_match::format_match;
