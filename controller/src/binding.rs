//! Port bindings: the local interfaces (`Interface.external_ids:iface-id` on the
//! integration bridge, with an OpenFlow port) claim their `Port_Binding`, release it
//! when they go away, and the set of local datapaths follows from the claims.
//!
//! Invariants: only VIF bindings (`type` empty) are claimed; a binding whose
//! `requested_chassis` names another chassis is not; the controller only releases
//! bindings that name its own chassis; `up` is set to true only by the daemon, once the
//! flows of the generation that claimed the port are installed (see `daemon`).

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use ovsdb::idl::{IdlError, IdlTxn};
use ovsdb::typed::sb::PortBinding;
use ovsdb::typed::update;
use uuid::Uuid;

use crate::ovs::{ofport, OvsSnapshot};
use crate::sb::SbSnapshot;

/// `Interface.external_ids` key naming the logical port.
pub const IFACE_ID_KEY: &str = "iface-id";
/// `Interface.external_ids` key set once the port's flows are installed.
pub const OVN_INSTALLED_KEY: &str = "ovn-installed";

/// A local interface that names a logical port.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalIface {
    pub iface: Uuid,
    pub name: String,
    pub ofport: u32,
}

/// Local interfaces by logical port name (the first interface wins if two name the
/// same port).
pub fn local_ifaces(
    ovs: &OvsSnapshot,
    bridge: &ovsdb::typed::vswitch::Bridge,
) -> BTreeMap<String, LocalIface> {
    let mut out = BTreeMap::new();
    for (_, i) in ovs.bridge_ifaces(bridge) {
        let (Some(lport), Some(ofport)) = (i.external_ids.get(IFACE_ID_KEY), ofport(i)) else {
            continue;
        };
        out.entry(lport.clone()).or_insert(LocalIface {
            iface: i.uuid,
            name: i.name.clone(),
            ofport,
        });
    }
    out
}

/// Claims and releases to make.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BindingPlan {
    /// Bindings to claim (by `Port_Binding` uuid).
    pub claim: Vec<Uuid>,
    /// Bindings to release.
    pub release: Vec<Uuid>,
}

fn claimable(pb: &PortBinding, chassis: &Uuid, chassis_name: &str) -> bool {
    if !pb.type_.is_empty() {
        return false;
    }
    if let Some(req) = pb.requested_chassis {
        return req == *chassis;
    }
    match pb.options.get("requested-chassis") {
        Some(r) if !r.is_empty() => r == chassis_name,
        _ => true,
    }
}

/// What to claim and release for chassis `chassis` (`chassis_name`) given the local
/// interfaces.
pub fn plan(
    sb: &SbSnapshot,
    local: &BTreeMap<String, LocalIface>,
    chassis: &Uuid,
    chassis_name: &str,
) -> BindingPlan {
    let mut p = BindingPlan::default();
    for pb in sb.port_bindings.values() {
        let here = local.contains_key(&pb.logical_port) && claimable(pb, chassis, chassis_name);
        let ours = pb.chassis.as_ref() == Some(chassis);
        if here && !ours {
            p.claim.push(pb.uuid);
        } else if !here && ours {
            p.release.push(pb.uuid);
        }
    }
    p
}

/// Adds the claims and releases of `plan` to `txn`.
pub fn apply(
    txn: &mut IdlTxn<'_>,
    sb: &SbSnapshot,
    plan: &BindingPlan,
    chassis: &Uuid,
) -> Result<(), IdlError> {
    for u in &plan.claim {
        if let Some(pb) = sb.port_bindings.get(u) {
            let mut new = pb.clone();
            new.chassis = Some(*chassis);
            new.up = Some(false);
            update(txn, pb, &new)?;
            tracing::info!(lport = %pb.logical_port, "claiming the logical port");
        }
    }
    for u in &plan.release {
        if let Some(pb) = sb.port_bindings.get(u) {
            let mut new = pb.clone();
            new.chassis = None;
            new.up = Some(false);
            update(txn, pb, &new)?;
            tracing::info!(lport = %pb.logical_port, "releasing the logical port");
        }
    }
    Ok(())
}

/// The logical ports bound to `chassis`.
pub fn bound_here<'a>(
    sb: &'a SbSnapshot,
    chassis: &'a Uuid,
) -> impl Iterator<Item = &'a PortBinding> + 'a {
    sb.port_bindings
        .values()
        .filter(move |p| p.chassis.as_ref() == Some(chassis))
}

/// Datapaths (by row uuid) that have a port in `local_ports`, plus every datapath they
/// reach through patch ports (`options:peer`), as ovn-controller's local datapaths.
pub fn local_datapaths(sb: &SbSnapshot, local_ports: &BTreeSet<String>) -> BTreeSet<Uuid> {
    let by_name: BTreeMap<&str, &PortBinding> = sb
        .port_bindings
        .values()
        .map(|p| (p.logical_port.as_str(), p))
        .collect();
    let mut out = BTreeSet::new();
    let mut queue: VecDeque<Uuid> = local_ports
        .iter()
        .filter_map(|n| by_name.get(n.as_str()).map(|p| p.datapath))
        .collect();
    while let Some(dp) = queue.pop_front() {
        if !out.insert(dp) {
            continue;
        }
        for pb in sb.port_bindings.values().filter(|p| p.datapath == dp) {
            if pb.type_ != "patch" && pb.type_ != "l3gateway" {
                continue;
            }
            if let Some(peer) = pb.options.get("peer").and_then(|n| by_name.get(n.as_str())) {
                if !out.contains(&peer.datapath) {
                    queue.push_back(peer.datapath);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pb(n: u128, name: &str, dp: u128, chassis: Option<u128>) -> PortBinding {
        PortBinding {
            uuid: Uuid::from_u128(n),
            logical_port: name.into(),
            datapath: Uuid::from_u128(dp),
            chassis: chassis.map(Uuid::from_u128),
            ..Default::default()
        }
    }

    fn local(names: &[&str]) -> BTreeMap<String, LocalIface> {
        names
            .iter()
            .enumerate()
            .map(|(i, n)| {
                (
                    n.to_string(),
                    LocalIface {
                        iface: Uuid::from_u128(1000 + i as u128),
                        name: format!("v{n}"),
                        ofport: i as u32 + 1,
                    },
                )
            })
            .collect()
    }

    #[test]
    fn claims_local_releases_gone_leaves_others_alone() {
        let me = Uuid::from_u128(9);
        let mut sb = SbSnapshot::default();
        for p in [
            pb(1, "a", 100, None),    // local, unclaimed → claim
            pb(2, "b", 100, Some(9)), // ours, no interface → release
            pb(3, "c", 100, Some(8)), // other chassis, not local → leave
            pb(4, "d", 100, Some(8)), // other chassis, local here → claim (moved)
            pb(5, "e", 100, Some(9)), // ours and local → nothing
        ] {
            sb.port_bindings.insert(p.uuid, p);
        }
        let mut r = pb(6, "f", 100, None);
        r.options.insert("requested-chassis".into(), "other".into());
        sb.port_bindings.insert(r.uuid, r);
        let mut patch = pb(7, "g", 100, None);
        patch.type_ = "patch".into();
        sb.port_bindings.insert(patch.uuid, patch);
        let p = plan(&sb, &local(&["a", "d", "e", "f", "g"]), &me, "me");
        assert_eq!(p.claim, [Uuid::from_u128(1), Uuid::from_u128(4)]);
        assert_eq!(p.release, [Uuid::from_u128(2)]);
    }

    #[test]
    fn local_datapaths_follow_patch_peers() {
        let mut sb = SbSnapshot::default();
        let mut ls_rp = pb(1, "ls1-rp", 100, None);
        ls_rp.type_ = "patch".into();
        ls_rp.options.insert("peer".into(), "lr-ls1".into());
        let mut lr_p = pb(2, "lr-ls1", 200, None);
        lr_p.type_ = "patch".into();
        lr_p.options.insert("peer".into(), "ls1-rp".into());
        let mut lr_p2 = pb(3, "lr-ls2", 200, None);
        lr_p2.type_ = "patch".into();
        lr_p2.options.insert("peer".into(), "ls2-rp".into());
        let mut ls2_rp = pb(4, "ls2-rp", 300, None);
        ls2_rp.type_ = "patch".into();
        ls2_rp.options.insert("peer".into(), "lr-ls2".into());
        for p in [
            ls_rp,
            lr_p,
            lr_p2,
            ls2_rp,
            pb(5, "vm1", 100, None),
            pb(6, "vm9", 400, None),
        ] {
            sb.port_bindings.insert(p.uuid, p);
        }
        let dps = local_datapaths(&sb, &BTreeSet::from(["vm1".to_string()]));
        assert_eq!(dps, BTreeSet::from([100, 200, 300].map(Uuid::from_u128)));
    }
}
