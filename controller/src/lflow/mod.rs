//! OVN's logical-flow language (`ovn-sb(5)`, table Logical_Flow, columns `match` and
//! `actions`), compiled the way ovn-controller compiles it.
//!
//! ```
//! use controller::lflow::actions::parse_actions;
//! use controller::lflow::{parse_match, FlowOptions, MapLookup, MatchCompiler, SymbolTable};
//!
//! // What this chassis knows: port keys, address sets, port groups.
//! let lookup = MapLookup::new().port("lsp1", 1).address_set("web", &["10.0.0.5", "10.0.0.6"]);
//! let compiler = MatchCompiler::new(&lookup);
//!
//! // A logical flow: its actions add prerequisites (`ct_next` needs IP) to its match.
//! let m = parse_match("inport == \"lsp1\" && ip4.dst == $web && tcp.dst == {80, 443}").unwrap();
//! let actions = parse_actions("reg0[0] = 1; ct_next;").unwrap();
//! let flows = compiler
//!     .compile(&m, &actions.prerequisites(SymbolTable::ovn()), &FlowOptions { metadata: Some(1), conj_id: 7 })
//!     .unwrap();
//! let text: Vec<String> = flows.iter().map(|f| f.to_string()).collect();
//! // Two sets in one conjunction: 2 + 2 clause flows and one flow on conj_id.
//! assert_eq!(text, [
//!     "conj_id=7,tcp,reg14=0x1,metadata=0x1",
//!     "tcp,reg14=0x1,metadata=0x1,nw_dst=10.0.0.5 actions=conjunction(7,1/2)",
//!     "tcp,reg14=0x1,metadata=0x1,nw_dst=10.0.0.6 actions=conjunction(7,1/2)",
//!     "tcp,reg14=0x1,metadata=0x1,tp_dst=80 actions=conjunction(7,2/2)",
//!     "tcp,reg14=0x1,metadata=0x1,tp_dst=443 actions=conjunction(7,2/2)",
//! ]);
//! assert_eq!(actions.to_string(), "reg0[0] = 1; ct_next;");
//! ```
//!
//! The pieces, one job per file:
//! - [`lexer`]: text to tokens (constants with masks, strings, `$addrset`, `@portgroup`).
//! - [`parser`] + [`ast`]: match expressions to a typed tree, and back to canonical text.
//! - [`symtab`]: every symbol of `ovn-sb(5)` with its width, OVS field, prerequisites and,
//!   for predicates, its expansion.
//! - [`logical_fields`]: where OVN keeps logical state in OVS registers (inport, outport,
//!   flags bits, conntrack mark/label bits) and the logical-to-OpenFlow table numbering.
//! - [`ovs_field`]: the OpenFlow fields a match finally constrains.
//! - [`annotate`]: resolves symbols, expands predicates, adds prerequisites, applies De
//!   Morgan, turns every comparison into bit tests on OVS fields.
//! - [`normalize`]: bit tests to disjunctive normal form, sets crushed per field, and
//!   finally OpenFlow matches, using `conjunction` where ovn-controller does.
//! - [`flow_match`]: the resulting typed matches and their `ovs-ofctl` text.
//! - [`lookup`]: what the caller supplies (port keys, address sets, port groups).
//! - [`actions`]: the `actions` column: typed tree, parser, canonical text.
//! - [`translate`]: one `Logical_Flow` row to OpenFlow flow specs; unsupported flows are
//!   skipped, logged once per reason and counted.
//! - [`encode`]: logical actions to OpenFlow actions, one file per action family.
//! - [`flow_compiler`]: [`FlowCompiler`], what the daemon calls: a `Logical_Flow` row to
//!   typed `openflow::text::Flow`s with cookies and conjunction ids, plus the desired
//!   group table (load balancers) in [`FlowCompiler::groups`].
//! - [`group_diff`]: the group_mods from the installed group table to the desired one,
//!   split into those sent before and after the flow_mods.

pub mod actions;
pub mod annotate;
pub mod ast;
pub mod compile;
pub mod encode;
pub mod flow_compiler;
pub mod flow_match;
pub mod group_diff;
pub mod lexer;
pub mod logical_fields;
pub mod lookup;
pub mod normalize;
pub mod ovs_field;
pub mod parser;
pub mod symtab;
pub mod translate;
pub mod value;

pub use annotate::CompileError;
pub use ast::Expr;
pub use compile::MatchCompiler;
pub use encode::EncodeError;
pub use flow_compiler::{FlowCompiler, LogicalFlowRow};
pub use flow_match::{Conjunction, FlowMatch, MatchField, MatchFlow};
pub use group_diff::{diff_groups, GroupDiff};
pub use lookup::{Lookup, MapLookup};
pub use normalize::FlowOptions;
pub use ovs_field::OvsField;
pub use parser::{parse_match, ParseError};
pub use symtab::SymbolTable;
pub use translate::{LogicalFlowRef, OpenFlowSpec, SkipReason, Translator};
