//! SB `Port_Group` and `Address_Set`.
//!
//! A NB port group becomes one SB port group per datapath it has ports on, named
//! `<datapath tunnel key>_<name>` and holding that datapath's ports (ovn-controller
//! then expands `@name` per datapath). Every NB address set is copied; every port group
//! also yields the address sets `<name>_ip4` and `<name>_ip6` of its ports' addresses;
//! and `svc_monitor_mac` holds `NB_Global.options:svc_monitor_mac`.

use std::collections::{BTreeMap, BTreeSet};

use super::DatapathBinding;
use crate::nb::NbSnapshot;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SbPortGroup {
    pub name: String,
    /// Port names, sorted.
    pub ports: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SbAddressSet {
    pub name: String,
    /// Sorted, without duplicates.
    pub addresses: Vec<String>,
}

pub fn port_groups(nb: &NbSnapshot, datapaths: &[DatapathBinding]) -> Vec<SbPortGroup> {
    let port_switch = nb.port_switch();
    let key_of: BTreeMap<_, _> = datapaths.iter().map(|d| (d.switch, d.tunnel_key)).collect();
    let mut out = Vec::new();
    for pg in nb.port_groups.values() {
        let mut per_dp: BTreeMap<u32, BTreeSet<String>> = BTreeMap::new();
        for p in &pg.ports {
            let (Some(lsp), Some(ls)) = (nb.ports.get(p), port_switch.get(p)) else {
                continue;
            };
            if let Some(k) = key_of.get(ls) {
                per_dp.entry(*k).or_default().insert(lsp.name.clone());
            }
        }
        for (k, ports) in per_dp {
            out.push(SbPortGroup {
                name: format!("{k}_{}", pg.name),
                ports: ports.into_iter().collect(),
            });
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

pub fn address_sets(nb: &NbSnapshot) -> Vec<SbAddressSet> {
    let mut out = Vec::new();
    for a in nb.address_sets.values() {
        let set: BTreeSet<String> = a.addresses.iter().cloned().collect();
        out.push(SbAddressSet {
            name: a.name.clone(),
            addresses: set.into_iter().collect(),
        });
    }
    for pg in nb.port_groups.values() {
        let (mut v4, mut v6) = (BTreeSet::new(), BTreeSet::new());
        for lsp in pg.ports.iter().filter_map(|p| nb.ports.get(p)) {
            for pa in lsp.known_addresses() {
                v4.extend(pa.ipv4.iter().map(|(a, _)| a.to_string()));
                v6.extend(pa.ipv6.iter().map(|(a, _)| a.to_string()));
            }
        }
        out.push(SbAddressSet {
            name: format!("{}_ip4", pg.name),
            addresses: v4.into_iter().collect(),
        });
        out.push(SbAddressSet {
            name: format!("{}_ip6", pg.name),
            addresses: v6.into_iter().collect(),
        });
    }
    if let Some(mac) = nb.global.svc_monitor_mac() {
        out.push(SbAddressSet {
            name: "svc_monitor_mac".into(),
            addresses: vec![mac.to_string()],
        });
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}
