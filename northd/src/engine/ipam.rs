//! Engine node `ipam`: `NB_Global.options` that ovn-northd generates when absent
//! (`mac_prefix`, `svc_monitor_mac`) and the ports' `dynamic_addresses`, applied to the
//! snapshot at once (so flows use them) and returned for writing back to the NB.
//!
//! Invariant: after `run`, every port of the snapshot holds the `dynamic_addresses`
//! that [`crate::ipam::assign_dynamic_addresses`] gives for the snapshot, and the
//! returned [`NbWrites`] say which differ from the NB replica's.

use std::collections::{BTreeMap, BTreeSet};

use uuid::Uuid;

use crate::ipam;
use crate::nb::{LspAddress, NbSnapshot};

/// What northd writes back to the NB (besides feedback).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct NbWrites {
    /// New `NB_Global.options` (the whole map), when keys were generated.
    pub options: Option<BTreeMap<String, String>>,
    /// `Logical_Switch_Port.dynamic_addresses` to set (None: clear).
    pub dynamic_addresses: BTreeMap<Uuid, Option<String>>,
}

impl NbWrites {
    pub fn is_empty(&self) -> bool {
        self.options.is_none() && self.dynamic_addresses.is_empty()
    }
}

/// Three random bytes as ovn-northd makes a MAC prefix: locally administered, unicast.
fn random_prefix() -> [u8; 3] {
    let b = *Uuid::new_v4().as_bytes();
    [(b[0] & 0xfe) | 0x02, b[1], b[2]]
}

fn random_mac() -> String {
    let b = *Uuid::new_v4().as_bytes();
    let m = [(b[0] & 0xfe) | 0x02, b[1], b[2], b[3], b[4], b[5]];
    m.iter()
        .map(|x| format!("{x:02x}"))
        .collect::<Vec<_>>()
        .join(":")
}

/// Generates the options ovn-northd generates when they are absent.
pub fn generate_options(nb: &mut NbSnapshot, w: &mut NbWrites) {
    let mut opts = nb.global.options.clone();
    if nb.global.mac_prefix().is_none() {
        let p = random_prefix();
        opts.insert(
            "mac_prefix".into(),
            format!("{:02x}:{:02x}:{:02x}", p[0], p[1], p[2]),
        );
    }
    if nb.global.svc_monitor_mac().is_none() {
        opts.insert("svc_monitor_mac".into(), random_mac());
    }
    opts.entry("max_tunid".into())
        .or_insert_with(|| crate::sb::keys::DATAPATH_KEY_MAX.to_string());
    if opts != nb.global.options {
        nb.global.options = opts.clone();
        w.options = Some(opts);
    }
}

/// Runs IPAM over the snapshot; returns the ports whose `dynamic_addresses` changed.
pub fn run(nb: &mut NbSnapshot, w: &mut NbWrites) -> BTreeSet<Uuid> {
    let _s = tracing::debug_span!("node", name = "ipam").entered();
    let mut changed = BTreeSet::new();
    let any_dynamic = nb.ports.values().any(|p| {
        p.dynamic_addresses.is_some()
            || p.addresses
                .iter()
                .any(|a| matches!(a, LspAddress::Dynamic { .. }))
    });
    if !any_dynamic {
        return changed;
    }
    let assigned = match ipam::assign_dynamic_addresses(nb) {
        Ok(a) => a,
        Err(e) => {
            tracing::warn!(error = %e, "IPAM skipped");
            return changed;
        }
    };
    for (u, p) in nb.ports.iter_mut() {
        let new = assigned.get(u).cloned();
        if new != p.dynamic_addresses {
            w.dynamic_addresses
                .insert(*u, new.as_ref().map(|a| a.to_string()));
            p.dynamic_addresses = new;
            changed.insert(*u);
        }
    }
    changed
}
