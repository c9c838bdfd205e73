//! Engine node `lflow`: every logical flow, kept per (switch, [`Origin`]), with identical
//! flows reference-counted, so that the SB holds one row per distinct flow for as long
//! as at least one NB object wants it.
//!
//! Incremental rules (anything else is a full switch recompute):
//! - a changed port recomputes `Origin::Port` on its old and new switch;
//! - a changed ACL recomputes `Origin::Acl` on every switch it applied to and applies to;
//! - before either, the switch facts (has ACLs, stateful, has `unknown`, the set of ACLs
//!   that apply) of every touched switch are compared with the cached ones; when they
//!   differ the whole switch is recomputed, because fixed flows and ACL flows depend
//!   on them.
//!
//! Invariants: `refs[k]` is the number of entries of `flows` holding a flow with SB key
//! `k` (entries hold each key at most once); `changed` collects every key whose count
//! went from 0 to positive or back since the last `take_changed`.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use uuid::Uuid;

use crate::lflow::{self, LogicalFlow, Origin, PortGroupIndex, SwitchContext};
use crate::nb::NbSnapshot;
use crate::pipeline::Stage;

/// A flow as the SB identifies it: everything but its origin.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FlowKey {
    pub switch: Uuid,
    pub stage: Stage,
    pub priority: u16,
    pub match_: String,
    pub actions: String,
}

impl FlowKey {
    pub fn of(f: &LogicalFlow) -> FlowKey {
        FlowKey {
            switch: f.datapath,
            stage: f.stage,
            priority: f.priority,
            match_: f.match_.clone(),
            actions: f.actions.clone(),
        }
    }
}

/// The switch-wide facts flows depend on.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Facts {
    has_stateful: bool,
    has_unknown: bool,
    acls: BTreeSet<Uuid>,
}

fn facts(cx: &SwitchContext<'_>) -> Facts {
    Facts {
        has_stateful: cx.has_stateful,
        has_unknown: cx.has_unknown,
        acls: cx.acls.iter().map(|a| a.uuid).collect(),
    }
}

/// What a run of the node did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct LflowStats {
    pub switches_recomputed: usize,
    pub ports_recomputed: usize,
    pub acls_recomputed: usize,
}

/// Work for one run.
#[derive(Debug, Default, Clone)]
pub struct LflowDirty {
    pub all: bool,
    pub switches: BTreeSet<Uuid>,
    pub switch_facts: BTreeSet<Uuid>,
    pub ports: BTreeSet<Uuid>,
    pub acls: BTreeSet<Uuid>,
}

#[derive(Debug, Default)]
pub struct LflowNode {
    /// Each key is stored once and shared (`Arc`) by the entries and `refs`.
    flows: HashMap<(Uuid, Origin), Vec<Arc<FlowKey>>>,
    by_switch: HashMap<Uuid, HashSet<Origin>>,
    /// The switches each port or ACL origin currently has flows on.
    homes: HashMap<Origin, BTreeSet<Uuid>>,
    /// Count and one origin (for `stage-hint`) per distinct flow.
    refs: HashMap<Arc<FlowKey>, (u32, Origin)>,
    facts: HashMap<Uuid, Facts>,
    changed: HashSet<Arc<FlowKey>>,
}

impl LflowNode {
    /// The number of distinct flows.
    pub fn len(&self) -> usize {
        self.refs.len()
    }
    /// Whether a flow with this key is wanted, and one origin that wants it.
    pub fn wanted(&self, k: &FlowKey) -> Option<Origin> {
        self.refs.get(k).map(|(_, o)| *o)
    }
    /// Every wanted key.
    pub fn keys(&self) -> impl Iterator<Item = &Arc<FlowKey>> {
        self.refs.keys()
    }
    /// The keys whose wanted-ness changed since the last call.
    pub fn take_changed(&mut self) -> HashSet<Arc<FlowKey>> {
        std::mem::take(&mut self.changed)
    }

    fn remove_entry(&mut self, switch: Uuid, origin: Origin) {
        let Some(old) = self.flows.remove(&(switch, origin)) else {
            return;
        };
        if let Some(s) = self.by_switch.get_mut(&switch) {
            s.remove(&origin);
        }
        if let Some(h) = self.homes.get_mut(&origin) {
            h.remove(&switch);
            if h.is_empty() {
                self.homes.remove(&origin);
            }
        }
        for k in old {
            self.unref(k);
        }
    }

    fn unref(&mut self, k: Arc<FlowKey>) {
        if let Some(r) = self.refs.get_mut(&k) {
            r.0 -= 1;
            if r.0 == 0 {
                self.refs.remove(&k);
                self.changed.insert(k);
            }
        }
    }

    fn set_entry(&mut self, switch: Uuid, origin: Origin, new: Vec<LogicalFlow>) {
        // Add first, then remove: a flow both old and new never drops to zero.
        let old = self.flows.remove(&(switch, origin));
        let mut keys = Vec::with_capacity(new.len());
        for f in new {
            let k = FlowKey {
                switch: f.datapath,
                stage: f.stage,
                priority: f.priority,
                match_: f.match_,
                actions: f.actions,
            };
            let k = match self.refs.get_key_value(&k) {
                Some((shared, _)) => shared.clone(),
                None => Arc::new(k),
            };
            match self.refs.get_mut(&k) {
                Some(r) => r.0 += 1,
                None => {
                    self.changed.insert(k.clone());
                    self.refs.insert(k.clone(), (1, origin));
                }
            }
            keys.push(k);
        }
        let new = keys;
        if !new.is_empty() {
            self.by_switch.entry(switch).or_default().insert(origin);
            self.homes.entry(origin).or_default().insert(switch);
            self.flows.insert((switch, origin), new);
        } else if let Some(h) = self.homes.get_mut(&origin) {
            h.remove(&switch);
            if h.is_empty() {
                self.homes.remove(&origin);
            }
        }
        if let Some(old) = old {
            if self.flows.contains_key(&(switch, origin)) {
                // Entry replaced: drop the old counts.
            } else if let Some(s) = self.by_switch.get_mut(&switch) {
                s.remove(&origin);
            }
            for k in old {
                self.unref(k);
            }
        }
    }

    fn clear_switch(&mut self, switch: Uuid) {
        let origins: Vec<Origin> = self
            .by_switch
            .remove(&switch)
            .map(|s| s.into_iter().collect())
            .unwrap_or_default();
        for o in origins {
            self.remove_entry(switch, o);
        }
        self.facts.remove(&switch);
    }

    fn recompute_switch(&mut self, nb: &NbSnapshot, index: &PortGroupIndex, switch: Uuid) {
        // Keep entries that stay identical from being dropped and re-added: compute the
        // new flows per origin, then replace origin by origin.
        let Some(ls) = nb.switches.get(&switch) else {
            self.clear_switch(switch);
            return;
        };
        let cx = SwitchContext::with_index(nb, ls, index);
        let mut per_origin: HashMap<Origin, Vec<LogicalFlow>> = HashMap::new();
        for f in lflow::switch_flows_in(&cx) {
            per_origin.entry(f.origin).or_default().push(f);
        }
        let old: Vec<Origin> = self
            .by_switch
            .get(&switch)
            .map(|s| s.iter().copied().collect())
            .unwrap_or_default();
        for o in old {
            if !per_origin.contains_key(&o) {
                self.remove_entry(switch, o);
            }
        }
        for (o, mut fl) in per_origin {
            fl.sort();
            fl.dedup_by(|a, b| {
                (a.datapath, a.stage, a.priority, &a.match_, &a.actions)
                    == (b.datapath, b.stage, b.priority, &b.match_, &b.actions)
            });
            self.set_entry(switch, o, fl);
        }
        self.facts.insert(switch, facts(&cx));
    }

    /// Brings the flows up to date with `nb` for the given work.
    pub fn run(&mut self, nb: &NbSnapshot, dirty: &LflowDirty) -> LflowStats {
        let _s = tracing::debug_span!("node", name = "lflow").entered();
        let mut stats = LflowStats::default();
        let index = lflow::port_group_index(nb);
        if dirty.all {
            let gone: Vec<Uuid> = self
                .by_switch
                .keys()
                .filter(|s| !nb.switches.contains_key(s))
                .copied()
                .collect();
            for s in gone {
                self.clear_switch(s);
            }
            let all: Vec<Uuid> = nb.switches.keys().copied().collect();
            for s in all {
                self.recompute_switch(nb, &index, s);
                stats.switches_recomputed += 1;
            }
            return stats;
        }
        let port_switch = nb.port_switch();
        // Which switches each ACL applies to now.
        let mut acl_switches: HashMap<Uuid, BTreeSet<Uuid>> = HashMap::new();
        if !dirty.acls.is_empty() {
            for ls in nb.switches.values() {
                for a in &ls.acls {
                    if dirty.acls.contains(a) {
                        acl_switches.entry(*a).or_default().insert(ls.uuid);
                    }
                }
            }
            for pg in nb.port_groups.values() {
                let mine: Vec<&Uuid> = pg.acls.iter().filter(|a| dirty.acls.contains(a)).collect();
                if mine.is_empty() {
                    continue;
                }
                for p in &pg.ports {
                    if let Some(s) = port_switch.get(p) {
                        for a in &mine {
                            acl_switches.entry(**a).or_default().insert(*s);
                        }
                    }
                }
            }
        }
        // Switches whose facts must be re-examined.
        let mut candidates: BTreeSet<Uuid> = dirty.switch_facts.clone();
        for p in &dirty.ports {
            if let Some(h) = self.homes.get(&Origin::Port(*p)) {
                candidates.extend(h.iter().copied());
            }
            if let Some(s) = port_switch.get(p) {
                candidates.insert(*s);
            }
        }
        for a in &dirty.acls {
            if let Some(h) = self.homes.get(&Origin::Acl(*a)) {
                candidates.extend(h.iter().copied());
            }
            if let Some(h) = acl_switches.get(a) {
                candidates.extend(h.iter().copied());
            }
        }
        let mut full: BTreeSet<Uuid> = dirty.switches.clone();
        for s in &candidates {
            if full.contains(s) {
                continue;
            }
            match nb.switches.get(s) {
                Some(ls) => {
                    let f = facts(&SwitchContext::with_index(nb, ls, &index));
                    if self.facts.get(s) != Some(&f) {
                        full.insert(*s);
                    }
                }
                None => {
                    full.insert(*s);
                }
            }
        }
        for s in &full {
            self.recompute_switch(nb, &index, *s);
            stats.switches_recomputed += 1;
        }
        for p in &dirty.ports {
            let o = Origin::Port(*p);
            let old: Vec<Uuid> = self
                .homes
                .get(&o)
                .map(|h| h.iter().copied().collect())
                .unwrap_or_default();
            for s in old.iter().filter(|s| !full.contains(s)) {
                self.remove_entry(*s, o);
            }
            let (Some(s), Some(lsp)) = (port_switch.get(p), nb.ports.get(p)) else {
                continue;
            };
            if full.contains(s) {
                continue;
            }
            let Some(ls) = nb.switches.get(s) else {
                continue;
            };
            let cx = SwitchContext::with_index(nb, ls, &index);
            self.set_entry(*s, o, lflow::port_flows(&cx, lsp));
            stats.ports_recomputed += 1;
        }
        for a in &dirty.acls {
            let o = Origin::Acl(*a);
            let old: Vec<Uuid> = self
                .homes
                .get(&o)
                .map(|h| h.iter().copied().collect())
                .unwrap_or_default();
            for s in old.iter().filter(|s| !full.contains(s)) {
                self.remove_entry(*s, o);
            }
            let Some(acl) = nb.acls.get(a) else { continue };
            for s in acl_switches.get(a).into_iter().flatten() {
                if full.contains(s) {
                    continue;
                }
                let Some(ls) = nb.switches.get(s) else {
                    continue;
                };
                let cx = SwitchContext::with_index(nb, ls, &index);
                self.set_entry(*s, o, lflow::acl_flows(&cx, acl));
                stats.acls_recomputed += 1;
            }
        }
        stats
    }
}
