//! Engine node `sb_index`: what the SB already holds, indexed the way `sb_sync` looks
//! things up — datapaths by NB switch, logical flows by [`FlowKey`].
//!
//! Invariants: `flows[k]` lists every SB `Logical_Flow` row whose datapath maps to a
//! switch and whose (pipeline, table) is a known stage, with key `k`; every other flow
//! row (datapath groups, unknown datapaths or stages) is in `foreign`; `by_uuid` maps
//! every indexed row to where it is. Flow keys touched by SB changes are collected in
//! `touched`, so `sb_sync` re-checks exactly those (someone else deleted a flow we want,
//! or inserted one we do not).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use ovsdb::idl::{Replica, TrackedChanges};
use ovsdb::typed::{self, sb as t, TypedRow};
use uuid::Uuid;

use super::lflow::FlowKey;
use crate::pipeline::{Pipeline, Stage};

#[derive(Debug, Default)]
pub struct SbIndex {
    /// NB switch → (SB Datapath_Binding uuid, tunnel key).
    pub dp_by_switch: HashMap<Uuid, (Uuid, u32)>,
    switch_by_dp: HashMap<Uuid, Uuid>,
    pub flows: HashMap<Arc<FlowKey>, Vec<Uuid>>,
    pub foreign: HashSet<Uuid>,
    by_uuid: HashMap<Uuid, Option<Arc<FlowKey>>>,
    stages: HashMap<(Pipeline, u8), Stage>,
    touched: HashSet<Arc<FlowKey>>,
}

fn pipeline_of(p: &t::LogicalFlowPipeline) -> Option<Pipeline> {
    match p {
        t::LogicalFlowPipeline::Ingress => Some(Pipeline::Ingress),
        t::LogicalFlowPipeline::Egress => Some(Pipeline::Egress),
        _ => None,
    }
}

impl SbIndex {
    pub fn new() -> SbIndex {
        SbIndex {
            stages: Stage::ALL
                .iter()
                .map(|s| ((s.pipeline(), s.table()), *s))
                .collect(),
            ..Default::default()
        }
    }

    /// Keys that SB changes touched since the last call.
    pub fn take_touched(&mut self) -> HashSet<Arc<FlowKey>> {
        std::mem::take(&mut self.touched)
    }

    fn rebuild_datapaths(&mut self, replica: &Replica) {
        self.dp_by_switch.clear();
        self.switch_by_dp.clear();
        let mut rows: Vec<t::DatapathBinding> = typed::rows::<t::DatapathBinding>(replica)
            .flatten()
            .collect();
        rows.sort_by_key(|r| r.uuid);
        for r in rows {
            let Some(ls) = r
                .external_ids
                .get("logical-switch")
                .and_then(|s| Uuid::parse_str(s).ok())
            else {
                continue;
            };
            if self.dp_by_switch.contains_key(&ls) {
                continue; // a duplicate: sb_sync deletes it
            }
            self.dp_by_switch
                .insert(ls, (r.uuid, u32::try_from(r.tunnel_key).unwrap_or(0)));
            self.switch_by_dp.insert(r.uuid, ls);
        }
    }

    fn key_of(&self, f: &t::LogicalFlow) -> Option<FlowKey> {
        let dp = f.logical_datapath?;
        if f.logical_dp_group.is_some() {
            return None;
        }
        let switch = *self.switch_by_dp.get(&dp)?;
        let stage = *self
            .stages
            .get(&(pipeline_of(&f.pipeline)?, u8::try_from(f.table_id).ok()?))?;
        Some(FlowKey {
            switch,
            stage,
            priority: u16::try_from(f.priority).ok()?,
            match_: f.match_.clone(),
            actions: f.actions.clone(),
        })
    }

    fn add_flow(&mut self, f: &t::LogicalFlow) {
        let k = self.key_of(f).map(|k| match self.flows.get_key_value(&k) {
            Some((shared, _)) => shared.clone(),
            None => Arc::new(k),
        });
        match &k {
            Some(k) => {
                self.flows.entry(k.clone()).or_default().push(f.uuid);
                self.touched.insert(k.clone());
            }
            None => {
                self.foreign.insert(f.uuid);
            }
        }
        self.by_uuid.insert(f.uuid, k);
    }

    fn remove_flow(&mut self, uuid: &Uuid) {
        match self.by_uuid.remove(uuid) {
            Some(Some(k)) => {
                if let Some(v) = self.flows.get_mut(&k) {
                    v.retain(|u| u != uuid);
                    if v.is_empty() {
                        self.flows.remove(&k);
                    }
                }
                self.touched.insert(k);
            }
            Some(None) => {
                self.foreign.remove(uuid);
            }
            None => {}
        }
    }

    /// Re-reads everything.
    pub fn rebuild(&mut self, replica: &Replica) {
        let _s = tracing::debug_span!("node", name = "sb_index", mode = "recompute").entered();
        self.rebuild_datapaths(replica);
        self.flows.clear();
        self.foreign.clear();
        self.by_uuid.clear();
        for f in typed::rows::<t::LogicalFlow>(replica).flatten() {
            self.add_flow(&f);
        }
        self.touched.clear();
    }

    /// Applies tracked SB changes; returns false when they cannot be applied
    /// incrementally (datapaths changed under flows we index) and a rebuild is needed.
    pub fn apply(&mut self, replica: &Replica, changes: &TrackedChanges) -> bool {
        let _s = tracing::debug_span!("node", name = "sb_index", mode = "incremental").entered();
        if let Some(c) = changes.table(t::DatapathBinding::TABLE) {
            let before: BTreeMap<Uuid, Uuid> =
                self.switch_by_dp.iter().map(|(a, b)| (*a, *b)).collect();
            self.rebuild_datapaths(replica);
            let after: BTreeMap<Uuid, Uuid> =
                self.switch_by_dp.iter().map(|(a, b)| (*a, *b)).collect();
            // A datapath that changed its switch, or vanished while flows name it,
            // invalidates the index.
            let remapped = before
                .iter()
                .any(|(dp, ls)| after.get(dp).is_some_and(|n| n != ls));
            if remapped || !c.modified.is_empty() && before != after {
                return false;
            }
        }
        if let Some(c) = changes.table(t::LogicalFlow::TABLE) {
            for u in c.deleted.keys() {
                self.remove_flow(u);
            }
            for u in c.modified.keys() {
                self.remove_flow(u);
            }
            for u in c.inserted.iter().chain(c.modified.keys()) {
                if let Some(Ok(f)) = typed::get::<t::LogicalFlow>(replica, u) {
                    self.add_flow(&f);
                }
            }
        }
        true
    }
}
