//! The match compiler's front door: text or syntax tree in, OpenFlow matches out.

use super::annotate::{Annotator, BExpr, CompileError};
use super::ast::Expr;
use super::flow_match::MatchFlow;
use super::lookup::Lookup;
use super::normalize::{dnf, to_flows, FlowOptions};
use super::parser::parse_match;
use super::symtab::SymbolTable;

/// Compiles logical-flow matches against one symbol table and one chassis' view of names.
pub struct MatchCompiler<'a> {
    pub symtab: &'a SymbolTable,
    pub lookup: &'a dyn Lookup,
}

impl<'a> MatchCompiler<'a> {
    /// A compiler over OVN's symbol table.
    pub fn new(lookup: &'a dyn Lookup) -> Self {
        MatchCompiler {
            symtab: SymbolTable::ovn(),
            lookup,
        }
    }

    /// The OpenFlow matches for `expr && extra[0] && extra[1] ...`. `extra` carries the
    /// prerequisites the flow's actions imply (see `Action::prerequisites`). An empty result
    /// means the match can never be true here (for example, it names a port this chassis
    /// does not know): install nothing.
    pub fn compile(
        &self,
        expr: &Expr,
        extra: &[Expr],
        opts: &FlowOptions,
    ) -> Result<Vec<MatchFlow>, CompileError> {
        let annotator = Annotator {
            symtab: self.symtab,
            lookup: self.lookup,
        };
        let mut parts = vec![annotator.annotate(expr)?];
        for e in extra {
            parts.push(annotator.annotate(e)?);
        }
        let b = if parts.len() == 1 {
            parts.remove(0)
        } else {
            BExpr::And(parts)
        };
        to_flows(dnf(&b)?, opts)
    }

    /// [`compile`](Self::compile) from the text of the `match` column.
    pub fn compile_str(
        &self,
        text: &str,
        opts: &FlowOptions,
    ) -> Result<Vec<MatchFlow>, CompileError> {
        self.compile(&parse_match(text)?, &[], opts)
    }
}
