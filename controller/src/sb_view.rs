//! What this chassis derives from the southbound snapshot and the local switch: the
//! physical-flow input ([`LocalView`]) and the name resolution logical flows need
//! ([`SbLookup`], one per datapath).
//!
//! Invariants: `LocalView.datapaths` holds exactly the local datapaths; every binding of
//! a local datapath is in `ports`, with `ofport` only when its interface is on this
//! chassis' integration bridge and the binding is claimed by this chassis.

use std::collections::{BTreeMap, BTreeSet};

use uuid::Uuid;

use crate::binding::LocalIface;
use crate::ct_zone::CtZones;
use crate::lflow::Lookup;
use crate::physical::view::{
    cookie_of_uuid, Datapath, FdbEntry, LocalView, McastGroup, PortBinding, PortKind, Tunnel,
};
use crate::sb::SbSnapshot;

/// Builds the physical-flow input.
pub fn local_view(
    sb: &SbSnapshot,
    chassis_name: &str,
    chassis_uuid: Option<Uuid>,
    local_dps: &BTreeSet<Uuid>,
    local: &BTreeMap<String, LocalIface>,
    zones: &CtZones,
    tunnels: Vec<Tunnel>,
) -> LocalView {
    let mut view = LocalView {
        chassis: chassis_name.to_string(),
        tunnels,
        ..Default::default()
    };
    for dp in local_dps {
        let Some(row) = sb.datapaths.get(dp) else {
            continue;
        };
        let Ok(key) = u32::try_from(row.tunnel_key) else {
            continue;
        };
        view.datapaths.insert(
            key,
            Datapath {
                key,
                name: row
                    .external_ids
                    .get("name")
                    .cloned()
                    .unwrap_or_else(|| dp.to_string()),
                dnat_zone: zones.get(&CtZones::dnat_name(dp)),
                snat_zone: zones.get(&CtZones::snat_name(dp)),
            },
        );
    }
    for pb in sb.port_bindings.values() {
        if !local_dps.contains(&pb.datapath) {
            continue;
        }
        let (Some(dp_key), Ok(key)) = (sb.datapath_key(&pb.datapath), u32::try_from(pb.tunnel_key))
        else {
            continue;
        };
        let bound_here = chassis_uuid.is_some() && pb.chassis == chassis_uuid;
        let ofport = if bound_here {
            local.get(&pb.logical_port).map(|l| l.ofport)
        } else {
            None
        };
        view.ports.push(PortBinding {
            name: pb.logical_port.clone(),
            datapath: dp_key,
            key,
            kind: PortKind::from_sb(
                &pb.type_,
                pb.options.get("network_name").map(String::as_str),
            ),
            chassis: pb
                .chassis
                .and_then(|c| sb.chassis.get(&c))
                .map(|c| c.name.clone()),
            ofport,
            ct_zone: zones.get(&pb.logical_port),
            mac: pb.mac.iter().cloned().collect(),
            port_security: pb.port_security.iter().cloned().collect(),
            localnet_ofport: None,
            peer: pb.options.get("peer").cloned(),
            cookie: cookie_of_uuid(&pb.uuid.to_string()),
        });
    }
    let names: BTreeMap<Uuid, &str> = sb
        .port_bindings
        .values()
        .map(|p| (p.uuid, p.logical_port.as_str()))
        .collect();
    for mg in sb.mcast_groups.values() {
        if !local_dps.contains(&mg.datapath) {
            continue;
        }
        let (Some(dp_key), Ok(key)) = (sb.datapath_key(&mg.datapath), u32::try_from(mg.tunnel_key))
        else {
            continue;
        };
        view.mcast_groups.push(McastGroup {
            datapath: dp_key,
            name: mg.name.clone(),
            key,
            ports: mg
                .ports
                .iter()
                .filter_map(|p| names.get(p).map(|s| s.to_string()))
                .collect(),
            cookie: cookie_of_uuid(&mg.uuid.to_string()),
        });
    }
    for f in sb.fdb.values() {
        let (Ok(dp), Ok(port)) = (u32::try_from(f.dp_key), u32::try_from(f.port_key)) else {
            continue;
        };
        if view.datapaths.contains_key(&dp) {
            view.fdb.push(FdbEntry {
                datapath: dp,
                port,
                mac: f.mac.clone(),
                cookie: cookie_of_uuid(&f.uuid.to_string()),
            });
        }
    }
    view
}

/// Name resolution for the logical flows of one datapath.
pub struct SbLookup<'a> {
    pub sb: &'a SbSnapshot,
    pub index: &'a LookupIndex,
    pub datapath: Uuid,
}

/// Indexes over the snapshot built once per recompute, shared by every [`SbLookup`].
#[derive(Debug, Default)]
pub struct LookupIndex {
    /// (datapath, logical port or multicast group name) → tunnel key.
    keys: BTreeMap<(Uuid, String), u32>,
    /// Logical ports bound to this chassis.
    resident: BTreeSet<String>,
}

impl LookupIndex {
    pub fn new(sb: &SbSnapshot, chassis: Option<Uuid>) -> LookupIndex {
        let mut keys = BTreeMap::new();
        let mut resident = BTreeSet::new();
        for pb in sb.port_bindings.values() {
            if let Ok(k) = u32::try_from(pb.tunnel_key) {
                keys.insert((pb.datapath, pb.logical_port.clone()), k);
            }
            if chassis.is_some() && pb.chassis == chassis {
                resident.insert(pb.logical_port.clone());
            }
        }
        for mg in sb.mcast_groups.values() {
            if let Ok(k) = u32::try_from(mg.tunnel_key) {
                keys.insert((mg.datapath, mg.name.clone()), k);
            }
        }
        LookupIndex { keys, resident }
    }
}

impl Lookup for SbLookup<'_> {
    fn port_key(&self, name: &str) -> Option<u32> {
        self.index
            .keys
            .get(&(self.datapath, name.to_string()))
            .copied()
    }
    fn address_set(&self, name: &str) -> Option<Vec<String>> {
        self.sb.address_sets.get(name).cloned()
    }
    fn port_group(&self, name: &str) -> Option<Vec<String>> {
        // ovn-northd writes one Port_Group per (group, datapath), named
        // `<datapath tunnel key>_<group>`, while logical flows say `@<group>`.
        self.sb
            .datapath_key(&self.datapath)
            .and_then(|k| self.sb.port_groups.get(&format!("{k}_{name}")))
            .or_else(|| self.sb.port_groups.get(name))
            .cloned()
    }
    fn is_chassis_resident(&self, port: &str) -> bool {
        self.index.resident.contains(port)
    }
    fn is_router(&self) -> bool {
        // ovn-northd marks router datapaths with `external_ids:logical-router`.
        self.sb
            .datapaths
            .get(&self.datapath)
            .is_some_and(|d| d.external_ids.contains_key("logical-router"))
    }
}
