//! One logical flow in, the OpenFlow flows for it out (matches now, actions still logical):
//! the step the controller's flow engine calls for every `Logical_Flow` row.
//!
//! A flow that cannot be handled — a syntax error, an unknown symbol, an action rovn does
//! not model yet — is skipped with a reason, logged once per distinct reason and counted,
//! never a panic. That keeps a rovn chassis usable with a southbound database written by a
//! newer ovn-northd.

use std::collections::{BTreeMap, HashSet};

use super::actions::{parse_actions, Actions};
use super::annotate::CompileError;
use super::compile::MatchCompiler;
use super::flow_match::MatchFlow;
use super::logical_fields::Pipeline;
use super::lookup::Lookup;
use super::normalize::FlowOptions;
use super::parser::{parse_match, ParseError};
use super::symtab::SymbolTable;

/// The columns of a `Logical_Flow` row that translation needs.
#[derive(Debug, Clone, Copy)]
pub struct LogicalFlowRef<'a> {
    pub pipeline: Pipeline,
    pub table_id: u8,
    pub priority: u16,
    pub match_: &'a str,
    pub actions: &'a str,
}

/// One OpenFlow flow for a logical flow. When `flow.conjunctions` is empty it runs
/// `actions`; otherwise its actions are its conjunctions (and `actions` is unused).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenFlowSpec {
    pub table: u8,
    pub priority: u16,
    pub flow: MatchFlow,
    pub actions: Actions,
}

/// Why a logical flow produced no OpenFlow flows.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SkipReason {
    #[error("match does not parse: {0}")]
    Match(ParseError),
    #[error("actions do not parse: {0}")]
    Actions(ParseError),
    #[error("unsupported action `{0}`")]
    UnsupportedAction(String),
    #[error("match cannot be compiled: {0}")]
    Compile(CompileError),
    #[error("logical table {0} is outside the OpenFlow table range")]
    Table(u8),
    #[error("actions cannot be encoded: {0}")]
    Encode(super::encode::EncodeError),
}

impl SkipReason {
    /// A short key for counting and once-only logging.
    pub fn kind(&self) -> String {
        match self {
            SkipReason::Match(_) => "match-syntax".into(),
            SkipReason::Actions(_) => "action-syntax".into(),
            SkipReason::UnsupportedAction(name) => format!("action:{name}"),
            SkipReason::Compile(_) => "match-compile".into(),
            SkipReason::Table(_) => "table".into(),
            SkipReason::Encode(_) => "action-encode".into(),
        }
    }
}

/// Translates logical flows, remembering which problems it has already logged.
#[derive(Debug, Default)]
pub struct Translator {
    logged: HashSet<String>,
    /// How many flows were skipped, per [`SkipReason::kind`].
    pub skipped: BTreeMap<String, u64>,
}

impl Translator {
    pub fn new() -> Self {
        Self::default()
    }

    /// The OpenFlow flows for one logical flow of datapath `datapath_key`. `conj_id` is used
    /// if the match needs a conjunctive match (callers give each logical flow its own).
    /// An empty `Ok` vector means the match is false on this chassis.
    pub fn translate(
        &mut self,
        lflow: LogicalFlowRef<'_>,
        datapath_key: u32,
        conj_id: u32,
        lookup: &dyn Lookup,
    ) -> Result<Vec<OpenFlowSpec>, SkipReason> {
        let result = Self::translate_inner(lflow, datapath_key, conj_id, lookup);
        if let Err(reason) = &result {
            let kind = reason.kind();
            *self.skipped.entry(kind.clone()).or_default() += 1;
            if self.logged.insert(kind) {
                tracing::warn!(
                    pipeline = lflow.pipeline.name(),
                    table = lflow.table_id,
                    priority = lflow.priority,
                    "skipping logical flow: {reason} (further flows skipped for this reason are only counted)"
                );
            }
        }
        result
    }

    fn translate_inner(
        lflow: LogicalFlowRef<'_>,
        datapath_key: u32,
        conj_id: u32,
        lookup: &dyn Lookup,
    ) -> Result<Vec<OpenFlowSpec>, SkipReason> {
        let table = lflow
            .pipeline
            .openflow_table(lflow.table_id)
            .ok_or(SkipReason::Table(lflow.table_id))?;
        let expr = parse_match(lflow.match_).map_err(SkipReason::Match)?;
        let actions = parse_actions(lflow.actions).map_err(SkipReason::Actions)?;
        if let Some(name) = actions.unknown_names().first() {
            return Err(SkipReason::UnsupportedAction(name.to_string()));
        }
        let symtab = SymbolTable::ovn();
        let compiler = MatchCompiler { symtab, lookup };
        let opts = FlowOptions {
            metadata: Some(u64::from(datapath_key)),
            conj_id,
        };
        let flows = compiler
            .compile(&expr, &actions.prerequisites(symtab), &opts)
            .map_err(SkipReason::Compile)?;
        Ok(flows
            .into_iter()
            .map(|flow| OpenFlowSpec {
                table,
                priority: lflow.priority,
                flow,
                actions: actions.clone(),
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lflow::lookup::MapLookup;

    fn lf<'a>(m: &'a str, a: &'a str) -> LogicalFlowRef<'a> {
        LogicalFlowRef {
            pipeline: Pipeline::Ingress,
            table_id: 6,
            priority: 100,
            match_: m,
            actions: a,
        }
    }

    #[test]
    fn translates_with_action_prerequisites() {
        let l = MapLookup::new();
        let mut t = Translator::new();
        let flows = t
            .translate(lf("reg0[0] == 1", "ct_next;"), 1, 1, &l)
            .unwrap();
        let text: Vec<String> = flows
            .iter()
            .map(|f| format!("table={},{}", f.table, f.flow))
            .collect();
        assert_eq!(
            text,
            [
                "table=14,ip,reg0=0x1/0x1,metadata=0x1",
                "table=14,ipv6,reg0=0x1/0x1,metadata=0x1"
            ]
        );
    }

    #[test]
    fn unsupported_and_broken_flows_are_skipped_and_counted() {
        let l = MapLookup::new();
        let mut t = Translator::new();
        for _ in 0..3 {
            let r = t.translate(lf("1", "reg0[3] = dns_lookup(); next;"), 1, 1, &l);
            assert_eq!(r, Err(SkipReason::UnsupportedAction("dns_lookup".into())));
        }
        assert!(matches!(
            t.translate(lf("ip4 &&", "next;"), 1, 1, &l),
            Err(SkipReason::Match(_))
        ));
        assert!(matches!(
            t.translate(lf("nosuch", "next;"), 1, 1, &l),
            Err(SkipReason::Compile(_))
        ));
        assert!(matches!(
            t.translate(lf("1", "next"), 1, 1, &l),
            Err(SkipReason::Actions(_))
        ));
        assert_eq!(t.skipped["action:dns_lookup"], 3);
        assert_eq!(t.skipped.values().sum::<u64>(), 6);
    }
}
