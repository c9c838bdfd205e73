//! The incremental engine: named nodes, one file each, wired to the IDL inputs in
//! `inputs.rs`.
//!
//! ```text
//!  NB IDL changes ─► nb_input ─► ipam ─► lflow ─┐
//!                                               ├─► sb_sync ─► one SB transaction
//!  SB IDL changes ─► sb_index ──────────────────┘
//!  both replicas ──► feedback ─► NB transaction (sb_cfg, hv_cfg, up, IPAM write-back)
//! ```
//!
//! Sans-IO: the daemon feeds tracked changes (`handle_nb`, `handle_sb`), calls `run`
//! with a transaction to fill, sends it, and on failure calls `request_recompute`. A
//! recompute rebuilds every node from the replicas and compares everything with the
//! SB; an incremental run touches only what the inputs named. Either way the SB
//! transaction holds only the difference. Each node runs in a tracing span named after
//! it.
//!
//! Invariant: outside `run`, `lflow` holds exactly the flows of the `nb_input` snapshot
//! minus the work still pending, and `sb_index` mirrors the SB replica.

mod feedback;
mod inputs;
mod ipam;
mod lflow;
mod nb_input;
mod sb_index;
mod sb_sync;

use std::collections::HashSet;

use ovsdb::idl::{IdlError, IdlTxn, Replica};

pub use feedback::{compute as compute_feedback, write_nb, Feedback};
pub use ipam::NbWrites;
pub use lflow::{FlowKey, LflowDirty, LflowStats};
pub use sb_sync::{SyncStats, Written};

use crate::nb::NbSnapshot;

#[derive(Debug, Default, Clone)]
struct Pending {
    any: bool,
    lflow: LflowDirty,
    tables: bool,
    sb_keys: HashSet<std::sync::Arc<lflow::FlowKey>>,
    ipam: bool,
    options: bool,
    feedback: bool,
}

/// What one run did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct RunReport {
    pub recompute: bool,
    pub lflow: LflowStats,
    pub sync: SyncStats,
    /// Distinct logical flows wanted after the run.
    pub flows: usize,
}

/// The result of [`Engine::run`].
#[derive(Debug, Default)]
pub struct RunOutput {
    pub report: RunReport,
    pub written: Written,
    /// IPAM and generated options to write back to the NB.
    pub nb_writes: NbWrites,
    /// Whether feedback (`sb_cfg`, `hv_cfg`, `up`) should be recomputed after the SB
    /// transaction, and whether that includes ports.
    pub feedback: bool,
    pub feedback_ports: bool,
}

pub struct Engine {
    nb: nb_input::NbInput,
    index: sb_index::SbIndex,
    lflows: lflow::LflowNode,
    full: bool,
    pending: Pending,
}

impl Default for Engine {
    fn default() -> Self {
        Engine::new()
    }
}

impl Engine {
    /// A new engine; its first run is a recompute.
    pub fn new() -> Engine {
        Engine {
            nb: Default::default(),
            index: sb_index::SbIndex::new(),
            lflows: Default::default(),
            full: true,
            pending: Pending::default(),
        }
    }
    /// Makes the next run a recompute (after a reconnect, a failed transaction, or on
    /// becoming active).
    pub fn request_recompute(&mut self) {
        self.full = true;
    }
    /// True when a run would have something to do.
    pub fn has_work(&self) -> bool {
        self.full || self.pending.any
    }
    /// The NB views the engine compiles.
    pub fn snapshot(&self) -> &NbSnapshot {
        &self.nb.snapshot
    }
    /// `NB_Global.nb_cfg` as last seen.
    pub fn nb_cfg(&self) -> i64 {
        self.nb.nb_cfg
    }
    /// Distinct logical flows currently wanted.
    pub fn flow_count(&self) -> usize {
        self.lflows.len()
    }
    /// Every wanted flow, sorted (for comparing an incremental engine with a fresh one).
    pub fn wanted_flows(&self) -> Vec<FlowKey> {
        let mut v: Vec<FlowKey> = self.lflows.keys().map(|k| FlowKey::clone(k)).collect();
        v.sort();
        v
    }

    /// Runs every node with pending work and writes the SB difference into `txn`.
    pub fn run(
        &mut self,
        nb: &Replica,
        sb: &Replica,
        txn: &mut IdlTxn<'_>,
    ) -> Result<RunOutput, IdlError> {
        let full = std::mem::take(&mut self.full);
        let p = std::mem::take(&mut self.pending);
        let span = tracing::info_span!("engine_run", recompute = full);
        let _g = span.enter();
        let mut out = RunOutput::default();
        let mut dirty = p.lflow.clone();
        if full {
            self.nb.rebuild(nb);
            self.index.rebuild(sb);
            dirty.all = true;
        }
        if full || p.options || p.ipam {
            ipam::generate_options(&mut self.nb.snapshot, &mut out.nb_writes);
        }
        if full || p.ipam {
            let changed = ipam::run(&mut self.nb.snapshot, &mut out.nb_writes);
            dirty.ports.extend(changed);
        }
        out.report.lflow = self.lflows.run(&self.nb.snapshot, &dirty);
        let mut keys = self.lflows.take_changed();
        keys.extend(p.sb_keys);
        keys.extend(self.index.take_touched());
        let input = sb_sync::SyncInput {
            nb: &self.nb.snapshot,
            nb_cfg: self.nb.nb_cfg,
            lflows: &self.lflows,
            index: &self.index,
            replica: sb,
            tables: full || p.tables || !out.nb_writes.is_empty(),
            all_flows: full,
            keys: &keys,
        };
        let (stats, written) = sb_sync::sync(&input, txn)?;
        out.report.recompute = full;
        out.report.sync = stats;
        out.report.flows = self.lflows.len();
        out.written = written;
        out.feedback = full || p.feedback || p.any;
        out.feedback_ports = full || p.feedback;
        Ok(out)
    }
}
