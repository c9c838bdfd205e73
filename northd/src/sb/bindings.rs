//! `Datapath_Binding`, `Port_Binding` and `Multicast_Group` for logical switches.

use std::collections::BTreeMap;

use uuid::Uuid;

use super::keys::{KeyAllocator, DATAPATH_KEY_MAX, DATAPATH_KEY_MIN, PORT_KEY_MAX, PORT_KEY_MIN};
use crate::nb::{LogicalSwitchPort, LspType, NbSnapshot};

/// Reserved multicast group names and tunnel keys (ovn-sb(5), Multicast_Group).
pub const MC_FLOOD: &str = "_MC_flood";
pub const MC_FLOOD_KEY: u32 = 32768;
pub const MC_UNKNOWN: &str = "_MC_unknown";
pub const MC_UNKNOWN_KEY: u32 = 32769;
pub const MC_MROUTER_FLOOD_KEY: u32 = 32770;
pub const MC_MROUTER_STATIC_KEY: u32 = 32771;
pub const MC_FLOOD_L2: &str = "_MC_flood_l2";
pub const MC_FLOOD_L2_KEY: u32 = 32772;
pub const MC_STATIC_KEY: u32 = 32773;

/// A `Datapath_Binding` for one logical switch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatapathBinding {
    /// The NB `Logical_Switch` (`external_ids:logical-switch`).
    pub switch: Uuid,
    /// `external_ids:name`.
    pub name: String,
    pub tunnel_key: u32,
}

/// Datapath bindings for every switch. `existing` holds the keys of switches already
/// bound (from the current SB); they are kept. New switches get keys in name order.
pub fn datapath_bindings(nb: &NbSnapshot, existing: &BTreeMap<Uuid, u32>) -> Vec<DatapathBinding> {
    let mut alloc = KeyAllocator::new(DATAPATH_KEY_MIN, DATAPATH_KEY_MAX);
    let mut keys = BTreeMap::new();
    let mut switches: Vec<_> = nb.switches.values().collect();
    switches.sort_by(|a, b| (&a.name, a.uuid).cmp(&(&b.name, b.uuid)));
    for ls in &switches {
        if let Some(k) = existing.get(&ls.uuid) {
            if alloc.reserve(*k) {
                keys.insert(ls.uuid, *k);
            }
        }
    }
    for ls in &switches {
        if let std::collections::btree_map::Entry::Vacant(e) = keys.entry(ls.uuid) {
            match alloc.allocate() {
                Some(k) => {
                    e.insert(k);
                }
                None => tracing::warn!(switch = %ls.name, "out of datapath tunnel keys"),
            }
        }
    }
    switches
        .iter()
        .filter_map(|ls| {
            Some(DatapathBinding {
                switch: ls.uuid,
                name: ls.name.clone(),
                tunnel_key: *keys.get(&ls.uuid)?,
            })
        })
        .collect()
}

/// A `Port_Binding` for one logical switch port.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortBinding {
    pub logical_port: String,
    /// The NB `Logical_Switch_Port`.
    pub port: Uuid,
    /// The NB `Logical_Switch` whose datapath the port is on.
    pub switch: Uuid,
    pub tunnel_key: u32,
    /// `""`, `localport`, `localnet`, or `patch` for a `router` port.
    pub type_: String,
    /// The NB `addresses`, verbatim.
    pub mac: Vec<String>,
    pub options: BTreeMap<String, String>,
    pub port_security: Vec<String>,
    pub tag: Option<u16>,
    pub parent_port: Option<String>,
}

fn sb_type(lsp: &LogicalSwitchPort) -> String {
    match &lsp.type_ {
        LspType::Router => "patch".into(),
        t => t.as_str().to_string(),
    }
}

fn sb_options(lsp: &LogicalSwitchPort) -> BTreeMap<String, String> {
    let mut o = lsp.options.clone();
    if lsp.type_ == LspType::Router {
        // A router port's peer is the logical router port it names; until routers are
        // compiled this is a placeholder pointing at it.
        o.retain(|k, _| k != "router-port");
        if let Some(rp) = lsp.options.get("router-port") {
            o.insert("peer".into(), rp.clone());
        }
    }
    o
}

/// Port bindings for every port of every switch. `existing` maps port names to their
/// current tunnel keys (per datapath, kept when still free); new ports get keys in name
/// order.
pub fn port_bindings(nb: &NbSnapshot, existing: &BTreeMap<String, u32>) -> Vec<PortBinding> {
    let mut out = Vec::new();
    let mut switches: Vec<_> = nb.switches.values().collect();
    switches.sort_by(|a, b| (&a.name, a.uuid).cmp(&(&b.name, b.uuid)));
    for ls in switches {
        let mut ports: Vec<&LogicalSwitchPort> = nb.switch_ports(ls).collect();
        ports.sort_by(|a, b| a.name.cmp(&b.name));
        let mut alloc = KeyAllocator::new(PORT_KEY_MIN, PORT_KEY_MAX);
        let mut keys = BTreeMap::new();
        for p in &ports {
            if let Some(k) = existing.get(&p.name) {
                if alloc.reserve(*k) {
                    keys.insert(p.uuid, *k);
                }
            }
        }
        for p in &ports {
            if let std::collections::btree_map::Entry::Vacant(e) = keys.entry(p.uuid) {
                match alloc.allocate() {
                    Some(k) => {
                        e.insert(k);
                    }
                    None => tracing::warn!(port = %p.name, "out of port tunnel keys"),
                }
            }
        }
        for p in ports {
            let Some(k) = keys.get(&p.uuid) else { continue };
            out.push(PortBinding {
                logical_port: p.name.clone(),
                port: p.uuid,
                switch: ls.uuid,
                tunnel_key: *k,
                type_: sb_type(p),
                mac: p.addresses_text.clone(),
                options: sb_options(p),
                port_security: p.port_security.clone(),
                tag: p.tag,
                parent_port: p.parent_name.clone(),
            });
        }
    }
    out
}

/// A `Multicast_Group` of one switch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MulticastGroup {
    pub switch: Uuid,
    pub name: &'static str,
    pub tunnel_key: u32,
    /// Port names, sorted.
    pub ports: Vec<String>,
}

/// `_MC_flood` (every enabled port), `_MC_flood_l2` (the same without router ports)
/// and `_MC_unknown` (enabled ports with `unknown` addresses) of every switch that has
/// such ports.
pub fn multicast_groups(nb: &NbSnapshot) -> Vec<MulticastGroup> {
    let mut out = Vec::new();
    for ls in nb.switches.values() {
        let mut flood: Vec<String> = Vec::new();
        let mut flood_l2: Vec<String> = Vec::new();
        let mut unknown: Vec<String> = Vec::new();
        for p in nb.switch_ports(ls).filter(|p| p.is_enabled()) {
            flood.push(p.name.clone());
            if p.type_ != LspType::Router {
                flood_l2.push(p.name.clone());
            }
            if p.has_unknown() {
                unknown.push(p.name.clone());
            }
        }
        flood.sort();
        flood_l2.sort();
        unknown.sort();
        for (name, key, ports) in [
            (MC_FLOOD, MC_FLOOD_KEY, &flood),
            (MC_FLOOD_L2, MC_FLOOD_L2_KEY, &flood_l2),
            (MC_UNKNOWN, MC_UNKNOWN_KEY, &unknown),
        ] {
            if !ports.is_empty() {
                out.push(MulticastGroup {
                    switch: ls.uuid,
                    name,
                    tunnel_key: key,
                    ports: ports.clone(),
                });
            }
        }
    }
    out
}
