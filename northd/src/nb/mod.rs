//! Typed views of the OVN_Northbound rows that northd reads.
//!
//! These are plain values: the compiler never sees a column name or an OVSDB datum.
//! [`from_db`] builds an [`NbSnapshot`] from an in-memory `ovsdb::db::Database`; it is the
//! only place that knows the NB column names and will be replaced by the typed rows
//! generated from `ovn-nb.ovsschema`.

pub mod addresses;
pub mod from_db;
pub mod from_typed;
pub mod match_check;

use std::collections::BTreeMap;

use uuid::Uuid;

pub use addresses::{LspAddress, MacAddr, PortAddresses};
pub use from_db::{snapshot_from_db, FromDbError};
pub use match_check::{check_match, MatchError};

/// `NB_Global` (the one row).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NbGlobal {
    pub uuid: Uuid,
    pub options: BTreeMap<String, String>,
}

impl NbGlobal {
    /// `options:mac_prefix`: the first three bytes of every MAC that IPAM allocates.
    pub fn mac_prefix(&self) -> Option<[u8; 3]> {
        let s = self.options.get("mac_prefix")?;
        let mut out = [0u8; 3];
        let parts: Vec<&str> = s.split(':').collect();
        if parts.len() < 3 {
            return None;
        }
        for (o, p) in out.iter_mut().zip(parts) {
            *o = u8::from_str_radix(p, 16).ok()?;
        }
        Some(out)
    }
    /// `options:svc_monitor_mac`, the source MAC of service-monitor probes (ovn-northd
    /// generates it and stores it here).
    pub fn svc_monitor_mac(&self) -> Option<&str> {
        self.options.get("svc_monitor_mac").map(String::as_str)
    }
}

/// `Logical_Switch`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LogicalSwitch {
    pub uuid: Uuid,
    pub name: String,
    pub ports: Vec<Uuid>,
    pub acls: Vec<Uuid>,
    pub other_config: BTreeMap<String, String>,
    pub external_ids: BTreeMap<String, String>,
}

/// `Logical_Switch_Port.type`.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum LspType {
    /// `""`: a VM or container interface.
    #[default]
    Normal,
    Localport,
    Localnet,
    Router,
    /// Types outside this compiler's scope (vtep, l2gateway, external, virtual, remote).
    Other(String),
}

impl LspType {
    pub fn parse(s: &str) -> LspType {
        match s {
            "" => LspType::Normal,
            "localport" => LspType::Localport,
            "localnet" => LspType::Localnet,
            "router" => LspType::Router,
            o => LspType::Other(o.to_string()),
        }
    }
    pub fn as_str(&self) -> &str {
        match self {
            LspType::Normal => "",
            LspType::Localport => "localport",
            LspType::Localnet => "localnet",
            LspType::Router => "router",
            LspType::Other(s) => s,
        }
    }
}

/// `Logical_Switch_Port`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LogicalSwitchPort {
    pub uuid: Uuid,
    pub name: String,
    pub type_: LspType,
    /// `addresses`, one parsed entry per string, in the column's (sorted) order.
    pub addresses: Vec<LspAddress>,
    /// `addresses` as written, which the SB `Port_Binding.mac` column repeats.
    pub addresses_text: Vec<String>,
    /// `dynamic_addresses`, as IPAM (ours or a previous northd's) wrote it.
    pub dynamic_addresses: Option<PortAddresses>,
    /// `port_security`, verbatim: ovn-controller interprets it (`check_in_port_sec()`).
    pub port_security: Vec<String>,
    /// `enabled`: absent means enabled.
    pub enabled: Option<bool>,
    pub options: BTreeMap<String, String>,
    pub tag: Option<u16>,
    pub parent_name: Option<String>,
    pub external_ids: BTreeMap<String, String>,
}

impl LogicalSwitchPort {
    pub fn is_enabled(&self) -> bool {
        self.enabled != Some(false)
    }
    pub fn has_unknown(&self) -> bool {
        self.addresses
            .iter()
            .any(|a| matches!(a, LspAddress::Unknown))
    }
    /// The addresses the port answers to: its static addresses plus, for a `dynamic`
    /// entry, what IPAM assigned (`dynamic_addresses`).
    pub fn known_addresses(&self) -> Vec<PortAddresses> {
        let mut out = Vec::new();
        for a in &self.addresses {
            match a {
                LspAddress::Static(p) => out.push(p.clone()),
                LspAddress::Dynamic { .. } => {
                    if let Some(d) = &self.dynamic_addresses {
                        out.push(d.clone());
                    }
                }
                LspAddress::Unknown | LspAddress::Router => {}
            }
        }
        out
    }
}

/// `ACL.direction`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Direction {
    FromLport,
    ToLport,
}

/// `ACL.action` (OVN 23.03 has no `pass`: ACL tiers came in 23.06).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AclAction {
    Allow,
    AllowRelated,
    AllowStateless,
    Drop,
    Reject,
}

impl AclAction {
    pub fn parse(s: &str) -> Option<AclAction> {
        Some(match s {
            "allow" => AclAction::Allow,
            "allow-related" => AclAction::AllowRelated,
            "allow-stateless" => AclAction::AllowStateless,
            "drop" => AclAction::Drop,
            "reject" => AclAction::Reject,
            _ => return None,
        })
    }
}

/// `ACL.severity`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Alert,
    Warning,
    Notice,
    Info,
    Debug,
}

impl Severity {
    pub fn parse(s: &str) -> Option<Severity> {
        Some(match s {
            "alert" => Severity::Alert,
            "warning" => Severity::Warning,
            "notice" => Severity::Notice,
            "info" => Severity::Info,
            "debug" => Severity::Debug,
            _ => return None,
        })
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Alert => "alert",
            Severity::Warning => "warning",
            Severity::Notice => "notice",
            Severity::Info => "info",
            Severity::Debug => "debug",
        }
    }
}

/// `ACL`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Acl {
    pub uuid: Uuid,
    pub direction: Direction,
    /// 0..=32767.
    pub priority: u16,
    pub match_: String,
    pub action: AclAction,
    pub log: bool,
    pub name: Option<String>,
    pub severity: Option<Severity>,
    pub meter: Option<String>,
    /// 0 means no label.
    pub label: u32,
}

/// `Port_Group`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PortGroup {
    pub uuid: Uuid,
    pub name: String,
    pub ports: Vec<Uuid>,
    pub acls: Vec<Uuid>,
}

/// `Address_Set`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AddressSet {
    pub uuid: Uuid,
    pub name: String,
    pub addresses: Vec<String>,
}

/// Everything northd reads from the NB, keyed by row uuid.
#[derive(Debug, Clone, Default)]
pub struct NbSnapshot {
    pub global: NbGlobal,
    pub switches: BTreeMap<Uuid, LogicalSwitch>,
    pub ports: BTreeMap<Uuid, LogicalSwitchPort>,
    pub acls: BTreeMap<Uuid, Acl>,
    pub port_groups: BTreeMap<Uuid, PortGroup>,
    pub address_sets: BTreeMap<Uuid, AddressSet>,
}

impl NbSnapshot {
    pub fn switch_by_name(&self, name: &str) -> Option<&LogicalSwitch> {
        self.switches.values().find(|s| s.name == name)
    }
    pub fn port_by_name(&self, name: &str) -> Option<&LogicalSwitchPort> {
        self.ports.values().find(|p| p.name == name)
    }
    /// The ports of `ls` that exist, in NB order.
    pub fn switch_ports<'a>(
        &'a self,
        ls: &'a LogicalSwitch,
    ) -> impl Iterator<Item = &'a LogicalSwitchPort> + 'a {
        ls.ports.iter().filter_map(|u| self.ports.get(u))
    }
    /// The switch each port belongs to.
    pub fn port_switch(&self) -> BTreeMap<Uuid, Uuid> {
        let mut m = BTreeMap::new();
        for ls in self.switches.values() {
            for p in &ls.ports {
                m.insert(*p, ls.uuid);
            }
        }
        m
    }
}
