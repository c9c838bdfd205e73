//! Engine node `nb_input`: the NB views ([`NbSnapshot`]) kept current from the NB IDL
//! replica, row by row from its tracked changes.
//!
//! Invariant: after `rebuild` or `apply`, the snapshot equals the conversion of every
//! replica row (bad rows dropped as [`crate::nb::from_typed`] drops them), except the
//! `dynamic_addresses` that the `ipam` node assigned and has not seen written back yet.
//! `apply` reports what changed as an [`NbDelta`], with the old contents where a
//! consumer needs them (a port group's old ports, a switch's old ports and ACLs).

use std::collections::BTreeSet;

use ovsdb::idl::{Replica, TrackedChanges};
use ovsdb::typed::{self, nb as t, TypedRow};
use uuid::Uuid;

use crate::nb::{from_typed, NbSnapshot};

/// What one batch of NB changes touched.
#[derive(Debug, Default, Clone)]
pub struct NbDelta {
    /// `NB_Global.options` changed (mac_prefix, svc_monitor_mac ...).
    pub global_options: bool,
    /// `NB_Global.nb_cfg` changed.
    pub nb_cfg: bool,
    /// Switches added, removed, or changed in a column other than `ports`/`acls`.
    pub switches: BTreeSet<Uuid>,
    /// Ports added, removed or changed, and ports that joined or left a switch.
    pub ports: BTreeSet<Uuid>,
    /// ACLs added, removed or changed, and ACLs that joined or left a switch or group.
    pub acls: BTreeSet<Uuid>,
    /// Switches whose ports or ACLs the change may have moved between switches (their
    /// ACL set and facts must be re-examined).
    pub switch_facts: BTreeSet<Uuid>,
    /// Port groups or address sets changed (SB `Port_Group`/`Address_Set`).
    pub groups: bool,
    /// Something IPAM reads changed (ports' addresses, switch other_config, options).
    pub ipam: bool,
}

#[derive(Debug, Default)]
pub struct NbInput {
    pub snapshot: NbSnapshot,
    /// `NB_Global.nb_cfg` (not part of the compiler's views).
    pub nb_cfg: i64,
}

fn read<T: typed::TypedRow>(replica: &Replica, uuid: &Uuid) -> Option<T> {
    match typed::get::<T>(replica, uuid)? {
        Ok(r) => Some(r),
        Err(e) => {
            tracing::warn!(table = T::TABLE, %uuid, error = %e, "NB row does not read; skipped");
            None
        }
    }
}

impl NbInput {
    /// Rebuilds the whole snapshot from the replica.
    pub fn rebuild(&mut self, replica: &Replica) {
        let _s = tracing::debug_span!("node", name = "nb_input", mode = "recompute").entered();
        let mut nb = NbSnapshot::default();
        self.nb_cfg = 0;
        for g in typed::rows::<t::NbGlobal>(replica).flatten() {
            nb.global = from_typed::global(&g);
            self.nb_cfg = g.nb_cfg;
        }
        for r in typed::rows::<t::LogicalSwitch>(replica).flatten() {
            nb.switches.insert(r.uuid, from_typed::switch(&r));
        }
        for r in typed::rows::<t::LogicalSwitchPort>(replica).flatten() {
            nb.ports.insert(r.uuid, from_typed::port(&r));
        }
        for r in typed::rows::<t::Acl>(replica).flatten() {
            if let Some(a) = from_typed::acl(&r) {
                nb.acls.insert(a.uuid, a);
            }
        }
        for r in typed::rows::<t::PortGroup>(replica).flatten() {
            nb.port_groups.insert(r.uuid, from_typed::port_group(&r));
        }
        for r in typed::rows::<t::AddressSet>(replica).flatten() {
            nb.address_sets.insert(r.uuid, from_typed::address_set(&r));
        }
        self.snapshot = nb;
    }

    /// Applies one batch of tracked changes.
    pub fn apply(&mut self, replica: &Replica, changes: &TrackedChanges) -> NbDelta {
        let _s = tracing::debug_span!("node", name = "nb_input", mode = "incremental").entered();
        let mut d = NbDelta::default();
        let nb = &mut self.snapshot;

        if let Some(c) = changes.table(t::NbGlobal::TABLE) {
            for u in c.inserted.iter().chain(c.modified.keys()) {
                if let Some(g) = read::<t::NbGlobal>(replica, u) {
                    let cols = c.modified.get(u);
                    if cols.is_none_or(|cs| cs.contains(t::NbGlobal::COL_OPTIONS)) {
                        d.global_options = true;
                        d.ipam = true;
                    }
                    if g.nb_cfg != self.nb_cfg {
                        d.nb_cfg = true;
                    }
                    self.nb_cfg = g.nb_cfg;
                    nb.global = from_typed::global(&g);
                }
            }
            if !c.deleted.is_empty() && c.inserted.is_empty() && c.modified.is_empty() {
                nb.global = Default::default();
                self.nb_cfg = 0;
                d.global_options = true;
                d.nb_cfg = true;
            }
        }

        if let Some(c) = changes.table(t::LogicalSwitch::TABLE) {
            for u in c.deleted.keys() {
                if let Some(old) = nb.switches.remove(u) {
                    d.ports.extend(old.ports.iter().copied());
                    d.acls.extend(old.acls.iter().copied());
                }
                d.switches.insert(*u);
                d.ipam = true;
            }
            for u in &c.inserted {
                if let Some(r) = read::<t::LogicalSwitch>(replica, u) {
                    let ls = from_typed::switch(&r);
                    d.ports.extend(ls.ports.iter().copied());
                    d.acls.extend(ls.acls.iter().copied());
                    nb.switches.insert(*u, ls);
                }
                d.switches.insert(*u);
                d.ipam = true;
            }
            for (u, cols) in &c.modified {
                let Some(r) = read::<t::LogicalSwitch>(replica, u) else {
                    continue;
                };
                let new = from_typed::switch(&r);
                let old = nb.switches.insert(*u, new.clone());
                let (old_ports, old_acls) = old.map(|o| (o.ports, o.acls)).unwrap_or_default();
                let sym = |a: &[Uuid], b: &[Uuid]| -> Vec<Uuid> {
                    let (a, b): (BTreeSet<_>, BTreeSet<_>) =
                        (a.iter().copied().collect(), b.iter().copied().collect());
                    a.symmetric_difference(&b).copied().collect()
                };
                let moved_ports = sym(&old_ports, &new.ports);
                let moved_acls = sym(&old_acls, &new.acls);
                if !moved_ports.is_empty() || !moved_acls.is_empty() {
                    d.switch_facts.insert(*u);
                    d.groups = true;
                    d.ipam = true;
                }
                d.ports.extend(moved_ports);
                d.acls.extend(moved_acls);
                if cols
                    .iter()
                    .any(|c| c != t::LogicalSwitch::COL_PORTS && c != t::LogicalSwitch::COL_ACLS)
                {
                    d.switches.insert(*u);
                    d.ipam = true;
                }
            }
        }

        if let Some(c) = changes.table(t::LogicalSwitchPort::TABLE) {
            for u in c.deleted.keys() {
                nb.ports.remove(u);
                d.ports.insert(*u);
                d.groups = true;
                d.ipam = true;
            }
            for u in c.inserted.iter().chain(c.modified.keys()) {
                if let Some(r) = read::<t::LogicalSwitchPort>(replica, u) {
                    let p = from_typed::port(&r);
                    let only_up = c
                        .modified
                        .get(u)
                        .is_some_and(|cols| cols.iter().all(|c| c == t::LogicalSwitchPort::COL_UP));
                    nb.ports.insert(*u, p);
                    if only_up {
                        // `up` is northd's own write-back; nothing compiles from it.
                        continue;
                    }
                }
                d.ports.insert(*u);
                d.groups = true;
                d.ipam = true;
            }
        }

        if let Some(c) = changes.table(t::Acl::TABLE) {
            for u in c.deleted.keys() {
                nb.acls.remove(u);
                d.acls.insert(*u);
            }
            for u in c.inserted.iter().chain(c.modified.keys()) {
                nb.acls.remove(u);
                if let Some(a) = read::<t::Acl>(replica, u).and_then(|r| from_typed::acl(&r)) {
                    nb.acls.insert(*u, a);
                }
                d.acls.insert(*u);
            }
        }

        if let Some(c) = changes.table(t::PortGroup::TABLE) {
            d.groups = true;
            let port_switch = nb.port_switch();
            let touch = |ports: &[Uuid], d: &mut NbDelta| {
                for p in ports {
                    if let Some(s) = port_switch.get(p) {
                        d.switch_facts.insert(*s);
                    }
                }
            };
            for (u, _) in c.deleted.iter() {
                if let Some(old) = nb.port_groups.remove(u) {
                    touch(&old.ports, &mut d);
                    d.acls.extend(old.acls.iter().copied());
                }
            }
            for u in c.inserted.iter().chain(c.modified.keys()) {
                let Some(r) = read::<t::PortGroup>(replica, u) else {
                    continue;
                };
                let new = from_typed::port_group(&r);
                let old = nb.port_groups.insert(*u, new.clone()).unwrap_or_default();
                let (op, np): (BTreeSet<Uuid>, BTreeSet<Uuid>) = (
                    old.ports.iter().copied().collect(),
                    new.ports.iter().copied().collect(),
                );
                let moved: Vec<Uuid> = op.symmetric_difference(&np).copied().collect();
                touch(&moved, &mut d);
                let (oa, na): (BTreeSet<Uuid>, BTreeSet<Uuid>) = (
                    old.acls.iter().copied().collect(),
                    new.acls.iter().copied().collect(),
                );
                d.acls.extend(oa.symmetric_difference(&na).copied());
            }
        }

        if let Some(c) = changes.table(t::AddressSet::TABLE) {
            d.groups = true;
            for u in c.deleted.keys() {
                nb.address_sets.remove(u);
            }
            for u in c.inserted.iter().chain(c.modified.keys()) {
                if let Some(r) = read::<t::AddressSet>(replica, u) {
                    nb.address_sets.insert(*u, from_typed::address_set(&r));
                }
            }
        }
        d
    }
}
