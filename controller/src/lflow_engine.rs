//! The logical-flow engine: keeps the OpenFlow flows of every `Logical_Flow` of the local
//! datapaths, compiled with a [`CompileLflow`] (enc's `FlowCompiler` in the daemon), and
//! updates them incrementally from the IDL's tracked changes.
//!
//! Incremental rules (anything else asks for a full recompute, which is always correct):
//! - `Logical_Flow` inserted / modified → compile that flow again; deleted → drop it;
//! - `Address_Set` / `Port_Group` changed → compile again the flows whose match names it
//!   (`$name` / `@name`);
//! - changes to bindings, datapaths, multicast groups, datapath groups, chassis or the
//!   set of local datapaths → full recompute.
//!
//! Invariants: `compiled` holds exactly the logical flows with at least one local
//! datapath, each with its result per local datapath; a flow that cannot be compiled is
//! kept with its skip reason (for `dump-flows`) and produces nothing; every flow that
//! leaves `compiled` is released from the compiler (its conjunction ids are reused).

use std::collections::{BTreeMap, BTreeSet};

use openflow::text::Flow;
use ovsdb::idl::{Replica, TrackedChanges};
use ovsdb::typed::sb::{LogicalFlow, LogicalFlowPipeline};
use ovsdb::typed::{get, rows};
use uuid::Uuid;

use crate::lflow::logical_fields::Pipeline;
use crate::lflow::{Lookup, SkipReason};
use crate::sb::SbSnapshot;
use crate::sb_view::{LookupIndex, SbLookup};

/// One logical flow on one datapath, as the compiler sees it.
#[derive(Debug, Clone, Copy)]
pub struct LflowInput<'a> {
    pub uuid: Uuid,
    pub pipeline: Pipeline,
    pub table_id: u8,
    pub priority: u16,
    pub match_: &'a str,
    pub actions: &'a str,
    pub datapath_key: u32,
}

/// Compiles logical flows to OpenFlow.
pub trait CompileLflow {
    /// The flows for one logical flow on one datapath (`Ok(vec![])`: false here).
    fn compile(
        &mut self,
        lf: &LflowInput<'_>,
        lookup: &dyn Lookup,
    ) -> Result<Vec<Flow>, SkipReason>;
    /// Forgets what was allocated for a logical flow that is gone.
    fn release(&mut self, uuid: Uuid);
}

/// What one logical flow produced, per local datapath key.
#[derive(Debug, Clone)]
pub struct Compiled {
    pub stage: String,
    pub pipeline: &'static str,
    pub table_id: u8,
    pub priority: u16,
    pub match_: String,
    pub actions: String,
    pub per_dp: Vec<(u32, Result<Vec<Flow>, SkipReason>)>,
    /// Address sets and port groups the match names.
    refs: BTreeSet<String>,
}

/// The engine.
pub struct LflowEngine<C> {
    compiler: C,
    compiled: BTreeMap<Uuid, Compiled>,
    /// Local datapaths (row uuid → tunnel key) of the last full recompute.
    local: BTreeMap<Uuid, u32>,
    /// Full recomputes and incremental runs, for `status`.
    pub full_runs: u64,
    pub incremental_runs: u64,
}

/// Names referenced as `$name` / `@name` in a match.
pub fn references(m: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let b = m.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'$' || b[i] == b'@' {
            let start = i + 1;
            let mut j = start;
            while j < b.len()
                && (b[j].is_ascii_alphanumeric() || b[j] == b'_' || b[j] == b'.' || b[j] == b'-')
            {
                j += 1;
            }
            if j > start {
                out.insert(format!("{}{}", b[i] as char, &m[start..j]));
            }
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

impl<C: CompileLflow> LflowEngine<C> {
    pub fn new(compiler: C) -> Self {
        LflowEngine {
            compiler,
            compiled: BTreeMap::new(),
            local: BTreeMap::new(),
            full_runs: 0,
            incremental_runs: 0,
        }
    }

    pub fn compiler(&self) -> &C {
        &self.compiler
    }

    /// Every compiled logical flow.
    pub fn compiled(&self) -> &BTreeMap<Uuid, Compiled> {
        &self.compiled
    }

    /// Every OpenFlow flow of every logical flow.
    pub fn flows(&self) -> impl Iterator<Item = &Flow> + '_ {
        self.compiled
            .values()
            .flat_map(|c| c.per_dp.iter())
            .filter_map(|(_, r)| r.as_ref().ok())
            .flatten()
    }

    /// Recompiles everything for the local datapaths `local_dps`.
    pub fn full(
        &mut self,
        replica: &Replica,
        sb: &SbSnapshot,
        index: &LookupIndex,
        local_dps: &BTreeSet<Uuid>,
    ) {
        self.full_runs += 1;
        for uuid in std::mem::take(&mut self.compiled).into_keys() {
            self.compiler.release(uuid);
        }
        self.local = local_dps
            .iter()
            .filter_map(|dp| sb.datapath_key(dp).map(|k| (*dp, k)))
            .collect();
        for lf in rows::<LogicalFlow>(replica).filter_map(Result::ok) {
            self.compile_one(&lf, sb, index);
        }
    }

    /// Applies the tracked southbound changes; returns `false` when they need a full
    /// recompute instead (nothing was changed then).
    pub fn incremental(
        &mut self,
        changes: &TrackedChanges,
        replica: &Replica,
        sb: &SbSnapshot,
        index: &LookupIndex,
        local_dps: &BTreeSet<Uuid>,
    ) -> bool {
        let local_now: BTreeMap<Uuid, u32> = local_dps
            .iter()
            .filter_map(|dp| sb.datapath_key(dp).map(|k| (*dp, k)))
            .collect();
        if local_now != self.local {
            return false;
        }
        for (t, tc) in &changes.tables {
            let harmless = match t.as_str() {
                "Logical_Flow" | "Address_Set" | "Port_Group" | "SB_Global" | "Chassis_Private"
                | "Chassis" | "Encap" | "FDB" => true,
                // `up` is written by the controllers themselves and changes no flow.
                "Port_Binding" => {
                    tc.inserted.is_empty()
                        && tc.deleted.is_empty()
                        && tc
                            .modified
                            .values()
                            .all(|cols| cols.iter().all(|c| c == "up"))
                }
                _ => tc.is_empty(),
            };
            if !harmless {
                return false;
            }
        }
        self.incremental_runs += 1;
        let mut redo: BTreeSet<Uuid> = BTreeSet::new();
        if let Some(lf) = changes.table("Logical_Flow") {
            for u in lf.deleted.keys() {
                if self.compiled.remove(u).is_some() {
                    self.compiler.release(*u);
                }
            }
            redo.extend(lf.inserted.iter().copied());
            redo.extend(lf.modified.keys().copied());
        }
        let mut names = BTreeSet::new();
        for (table, sigil) in [("Address_Set", '$'), ("Port_Group", '@')] {
            let Some(tc) = changes.table(table) else {
                continue;
            };
            let schema = replica.schema().table(table);
            let name_of = |row: &ovsdb::db::Row| {
                schema
                    .and_then(|s| row.get_by_name(s, "name"))
                    .and_then(|d| d.as_scalar())
                    .and_then(|a| a.as_str())
                    .map(|n| format!("{sigil}{n}"))
            };
            let mut found = Vec::new();
            for row in tc.deleted.values() {
                found.extend(name_of(row));
            }
            for u in tc.inserted.iter().chain(tc.modified.keys()) {
                if let Some(row) = replica.row(table, u) {
                    found.extend(name_of(row));
                }
            }
            for n in found {
                // `@<key>_<group>` rows serve `@<group>` in the flows of datapath <key>.
                if let Some((k, rest)) = n[1..].split_once('_') {
                    if sigil == '@' && !k.is_empty() && k.bytes().all(|b| b.is_ascii_digit()) {
                        names.insert(format!("@{rest}"));
                    }
                }
                names.insert(n);
            }
        }
        if !names.is_empty() {
            for (u, c) in &self.compiled {
                if !c.refs.is_disjoint(&names) {
                    redo.insert(*u);
                }
            }
        }
        for u in redo {
            if self.compiled.remove(&u).is_some() {
                self.compiler.release(u);
            }
            if let Some(Ok(lf)) = get::<LogicalFlow>(replica, &u) {
                self.compile_one(&lf, sb, index);
            }
        }
        true
    }

    fn compile_one(&mut self, lf: &LogicalFlow, sb: &SbSnapshot, index: &LookupIndex) {
        let dps: Vec<Uuid> = match (lf.logical_datapath, lf.logical_dp_group) {
            (Some(dp), _) => vec![dp],
            (None, Some(g)) => sb
                .dp_groups
                .get(&g)
                .map(|g| g.datapaths.iter().copied().collect())
                .unwrap_or_default(),
            (None, None) => Vec::new(),
        };
        let local: Vec<(Uuid, u32)> = dps
            .iter()
            .filter_map(|d| self.local.get(d).map(|k| (*d, *k)))
            .collect();
        if local.is_empty() {
            return;
        }
        let pipeline = match lf.pipeline {
            LogicalFlowPipeline::Egress => Pipeline::Egress,
            _ => Pipeline::Ingress,
        };
        let (Ok(table_id), Ok(priority)) = (u8::try_from(lf.table_id), u16::try_from(lf.priority))
        else {
            return;
        };
        let mut per_dp = Vec::with_capacity(local.len());
        for (dp, key) in local {
            let lookup = SbLookup {
                sb,
                index,
                datapath: dp,
            };
            let input = LflowInput {
                uuid: lf.uuid,
                pipeline,
                table_id,
                priority,
                match_: &lf.match_,
                actions: &lf.actions,
                datapath_key: key,
            };
            per_dp.push((key, self.compiler.compile(&input, &lookup)));
        }
        self.compiled.insert(
            lf.uuid,
            Compiled {
                stage: lf
                    .external_ids
                    .get("stage-name")
                    .cloned()
                    .unwrap_or_default(),
                pipeline: pipeline.name(),
                table_id,
                priority,
                match_: lf.match_.clone(),
                actions: lf.actions.clone(),
                per_dp,
                refs: references(&lf.match_),
            },
        );
    }
}

impl CompileLflow for crate::lflow::flow_compiler::FlowCompiler {
    fn compile(
        &mut self,
        lf: &LflowInput<'_>,
        lookup: &dyn Lookup,
    ) -> Result<Vec<Flow>, SkipReason> {
        let row = crate::lflow::flow_compiler::LogicalFlowRow {
            uuid: lf.uuid,
            pipeline: lf.pipeline,
            table_id: lf.table_id,
            priority: lf.priority,
            match_: lf.match_,
            actions: lf.actions,
            datapath_key: lf.datapath_key,
        };
        crate::lflow::flow_compiler::FlowCompiler::compile(self, &row, lookup)
    }

    fn release(&mut self, uuid: Uuid) {
        crate::lflow::flow_compiler::FlowCompiler::release(self, uuid)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_address_set_and_port_group_references() {
        let r = references("outport == @pg1 && ip4.src == $pg1_ip4 && ip4.dst != $as-b.x");
        assert_eq!(
            r,
            BTreeSet::from(["@pg1".to_string(), "$pg1_ip4".into(), "$as-b.x".into()])
        );
        assert!(references("ip4 && tcp.dst == 80").is_empty());
    }
}
