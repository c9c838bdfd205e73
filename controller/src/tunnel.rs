//! Tunnel ports: one per remote chassis on the integration bridge, named as
//! ovn-controller names them (`ovn-<first 6 characters of the chassis name>-<n>`, `n`
//! the first free index), `options:remote_ip`, `key=flow`, `csum=true`, and
//! `external_ids:ovn-chassis-id` naming the remote chassis.
//!
//! Invariants: a chassis keeps the name its port already has; ports with
//! `external_ids:ovn-chassis-id` that no longer match a wanted tunnel are removed; ports
//! without that key are never touched.

use std::collections::{BTreeMap, BTreeSet};

use ovsdb::idl::{IdlError, IdlTxn};
use ovsdb::typed::vswitch::{Bridge, Interface, Port};
use ovsdb::typed::{insert, update};

use crate::config::{Config, EncapKindExt};
use crate::ovs::{ofport, OvsSnapshot};
use crate::physical::view::{EncapKind, Tunnel};
use crate::sb::SbSnapshot;

/// `external_ids` key on a tunnel port naming the remote chassis.
pub const CHASSIS_ID_KEY: &str = "ovn-chassis-id";

/// A tunnel rovn wants to the remote chassis `chassis`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WantedTunnel {
    pub chassis: String,
    pub kind: EncapKind,
    pub remote_ip: String,
}

/// The tunnels this chassis wants: one per other chassis that has an encapsulation we
/// also speak (our first configured kind preferred).
pub fn wanted_tunnels(sb: &SbSnapshot, cfg: &Config) -> Vec<WantedTunnel> {
    let mut out = Vec::new();
    for ch in sb.chassis.values() {
        if ch.name == cfg.system_id {
            continue;
        }
        let encaps: Vec<_> = ch.encaps.iter().filter_map(|u| sb.encaps.get(u)).collect();
        let pick = cfg.encaps.iter().find_map(|ours| {
            encaps
                .iter()
                .find(|e| e.type_.as_str() == ours.kind.sb_name())
                .map(|e| (ours.kind, e.ip.clone()))
        });
        match pick {
            Some((kind, remote_ip)) => out.push(WantedTunnel {
                chassis: ch.name.clone(),
                kind,
                remote_ip,
            }),
            None => tracing::debug!(chassis = %ch.name, "no common encapsulation; no tunnel"),
        }
    }
    out.sort_by(|a, b| a.chassis.cmp(&b.chassis));
    out
}

fn iface_options(t: &WantedTunnel) -> BTreeMap<String, String> {
    let mut o = BTreeMap::from([
        ("remote_ip".to_string(), t.remote_ip.clone()),
        ("key".to_string(), "flow".to_string()),
    ]);
    if t.kind == EncapKind::Geneve {
        o.insert("csum".into(), "true".into());
    }
    o
}

fn port_name(chassis: &str, taken: &BTreeSet<String>) -> String {
    let prefix: String = chassis.chars().take(6).collect();
    (0..)
        .map(|n| format!("ovn-{prefix}-{n}"))
        .find(|n| !taken.contains(n))
        .unwrap_or_default()
}

/// Adds the operations that make the bridge's tunnel ports equal `wanted`; returns
/// whether any were added.
pub fn sync_tunnels(
    txn: &mut IdlTxn<'_>,
    ovs: &OvsSnapshot,
    bridge: &Bridge,
    wanted: &[WantedTunnel],
) -> Result<bool, IdlError> {
    let mut taken: BTreeSet<String> = bridge
        .ports
        .iter()
        .filter_map(|p| ovs.ports.get(p))
        .map(|p| p.name.clone())
        .collect();
    let mut new_ports = bridge.ports.clone();
    let mut changed = false;
    let mut existing: BTreeMap<&str, (&Port, Option<&Interface>)> = BTreeMap::new();
    for p in bridge.ports.iter().filter_map(|p| ovs.ports.get(p)) {
        if let Some(ch) = p.external_ids.get(CHASSIS_ID_KEY) {
            let iface = p.interfaces.iter().find_map(|i| ovs.ifaces.get(i));
            if existing.insert(ch.as_str(), (p, iface)).is_some() {
                // A second port for the same chassis: remove it.
                new_ports.remove(&p.uuid);
                changed = true;
            }
        }
    }
    let wanted_names: BTreeSet<&str> = wanted.iter().map(|t| t.chassis.as_str()).collect();
    for (ch, (p, _)) in &existing {
        if !wanted_names.contains(ch) {
            tracing::info!(chassis = %ch, port = %p.name, "removing the tunnel to a chassis that is gone");
            new_ports.remove(&p.uuid);
            changed = true;
        }
    }
    for t in wanted {
        let options = iface_options(t);
        let type_ = t.kind.sb_name().to_string();
        match existing.get(t.chassis.as_str()) {
            Some((_, Some(iface))) if iface.type_ == type_ && iface.options == options => {}
            Some((_, Some(iface))) => {
                let mut new = (*iface).clone();
                new.type_ = type_;
                new.options = options;
                update(txn, *iface, &new)?;
                tracing::info!(chassis = %t.chassis, remote_ip = %t.remote_ip, "updating a tunnel");
                changed = true;
            }
            Some((p, None)) => {
                // A port without its interface: replace it.
                new_ports.remove(&p.uuid);
                let name = p.name.clone();
                new_ports.insert(add_port(txn, t, &name, type_, options)?);
                changed = true;
            }
            None => {
                let name = port_name(&t.chassis, &taken);
                taken.insert(name.clone());
                tracing::info!(chassis = %t.chassis, remote_ip = %t.remote_ip, port = %name, "adding a tunnel");
                new_ports.insert(add_port(txn, t, &name, type_, options)?);
                changed = true;
            }
        }
    }
    if new_ports != bridge.ports {
        let mut new = bridge.clone();
        new.ports = new_ports;
        update(txn, bridge, &new)?;
        txn.verify("Bridge", bridge.uuid, "ports")?;
    }
    Ok(changed)
}

fn add_port(
    txn: &mut IdlTxn<'_>,
    t: &WantedTunnel,
    name: &str,
    type_: String,
    options: BTreeMap<String, String>,
) -> Result<uuid::Uuid, IdlError> {
    let iface = insert(
        txn,
        &Interface {
            name: name.to_string(),
            type_,
            options,
            ..Default::default()
        },
    )?;
    insert(
        txn,
        &Port {
            name: name.to_string(),
            interfaces: BTreeSet::from([iface]),
            external_ids: BTreeMap::from([(CHASSIS_ID_KEY.to_string(), t.chassis.clone())]),
            ..Default::default()
        },
    )
}

/// The tunnels that exist on the bridge with an OpenFlow port, for the physical flows.
pub fn installed_tunnels(ovs: &OvsSnapshot, bridge: &Bridge) -> Vec<Tunnel> {
    ovs.bridge_ifaces(bridge)
        .filter_map(|(p, i)| {
            let chassis = p.external_ids.get(CHASSIS_ID_KEY)?;
            Some(Tunnel {
                chassis: chassis.clone(),
                ofport: ofport(i)?,
                kind: EncapKind::from_sb_name(&i.type_)?,
                ip: i.options.get("remote_ip")?.clone(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_ovn_controller_and_avoid_collisions() {
        let mut taken = BTreeSet::new();
        assert_eq!(port_name("chassis-1", &taken), "ovn-chassi-0");
        taken.insert("ovn-chassi-0".to_string());
        assert_eq!(port_name("chassis-2", &taken), "ovn-chassi-1");
        assert_eq!(port_name("ch2", &taken), "ovn-ch2-0");
    }

    #[test]
    fn geneve_options_carry_checksums_vxlan_does_not() {
        let mut t = WantedTunnel {
            chassis: "c".into(),
            kind: EncapKind::Geneve,
            remote_ip: "192.168.0.2".into(),
        };
        let o = iface_options(&t);
        assert_eq!(o["remote_ip"], "192.168.0.2");
        assert_eq!(o["key"], "flow");
        assert_eq!(o["csum"], "true");
        t.kind = EncapKind::Vxlan;
        assert!(!iface_options(&t).contains_key("csum"));
    }
}
