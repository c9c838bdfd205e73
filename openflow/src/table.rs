//! Desired-vs-installed flow tables: [`diff`] turns the flows we want and the flows the
//! switch has into the fewest flow_mods that make the switch match.
//!
//! Identity is OpenFlow's strict identity: (table, priority, match). Matches and
//! instructions are compared in their canonical ovs-ofctl text, which absorbs the
//! encoding differences a switch introduces when it reports flows back (field order,
//! NXM vs OXM headers, tun_metadata widths after a TLV mapping). For a flow present on
//! both sides: only the instructions differ → MODIFY_STRICT (keeps counters); cookie,
//! timeouts, flags or importance differ → ADD (replaces the flow). Deletes come first so
//! a batch never transiently holds two flows for one identity.

use crate::text::{format_instructions, format_match, Flow};
use crate::wire::msg::{FlowMod, FlowModCommand};
use std::collections::{HashMap, HashSet};

/// Strict flow identity.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FlowKey {
    /// Table.
    pub table_id: u8,
    /// Priority.
    pub priority: u16,
    /// The match in canonical ovs-ofctl text.
    pub matching: String,
}

impl FlowKey {
    /// Identity of `f`.
    pub fn of(f: &Flow) -> FlowKey {
        FlowKey {
            table_id: f.table_id,
            priority: f.priority,
            matching: format_match(&f.matching, None),
        }
    }
}

fn same_attrs(a: &Flow, b: &Flow) -> bool {
    a.cookie == b.cookie
        && a.idle_timeout == b.idle_timeout
        && a.hard_timeout == b.hard_timeout
        && a.flags == b.flags
        && a.importance == b.importance
}

/// The flow_mods that turn `installed` into `desired`.
pub fn diff(desired: &[Flow], installed: &[Flow]) -> Vec<FlowMod> {
    let want_keys: Vec<FlowKey> = desired.iter().map(FlowKey::of).collect();
    let have_keys: Vec<FlowKey> = installed.iter().map(FlowKey::of).collect();
    let want: HashMap<&FlowKey, &Flow> = want_keys.iter().zip(desired).collect();
    let have: HashMap<&FlowKey, &Flow> = have_keys.iter().zip(installed).collect();
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for (k, f) in have_keys.iter().zip(installed) {
        if !want.contains_key(k) && seen.insert(k) {
            let mut m = f.to_flow_mod(FlowModCommand::DeleteStrict);
            m.instructions.clear();
            out.push(m);
        }
    }
    for (k, f) in want_keys.iter().zip(desired) {
        match have.get(k) {
            None => out.push(f.to_flow_mod(FlowModCommand::Add)),
            Some(h) if !same_attrs(f, h) => out.push(f.to_flow_mod(FlowModCommand::Add)),
            Some(h)
                if h.instructions != f.instructions
                    && format_instructions(&h.instructions)
                        != format_instructions(&f.instructions) =>
            {
                out.push(f.to_flow_mod(FlowModCommand::ModifyStrict))
            }
            Some(_) => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::parse_flow;

    fn flows(s: &[&str]) -> Vec<Flow> {
        s.iter().map(|x| parse_flow(x).unwrap()).collect()
    }

    fn cmds(m: &[FlowMod]) -> Vec<(FlowModCommand, String)> {
        m.iter()
            .map(|m| (m.command, Flow::from_flow_mod(m).to_dump_string()))
            .collect()
    }

    #[test]
    fn minimal_changes() {
        let installed = flows(&[
            "table=1,priority=10,ip actions=drop",
            "table=1,priority=20,tcp,tp_dst=80 actions=output:1",
            "cookie=0x1,table=2,priority=5 actions=resubmit(,3)",
            "table=3,priority=1 actions=drop",
        ]);
        let desired = flows(&[
            "table=1,priority=10,ip actions=drop", // unchanged
            "table=1,priority=20,tp_dst=80,tcp actions=output:2", // actions changed, fields reordered
            "cookie=0x2,table=2,priority=5 actions=resubmit(,3)", // cookie changed
            "table=4,priority=1 actions=drop",                    // new
        ]);
        let d = diff(&desired, &installed);
        assert_eq!(
            cmds(&d),
            vec![
                (
                    FlowModCommand::DeleteStrict,
                    "cookie=0x0, table=3, priority=1 actions=drop".into()
                ),
                (
                    FlowModCommand::ModifyStrict,
                    "cookie=0x0, table=1, priority=20,tcp,tp_dst=80 actions=output:2".into()
                ),
                (
                    FlowModCommand::Add,
                    "cookie=0x2, table=2, priority=5 actions=resubmit(,3)".into()
                ),
                (
                    FlowModCommand::Add,
                    "cookie=0x0, table=4, priority=1 actions=drop".into()
                ),
            ]
        );
        // Applying the diff's outcome leaves nothing to do.
        assert!(diff(&desired, &desired).is_empty());
    }
}

/// The flows we believe are installed, kept current as flow_mods succeed, so each sync
/// costs a diff instead of a dump. Re-seed with [`FlowTable::reset`] from a flow-stats
/// dump after a reconnect.
#[derive(Debug, Default, Clone)]
pub struct FlowTable {
    installed: HashMap<FlowKey, Flow>,
}

impl FlowTable {
    /// An empty table (a switch with no flows).
    pub fn new() -> Self {
        Self::default()
    }

    /// Replaces our belief with what the switch reported.
    pub fn reset(&mut self, installed: &[Flow]) {
        self.installed = installed
            .iter()
            .map(|f| (FlowKey::of(f), f.clone()))
            .collect();
    }

    /// Number of flows believed installed.
    pub fn len(&self) -> usize {
        self.installed.len()
    }

    /// True when no flows are believed installed.
    pub fn is_empty(&self) -> bool {
        self.installed.is_empty()
    }

    /// The flow_mods that bring the switch to `desired` (apply them, then call
    /// [`FlowTable::commit`]).
    pub fn plan(&self, desired: &[Flow]) -> Vec<FlowMod> {
        let installed: Vec<Flow> = self.installed.values().cloned().collect();
        diff(desired, &installed)
    }

    /// Records that `desired` is now installed (after the plan's bundle succeeded).
    pub fn commit(&mut self, desired: &[Flow]) {
        self.reset(desired);
    }
}

#[cfg(test)]
mod table_tests {
    use super::*;
    use crate::text::parse_flow;

    #[test]
    fn plan_then_commit_then_nothing_to_do() {
        let mut t = FlowTable::new();
        let want: Vec<Flow> = [
            "table=1,priority=5,ip actions=drop",
            "table=2,priority=1 actions=resubmit(,3)",
        ]
        .iter()
        .map(|s| parse_flow(s).unwrap())
        .collect();
        assert_eq!(t.plan(&want).len(), 2);
        t.commit(&want);
        assert!(t.plan(&want).is_empty());
        assert_eq!(t.plan(&want[..1]).len(), 1, "one delete");
    }
}
