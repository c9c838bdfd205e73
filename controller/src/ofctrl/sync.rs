//! The sans-IO heart of the installer: what is believed installed, which generation that
//! is, and the flow_mods that bring the switch to the next desired state.
//!
//! Invariants:
//! - `table` holds exactly what the switch has after the last committed bundle, or what
//!   the last dump reported after a (re)connect; nothing else updates it.
//! - A [`Plan`] is computed against `table`; only [`SyncState::committed`] moves `table`
//!   forward, so a failed or interrupted bundle leaves the belief unchanged and the next
//!   plan simply retries the same difference.
//! - A generation counts as installed when every desired flow the switch accepts is in;
//!   flows it rejected are left out (and logged by the driver), and tried again with the
//!   next generation.
//! - `installed` is the generation whose flows the switch holds (after a barrier), or
//!   `None` after a (re)connect until the first successful sync.

use super::DesiredFlows;
use openflow::table::{FlowKey, FlowTable};
use openflow::text::Flow;
use openflow::wire::msg::FlowMod;
use std::collections::HashSet;
use std::sync::Arc;

/// The flow_mods for one sync.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The generation these flow_mods install.
    pub generation: u64,
    /// The changes; empty when the switch already matches.
    pub mods: Vec<FlowMod>,
    desired: Arc<DesiredFlows>,
    /// Desired flows left out because the switch rejected them.
    excluded: HashSet<FlowKey>,
}

impl Plan {
    /// Desired flows this plan leaves out (rejected by the switch earlier).
    pub fn excluded(&self) -> &HashSet<FlowKey> {
        &self.excluded
    }

    fn flows(&self) -> Vec<Flow> {
        self.desired
            .flows
            .iter()
            .filter(|f| !self.excluded.contains(&FlowKey::of(f)))
            .cloned()
            .collect()
    }
}

/// Installer state between I/O steps.
#[derive(Debug, Default)]
pub struct SyncState {
    table: FlowTable,
    installed: Option<u64>,
}

impl SyncState {
    /// A state with nothing known about the switch.
    pub fn new() -> Self {
        Self::default()
    }

    /// After a (re)connect: the switch reported `flows`; the generation is unknown.
    pub fn reset(&mut self, flows: &[Flow]) {
        self.table.reset(flows);
        self.installed = None;
    }

    /// The generation the switch holds, if known.
    pub fn installed(&self) -> Option<u64> {
        self.installed
    }

    /// Number of flows believed installed.
    pub fn len(&self) -> usize {
        self.table.len()
    }

    /// True when no flows are believed installed.
    pub fn is_empty(&self) -> bool {
        self.table.is_empty()
    }

    /// What it takes to install `desired`; `None` when that generation is already in.
    pub fn plan(&self, desired: &Arc<DesiredFlows>) -> Option<Plan> {
        if self.installed == Some(desired.generation) {
            return None;
        }
        Some(Plan {
            generation: desired.generation,
            mods: self.table.plan(&desired.flows),
            desired: desired.clone(),
            excluded: HashSet::new(),
        })
    }

    /// `plan` again, leaving out the desired flows with identities in `rejected` (the
    /// switch refused them), so one bad flow does not hold back all the others. A flow
    /// left out that is installed (an older version) is removed.
    pub fn replan_without(&self, plan: &Plan, rejected: &HashSet<FlowKey>) -> Plan {
        let mut excluded = plan.excluded.clone();
        excluded.extend(rejected.iter().cloned());
        let mut p = Plan {
            generation: plan.generation,
            mods: Vec::new(),
            desired: plan.desired.clone(),
            excluded,
        };
        p.mods = self.table.plan(&p.flows());
        p
    }

    /// `plan` was applied and confirmed by the switch.
    pub fn committed(&mut self, plan: &Plan) {
        // After the first sync of a session the belief is what we committed, so the
        // plan's flow_mods are the whole change: recording them costs the change, not
        // the table. The first sync after a (re)connect records the desired flows
        // themselves, replacing the dump's encodings with ours (later plans then
        // compare instructions typed, without printing).
        if self.installed.is_some() && self.table.apply(&plan.mods) {
            self.installed = Some(plan.generation);
            return;
        }
        if plan.excluded.is_empty() {
            self.table.commit(&plan.desired.flows);
        } else {
            self.table.commit(&plan.flows());
        }
        self.installed = Some(plan.generation);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use openflow::text::parse_flow;
    use openflow::wire::msg::FlowModCommand;

    fn desired(generation: u64, flows: &[&str]) -> Arc<DesiredFlows> {
        Arc::new(DesiredFlows {
            generation,
            flows: flows.iter().map(|f| parse_flow(f).unwrap()).collect(),
        })
    }

    #[test]
    fn transcript() {
        let mut s = SyncState::new();
        // Connected: the switch has one flow we want and one stale flow.
        s.reset(&[
            parse_flow("table=0,priority=0 actions=drop").unwrap(),
            parse_flow("table=9,priority=1 actions=drop").unwrap(),
        ]);
        assert_eq!(s.installed(), None);
        let d1 = desired(
            1,
            &[
                "table=0,priority=0 actions=drop",
                "table=40,priority=0 actions=drop",
            ],
        );
        let p = s.plan(&d1).unwrap();
        let cmds: Vec<_> = p.mods.iter().map(|m| (m.command, m.table_id)).collect();
        assert_eq!(
            cmds,
            vec![(FlowModCommand::DeleteStrict, 9), (FlowModCommand::Add, 40)]
        );
        // Not committed (bundle failed): the next plan is the same.
        assert_eq!(s.plan(&d1).unwrap().mods.len(), 2);
        s.committed(&p);
        assert_eq!(s.installed(), Some(1));
        assert!(s.plan(&d1).is_none(), "generation already installed");
        // A new generation with one change costs one flow_mod.
        let d2 = desired(
            2,
            &[
                "table=0,priority=0 actions=drop",
                "table=40,priority=0 actions=resubmit(,41)",
            ],
        );
        let p2 = s.plan(&d2).unwrap();
        assert_eq!(p2.mods.len(), 1);
        assert_eq!(p2.mods[0].command, FlowModCommand::ModifyStrict);
        s.committed(&p2);
        // Same flows, new generation: nothing to send, but it still gets reported.
        let d3 = desired(
            3,
            &[
                "table=0,priority=0 actions=drop",
                "table=40,priority=0 actions=resubmit(,41)",
            ],
        );
        let p3 = s.plan(&d3).unwrap();
        assert!(p3.mods.is_empty());
        s.committed(&p3);
        assert_eq!(s.installed(), Some(3));
        // The switch rejects one flow of generation 4: the rest goes in without it.
        let d4 = desired(
            4,
            &[
                "table=0,priority=0 actions=drop",
                "table=40,priority=0 actions=resubmit(,41)",
                "table=41,priority=0 actions=group:7",
                "table=42,priority=0 actions=drop",
            ],
        );
        let p4 = s.plan(&d4).unwrap();
        assert_eq!(p4.mods.len(), 2);
        let bad: HashSet<FlowKey> = [FlowKey::of(&d4.flows[2])].into();
        let p4b = s.replan_without(&p4, &bad);
        assert_eq!(p4b.mods.len(), 1);
        assert_eq!(p4b.mods[0].table_id, 42);
        s.committed(&p4b);
        assert_eq!(s.installed(), Some(4));
        assert_eq!(s.len(), 3);
        // The next generation tries it again.
        let d5 = Arc::new(DesiredFlows {
            generation: 5,
            flows: d4.flows.clone(),
        });
        assert_eq!(s.plan(&d5).unwrap().mods.len(), 1);
        // Reconnect: generation unknown again, the plan is against the dump.
        s.reset(&[]);
        assert_eq!(s.installed(), None);
        assert_eq!(s.plan(&d3).unwrap().mods.len(), 2);
    }
}
