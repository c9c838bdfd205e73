//! The typed input of the physical-flow generator: what this chassis knows about the
//! logical datapaths it hosts, their port bindings, multicast groups and the tunnels to
//! the other chassis. A plain value: the daemon fills it from the southbound database
//! (`Datapath_Binding`, `Port_Binding`, `Multicast_Group`, `Chassis`/`Encap`) and the local
//! `Open_vSwitch` database (`Interface.ofport`, `external_ids:iface-id`, tunnel ports), and
//! [`super::physical_flows`] turns it into OpenFlow without any I/O.
//!
//! Where each field comes from (as ovn-controller reads it; the golden tests build views
//! this way from captured databases, `tests/physical_common/mod.rs`):
//!
//! | field | source |
//! |---|---|
//! | `LocalView.chassis` | `Open_vSwitch.external_ids:system-id` |
//! | `Datapath.key`, `name` | `Datapath_Binding.tunnel_key`, `external_ids:name` |
//! | `Datapath.dnat_zone`/`snat_zone` | zones allocated for `<Datapath_Binding uuid>_dnat`/`_snat` (br-int `external_ids:ct-zone-<that>`) |
//! | `PortBinding.{name,key,kind}` | `logical_port`, `tunnel_key`, [`PortKind::from_sb`]`(type, options:network_name)` |
//! | `PortBinding.chassis` | `Chassis.name` of the `chassis` column |
//! | `PortBinding.ofport` | `Interface.ofport` of the br-int interface with `external_ids:iface-id` = name (VIF here, localport) |
//! | `PortBinding.ct_zone` | zone allocated for the port name (br-int `external_ids:ct-zone-<name>`) |
//! | `PortBinding.{mac,port_security}` | the columns, verbatim |
//! | `PortBinding.localnet_ofport` | `ofport` of the br-int patch port whose `Port.external_ids:ovn-localnet-port` = name |
//! | `PortBinding.peer` | `options:peer` (type `patch`) |
//! | `*.cookie` | [`cookie_of_uuid`] of the row's `_uuid` |
//! | `McastGroup` | `Multicast_Group` rows of local datapaths; `ports` in the column's order |
//! | `Tunnel` | br-int interfaces of type `geneve`/`vxlan`; chassis = the `Encap` whose `ip` is `options:remote_ip` |
//! | `FdbEntry` | `FDB.{dp_key, port_key, mac}` |
//!
//! Every type implements `Default`, so producers can write `..Default::default()` and keep
//! compiling when a field is added.
//!
//! Invariants the producer keeps (the generator checks none of them at run time beyond
//! skipping what it cannot use):
//! - `datapaths` holds only datapaths with at least one port relevant to this chassis
//!   (OVN's "local datapaths"), keyed by their tunnel key.
//! - `ports` holds every binding of those datapaths, local or not; `ofport` is set only for
//!   a binding whose interface exists on this chassis' integration bridge.
//! - `fdb` may hold entries of any datapath; only those of local datapaths matter.
//! - `tunnels` holds one entry per remote chassis we have a tunnel port to; `ofport` is the
//!   tunnel interface's OpenFlow port number on the integration bridge.

use std::collections::BTreeMap;

/// Everything the physical-flow generator needs about this chassis' view of the world.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LocalView {
    /// This chassis' name (`Chassis.name`, the `system-id`).
    pub chassis: String,
    /// Datapaths local to this chassis, by tunnel key.
    pub datapaths: BTreeMap<u32, Datapath>,
    /// Every port binding of the local datapaths.
    pub ports: Vec<PortBinding>,
    /// Multicast groups of the local datapaths.
    pub mcast_groups: Vec<McastGroup>,
    /// One tunnel per remote chassis.
    pub tunnels: Vec<Tunnel>,
    /// Learned MAC bindings (`FDB` table) of the local datapaths.
    pub fdb: Vec<FdbEntry>,
}

/// A learned MAC address (`FDB` row): frames to `mac` on datapath `datapath` go to port
/// `port`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FdbEntry {
    /// `dp_key`.
    pub datapath: u32,
    /// `port_key`.
    pub port: u32,
    /// `mac`, as written in the row (`"0a:00:00:00:00:01"`).
    pub mac: String,
    /// Cookie of the entry's flows ([`cookie_of_uuid`] of the row; 0 if unknown).
    pub cookie: u64,
}

/// The OpenFlow cookie ovn-controller gives the flows of a southbound row: the first 32
/// bits of its UUID (`"cc472517-31b5-..."` → `0xcc472517`). 0 for anything else.
pub fn cookie_of_uuid(uuid: &str) -> u64 {
    uuid.get(..8)
        .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
        .and_then(|h| u64::from_str_radix(h, 16).ok())
        .unwrap_or(0)
}

/// A logical datapath (`Datapath_Binding`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Datapath {
    /// Tunnel key (the Geneve VNI, the `metadata` value).
    pub key: u32,
    /// A name for logs: `external_ids:name` of the binding.
    pub name: String,
    /// Conntrack zone this chassis allocated for the datapath's DNAT (`reg11`); ovn-controller
    /// allocates one for every local datapath, switches included.
    pub dnat_zone: Option<u16>,
    /// Conntrack zone for the datapath's SNAT (`reg12`).
    pub snat_zone: Option<u16>,
}

/// What kind of logical port a binding is (`Port_Binding.type`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum PortKind {
    /// `""`: a VM or container interface, bound to one chassis.
    #[default]
    Vif,
    /// `localport`: present on every chassis, never leaves it.
    Localport,
    /// `localnet`: a bridge to a physical network on every chassis.
    Localnet {
        /// `options:network_name`.
        network_name: String,
    },
    /// `router` (the northbound name; the southbound writes `patch`): treated as `patch`.
    Router,
    /// `patch`: one side of a link between two datapaths (`peer` names the other side).
    Patch,
    /// Any other type (`l3gateway`, `chassisredirect`, `vtep`, `virtual`, ...), kept verbatim.
    Other(String),
}

impl PortKind {
    /// The kind named by a `Port_Binding.type` value (`options:network_name` for localnet).
    pub fn from_sb(kind: &str, network_name: Option<&str>) -> PortKind {
        match kind {
            "" => PortKind::Vif,
            "localport" => PortKind::Localport,
            "localnet" => PortKind::Localnet {
                network_name: network_name.unwrap_or_default().to_string(),
            },
            "router" => PortKind::Router,
            "patch" => PortKind::Patch,
            other => PortKind::Other(other.to_string()),
        }
    }
}

/// A logical port binding (`Port_Binding`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PortBinding {
    /// `logical_port`.
    pub name: String,
    /// Tunnel key of the datapath it belongs to.
    pub datapath: u32,
    /// Port tunnel key (the `reg14`/`reg15` value).
    pub key: u32,
    /// `type`.
    pub kind: PortKind,
    /// Name of the chassis the port is bound to, if any.
    pub chassis: Option<String>,
    /// OpenFlow port of the local interface (`Interface.ofport`), when bound here.
    pub ofport: Option<u32>,
    /// Conntrack zone assigned to this port on this chassis.
    pub ct_zone: Option<u16>,
    /// `mac`: entries like `"0a:00:00:00:00:01 10.0.0.1"`, or `"unknown"`.
    pub mac: Vec<String>,
    /// `port_security`: entries like `"0a:00:00:00:00:01 10.0.0.1 fd00::1"`.
    pub port_security: Vec<String>,
    /// For a localnet port: OpenFlow port of the patch port to its provider bridge.
    pub localnet_ofport: Option<u32>,
    /// For a patch port (`type` `patch`, both sides of a switch–router link):
    /// `options:peer`, the binding on the other datapath.
    pub peer: Option<String>,
    /// Cookie of this binding's flows ([`cookie_of_uuid`] of the row; 0 if unknown).
    pub cookie: u64,
}

/// A multicast group (`Multicast_Group`), e.g. `_MC_flood`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct McastGroup {
    /// Tunnel key of its datapath.
    pub datapath: u32,
    /// `name`.
    pub name: String,
    /// `tunnel_key` (32768 and up).
    pub key: u32,
    /// `logical_port` names of the members.
    pub ports: Vec<String>,
    /// Cookie of the group's flows ([`cookie_of_uuid`] of the row; 0 if unknown).
    pub cookie: u64,
}

/// Encapsulation used by a tunnel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EncapKind {
    /// Geneve with OVN's option (class 0x0102, type 0x80).
    #[default]
    Geneve,
    /// VXLAN: 24-bit VNI only, no room for the port keys' full width.
    Vxlan,
}

/// The tunnel to one remote chassis.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Tunnel {
    /// Remote chassis name.
    pub chassis: String,
    /// OpenFlow port of the tunnel interface on the integration bridge.
    pub ofport: u32,
    /// Encapsulation.
    pub kind: EncapKind,
    /// Remote endpoint IP (`Encap.ip`).
    pub ip: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_the_uuid_prefix() {
        assert_eq!(
            cookie_of_uuid("cc472517-31b5-4e52-8ed3-82c6cda93f68"),
            0xcc472517
        );
        assert_eq!(
            cookie_of_uuid("01c80d6c-872a-47b4-ab48-adc5ee21791c"),
            0x01c80d6c
        );
        assert_eq!(cookie_of_uuid(""), 0);
        assert_eq!(cookie_of_uuid("zz472517-..."), 0);
        assert_eq!(cookie_of_uuid("é"), 0);
    }

    #[test]
    fn port_kinds_from_the_southbound() {
        assert_eq!(PortKind::from_sb("", None), PortKind::Vif);
        assert_eq!(PortKind::from_sb("patch", None), PortKind::Patch);
        assert_eq!(
            PortKind::from_sb("localnet", Some("physnet")),
            PortKind::Localnet {
                network_name: "physnet".into()
            }
        );
        assert_eq!(
            PortKind::from_sb("chassisredirect", None),
            PortKind::Other("chassisredirect".into())
        );
    }
}
