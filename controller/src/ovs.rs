//! A typed snapshot of the local `Open_vSwitch` database: the root row, the integration
//! bridge and its ports and interfaces. Built from the IDL replica once per main-loop
//! iteration; every other module reads the switch through it.
//!
//! Invariant: rows that fail to read as typed rows are skipped with a warning (a newer
//! schema must not stop the controller).

use std::collections::BTreeMap;

use ovsdb::idl::Replica;
use ovsdb::typed::vswitch::{Bridge, Interface, OpenVSwitch, Port};
use ovsdb::typed::{rows, TypedRow};
use uuid::Uuid;

/// The tables and columns of `Open_vSwitch` the controller monitors.
pub const MONITORED: &[(&str, Option<&[&str]>)] = &[
    (
        "Open_vSwitch",
        Some(&["bridges", "external_ids", "other_config", "iface_types"]),
    ),
    (
        "Bridge",
        Some(&[
            "name",
            "ports",
            "datapath_type",
            "fail_mode",
            "other_config",
            "external_ids",
        ]),
    ),
    ("Port", Some(&["name", "interfaces", "external_ids"])),
    (
        "Interface",
        Some(&[
            "name",
            "type",
            "options",
            "external_ids",
            "ofport",
            "mac_in_use",
            "error",
        ]),
    ),
];

/// The local switch as the controller sees it.
#[derive(Debug, Clone, Default)]
pub struct OvsSnapshot {
    pub root: Option<OpenVSwitch>,
    pub bridges: BTreeMap<Uuid, Bridge>,
    pub ports: BTreeMap<Uuid, Port>,
    pub ifaces: BTreeMap<Uuid, Interface>,
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

impl OvsSnapshot {
    pub fn from_replica(replica: &Replica) -> OvsSnapshot {
        OvsSnapshot {
            root: read::<OpenVSwitch>(replica).into_values().next(),
            bridges: read(replica),
            ports: read(replica),
            ifaces: read(replica),
        }
    }

    /// The bridge called `name`.
    pub fn bridge(&self, name: &str) -> Option<&Bridge> {
        self.bridges.values().find(|b| b.name == name)
    }

    /// Every (port, interface) of a bridge.
    pub fn bridge_ifaces<'a>(
        &'a self,
        bridge: &'a Bridge,
    ) -> impl Iterator<Item = (&'a Port, &'a Interface)> + 'a {
        bridge
            .ports
            .iter()
            .filter_map(|p| self.ports.get(p))
            .flat_map(move |p| {
                p.interfaces
                    .iter()
                    .filter_map(|i| self.ifaces.get(i))
                    .map(move |i| (p, i))
            })
    }
}

/// The usable OpenFlow port number of an interface (`ofport` > 0 and not `-1`).
pub fn ofport(iface: &Interface) -> Option<u32> {
    iface
        .ofport
        .filter(|p| *p > 0 && *p < 0xff00)
        .map(|p| p as u32)
}
