//! A typed snapshot of the southbound tables the controller reads (all but
//! `Logical_Flow`, which the flow engine follows incrementally), and the list of what it
//! monitors.
//!
//! Invariant: rows that fail to read as typed rows are skipped with a warning.

use std::collections::BTreeMap;

use ovsdb::idl::Replica;
use ovsdb::typed::sb::{
    AddressSet, Chassis, ChassisPrivate, DatapathBinding, Encap, Fdb, LogicalDpGroup,
    MulticastGroup, PortBinding, PortGroup, SbGlobal,
};
use ovsdb::typed::{rows, TypedRow};
use uuid::Uuid;

/// The southbound tables the controller monitors (every column).
pub const MONITORED: &[&str] = &[
    "SB_Global",
    "Chassis",
    "Encap",
    "Chassis_Private",
    "Datapath_Binding",
    "Port_Binding",
    "Multicast_Group",
    "Logical_Flow",
    "Logical_DP_Group",
    "Address_Set",
    "Port_Group",
    "FDB",
];

#[derive(Debug, Clone, Default)]
pub struct SbSnapshot {
    pub global: Option<SbGlobal>,
    pub chassis: BTreeMap<Uuid, Chassis>,
    pub encaps: BTreeMap<Uuid, Encap>,
    pub chassis_private: BTreeMap<Uuid, ChassisPrivate>,
    pub datapaths: BTreeMap<Uuid, DatapathBinding>,
    pub port_bindings: BTreeMap<Uuid, PortBinding>,
    pub mcast_groups: BTreeMap<Uuid, MulticastGroup>,
    pub dp_groups: BTreeMap<Uuid, LogicalDpGroup>,
    pub fdb: BTreeMap<Uuid, Fdb>,
    /// `Address_Set` by name.
    pub address_sets: BTreeMap<String, Vec<String>>,
    /// `Port_Group` by name.
    pub port_groups: BTreeMap<String, Vec<String>>,
}

fn read<T: TypedRow>(replica: &Replica) -> BTreeMap<Uuid, T> {
    rows::<T>(replica)
        .filter_map(|r| {
            r.map_err(|e| tracing::warn!(table = T::TABLE, error = %e, "unreadable row"))
                .ok()
        })
        .map(|r| (r.uuid(), r))
        .collect()
}

impl SbSnapshot {
    pub fn from_replica(replica: &Replica) -> SbSnapshot {
        SbSnapshot {
            global: read::<SbGlobal>(replica).into_values().next(),
            chassis: read(replica),
            encaps: read(replica),
            chassis_private: read(replica),
            datapaths: read(replica),
            port_bindings: read(replica),
            mcast_groups: read(replica),
            dp_groups: read(replica),
            fdb: read(replica),
            address_sets: read::<AddressSet>(replica)
                .into_values()
                .map(|a| (a.name, a.addresses.into_iter().collect()))
                .collect(),
            port_groups: read::<PortGroup>(replica)
                .into_values()
                .map(|p| (p.name, p.ports.into_iter().collect()))
                .collect(),
        }
    }

    /// The `Chassis` row called `name`.
    pub fn chassis_named(&self, name: &str) -> Option<&Chassis> {
        self.chassis.values().find(|c| c.name == name)
    }

    /// The `Chassis_Private` row called `name`.
    pub fn chassis_private_named(&self, name: &str) -> Option<&ChassisPrivate> {
        self.chassis_private.values().find(|c| c.name == name)
    }

    /// The `Port_Binding` of `logical_port`.
    pub fn port_binding(&self, logical_port: &str) -> Option<&PortBinding> {
        self.port_bindings
            .values()
            .find(|p| p.logical_port == logical_port)
    }

    /// The tunnel key of a datapath row.
    pub fn datapath_key(&self, dp: &Uuid) -> Option<u32> {
        self.datapaths
            .get(dp)
            .and_then(|d| u32::try_from(d.tunnel_key).ok())
    }
}
