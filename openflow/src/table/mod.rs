//! Desired-vs-installed flow tables: [`diff`] turns the flows we want and the flows the
//! switch has into the fewest flow_mods that make the switch match; [`FlowTable`] keeps
//! what is installed keyed, so the next change costs a lookup per changed flow.
//!
//! Identity is OpenFlow's strict identity: (table, priority, match), as a typed
//! [`FlowKey`] whose match is canonical (see [`key`]): it absorbs the encoding
//! differences a switch introduces when it reports flows back (field order, NXM vs OXM
//! headers, tun_metadata widths after a TLV mapping) exactly as the ovs-ofctl text does,
//! without printing anything. For a flow present on both sides: only the instructions
//! differ → MODIFY_STRICT (keeps counters); cookie, timeouts, flags or importance differ
//! → ADD (replaces the flow). Instructions are compared typed; only when they differ
//! typed are they compared in canonical text, which tells an encoding difference (an
//! installed flow as the switch reported it) from a real change. Deletes come first so a
//! batch never transiently holds two flows for one identity.

pub mod key;

pub use key::{FlowKey, MatchKey};

use crate::text::{format_instructions, Flow};
use crate::wire::msg::{FlowMod, FlowModCommand};
use std::collections::{HashMap, HashSet};

fn same_attrs(a: &Flow, b: &Flow) -> bool {
    a.cookie == b.cookie
        && a.idle_timeout == b.idle_timeout
        && a.hard_timeout == b.hard_timeout
        && a.flags == b.flags
        && a.importance == b.importance
}

/// The flow_mod that turns `have` (the installed flow with `want`'s identity, if any)
/// into `want`; `None` when nothing needs to change.
fn change(want: &Flow, have: Option<&Flow>) -> Option<FlowMod> {
    match have {
        None => Some(want.to_flow_mod(FlowModCommand::Add)),
        Some(h) if !same_attrs(want, h) => Some(want.to_flow_mod(FlowModCommand::Add)),
        Some(h)
            if h.instructions != want.instructions
                && format_instructions(&h.instructions)
                    != format_instructions(&want.instructions) =>
        {
            Some(want.to_flow_mod(FlowModCommand::ModifyStrict))
        }
        Some(_) => None,
    }
}

fn delete(installed: &Flow) -> FlowMod {
    let mut m = installed.to_flow_mod(FlowModCommand::DeleteStrict);
    m.instructions.clear();
    m
}

/// The flow_mods that turn `installed` into `desired`.
pub fn diff(desired: &[Flow], installed: &[Flow]) -> Vec<FlowMod> {
    let want_keys: Vec<FlowKey> = desired.iter().map(FlowKey::of).collect();
    let have_keys: Vec<FlowKey> = installed.iter().map(FlowKey::of).collect();
    let want: HashSet<&FlowKey> = want_keys.iter().collect();
    let have: HashMap<&FlowKey, &Flow> = have_keys.iter().zip(installed).collect();
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for (k, f) in have_keys.iter().zip(installed) {
        if !want.contains(k) && seen.insert(k) {
            out.push(delete(f));
        }
    }
    for (k, f) in want_keys.iter().zip(desired) {
        out.extend(change(f, have.get(k).copied()));
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

/// The flows we believe are installed, keyed by identity and kept current as flow_mods
/// succeed, so each sync costs a diff instead of a dump. Re-seed with
/// [`FlowTable::reset`] from a flow-stats dump after a reconnect.
///
/// Two ways to plan: [`FlowTable::plan`] against a full desired set (one key per
/// desired flow, no printing), or [`FlowTable::plan_changes`] when the caller knows what
/// changed (cost proportional to the change). Record success with
/// [`FlowTable::commit`] / [`FlowTable::commit_changes`], or with [`FlowTable::apply`]
/// of the planned flow_mods (also proportional to the change).
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

    /// The installed flow with identity `key`, if any.
    pub fn get(&self, key: &FlowKey) -> Option<&Flow> {
        self.installed.get(key)
    }

    /// Every flow believed installed, in no particular order.
    pub fn flows(&self) -> impl Iterator<Item = &Flow> {
        self.installed.values()
    }

    /// The flow_mods that bring the switch to `desired` (apply them, then call
    /// [`FlowTable::commit`] or [`FlowTable::apply`]).
    pub fn plan(&self, desired: &[Flow]) -> Vec<FlowMod> {
        let want_keys: Vec<FlowKey> = desired.iter().map(FlowKey::of).collect();
        let want: HashSet<&FlowKey> = want_keys.iter().collect();
        let mut out: Vec<FlowMod> = self
            .installed
            .iter()
            .filter(|(k, _)| !want.contains(k))
            .map(|(_, f)| delete(f))
            .collect();
        for (k, f) in want_keys.iter().zip(desired) {
            out.extend(change(f, self.installed.get(k)));
        }
        out
    }

    /// The flow_mods that bring the switch from what is installed to what is installed
    /// without `removed` (matched by identity) and with `added` (new flows, or new
    /// versions of installed ones). Equal to [`FlowTable::plan`] of that set, at a cost
    /// proportional to `added.len() + removed.len()`.
    pub fn plan_changes(&self, added: &[Flow], removed: &[Flow]) -> Vec<FlowMod> {
        let add_keys: Vec<FlowKey> = added.iter().map(FlowKey::of).collect();
        let adding: HashSet<&FlowKey> = add_keys.iter().collect();
        let mut out = Vec::new();
        let mut seen = HashSet::new();
        for r in removed {
            let k = FlowKey::of(r);
            if adding.contains(&k) {
                continue;
            }
            if let Some(f) = self.installed.get(&k) {
                if seen.insert(k) {
                    out.push(delete(f));
                }
            }
        }
        for (k, f) in add_keys.iter().zip(added) {
            out.extend(change(f, self.installed.get(k)));
        }
        out
    }

    /// Records that `desired` is now installed (after the plan's bundle succeeded).
    pub fn commit(&mut self, desired: &[Flow]) {
        self.reset(desired);
    }

    /// Records that the changes [`FlowTable::plan_changes`] planned are installed.
    pub fn commit_changes(&mut self, added: &[Flow], removed: &[Flow]) {
        for r in removed {
            self.installed.remove(&FlowKey::of(r));
        }
        for f in added {
            self.installed.insert(FlowKey::of(f), f.clone());
        }
    }

    /// Records that the switch accepted `mods`, flow_mods this table planned
    /// (`ADD`, `MODIFY_STRICT`, `DELETE_STRICT`). Returns false, changing nothing, if
    /// any other command is present: its effect cannot be known without a dump.
    pub fn apply(&mut self, mods: &[FlowMod]) -> bool {
        use FlowModCommand::*;
        if mods
            .iter()
            .any(|m| !matches!(m.command, Add | ModifyStrict | DeleteStrict))
        {
            return false;
        }
        for m in mods {
            let f = Flow::from_flow_mod(m);
            let k = FlowKey::of(&f);
            if m.command == DeleteStrict {
                self.installed.remove(&k);
            } else {
                self.installed.insert(k, f);
            }
        }
        true
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

#[cfg(test)]
mod change_tests {
    use super::*;
    use crate::text::parse_flow;

    fn flows(s: &[&str]) -> Vec<Flow> {
        s.iter().map(|x| parse_flow(x).unwrap()).collect()
    }

    fn summary(mut m: Vec<FlowMod>) -> Vec<(FlowModCommand, String)> {
        let mut v: Vec<_> = m
            .drain(..)
            .map(|m| (m.command, Flow::from_flow_mod(&m).to_dump_string()))
            .collect();
        v.sort_by(|a, b| a.1.cmp(&b.1));
        v
    }

    #[test]
    fn plan_changes_equals_full_plan_and_apply_equals_commit() {
        let installed = flows(&[
            "table=1,priority=10,ip actions=drop",
            "table=1,priority=20,tcp,tp_dst=80 actions=output:1",
            "cookie=0x1,table=2,priority=5 actions=resubmit(,3)",
            "table=3,priority=1 actions=drop",
            "table=3,priority=2,reg14=0x5 actions=drop",
        ]);
        let mut t = FlowTable::new();
        t.commit(&installed);
        let removed = flows(&[
            "table=3,priority=1 actions=drop",
            "table=9,priority=1 actions=drop", // not installed: nothing to do
            "table=3,priority=2,reg14=0x5 actions=drop", // removed and re-added below
        ]);
        let added = flows(&[
            "table=1,priority=20,tp_dst=80,tcp actions=output:2",
            "cookie=0x2,table=2,priority=5 actions=resubmit(,3)",
            "table=4,priority=1 actions=drop",
            "table=3,priority=2,reg14=0x5 actions=drop",
            "table=1,priority=10,ip actions=drop", // same as installed
        ]);
        // The same change as a full desired set.
        let mut desired: Vec<Flow> = installed
            .iter()
            .filter(|f| {
                !removed.iter().any(|r| FlowKey::of(r) == FlowKey::of(f))
                    && !added.iter().any(|a| FlowKey::of(a) == FlowKey::of(f))
            })
            .cloned()
            .collect();
        desired.extend(added.iter().cloned());
        let by_changes = t.plan_changes(&added, &removed);
        assert_eq!(summary(by_changes.clone()), summary(t.plan(&desired)));
        assert_eq!(by_changes.len(), 4, "{:?}", summary(by_changes.clone()));

        let mut a = t.clone();
        assert!(a.apply(&by_changes));
        assert!(a.plan(&desired).is_empty());
        let mut c = t.clone();
        c.commit_changes(&added, &removed);
        assert!(c.plan(&desired).is_empty());
        assert_eq!((a.len(), c.len()), (desired.len(), desired.len()));
        // Non-strict commands cannot be applied from the belief alone.
        let mut m = desired[0].to_flow_mod(FlowModCommand::Delete);
        m.instructions.clear();
        assert!(!a.apply(&[m]));
        assert_eq!(a.len(), desired.len());
    }
}
