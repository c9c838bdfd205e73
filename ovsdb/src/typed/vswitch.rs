//! Typed rows of the `Open_vSwitch` database (schema version 8.3.1), generated from
//! `ovsdb/schemas/vswitch.ovsschema` by `ovsdb::typed::codegen`. Do not edit: regenerate with
//! `UPDATE_TYPED=1 cargo test -p ovsdb --test typed_codegen`.

use std::collections::{BTreeMap, BTreeSet};

use uuid::Uuid;

use super::convert as c;
use super::{TypedError, TypedRow};
use crate::data::{Atom, Datum};
use crate::db::Row;
use crate::schema::TableSchema;

/// The database name.
pub const DATABASE: &str = "Open_vSwitch";
/// The schema version the rows were generated from.
pub const SCHEMA_VERSION: &str = "8.3.1";
/// Every table.
pub const TABLES: &[&str] = &[
    "AutoAttach",
    "Bridge",
    "CT_Timeout_Policy",
    "CT_Zone",
    "Controller",
    "Datapath",
    "Flow_Sample_Collector_Set",
    "Flow_Table",
    "IPFIX",
    "Interface",
    "Manager",
    "Mirror",
    "NetFlow",
    "Open_vSwitch",
    "Port",
    "QoS",
    "Queue",
    "SSL",
    "sFlow",
];

/// A row of table `AutoAttach`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AutoAttach {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `system_name`: string.
    pub system_name: String,
    /// `system_description`: string.
    pub system_description: String,
    /// `mappings`: map from integer, 0 to 16777215 to integer, 0 to 4095.
    pub mappings: BTreeMap<i64, i64>,
}

impl AutoAttach {
    pub const COL_SYSTEM_NAME: &'static str = "system_name";
    pub const COL_SYSTEM_DESCRIPTION: &'static str = "system_description";
    pub const COL_MAPPINGS: &'static str = "mappings";
}

impl TypedRow for AutoAttach {
    const TABLE: &'static str = "AutoAttach";
    const COLUMNS: &'static [&'static str] = &[
        Self::COL_SYSTEM_NAME,
        Self::COL_SYSTEM_DESCRIPTION,
        Self::COL_MAPPINGS,
    ];

    fn uuid(&self) -> Uuid {
        self.uuid
    }

    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {
        c::check_table(table, Self::TABLE)?;
        Ok(AutoAttach {
            uuid: row.uuid(),
            system_name: c::scalar(table, row, Self::COL_SYSTEM_NAME)?,
            system_description: c::scalar(table, row, Self::COL_SYSTEM_DESCRIPTION)?,
            mappings: c::map(table, row, Self::COL_MAPPINGS)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_SYSTEM_NAME, c::from_scalar(&self.system_name)),
            (
                Self::COL_SYSTEM_DESCRIPTION,
                c::from_scalar(&self.system_description),
            ),
            (Self::COL_MAPPINGS, c::from_map(&self.mappings)),
        ]
    }
}

/// A row of table `Bridge`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Bridge {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `name`: string; immutable.
    pub name: String,
    /// `datapath_type`: string.
    pub datapath_type: String,
    /// `datapath_version`: string.
    pub datapath_version: String,
    /// `datapath_id`: optional string; ephemeral.
    pub datapath_id: Option<String>,
    /// `stp_enable`: boolean.
    pub stp_enable: bool,
    /// `rstp_enable`: boolean.
    pub rstp_enable: bool,
    /// `mcast_snooping_enable`: boolean.
    pub mcast_snooping_enable: bool,
    /// `ports`: set of uuid, reference to `Port`.
    pub ports: BTreeSet<Uuid>,
    /// `mirrors`: set of uuid, reference to `Mirror`.
    pub mirrors: BTreeSet<Uuid>,
    /// `netflow`: optional uuid, reference to `NetFlow`.
    pub netflow: Option<Uuid>,
    /// `sflow`: optional uuid, reference to `sFlow`.
    pub sflow: Option<Uuid>,
    /// `ipfix`: optional uuid, reference to `IPFIX`.
    pub ipfix: Option<Uuid>,
    /// `controller`: set of uuid, reference to `Controller`.
    pub controller: BTreeSet<Uuid>,
    /// `protocols`: set of string, one of `"OpenFlow10"`, `"OpenFlow11"`, `"OpenFlow12"`, `"OpenFlow13"`, `"OpenFlow14"`, `"OpenFlow15"`.
    pub protocols: BTreeSet<BridgeProtocols>,
    /// `fail_mode`: optional string, one of `"secure"`, `"standalone"`.
    pub fail_mode: Option<BridgeFailMode>,
    /// `status`: map from string to string; ephemeral.
    pub status: BTreeMap<String, String>,
    /// `rstp_status`: map from string to string; ephemeral.
    pub rstp_status: BTreeMap<String, String>,
    /// `other_config`: map from string to string.
    pub other_config: BTreeMap<String, String>,
    /// `external_ids`: map from string to string.
    pub external_ids: BTreeMap<String, String>,
    /// `flood_vlans`: set (0 to 4096) of integer, 0 to 4095.
    pub flood_vlans: BTreeSet<i64>,
    /// `flow_tables`: map from integer, 0 to 254 to uuid, reference to `Flow_Table`.
    pub flow_tables: BTreeMap<i64, Uuid>,
    /// `auto_attach`: optional uuid, reference to `AutoAttach`.
    pub auto_attach: Option<Uuid>,
}

impl Bridge {
    pub const COL_NAME: &'static str = "name";
    pub const COL_DATAPATH_TYPE: &'static str = "datapath_type";
    pub const COL_DATAPATH_VERSION: &'static str = "datapath_version";
    pub const COL_DATAPATH_ID: &'static str = "datapath_id";
    pub const COL_STP_ENABLE: &'static str = "stp_enable";
    pub const COL_RSTP_ENABLE: &'static str = "rstp_enable";
    pub const COL_MCAST_SNOOPING_ENABLE: &'static str = "mcast_snooping_enable";
    pub const COL_PORTS: &'static str = "ports";
    pub const COL_MIRRORS: &'static str = "mirrors";
    pub const COL_NETFLOW: &'static str = "netflow";
    pub const COL_SFLOW: &'static str = "sflow";
    pub const COL_IPFIX: &'static str = "ipfix";
    pub const COL_CONTROLLER: &'static str = "controller";
    pub const COL_PROTOCOLS: &'static str = "protocols";
    pub const COL_FAIL_MODE: &'static str = "fail_mode";
    pub const COL_STATUS: &'static str = "status";
    pub const COL_RSTP_STATUS: &'static str = "rstp_status";
    pub const COL_OTHER_CONFIG: &'static str = "other_config";
    pub const COL_EXTERNAL_IDS: &'static str = "external_ids";
    pub const COL_FLOOD_VLANS: &'static str = "flood_vlans";
    pub const COL_FLOW_TABLES: &'static str = "flow_tables";
    pub const COL_AUTO_ATTACH: &'static str = "auto_attach";
}

impl TypedRow for Bridge {
    const TABLE: &'static str = "Bridge";
    const COLUMNS: &'static [&'static str] = &[
        Self::COL_NAME,
        Self::COL_DATAPATH_TYPE,
        Self::COL_DATAPATH_VERSION,
        Self::COL_DATAPATH_ID,
        Self::COL_STP_ENABLE,
        Self::COL_RSTP_ENABLE,
        Self::COL_MCAST_SNOOPING_ENABLE,
        Self::COL_PORTS,
        Self::COL_MIRRORS,
        Self::COL_NETFLOW,
        Self::COL_SFLOW,
        Self::COL_IPFIX,
        Self::COL_CONTROLLER,
        Self::COL_PROTOCOLS,
        Self::COL_FAIL_MODE,
        Self::COL_STATUS,
        Self::COL_RSTP_STATUS,
        Self::COL_OTHER_CONFIG,
        Self::COL_EXTERNAL_IDS,
        Self::COL_FLOOD_VLANS,
        Self::COL_FLOW_TABLES,
        Self::COL_AUTO_ATTACH,
    ];

    fn uuid(&self) -> Uuid {
        self.uuid
    }

    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {
        c::check_table(table, Self::TABLE)?;
        Ok(Bridge {
            uuid: row.uuid(),
            name: c::scalar(table, row, Self::COL_NAME)?,
            datapath_type: c::scalar(table, row, Self::COL_DATAPATH_TYPE)?,
            datapath_version: c::scalar(table, row, Self::COL_DATAPATH_VERSION)?,
            datapath_id: c::optional(table, row, Self::COL_DATAPATH_ID)?,
            stp_enable: c::scalar(table, row, Self::COL_STP_ENABLE)?,
            rstp_enable: c::scalar(table, row, Self::COL_RSTP_ENABLE)?,
            mcast_snooping_enable: c::scalar(table, row, Self::COL_MCAST_SNOOPING_ENABLE)?,
            ports: c::set(table, row, Self::COL_PORTS)?,
            mirrors: c::set(table, row, Self::COL_MIRRORS)?,
            netflow: c::optional(table, row, Self::COL_NETFLOW)?,
            sflow: c::optional(table, row, Self::COL_SFLOW)?,
            ipfix: c::optional(table, row, Self::COL_IPFIX)?,
            controller: c::set(table, row, Self::COL_CONTROLLER)?,
            protocols: c::set(table, row, Self::COL_PROTOCOLS)?,
            fail_mode: c::optional(table, row, Self::COL_FAIL_MODE)?,
            status: c::map(table, row, Self::COL_STATUS)?,
            rstp_status: c::map(table, row, Self::COL_RSTP_STATUS)?,
            other_config: c::map(table, row, Self::COL_OTHER_CONFIG)?,
            external_ids: c::map(table, row, Self::COL_EXTERNAL_IDS)?,
            flood_vlans: c::set(table, row, Self::COL_FLOOD_VLANS)?,
            flow_tables: c::map(table, row, Self::COL_FLOW_TABLES)?,
            auto_attach: c::optional(table, row, Self::COL_AUTO_ATTACH)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_NAME, c::from_scalar(&self.name)),
            (Self::COL_DATAPATH_TYPE, c::from_scalar(&self.datapath_type)),
            (
                Self::COL_DATAPATH_VERSION,
                c::from_scalar(&self.datapath_version),
            ),
            (Self::COL_DATAPATH_ID, c::from_optional(&self.datapath_id)),
            (Self::COL_STP_ENABLE, c::from_scalar(&self.stp_enable)),
            (Self::COL_RSTP_ENABLE, c::from_scalar(&self.rstp_enable)),
            (
                Self::COL_MCAST_SNOOPING_ENABLE,
                c::from_scalar(&self.mcast_snooping_enable),
            ),
            (Self::COL_PORTS, c::from_set(&self.ports)),
            (Self::COL_MIRRORS, c::from_set(&self.mirrors)),
            (Self::COL_NETFLOW, c::from_optional(&self.netflow)),
            (Self::COL_SFLOW, c::from_optional(&self.sflow)),
            (Self::COL_IPFIX, c::from_optional(&self.ipfix)),
            (Self::COL_CONTROLLER, c::from_set(&self.controller)),
            (Self::COL_PROTOCOLS, c::from_set(&self.protocols)),
            (Self::COL_FAIL_MODE, c::from_optional(&self.fail_mode)),
            (Self::COL_STATUS, c::from_map(&self.status)),
            (Self::COL_RSTP_STATUS, c::from_map(&self.rstp_status)),
            (Self::COL_OTHER_CONFIG, c::from_map(&self.other_config)),
            (Self::COL_EXTERNAL_IDS, c::from_map(&self.external_ids)),
            (Self::COL_FLOOD_VLANS, c::from_set(&self.flood_vlans)),
            (Self::COL_FLOW_TABLES, c::from_map(&self.flow_tables)),
            (Self::COL_AUTO_ATTACH, c::from_optional(&self.auto_attach)),
        ]
    }
}

/// The values of `Bridge.protocols`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum BridgeProtocols {
    /// `"OpenFlow10"`.
    OpenFlow10,
    /// `"OpenFlow11"`.
    OpenFlow11,
    /// `"OpenFlow12"`.
    OpenFlow12,
    /// `"OpenFlow13"`.
    OpenFlow13,
    /// `"OpenFlow14"`.
    OpenFlow14,
    /// `"OpenFlow15"`.
    OpenFlow15,
    /// A value this schema version does not list (kept, not rejected).
    Other(String),
}

impl BridgeProtocols {
    /// The value as stored in the database.
    pub fn as_str(&self) -> &str {
        match self {
            BridgeProtocols::OpenFlow10 => "OpenFlow10",
            BridgeProtocols::OpenFlow11 => "OpenFlow11",
            BridgeProtocols::OpenFlow12 => "OpenFlow12",
            BridgeProtocols::OpenFlow13 => "OpenFlow13",
            BridgeProtocols::OpenFlow14 => "OpenFlow14",
            BridgeProtocols::OpenFlow15 => "OpenFlow15",
            BridgeProtocols::Other(s) => s,
        }
    }
}

impl From<&str> for BridgeProtocols {
    fn from(s: &str) -> BridgeProtocols {
        match s {
            "OpenFlow10" => BridgeProtocols::OpenFlow10,
            "OpenFlow11" => BridgeProtocols::OpenFlow11,
            "OpenFlow12" => BridgeProtocols::OpenFlow12,
            "OpenFlow13" => BridgeProtocols::OpenFlow13,
            "OpenFlow14" => BridgeProtocols::OpenFlow14,
            "OpenFlow15" => BridgeProtocols::OpenFlow15,
            other => BridgeProtocols::Other(other.to_string()),
        }
    }
}

/// The OVSDB default of a string, `""`.
impl Default for BridgeProtocols {
    fn default() -> BridgeProtocols {
        BridgeProtocols::from("")
    }
}

impl std::fmt::Display for BridgeProtocols {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl c::AtomValue for BridgeProtocols {
    fn from_atom(a: &Atom) -> Option<BridgeProtocols> {
        a.as_str().map(BridgeProtocols::from)
    }
    fn to_atom(&self) -> Atom {
        Atom::String(self.as_str().to_string())
    }
}

/// The values of `Bridge.fail_mode`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum BridgeFailMode {
    /// `"secure"`.
    Secure,
    /// `"standalone"`.
    Standalone,
    /// A value this schema version does not list (kept, not rejected).
    Other(String),
}

impl BridgeFailMode {
    /// The value as stored in the database.
    pub fn as_str(&self) -> &str {
        match self {
            BridgeFailMode::Secure => "secure",
            BridgeFailMode::Standalone => "standalone",
            BridgeFailMode::Other(s) => s,
        }
    }
}

impl From<&str> for BridgeFailMode {
    fn from(s: &str) -> BridgeFailMode {
        match s {
            "secure" => BridgeFailMode::Secure,
            "standalone" => BridgeFailMode::Standalone,
            other => BridgeFailMode::Other(other.to_string()),
        }
    }
}

/// The OVSDB default of a string, `""`.
impl Default for BridgeFailMode {
    fn default() -> BridgeFailMode {
        BridgeFailMode::from("")
    }
}

impl std::fmt::Display for BridgeFailMode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl c::AtomValue for BridgeFailMode {
    fn from_atom(a: &Atom) -> Option<BridgeFailMode> {
        a.as_str().map(BridgeFailMode::from)
    }
    fn to_atom(&self) -> Atom {
        Atom::String(self.as_str().to_string())
    }
}

/// A row of table `CT_Timeout_Policy`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CtTimeoutPolicy {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `timeouts`: map from string, one of `"icmp_first"`, `"icmp_reply"`, `"tcp_close"`, `"tcp_close_wait"`, `"tcp_established"`, `"tcp_fin_wait"`, `"tcp_last_ack"`, `"tcp_retransmit"`, `"tcp_syn_recv"`, `"tcp_syn_sent"`, `"tcp_syn_sent2"`, `"tcp_time_wait"`, `"tcp_unack"`, `"udp_first"`, `"udp_multiple"`, `"udp_single"` to integer, 0 to 4294967295.
    pub timeouts: BTreeMap<CtTimeoutPolicyTimeoutsKey, i64>,
    /// `external_ids`: map from string to string.
    pub external_ids: BTreeMap<String, String>,
}

impl CtTimeoutPolicy {
    pub const COL_TIMEOUTS: &'static str = "timeouts";
    pub const COL_EXTERNAL_IDS: &'static str = "external_ids";
}

impl TypedRow for CtTimeoutPolicy {
    const TABLE: &'static str = "CT_Timeout_Policy";
    const COLUMNS: &'static [&'static str] = &[Self::COL_TIMEOUTS, Self::COL_EXTERNAL_IDS];

    fn uuid(&self) -> Uuid {
        self.uuid
    }

    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {
        c::check_table(table, Self::TABLE)?;
        Ok(CtTimeoutPolicy {
            uuid: row.uuid(),
            timeouts: c::map(table, row, Self::COL_TIMEOUTS)?,
            external_ids: c::map(table, row, Self::COL_EXTERNAL_IDS)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_TIMEOUTS, c::from_map(&self.timeouts)),
            (Self::COL_EXTERNAL_IDS, c::from_map(&self.external_ids)),
        ]
    }
}

/// The values of keys of `CT_Timeout_Policy.timeouts`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CtTimeoutPolicyTimeoutsKey {
    /// `"icmp_first"`.
    IcmpFirst,
    /// `"icmp_reply"`.
    IcmpReply,
    /// `"tcp_close"`.
    TcpClose,
    /// `"tcp_close_wait"`.
    TcpCloseWait,
    /// `"tcp_established"`.
    TcpEstablished,
    /// `"tcp_fin_wait"`.
    TcpFinWait,
    /// `"tcp_last_ack"`.
    TcpLastAck,
    /// `"tcp_retransmit"`.
    TcpRetransmit,
    /// `"tcp_syn_recv"`.
    TcpSynRecv,
    /// `"tcp_syn_sent"`.
    TcpSynSent,
    /// `"tcp_syn_sent2"`.
    TcpSynSent2,
    /// `"tcp_time_wait"`.
    TcpTimeWait,
    /// `"tcp_unack"`.
    TcpUnack,
    /// `"udp_first"`.
    UdpFirst,
    /// `"udp_multiple"`.
    UdpMultiple,
    /// `"udp_single"`.
    UdpSingle,
    /// A value this schema version does not list (kept, not rejected).
    Other(String),
}

impl CtTimeoutPolicyTimeoutsKey {
    /// The value as stored in the database.
    pub fn as_str(&self) -> &str {
        match self {
            CtTimeoutPolicyTimeoutsKey::IcmpFirst => "icmp_first",
            CtTimeoutPolicyTimeoutsKey::IcmpReply => "icmp_reply",
            CtTimeoutPolicyTimeoutsKey::TcpClose => "tcp_close",
            CtTimeoutPolicyTimeoutsKey::TcpCloseWait => "tcp_close_wait",
            CtTimeoutPolicyTimeoutsKey::TcpEstablished => "tcp_established",
            CtTimeoutPolicyTimeoutsKey::TcpFinWait => "tcp_fin_wait",
            CtTimeoutPolicyTimeoutsKey::TcpLastAck => "tcp_last_ack",
            CtTimeoutPolicyTimeoutsKey::TcpRetransmit => "tcp_retransmit",
            CtTimeoutPolicyTimeoutsKey::TcpSynRecv => "tcp_syn_recv",
            CtTimeoutPolicyTimeoutsKey::TcpSynSent => "tcp_syn_sent",
            CtTimeoutPolicyTimeoutsKey::TcpSynSent2 => "tcp_syn_sent2",
            CtTimeoutPolicyTimeoutsKey::TcpTimeWait => "tcp_time_wait",
            CtTimeoutPolicyTimeoutsKey::TcpUnack => "tcp_unack",
            CtTimeoutPolicyTimeoutsKey::UdpFirst => "udp_first",
            CtTimeoutPolicyTimeoutsKey::UdpMultiple => "udp_multiple",
            CtTimeoutPolicyTimeoutsKey::UdpSingle => "udp_single",
            CtTimeoutPolicyTimeoutsKey::Other(s) => s,
        }
    }
}

impl From<&str> for CtTimeoutPolicyTimeoutsKey {
    fn from(s: &str) -> CtTimeoutPolicyTimeoutsKey {
        match s {
            "icmp_first" => CtTimeoutPolicyTimeoutsKey::IcmpFirst,
            "icmp_reply" => CtTimeoutPolicyTimeoutsKey::IcmpReply,
            "tcp_close" => CtTimeoutPolicyTimeoutsKey::TcpClose,
            "tcp_close_wait" => CtTimeoutPolicyTimeoutsKey::TcpCloseWait,
            "tcp_established" => CtTimeoutPolicyTimeoutsKey::TcpEstablished,
            "tcp_fin_wait" => CtTimeoutPolicyTimeoutsKey::TcpFinWait,
            "tcp_last_ack" => CtTimeoutPolicyTimeoutsKey::TcpLastAck,
            "tcp_retransmit" => CtTimeoutPolicyTimeoutsKey::TcpRetransmit,
            "tcp_syn_recv" => CtTimeoutPolicyTimeoutsKey::TcpSynRecv,
            "tcp_syn_sent" => CtTimeoutPolicyTimeoutsKey::TcpSynSent,
            "tcp_syn_sent2" => CtTimeoutPolicyTimeoutsKey::TcpSynSent2,
            "tcp_time_wait" => CtTimeoutPolicyTimeoutsKey::TcpTimeWait,
            "tcp_unack" => CtTimeoutPolicyTimeoutsKey::TcpUnack,
            "udp_first" => CtTimeoutPolicyTimeoutsKey::UdpFirst,
            "udp_multiple" => CtTimeoutPolicyTimeoutsKey::UdpMultiple,
            "udp_single" => CtTimeoutPolicyTimeoutsKey::UdpSingle,
            other => CtTimeoutPolicyTimeoutsKey::Other(other.to_string()),
        }
    }
}

/// The OVSDB default of a string, `""`.
impl Default for CtTimeoutPolicyTimeoutsKey {
    fn default() -> CtTimeoutPolicyTimeoutsKey {
        CtTimeoutPolicyTimeoutsKey::from("")
    }
}

impl std::fmt::Display for CtTimeoutPolicyTimeoutsKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl c::AtomValue for CtTimeoutPolicyTimeoutsKey {
    fn from_atom(a: &Atom) -> Option<CtTimeoutPolicyTimeoutsKey> {
        a.as_str().map(CtTimeoutPolicyTimeoutsKey::from)
    }
    fn to_atom(&self) -> Atom {
        Atom::String(self.as_str().to_string())
    }
}

/// A row of table `CT_Zone`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CtZone {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `timeout_policy`: optional uuid, reference to `CT_Timeout_Policy`.
    pub timeout_policy: Option<Uuid>,
    /// `external_ids`: map from string to string.
    pub external_ids: BTreeMap<String, String>,
}

impl CtZone {
    pub const COL_TIMEOUT_POLICY: &'static str = "timeout_policy";
    pub const COL_EXTERNAL_IDS: &'static str = "external_ids";
}

impl TypedRow for CtZone {
    const TABLE: &'static str = "CT_Zone";
    const COLUMNS: &'static [&'static str] = &[Self::COL_TIMEOUT_POLICY, Self::COL_EXTERNAL_IDS];

    fn uuid(&self) -> Uuid {
        self.uuid
    }

    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {
        c::check_table(table, Self::TABLE)?;
        Ok(CtZone {
            uuid: row.uuid(),
            timeout_policy: c::optional(table, row, Self::COL_TIMEOUT_POLICY)?,
            external_ids: c::map(table, row, Self::COL_EXTERNAL_IDS)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (
                Self::COL_TIMEOUT_POLICY,
                c::from_optional(&self.timeout_policy),
            ),
            (Self::COL_EXTERNAL_IDS, c::from_map(&self.external_ids)),
        ]
    }
}

/// A row of table `Controller`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Controller {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `type`: optional string, one of `"primary"`, `"service"`.
    pub type_: Option<ControllerType>,
    /// `target`: string.
    pub target: String,
    /// `max_backoff`: optional integer, at least 1000.
    pub max_backoff: Option<i64>,
    /// `inactivity_probe`: optional integer.
    pub inactivity_probe: Option<i64>,
    /// `connection_mode`: optional string, one of `"in-band"`, `"out-of-band"`.
    pub connection_mode: Option<ControllerConnectionMode>,
    /// `local_ip`: optional string.
    pub local_ip: Option<String>,
    /// `local_netmask`: optional string.
    pub local_netmask: Option<String>,
    /// `local_gateway`: optional string.
    pub local_gateway: Option<String>,
    /// `enable_async_messages`: optional boolean.
    pub enable_async_messages: Option<bool>,
    /// `controller_queue_size`: optional integer, 1 to 512.
    pub controller_queue_size: Option<i64>,
    /// `controller_rate_limit`: optional integer, at least 100.
    pub controller_rate_limit: Option<i64>,
    /// `controller_burst_limit`: optional integer, at least 25.
    pub controller_burst_limit: Option<i64>,
    /// `other_config`: map from string to string.
    pub other_config: BTreeMap<String, String>,
    /// `external_ids`: map from string to string.
    pub external_ids: BTreeMap<String, String>,
    /// `is_connected`: boolean; ephemeral.
    pub is_connected: bool,
    /// `role`: optional string, one of `"master"`, `"other"`, `"slave"`; ephemeral.
    pub role: Option<String>,
    /// `status`: map from string to string; ephemeral.
    pub status: BTreeMap<String, String>,
}

impl Controller {
    pub const COL_TYPE: &'static str = "type";
    pub const COL_TARGET: &'static str = "target";
    pub const COL_MAX_BACKOFF: &'static str = "max_backoff";
    pub const COL_INACTIVITY_PROBE: &'static str = "inactivity_probe";
    pub const COL_CONNECTION_MODE: &'static str = "connection_mode";
    pub const COL_LOCAL_IP: &'static str = "local_ip";
    pub const COL_LOCAL_NETMASK: &'static str = "local_netmask";
    pub const COL_LOCAL_GATEWAY: &'static str = "local_gateway";
    pub const COL_ENABLE_ASYNC_MESSAGES: &'static str = "enable_async_messages";
    pub const COL_CONTROLLER_QUEUE_SIZE: &'static str = "controller_queue_size";
    pub const COL_CONTROLLER_RATE_LIMIT: &'static str = "controller_rate_limit";
    pub const COL_CONTROLLER_BURST_LIMIT: &'static str = "controller_burst_limit";
    pub const COL_OTHER_CONFIG: &'static str = "other_config";
    pub const COL_EXTERNAL_IDS: &'static str = "external_ids";
    pub const COL_IS_CONNECTED: &'static str = "is_connected";
    pub const COL_ROLE: &'static str = "role";
    pub const COL_STATUS: &'static str = "status";
}

impl TypedRow for Controller {
    const TABLE: &'static str = "Controller";
    const COLUMNS: &'static [&'static str] = &[
        Self::COL_TYPE,
        Self::COL_TARGET,
        Self::COL_MAX_BACKOFF,
        Self::COL_INACTIVITY_PROBE,
        Self::COL_CONNECTION_MODE,
        Self::COL_LOCAL_IP,
        Self::COL_LOCAL_NETMASK,
        Self::COL_LOCAL_GATEWAY,
        Self::COL_ENABLE_ASYNC_MESSAGES,
        Self::COL_CONTROLLER_QUEUE_SIZE,
        Self::COL_CONTROLLER_RATE_LIMIT,
        Self::COL_CONTROLLER_BURST_LIMIT,
        Self::COL_OTHER_CONFIG,
        Self::COL_EXTERNAL_IDS,
        Self::COL_IS_CONNECTED,
        Self::COL_ROLE,
        Self::COL_STATUS,
    ];

    fn uuid(&self) -> Uuid {
        self.uuid
    }

    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {
        c::check_table(table, Self::TABLE)?;
        Ok(Controller {
            uuid: row.uuid(),
            type_: c::optional(table, row, Self::COL_TYPE)?,
            target: c::scalar(table, row, Self::COL_TARGET)?,
            max_backoff: c::optional(table, row, Self::COL_MAX_BACKOFF)?,
            inactivity_probe: c::optional(table, row, Self::COL_INACTIVITY_PROBE)?,
            connection_mode: c::optional(table, row, Self::COL_CONNECTION_MODE)?,
            local_ip: c::optional(table, row, Self::COL_LOCAL_IP)?,
            local_netmask: c::optional(table, row, Self::COL_LOCAL_NETMASK)?,
            local_gateway: c::optional(table, row, Self::COL_LOCAL_GATEWAY)?,
            enable_async_messages: c::optional(table, row, Self::COL_ENABLE_ASYNC_MESSAGES)?,
            controller_queue_size: c::optional(table, row, Self::COL_CONTROLLER_QUEUE_SIZE)?,
            controller_rate_limit: c::optional(table, row, Self::COL_CONTROLLER_RATE_LIMIT)?,
            controller_burst_limit: c::optional(table, row, Self::COL_CONTROLLER_BURST_LIMIT)?,
            other_config: c::map(table, row, Self::COL_OTHER_CONFIG)?,
            external_ids: c::map(table, row, Self::COL_EXTERNAL_IDS)?,
            is_connected: c::scalar(table, row, Self::COL_IS_CONNECTED)?,
            role: c::optional(table, row, Self::COL_ROLE)?,
            status: c::map(table, row, Self::COL_STATUS)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_TYPE, c::from_optional(&self.type_)),
            (Self::COL_TARGET, c::from_scalar(&self.target)),
            (Self::COL_MAX_BACKOFF, c::from_optional(&self.max_backoff)),
            (
                Self::COL_INACTIVITY_PROBE,
                c::from_optional(&self.inactivity_probe),
            ),
            (
                Self::COL_CONNECTION_MODE,
                c::from_optional(&self.connection_mode),
            ),
            (Self::COL_LOCAL_IP, c::from_optional(&self.local_ip)),
            (
                Self::COL_LOCAL_NETMASK,
                c::from_optional(&self.local_netmask),
            ),
            (
                Self::COL_LOCAL_GATEWAY,
                c::from_optional(&self.local_gateway),
            ),
            (
                Self::COL_ENABLE_ASYNC_MESSAGES,
                c::from_optional(&self.enable_async_messages),
            ),
            (
                Self::COL_CONTROLLER_QUEUE_SIZE,
                c::from_optional(&self.controller_queue_size),
            ),
            (
                Self::COL_CONTROLLER_RATE_LIMIT,
                c::from_optional(&self.controller_rate_limit),
            ),
            (
                Self::COL_CONTROLLER_BURST_LIMIT,
                c::from_optional(&self.controller_burst_limit),
            ),
            (Self::COL_OTHER_CONFIG, c::from_map(&self.other_config)),
            (Self::COL_EXTERNAL_IDS, c::from_map(&self.external_ids)),
            (Self::COL_IS_CONNECTED, c::from_scalar(&self.is_connected)),
            (Self::COL_ROLE, c::from_optional(&self.role)),
            (Self::COL_STATUS, c::from_map(&self.status)),
        ]
    }
}

/// The values of `Controller.type`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ControllerType {
    /// `"primary"`.
    Primary,
    /// `"service"`.
    Service,
    /// A value this schema version does not list (kept, not rejected).
    Other(String),
}

impl ControllerType {
    /// The value as stored in the database.
    pub fn as_str(&self) -> &str {
        match self {
            ControllerType::Primary => "primary",
            ControllerType::Service => "service",
            ControllerType::Other(s) => s,
        }
    }
}

impl From<&str> for ControllerType {
    fn from(s: &str) -> ControllerType {
        match s {
            "primary" => ControllerType::Primary,
            "service" => ControllerType::Service,
            other => ControllerType::Other(other.to_string()),
        }
    }
}

/// The OVSDB default of a string, `""`.
impl Default for ControllerType {
    fn default() -> ControllerType {
        ControllerType::from("")
    }
}

impl std::fmt::Display for ControllerType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl c::AtomValue for ControllerType {
    fn from_atom(a: &Atom) -> Option<ControllerType> {
        a.as_str().map(ControllerType::from)
    }
    fn to_atom(&self) -> Atom {
        Atom::String(self.as_str().to_string())
    }
}

/// The values of `Controller.connection_mode`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ControllerConnectionMode {
    /// `"in-band"`.
    InBand,
    /// `"out-of-band"`.
    OutOfBand,
    /// A value this schema version does not list (kept, not rejected).
    Other(String),
}

impl ControllerConnectionMode {
    /// The value as stored in the database.
    pub fn as_str(&self) -> &str {
        match self {
            ControllerConnectionMode::InBand => "in-band",
            ControllerConnectionMode::OutOfBand => "out-of-band",
            ControllerConnectionMode::Other(s) => s,
        }
    }
}

impl From<&str> for ControllerConnectionMode {
    fn from(s: &str) -> ControllerConnectionMode {
        match s {
            "in-band" => ControllerConnectionMode::InBand,
            "out-of-band" => ControllerConnectionMode::OutOfBand,
            other => ControllerConnectionMode::Other(other.to_string()),
        }
    }
}

/// The OVSDB default of a string, `""`.
impl Default for ControllerConnectionMode {
    fn default() -> ControllerConnectionMode {
        ControllerConnectionMode::from("")
    }
}

impl std::fmt::Display for ControllerConnectionMode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl c::AtomValue for ControllerConnectionMode {
    fn from_atom(a: &Atom) -> Option<ControllerConnectionMode> {
        a.as_str().map(ControllerConnectionMode::from)
    }
    fn to_atom(&self) -> Atom {
        Atom::String(self.as_str().to_string())
    }
}

/// A row of table `Datapath`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Datapath {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `datapath_version`: string.
    pub datapath_version: String,
    /// `ct_zones`: map from integer, 0 to 65535 to uuid, reference to `CT_Zone`.
    pub ct_zones: BTreeMap<i64, Uuid>,
    /// `capabilities`: map from string to string.
    pub capabilities: BTreeMap<String, String>,
    /// `external_ids`: map from string to string.
    pub external_ids: BTreeMap<String, String>,
}

impl Datapath {
    pub const COL_DATAPATH_VERSION: &'static str = "datapath_version";
    pub const COL_CT_ZONES: &'static str = "ct_zones";
    pub const COL_CAPABILITIES: &'static str = "capabilities";
    pub const COL_EXTERNAL_IDS: &'static str = "external_ids";
}

impl TypedRow for Datapath {
    const TABLE: &'static str = "Datapath";
    const COLUMNS: &'static [&'static str] = &[
        Self::COL_DATAPATH_VERSION,
        Self::COL_CT_ZONES,
        Self::COL_CAPABILITIES,
        Self::COL_EXTERNAL_IDS,
    ];

    fn uuid(&self) -> Uuid {
        self.uuid
    }

    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {
        c::check_table(table, Self::TABLE)?;
        Ok(Datapath {
            uuid: row.uuid(),
            datapath_version: c::scalar(table, row, Self::COL_DATAPATH_VERSION)?,
            ct_zones: c::map(table, row, Self::COL_CT_ZONES)?,
            capabilities: c::map(table, row, Self::COL_CAPABILITIES)?,
            external_ids: c::map(table, row, Self::COL_EXTERNAL_IDS)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (
                Self::COL_DATAPATH_VERSION,
                c::from_scalar(&self.datapath_version),
            ),
            (Self::COL_CT_ZONES, c::from_map(&self.ct_zones)),
            (Self::COL_CAPABILITIES, c::from_map(&self.capabilities)),
            (Self::COL_EXTERNAL_IDS, c::from_map(&self.external_ids)),
        ]
    }
}

/// A row of table `Flow_Sample_Collector_Set` (root table).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FlowSampleCollectorSet {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `id`: integer, 0 to 4294967295.
    pub id: i64,
    /// `bridge`: uuid, reference to `Bridge`.
    pub bridge: Uuid,
    /// `ipfix`: optional uuid, reference to `IPFIX`.
    pub ipfix: Option<Uuid>,
    /// `external_ids`: map from string to string.
    pub external_ids: BTreeMap<String, String>,
}

impl FlowSampleCollectorSet {
    pub const COL_ID: &'static str = "id";
    pub const COL_BRIDGE: &'static str = "bridge";
    pub const COL_IPFIX: &'static str = "ipfix";
    pub const COL_EXTERNAL_IDS: &'static str = "external_ids";
}

impl TypedRow for FlowSampleCollectorSet {
    const TABLE: &'static str = "Flow_Sample_Collector_Set";
    const COLUMNS: &'static [&'static str] = &[
        Self::COL_ID,
        Self::COL_BRIDGE,
        Self::COL_IPFIX,
        Self::COL_EXTERNAL_IDS,
    ];

    fn uuid(&self) -> Uuid {
        self.uuid
    }

    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {
        c::check_table(table, Self::TABLE)?;
        Ok(FlowSampleCollectorSet {
            uuid: row.uuid(),
            id: c::scalar(table, row, Self::COL_ID)?,
            bridge: c::scalar(table, row, Self::COL_BRIDGE)?,
            ipfix: c::optional(table, row, Self::COL_IPFIX)?,
            external_ids: c::map(table, row, Self::COL_EXTERNAL_IDS)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_ID, c::from_scalar(&self.id)),
            (Self::COL_BRIDGE, c::from_scalar(&self.bridge)),
            (Self::COL_IPFIX, c::from_optional(&self.ipfix)),
            (Self::COL_EXTERNAL_IDS, c::from_map(&self.external_ids)),
        ]
    }
}

/// A row of table `Flow_Table`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FlowTable {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `name`: optional string.
    pub name: Option<String>,
    /// `flow_limit`: optional integer, at least 0.
    pub flow_limit: Option<i64>,
    /// `overflow_policy`: optional string, one of `"evict"`, `"refuse"`.
    pub overflow_policy: Option<FlowTableOverflowPolicy>,
    /// `groups`: set of string.
    pub groups: BTreeSet<String>,
    /// `prefixes`: set (0 to 3) of string.
    pub prefixes: BTreeSet<String>,
    /// `external_ids`: map from string to string.
    pub external_ids: BTreeMap<String, String>,
}

impl FlowTable {
    pub const COL_NAME: &'static str = "name";
    pub const COL_FLOW_LIMIT: &'static str = "flow_limit";
    pub const COL_OVERFLOW_POLICY: &'static str = "overflow_policy";
    pub const COL_GROUPS: &'static str = "groups";
    pub const COL_PREFIXES: &'static str = "prefixes";
    pub const COL_EXTERNAL_IDS: &'static str = "external_ids";
}

impl TypedRow for FlowTable {
    const TABLE: &'static str = "Flow_Table";
    const COLUMNS: &'static [&'static str] = &[
        Self::COL_NAME,
        Self::COL_FLOW_LIMIT,
        Self::COL_OVERFLOW_POLICY,
        Self::COL_GROUPS,
        Self::COL_PREFIXES,
        Self::COL_EXTERNAL_IDS,
    ];

    fn uuid(&self) -> Uuid {
        self.uuid
    }

    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {
        c::check_table(table, Self::TABLE)?;
        Ok(FlowTable {
            uuid: row.uuid(),
            name: c::optional(table, row, Self::COL_NAME)?,
            flow_limit: c::optional(table, row, Self::COL_FLOW_LIMIT)?,
            overflow_policy: c::optional(table, row, Self::COL_OVERFLOW_POLICY)?,
            groups: c::set(table, row, Self::COL_GROUPS)?,
            prefixes: c::set(table, row, Self::COL_PREFIXES)?,
            external_ids: c::map(table, row, Self::COL_EXTERNAL_IDS)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_NAME, c::from_optional(&self.name)),
            (Self::COL_FLOW_LIMIT, c::from_optional(&self.flow_limit)),
            (
                Self::COL_OVERFLOW_POLICY,
                c::from_optional(&self.overflow_policy),
            ),
            (Self::COL_GROUPS, c::from_set(&self.groups)),
            (Self::COL_PREFIXES, c::from_set(&self.prefixes)),
            (Self::COL_EXTERNAL_IDS, c::from_map(&self.external_ids)),
        ]
    }
}

/// The values of `Flow_Table.overflow_policy`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FlowTableOverflowPolicy {
    /// `"evict"`.
    Evict,
    /// `"refuse"`.
    Refuse,
    /// A value this schema version does not list (kept, not rejected).
    Other(String),
}

impl FlowTableOverflowPolicy {
    /// The value as stored in the database.
    pub fn as_str(&self) -> &str {
        match self {
            FlowTableOverflowPolicy::Evict => "evict",
            FlowTableOverflowPolicy::Refuse => "refuse",
            FlowTableOverflowPolicy::Other(s) => s,
        }
    }
}

impl From<&str> for FlowTableOverflowPolicy {
    fn from(s: &str) -> FlowTableOverflowPolicy {
        match s {
            "evict" => FlowTableOverflowPolicy::Evict,
            "refuse" => FlowTableOverflowPolicy::Refuse,
            other => FlowTableOverflowPolicy::Other(other.to_string()),
        }
    }
}

/// The OVSDB default of a string, `""`.
impl Default for FlowTableOverflowPolicy {
    fn default() -> FlowTableOverflowPolicy {
        FlowTableOverflowPolicy::from("")
    }
}

impl std::fmt::Display for FlowTableOverflowPolicy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl c::AtomValue for FlowTableOverflowPolicy {
    fn from_atom(a: &Atom) -> Option<FlowTableOverflowPolicy> {
        a.as_str().map(FlowTableOverflowPolicy::from)
    }
    fn to_atom(&self) -> Atom {
        Atom::String(self.as_str().to_string())
    }
}

/// A row of table `IPFIX`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Ipfix {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `targets`: set of string.
    pub targets: BTreeSet<String>,
    /// `sampling`: optional integer, 1 to 4294967295.
    pub sampling: Option<i64>,
    /// `obs_domain_id`: optional integer, 0 to 4294967295.
    pub obs_domain_id: Option<i64>,
    /// `obs_point_id`: optional integer, 0 to 4294967295.
    pub obs_point_id: Option<i64>,
    /// `cache_active_timeout`: optional integer, 0 to 4200.
    pub cache_active_timeout: Option<i64>,
    /// `cache_max_flows`: optional integer, 0 to 4294967295.
    pub cache_max_flows: Option<i64>,
    /// `other_config`: map from string to string.
    pub other_config: BTreeMap<String, String>,
    /// `external_ids`: map from string to string.
    pub external_ids: BTreeMap<String, String>,
}

impl Ipfix {
    pub const COL_TARGETS: &'static str = "targets";
    pub const COL_SAMPLING: &'static str = "sampling";
    pub const COL_OBS_DOMAIN_ID: &'static str = "obs_domain_id";
    pub const COL_OBS_POINT_ID: &'static str = "obs_point_id";
    pub const COL_CACHE_ACTIVE_TIMEOUT: &'static str = "cache_active_timeout";
    pub const COL_CACHE_MAX_FLOWS: &'static str = "cache_max_flows";
    pub const COL_OTHER_CONFIG: &'static str = "other_config";
    pub const COL_EXTERNAL_IDS: &'static str = "external_ids";
}

impl TypedRow for Ipfix {
    const TABLE: &'static str = "IPFIX";
    const COLUMNS: &'static [&'static str] = &[
        Self::COL_TARGETS,
        Self::COL_SAMPLING,
        Self::COL_OBS_DOMAIN_ID,
        Self::COL_OBS_POINT_ID,
        Self::COL_CACHE_ACTIVE_TIMEOUT,
        Self::COL_CACHE_MAX_FLOWS,
        Self::COL_OTHER_CONFIG,
        Self::COL_EXTERNAL_IDS,
    ];

    fn uuid(&self) -> Uuid {
        self.uuid
    }

    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {
        c::check_table(table, Self::TABLE)?;
        Ok(Ipfix {
            uuid: row.uuid(),
            targets: c::set(table, row, Self::COL_TARGETS)?,
            sampling: c::optional(table, row, Self::COL_SAMPLING)?,
            obs_domain_id: c::optional(table, row, Self::COL_OBS_DOMAIN_ID)?,
            obs_point_id: c::optional(table, row, Self::COL_OBS_POINT_ID)?,
            cache_active_timeout: c::optional(table, row, Self::COL_CACHE_ACTIVE_TIMEOUT)?,
            cache_max_flows: c::optional(table, row, Self::COL_CACHE_MAX_FLOWS)?,
            other_config: c::map(table, row, Self::COL_OTHER_CONFIG)?,
            external_ids: c::map(table, row, Self::COL_EXTERNAL_IDS)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_TARGETS, c::from_set(&self.targets)),
            (Self::COL_SAMPLING, c::from_optional(&self.sampling)),
            (
                Self::COL_OBS_DOMAIN_ID,
                c::from_optional(&self.obs_domain_id),
            ),
            (Self::COL_OBS_POINT_ID, c::from_optional(&self.obs_point_id)),
            (
                Self::COL_CACHE_ACTIVE_TIMEOUT,
                c::from_optional(&self.cache_active_timeout),
            ),
            (
                Self::COL_CACHE_MAX_FLOWS,
                c::from_optional(&self.cache_max_flows),
            ),
            (Self::COL_OTHER_CONFIG, c::from_map(&self.other_config)),
            (Self::COL_EXTERNAL_IDS, c::from_map(&self.external_ids)),
        ]
    }
}

/// A row of table `Interface`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Interface {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `name`: string; immutable.
    pub name: String,
    /// `type`: string.
    pub type_: String,
    /// `options`: map from string to string.
    pub options: BTreeMap<String, String>,
    /// `ingress_policing_rate`: integer, at least 0.
    pub ingress_policing_rate: i64,
    /// `ingress_policing_burst`: integer, at least 0.
    pub ingress_policing_burst: i64,
    /// `ingress_policing_kpkts_rate`: integer, at least 0.
    pub ingress_policing_kpkts_rate: i64,
    /// `ingress_policing_kpkts_burst`: integer, at least 0.
    pub ingress_policing_kpkts_burst: i64,
    /// `mac_in_use`: optional string; ephemeral.
    pub mac_in_use: Option<String>,
    /// `mac`: optional string.
    pub mac: Option<String>,
    /// `ifindex`: optional integer, 0 to 4294967295; ephemeral.
    pub ifindex: Option<i64>,
    /// `external_ids`: map from string to string.
    pub external_ids: BTreeMap<String, String>,
    /// `ofport`: optional integer.
    pub ofport: Option<i64>,
    /// `ofport_request`: optional integer, 1 to 65279.
    pub ofport_request: Option<i64>,
    /// `bfd`: map from string to string.
    pub bfd: BTreeMap<String, String>,
    /// `bfd_status`: map from string to string; ephemeral.
    pub bfd_status: BTreeMap<String, String>,
    /// `cfm_mpid`: optional integer.
    pub cfm_mpid: Option<i64>,
    /// `cfm_remote_mpids`: set of integer; ephemeral.
    pub cfm_remote_mpids: BTreeSet<i64>,
    /// `cfm_flap_count`: optional integer.
    pub cfm_flap_count: Option<i64>,
    /// `cfm_fault`: optional boolean; ephemeral.
    pub cfm_fault: Option<bool>,
    /// `cfm_fault_status`: set of string; ephemeral.
    pub cfm_fault_status: BTreeSet<String>,
    /// `cfm_remote_opstate`: optional string, one of `"down"`, `"up"`; ephemeral.
    pub cfm_remote_opstate: Option<InterfaceCfmRemoteOpstate>,
    /// `cfm_health`: optional integer, 0 to 100; ephemeral.
    pub cfm_health: Option<i64>,
    /// `lacp_current`: optional boolean; ephemeral.
    pub lacp_current: Option<bool>,
    /// `lldp`: map from string to string.
    pub lldp: BTreeMap<String, String>,
    /// `other_config`: map from string to string.
    pub other_config: BTreeMap<String, String>,
    /// `statistics`: map from string to integer; ephemeral.
    pub statistics: BTreeMap<String, i64>,
    /// `status`: map from string to string; ephemeral.
    pub status: BTreeMap<String, String>,
    /// `admin_state`: optional string, one of `"down"`, `"up"`; ephemeral.
    pub admin_state: Option<InterfaceAdminState>,
    /// `link_state`: optional string, one of `"down"`, `"up"`; ephemeral.
    pub link_state: Option<InterfaceLinkState>,
    /// `link_resets`: optional integer; ephemeral.
    pub link_resets: Option<i64>,
    /// `link_speed`: optional integer; ephemeral.
    pub link_speed: Option<i64>,
    /// `duplex`: optional string, one of `"full"`, `"half"`; ephemeral.
    pub duplex: Option<InterfaceDuplex>,
    /// `mtu`: optional integer; ephemeral.
    pub mtu: Option<i64>,
    /// `mtu_request`: optional integer, at least 1.
    pub mtu_request: Option<i64>,
    /// `error`: optional string.
    pub error: Option<String>,
}

impl Interface {
    pub const COL_NAME: &'static str = "name";
    pub const COL_TYPE: &'static str = "type";
    pub const COL_OPTIONS: &'static str = "options";
    pub const COL_INGRESS_POLICING_RATE: &'static str = "ingress_policing_rate";
    pub const COL_INGRESS_POLICING_BURST: &'static str = "ingress_policing_burst";
    pub const COL_INGRESS_POLICING_KPKTS_RATE: &'static str = "ingress_policing_kpkts_rate";
    pub const COL_INGRESS_POLICING_KPKTS_BURST: &'static str = "ingress_policing_kpkts_burst";
    pub const COL_MAC_IN_USE: &'static str = "mac_in_use";
    pub const COL_MAC: &'static str = "mac";
    pub const COL_IFINDEX: &'static str = "ifindex";
    pub const COL_EXTERNAL_IDS: &'static str = "external_ids";
    pub const COL_OFPORT: &'static str = "ofport";
    pub const COL_OFPORT_REQUEST: &'static str = "ofport_request";
    pub const COL_BFD: &'static str = "bfd";
    pub const COL_BFD_STATUS: &'static str = "bfd_status";
    pub const COL_CFM_MPID: &'static str = "cfm_mpid";
    pub const COL_CFM_REMOTE_MPIDS: &'static str = "cfm_remote_mpids";
    pub const COL_CFM_FLAP_COUNT: &'static str = "cfm_flap_count";
    pub const COL_CFM_FAULT: &'static str = "cfm_fault";
    pub const COL_CFM_FAULT_STATUS: &'static str = "cfm_fault_status";
    pub const COL_CFM_REMOTE_OPSTATE: &'static str = "cfm_remote_opstate";
    pub const COL_CFM_HEALTH: &'static str = "cfm_health";
    pub const COL_LACP_CURRENT: &'static str = "lacp_current";
    pub const COL_LLDP: &'static str = "lldp";
    pub const COL_OTHER_CONFIG: &'static str = "other_config";
    pub const COL_STATISTICS: &'static str = "statistics";
    pub const COL_STATUS: &'static str = "status";
    pub const COL_ADMIN_STATE: &'static str = "admin_state";
    pub const COL_LINK_STATE: &'static str = "link_state";
    pub const COL_LINK_RESETS: &'static str = "link_resets";
    pub const COL_LINK_SPEED: &'static str = "link_speed";
    pub const COL_DUPLEX: &'static str = "duplex";
    pub const COL_MTU: &'static str = "mtu";
    pub const COL_MTU_REQUEST: &'static str = "mtu_request";
    pub const COL_ERROR: &'static str = "error";
}

impl TypedRow for Interface {
    const TABLE: &'static str = "Interface";
    const COLUMNS: &'static [&'static str] = &[
        Self::COL_NAME,
        Self::COL_TYPE,
        Self::COL_OPTIONS,
        Self::COL_INGRESS_POLICING_RATE,
        Self::COL_INGRESS_POLICING_BURST,
        Self::COL_INGRESS_POLICING_KPKTS_RATE,
        Self::COL_INGRESS_POLICING_KPKTS_BURST,
        Self::COL_MAC_IN_USE,
        Self::COL_MAC,
        Self::COL_IFINDEX,
        Self::COL_EXTERNAL_IDS,
        Self::COL_OFPORT,
        Self::COL_OFPORT_REQUEST,
        Self::COL_BFD,
        Self::COL_BFD_STATUS,
        Self::COL_CFM_MPID,
        Self::COL_CFM_REMOTE_MPIDS,
        Self::COL_CFM_FLAP_COUNT,
        Self::COL_CFM_FAULT,
        Self::COL_CFM_FAULT_STATUS,
        Self::COL_CFM_REMOTE_OPSTATE,
        Self::COL_CFM_HEALTH,
        Self::COL_LACP_CURRENT,
        Self::COL_LLDP,
        Self::COL_OTHER_CONFIG,
        Self::COL_STATISTICS,
        Self::COL_STATUS,
        Self::COL_ADMIN_STATE,
        Self::COL_LINK_STATE,
        Self::COL_LINK_RESETS,
        Self::COL_LINK_SPEED,
        Self::COL_DUPLEX,
        Self::COL_MTU,
        Self::COL_MTU_REQUEST,
        Self::COL_ERROR,
    ];

    fn uuid(&self) -> Uuid {
        self.uuid
    }

    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {
        c::check_table(table, Self::TABLE)?;
        Ok(Interface {
            uuid: row.uuid(),
            name: c::scalar(table, row, Self::COL_NAME)?,
            type_: c::scalar(table, row, Self::COL_TYPE)?,
            options: c::map(table, row, Self::COL_OPTIONS)?,
            ingress_policing_rate: c::scalar(table, row, Self::COL_INGRESS_POLICING_RATE)?,
            ingress_policing_burst: c::scalar(table, row, Self::COL_INGRESS_POLICING_BURST)?,
            ingress_policing_kpkts_rate: c::scalar(
                table,
                row,
                Self::COL_INGRESS_POLICING_KPKTS_RATE,
            )?,
            ingress_policing_kpkts_burst: c::scalar(
                table,
                row,
                Self::COL_INGRESS_POLICING_KPKTS_BURST,
            )?,
            mac_in_use: c::optional(table, row, Self::COL_MAC_IN_USE)?,
            mac: c::optional(table, row, Self::COL_MAC)?,
            ifindex: c::optional(table, row, Self::COL_IFINDEX)?,
            external_ids: c::map(table, row, Self::COL_EXTERNAL_IDS)?,
            ofport: c::optional(table, row, Self::COL_OFPORT)?,
            ofport_request: c::optional(table, row, Self::COL_OFPORT_REQUEST)?,
            bfd: c::map(table, row, Self::COL_BFD)?,
            bfd_status: c::map(table, row, Self::COL_BFD_STATUS)?,
            cfm_mpid: c::optional(table, row, Self::COL_CFM_MPID)?,
            cfm_remote_mpids: c::set(table, row, Self::COL_CFM_REMOTE_MPIDS)?,
            cfm_flap_count: c::optional(table, row, Self::COL_CFM_FLAP_COUNT)?,
            cfm_fault: c::optional(table, row, Self::COL_CFM_FAULT)?,
            cfm_fault_status: c::set(table, row, Self::COL_CFM_FAULT_STATUS)?,
            cfm_remote_opstate: c::optional(table, row, Self::COL_CFM_REMOTE_OPSTATE)?,
            cfm_health: c::optional(table, row, Self::COL_CFM_HEALTH)?,
            lacp_current: c::optional(table, row, Self::COL_LACP_CURRENT)?,
            lldp: c::map(table, row, Self::COL_LLDP)?,
            other_config: c::map(table, row, Self::COL_OTHER_CONFIG)?,
            statistics: c::map(table, row, Self::COL_STATISTICS)?,
            status: c::map(table, row, Self::COL_STATUS)?,
            admin_state: c::optional(table, row, Self::COL_ADMIN_STATE)?,
            link_state: c::optional(table, row, Self::COL_LINK_STATE)?,
            link_resets: c::optional(table, row, Self::COL_LINK_RESETS)?,
            link_speed: c::optional(table, row, Self::COL_LINK_SPEED)?,
            duplex: c::optional(table, row, Self::COL_DUPLEX)?,
            mtu: c::optional(table, row, Self::COL_MTU)?,
            mtu_request: c::optional(table, row, Self::COL_MTU_REQUEST)?,
            error: c::optional(table, row, Self::COL_ERROR)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_NAME, c::from_scalar(&self.name)),
            (Self::COL_TYPE, c::from_scalar(&self.type_)),
            (Self::COL_OPTIONS, c::from_map(&self.options)),
            (
                Self::COL_INGRESS_POLICING_RATE,
                c::from_scalar(&self.ingress_policing_rate),
            ),
            (
                Self::COL_INGRESS_POLICING_BURST,
                c::from_scalar(&self.ingress_policing_burst),
            ),
            (
                Self::COL_INGRESS_POLICING_KPKTS_RATE,
                c::from_scalar(&self.ingress_policing_kpkts_rate),
            ),
            (
                Self::COL_INGRESS_POLICING_KPKTS_BURST,
                c::from_scalar(&self.ingress_policing_kpkts_burst),
            ),
            (Self::COL_MAC_IN_USE, c::from_optional(&self.mac_in_use)),
            (Self::COL_MAC, c::from_optional(&self.mac)),
            (Self::COL_IFINDEX, c::from_optional(&self.ifindex)),
            (Self::COL_EXTERNAL_IDS, c::from_map(&self.external_ids)),
            (Self::COL_OFPORT, c::from_optional(&self.ofport)),
            (
                Self::COL_OFPORT_REQUEST,
                c::from_optional(&self.ofport_request),
            ),
            (Self::COL_BFD, c::from_map(&self.bfd)),
            (Self::COL_BFD_STATUS, c::from_map(&self.bfd_status)),
            (Self::COL_CFM_MPID, c::from_optional(&self.cfm_mpid)),
            (
                Self::COL_CFM_REMOTE_MPIDS,
                c::from_set(&self.cfm_remote_mpids),
            ),
            (
                Self::COL_CFM_FLAP_COUNT,
                c::from_optional(&self.cfm_flap_count),
            ),
            (Self::COL_CFM_FAULT, c::from_optional(&self.cfm_fault)),
            (
                Self::COL_CFM_FAULT_STATUS,
                c::from_set(&self.cfm_fault_status),
            ),
            (
                Self::COL_CFM_REMOTE_OPSTATE,
                c::from_optional(&self.cfm_remote_opstate),
            ),
            (Self::COL_CFM_HEALTH, c::from_optional(&self.cfm_health)),
            (Self::COL_LACP_CURRENT, c::from_optional(&self.lacp_current)),
            (Self::COL_LLDP, c::from_map(&self.lldp)),
            (Self::COL_OTHER_CONFIG, c::from_map(&self.other_config)),
            (Self::COL_STATISTICS, c::from_map(&self.statistics)),
            (Self::COL_STATUS, c::from_map(&self.status)),
            (Self::COL_ADMIN_STATE, c::from_optional(&self.admin_state)),
            (Self::COL_LINK_STATE, c::from_optional(&self.link_state)),
            (Self::COL_LINK_RESETS, c::from_optional(&self.link_resets)),
            (Self::COL_LINK_SPEED, c::from_optional(&self.link_speed)),
            (Self::COL_DUPLEX, c::from_optional(&self.duplex)),
            (Self::COL_MTU, c::from_optional(&self.mtu)),
            (Self::COL_MTU_REQUEST, c::from_optional(&self.mtu_request)),
            (Self::COL_ERROR, c::from_optional(&self.error)),
        ]
    }
}

/// The values of `Interface.cfm_remote_opstate`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum InterfaceCfmRemoteOpstate {
    /// `"down"`.
    Down,
    /// `"up"`.
    Up,
    /// A value this schema version does not list (kept, not rejected).
    Other(String),
}

impl InterfaceCfmRemoteOpstate {
    /// The value as stored in the database.
    pub fn as_str(&self) -> &str {
        match self {
            InterfaceCfmRemoteOpstate::Down => "down",
            InterfaceCfmRemoteOpstate::Up => "up",
            InterfaceCfmRemoteOpstate::Other(s) => s,
        }
    }
}

impl From<&str> for InterfaceCfmRemoteOpstate {
    fn from(s: &str) -> InterfaceCfmRemoteOpstate {
        match s {
            "down" => InterfaceCfmRemoteOpstate::Down,
            "up" => InterfaceCfmRemoteOpstate::Up,
            other => InterfaceCfmRemoteOpstate::Other(other.to_string()),
        }
    }
}

/// The OVSDB default of a string, `""`.
impl Default for InterfaceCfmRemoteOpstate {
    fn default() -> InterfaceCfmRemoteOpstate {
        InterfaceCfmRemoteOpstate::from("")
    }
}

impl std::fmt::Display for InterfaceCfmRemoteOpstate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl c::AtomValue for InterfaceCfmRemoteOpstate {
    fn from_atom(a: &Atom) -> Option<InterfaceCfmRemoteOpstate> {
        a.as_str().map(InterfaceCfmRemoteOpstate::from)
    }
    fn to_atom(&self) -> Atom {
        Atom::String(self.as_str().to_string())
    }
}

/// The values of `Interface.admin_state`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum InterfaceAdminState {
    /// `"down"`.
    Down,
    /// `"up"`.
    Up,
    /// A value this schema version does not list (kept, not rejected).
    Other(String),
}

impl InterfaceAdminState {
    /// The value as stored in the database.
    pub fn as_str(&self) -> &str {
        match self {
            InterfaceAdminState::Down => "down",
            InterfaceAdminState::Up => "up",
            InterfaceAdminState::Other(s) => s,
        }
    }
}

impl From<&str> for InterfaceAdminState {
    fn from(s: &str) -> InterfaceAdminState {
        match s {
            "down" => InterfaceAdminState::Down,
            "up" => InterfaceAdminState::Up,
            other => InterfaceAdminState::Other(other.to_string()),
        }
    }
}

/// The OVSDB default of a string, `""`.
impl Default for InterfaceAdminState {
    fn default() -> InterfaceAdminState {
        InterfaceAdminState::from("")
    }
}

impl std::fmt::Display for InterfaceAdminState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl c::AtomValue for InterfaceAdminState {
    fn from_atom(a: &Atom) -> Option<InterfaceAdminState> {
        a.as_str().map(InterfaceAdminState::from)
    }
    fn to_atom(&self) -> Atom {
        Atom::String(self.as_str().to_string())
    }
}

/// The values of `Interface.link_state`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum InterfaceLinkState {
    /// `"down"`.
    Down,
    /// `"up"`.
    Up,
    /// A value this schema version does not list (kept, not rejected).
    Other(String),
}

impl InterfaceLinkState {
    /// The value as stored in the database.
    pub fn as_str(&self) -> &str {
        match self {
            InterfaceLinkState::Down => "down",
            InterfaceLinkState::Up => "up",
            InterfaceLinkState::Other(s) => s,
        }
    }
}

impl From<&str> for InterfaceLinkState {
    fn from(s: &str) -> InterfaceLinkState {
        match s {
            "down" => InterfaceLinkState::Down,
            "up" => InterfaceLinkState::Up,
            other => InterfaceLinkState::Other(other.to_string()),
        }
    }
}

/// The OVSDB default of a string, `""`.
impl Default for InterfaceLinkState {
    fn default() -> InterfaceLinkState {
        InterfaceLinkState::from("")
    }
}

impl std::fmt::Display for InterfaceLinkState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl c::AtomValue for InterfaceLinkState {
    fn from_atom(a: &Atom) -> Option<InterfaceLinkState> {
        a.as_str().map(InterfaceLinkState::from)
    }
    fn to_atom(&self) -> Atom {
        Atom::String(self.as_str().to_string())
    }
}

/// The values of `Interface.duplex`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum InterfaceDuplex {
    /// `"full"`.
    Full,
    /// `"half"`.
    Half,
    /// A value this schema version does not list (kept, not rejected).
    Other(String),
}

impl InterfaceDuplex {
    /// The value as stored in the database.
    pub fn as_str(&self) -> &str {
        match self {
            InterfaceDuplex::Full => "full",
            InterfaceDuplex::Half => "half",
            InterfaceDuplex::Other(s) => s,
        }
    }
}

impl From<&str> for InterfaceDuplex {
    fn from(s: &str) -> InterfaceDuplex {
        match s {
            "full" => InterfaceDuplex::Full,
            "half" => InterfaceDuplex::Half,
            other => InterfaceDuplex::Other(other.to_string()),
        }
    }
}

/// The OVSDB default of a string, `""`.
impl Default for InterfaceDuplex {
    fn default() -> InterfaceDuplex {
        InterfaceDuplex::from("")
    }
}

impl std::fmt::Display for InterfaceDuplex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl c::AtomValue for InterfaceDuplex {
    fn from_atom(a: &Atom) -> Option<InterfaceDuplex> {
        a.as_str().map(InterfaceDuplex::from)
    }
    fn to_atom(&self) -> Atom {
        Atom::String(self.as_str().to_string())
    }
}

/// A row of table `Manager`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Manager {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `target`: string.
    pub target: String,
    /// `max_backoff`: optional integer, at least 1000.
    pub max_backoff: Option<i64>,
    /// `inactivity_probe`: optional integer.
    pub inactivity_probe: Option<i64>,
    /// `connection_mode`: optional string, one of `"in-band"`, `"out-of-band"`.
    pub connection_mode: Option<ManagerConnectionMode>,
    /// `other_config`: map from string to string.
    pub other_config: BTreeMap<String, String>,
    /// `external_ids`: map from string to string.
    pub external_ids: BTreeMap<String, String>,
    /// `is_connected`: boolean; ephemeral.
    pub is_connected: bool,
    /// `status`: map from string to string; ephemeral.
    pub status: BTreeMap<String, String>,
}

impl Manager {
    pub const COL_TARGET: &'static str = "target";
    pub const COL_MAX_BACKOFF: &'static str = "max_backoff";
    pub const COL_INACTIVITY_PROBE: &'static str = "inactivity_probe";
    pub const COL_CONNECTION_MODE: &'static str = "connection_mode";
    pub const COL_OTHER_CONFIG: &'static str = "other_config";
    pub const COL_EXTERNAL_IDS: &'static str = "external_ids";
    pub const COL_IS_CONNECTED: &'static str = "is_connected";
    pub const COL_STATUS: &'static str = "status";
}

impl TypedRow for Manager {
    const TABLE: &'static str = "Manager";
    const COLUMNS: &'static [&'static str] = &[
        Self::COL_TARGET,
        Self::COL_MAX_BACKOFF,
        Self::COL_INACTIVITY_PROBE,
        Self::COL_CONNECTION_MODE,
        Self::COL_OTHER_CONFIG,
        Self::COL_EXTERNAL_IDS,
        Self::COL_IS_CONNECTED,
        Self::COL_STATUS,
    ];

    fn uuid(&self) -> Uuid {
        self.uuid
    }

    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {
        c::check_table(table, Self::TABLE)?;
        Ok(Manager {
            uuid: row.uuid(),
            target: c::scalar(table, row, Self::COL_TARGET)?,
            max_backoff: c::optional(table, row, Self::COL_MAX_BACKOFF)?,
            inactivity_probe: c::optional(table, row, Self::COL_INACTIVITY_PROBE)?,
            connection_mode: c::optional(table, row, Self::COL_CONNECTION_MODE)?,
            other_config: c::map(table, row, Self::COL_OTHER_CONFIG)?,
            external_ids: c::map(table, row, Self::COL_EXTERNAL_IDS)?,
            is_connected: c::scalar(table, row, Self::COL_IS_CONNECTED)?,
            status: c::map(table, row, Self::COL_STATUS)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_TARGET, c::from_scalar(&self.target)),
            (Self::COL_MAX_BACKOFF, c::from_optional(&self.max_backoff)),
            (
                Self::COL_INACTIVITY_PROBE,
                c::from_optional(&self.inactivity_probe),
            ),
            (
                Self::COL_CONNECTION_MODE,
                c::from_optional(&self.connection_mode),
            ),
            (Self::COL_OTHER_CONFIG, c::from_map(&self.other_config)),
            (Self::COL_EXTERNAL_IDS, c::from_map(&self.external_ids)),
            (Self::COL_IS_CONNECTED, c::from_scalar(&self.is_connected)),
            (Self::COL_STATUS, c::from_map(&self.status)),
        ]
    }
}

/// The values of `Manager.connection_mode`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ManagerConnectionMode {
    /// `"in-band"`.
    InBand,
    /// `"out-of-band"`.
    OutOfBand,
    /// A value this schema version does not list (kept, not rejected).
    Other(String),
}

impl ManagerConnectionMode {
    /// The value as stored in the database.
    pub fn as_str(&self) -> &str {
        match self {
            ManagerConnectionMode::InBand => "in-band",
            ManagerConnectionMode::OutOfBand => "out-of-band",
            ManagerConnectionMode::Other(s) => s,
        }
    }
}

impl From<&str> for ManagerConnectionMode {
    fn from(s: &str) -> ManagerConnectionMode {
        match s {
            "in-band" => ManagerConnectionMode::InBand,
            "out-of-band" => ManagerConnectionMode::OutOfBand,
            other => ManagerConnectionMode::Other(other.to_string()),
        }
    }
}

/// The OVSDB default of a string, `""`.
impl Default for ManagerConnectionMode {
    fn default() -> ManagerConnectionMode {
        ManagerConnectionMode::from("")
    }
}

impl std::fmt::Display for ManagerConnectionMode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl c::AtomValue for ManagerConnectionMode {
    fn from_atom(a: &Atom) -> Option<ManagerConnectionMode> {
        a.as_str().map(ManagerConnectionMode::from)
    }
    fn to_atom(&self) -> Atom {
        Atom::String(self.as_str().to_string())
    }
}

/// A row of table `Mirror`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Mirror {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `name`: string.
    pub name: String,
    /// `select_all`: boolean.
    pub select_all: bool,
    /// `select_src_port`: set of uuid, weak reference to `Port`.
    pub select_src_port: BTreeSet<Uuid>,
    /// `select_dst_port`: set of uuid, weak reference to `Port`.
    pub select_dst_port: BTreeSet<Uuid>,
    /// `select_vlan`: set (0 to 4096) of integer, 0 to 4095.
    pub select_vlan: BTreeSet<i64>,
    /// `output_port`: optional uuid, weak reference to `Port`.
    pub output_port: Option<Uuid>,
    /// `output_vlan`: optional integer, 1 to 4095.
    pub output_vlan: Option<i64>,
    /// `snaplen`: optional integer, 14 to 65535.
    pub snaplen: Option<i64>,
    /// `statistics`: map from string to integer; ephemeral.
    pub statistics: BTreeMap<String, i64>,
    /// `external_ids`: map from string to string.
    pub external_ids: BTreeMap<String, String>,
}

impl Mirror {
    pub const COL_NAME: &'static str = "name";
    pub const COL_SELECT_ALL: &'static str = "select_all";
    pub const COL_SELECT_SRC_PORT: &'static str = "select_src_port";
    pub const COL_SELECT_DST_PORT: &'static str = "select_dst_port";
    pub const COL_SELECT_VLAN: &'static str = "select_vlan";
    pub const COL_OUTPUT_PORT: &'static str = "output_port";
    pub const COL_OUTPUT_VLAN: &'static str = "output_vlan";
    pub const COL_SNAPLEN: &'static str = "snaplen";
    pub const COL_STATISTICS: &'static str = "statistics";
    pub const COL_EXTERNAL_IDS: &'static str = "external_ids";
}

impl TypedRow for Mirror {
    const TABLE: &'static str = "Mirror";
    const COLUMNS: &'static [&'static str] = &[
        Self::COL_NAME,
        Self::COL_SELECT_ALL,
        Self::COL_SELECT_SRC_PORT,
        Self::COL_SELECT_DST_PORT,
        Self::COL_SELECT_VLAN,
        Self::COL_OUTPUT_PORT,
        Self::COL_OUTPUT_VLAN,
        Self::COL_SNAPLEN,
        Self::COL_STATISTICS,
        Self::COL_EXTERNAL_IDS,
    ];

    fn uuid(&self) -> Uuid {
        self.uuid
    }

    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {
        c::check_table(table, Self::TABLE)?;
        Ok(Mirror {
            uuid: row.uuid(),
            name: c::scalar(table, row, Self::COL_NAME)?,
            select_all: c::scalar(table, row, Self::COL_SELECT_ALL)?,
            select_src_port: c::set(table, row, Self::COL_SELECT_SRC_PORT)?,
            select_dst_port: c::set(table, row, Self::COL_SELECT_DST_PORT)?,
            select_vlan: c::set(table, row, Self::COL_SELECT_VLAN)?,
            output_port: c::optional(table, row, Self::COL_OUTPUT_PORT)?,
            output_vlan: c::optional(table, row, Self::COL_OUTPUT_VLAN)?,
            snaplen: c::optional(table, row, Self::COL_SNAPLEN)?,
            statistics: c::map(table, row, Self::COL_STATISTICS)?,
            external_ids: c::map(table, row, Self::COL_EXTERNAL_IDS)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_NAME, c::from_scalar(&self.name)),
            (Self::COL_SELECT_ALL, c::from_scalar(&self.select_all)),
            (
                Self::COL_SELECT_SRC_PORT,
                c::from_set(&self.select_src_port),
            ),
            (
                Self::COL_SELECT_DST_PORT,
                c::from_set(&self.select_dst_port),
            ),
            (Self::COL_SELECT_VLAN, c::from_set(&self.select_vlan)),
            (Self::COL_OUTPUT_PORT, c::from_optional(&self.output_port)),
            (Self::COL_OUTPUT_VLAN, c::from_optional(&self.output_vlan)),
            (Self::COL_SNAPLEN, c::from_optional(&self.snaplen)),
            (Self::COL_STATISTICS, c::from_map(&self.statistics)),
            (Self::COL_EXTERNAL_IDS, c::from_map(&self.external_ids)),
        ]
    }
}

/// A row of table `NetFlow`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NetFlow {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `targets`: set (at least 1) of string.
    pub targets: BTreeSet<String>,
    /// `engine_type`: optional integer, 0 to 255.
    pub engine_type: Option<i64>,
    /// `engine_id`: optional integer, 0 to 255.
    pub engine_id: Option<i64>,
    /// `add_id_to_interface`: boolean.
    pub add_id_to_interface: bool,
    /// `active_timeout`: integer, at least -1.
    pub active_timeout: i64,
    /// `external_ids`: map from string to string.
    pub external_ids: BTreeMap<String, String>,
}

impl NetFlow {
    pub const COL_TARGETS: &'static str = "targets";
    pub const COL_ENGINE_TYPE: &'static str = "engine_type";
    pub const COL_ENGINE_ID: &'static str = "engine_id";
    pub const COL_ADD_ID_TO_INTERFACE: &'static str = "add_id_to_interface";
    pub const COL_ACTIVE_TIMEOUT: &'static str = "active_timeout";
    pub const COL_EXTERNAL_IDS: &'static str = "external_ids";
}

impl TypedRow for NetFlow {
    const TABLE: &'static str = "NetFlow";
    const COLUMNS: &'static [&'static str] = &[
        Self::COL_TARGETS,
        Self::COL_ENGINE_TYPE,
        Self::COL_ENGINE_ID,
        Self::COL_ADD_ID_TO_INTERFACE,
        Self::COL_ACTIVE_TIMEOUT,
        Self::COL_EXTERNAL_IDS,
    ];

    fn uuid(&self) -> Uuid {
        self.uuid
    }

    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {
        c::check_table(table, Self::TABLE)?;
        Ok(NetFlow {
            uuid: row.uuid(),
            targets: c::set(table, row, Self::COL_TARGETS)?,
            engine_type: c::optional(table, row, Self::COL_ENGINE_TYPE)?,
            engine_id: c::optional(table, row, Self::COL_ENGINE_ID)?,
            add_id_to_interface: c::scalar(table, row, Self::COL_ADD_ID_TO_INTERFACE)?,
            active_timeout: c::scalar(table, row, Self::COL_ACTIVE_TIMEOUT)?,
            external_ids: c::map(table, row, Self::COL_EXTERNAL_IDS)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_TARGETS, c::from_set(&self.targets)),
            (Self::COL_ENGINE_TYPE, c::from_optional(&self.engine_type)),
            (Self::COL_ENGINE_ID, c::from_optional(&self.engine_id)),
            (
                Self::COL_ADD_ID_TO_INTERFACE,
                c::from_scalar(&self.add_id_to_interface),
            ),
            (
                Self::COL_ACTIVE_TIMEOUT,
                c::from_scalar(&self.active_timeout),
            ),
            (Self::COL_EXTERNAL_IDS, c::from_map(&self.external_ids)),
        ]
    }
}

/// A row of table `Open_vSwitch` (root table).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OpenVSwitch {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `datapaths`: map from string to uuid, reference to `Datapath`.
    pub datapaths: BTreeMap<String, Uuid>,
    /// `bridges`: set of uuid, reference to `Bridge`.
    pub bridges: BTreeSet<Uuid>,
    /// `manager_options`: set of uuid, reference to `Manager`.
    pub manager_options: BTreeSet<Uuid>,
    /// `ssl`: optional uuid, reference to `SSL`.
    pub ssl: Option<Uuid>,
    /// `other_config`: map from string to string.
    pub other_config: BTreeMap<String, String>,
    /// `external_ids`: map from string to string.
    pub external_ids: BTreeMap<String, String>,
    /// `next_cfg`: integer.
    pub next_cfg: i64,
    /// `cur_cfg`: integer.
    pub cur_cfg: i64,
    /// `statistics`: map from string to string; ephemeral.
    pub statistics: BTreeMap<String, String>,
    /// `ovs_version`: optional string.
    pub ovs_version: Option<String>,
    /// `db_version`: optional string.
    pub db_version: Option<String>,
    /// `system_type`: optional string.
    pub system_type: Option<String>,
    /// `system_version`: optional string.
    pub system_version: Option<String>,
    /// `datapath_types`: set of string.
    pub datapath_types: BTreeSet<String>,
    /// `iface_types`: set of string.
    pub iface_types: BTreeSet<String>,
    /// `dpdk_initialized`: boolean.
    pub dpdk_initialized: bool,
    /// `dpdk_version`: optional string.
    pub dpdk_version: Option<String>,
}

impl OpenVSwitch {
    pub const COL_DATAPATHS: &'static str = "datapaths";
    pub const COL_BRIDGES: &'static str = "bridges";
    pub const COL_MANAGER_OPTIONS: &'static str = "manager_options";
    pub const COL_SSL: &'static str = "ssl";
    pub const COL_OTHER_CONFIG: &'static str = "other_config";
    pub const COL_EXTERNAL_IDS: &'static str = "external_ids";
    pub const COL_NEXT_CFG: &'static str = "next_cfg";
    pub const COL_CUR_CFG: &'static str = "cur_cfg";
    pub const COL_STATISTICS: &'static str = "statistics";
    pub const COL_OVS_VERSION: &'static str = "ovs_version";
    pub const COL_DB_VERSION: &'static str = "db_version";
    pub const COL_SYSTEM_TYPE: &'static str = "system_type";
    pub const COL_SYSTEM_VERSION: &'static str = "system_version";
    pub const COL_DATAPATH_TYPES: &'static str = "datapath_types";
    pub const COL_IFACE_TYPES: &'static str = "iface_types";
    pub const COL_DPDK_INITIALIZED: &'static str = "dpdk_initialized";
    pub const COL_DPDK_VERSION: &'static str = "dpdk_version";
}

impl TypedRow for OpenVSwitch {
    const TABLE: &'static str = "Open_vSwitch";
    const COLUMNS: &'static [&'static str] = &[
        Self::COL_DATAPATHS,
        Self::COL_BRIDGES,
        Self::COL_MANAGER_OPTIONS,
        Self::COL_SSL,
        Self::COL_OTHER_CONFIG,
        Self::COL_EXTERNAL_IDS,
        Self::COL_NEXT_CFG,
        Self::COL_CUR_CFG,
        Self::COL_STATISTICS,
        Self::COL_OVS_VERSION,
        Self::COL_DB_VERSION,
        Self::COL_SYSTEM_TYPE,
        Self::COL_SYSTEM_VERSION,
        Self::COL_DATAPATH_TYPES,
        Self::COL_IFACE_TYPES,
        Self::COL_DPDK_INITIALIZED,
        Self::COL_DPDK_VERSION,
    ];

    fn uuid(&self) -> Uuid {
        self.uuid
    }

    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {
        c::check_table(table, Self::TABLE)?;
        Ok(OpenVSwitch {
            uuid: row.uuid(),
            datapaths: c::map(table, row, Self::COL_DATAPATHS)?,
            bridges: c::set(table, row, Self::COL_BRIDGES)?,
            manager_options: c::set(table, row, Self::COL_MANAGER_OPTIONS)?,
            ssl: c::optional(table, row, Self::COL_SSL)?,
            other_config: c::map(table, row, Self::COL_OTHER_CONFIG)?,
            external_ids: c::map(table, row, Self::COL_EXTERNAL_IDS)?,
            next_cfg: c::scalar(table, row, Self::COL_NEXT_CFG)?,
            cur_cfg: c::scalar(table, row, Self::COL_CUR_CFG)?,
            statistics: c::map(table, row, Self::COL_STATISTICS)?,
            ovs_version: c::optional(table, row, Self::COL_OVS_VERSION)?,
            db_version: c::optional(table, row, Self::COL_DB_VERSION)?,
            system_type: c::optional(table, row, Self::COL_SYSTEM_TYPE)?,
            system_version: c::optional(table, row, Self::COL_SYSTEM_VERSION)?,
            datapath_types: c::set(table, row, Self::COL_DATAPATH_TYPES)?,
            iface_types: c::set(table, row, Self::COL_IFACE_TYPES)?,
            dpdk_initialized: c::scalar(table, row, Self::COL_DPDK_INITIALIZED)?,
            dpdk_version: c::optional(table, row, Self::COL_DPDK_VERSION)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_DATAPATHS, c::from_map(&self.datapaths)),
            (Self::COL_BRIDGES, c::from_set(&self.bridges)),
            (
                Self::COL_MANAGER_OPTIONS,
                c::from_set(&self.manager_options),
            ),
            (Self::COL_SSL, c::from_optional(&self.ssl)),
            (Self::COL_OTHER_CONFIG, c::from_map(&self.other_config)),
            (Self::COL_EXTERNAL_IDS, c::from_map(&self.external_ids)),
            (Self::COL_NEXT_CFG, c::from_scalar(&self.next_cfg)),
            (Self::COL_CUR_CFG, c::from_scalar(&self.cur_cfg)),
            (Self::COL_STATISTICS, c::from_map(&self.statistics)),
            (Self::COL_OVS_VERSION, c::from_optional(&self.ovs_version)),
            (Self::COL_DB_VERSION, c::from_optional(&self.db_version)),
            (Self::COL_SYSTEM_TYPE, c::from_optional(&self.system_type)),
            (
                Self::COL_SYSTEM_VERSION,
                c::from_optional(&self.system_version),
            ),
            (Self::COL_DATAPATH_TYPES, c::from_set(&self.datapath_types)),
            (Self::COL_IFACE_TYPES, c::from_set(&self.iface_types)),
            (
                Self::COL_DPDK_INITIALIZED,
                c::from_scalar(&self.dpdk_initialized),
            ),
            (Self::COL_DPDK_VERSION, c::from_optional(&self.dpdk_version)),
        ]
    }
}

/// A row of table `Port`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Port {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `name`: string; immutable.
    pub name: String,
    /// `interfaces`: set (at least 1) of uuid, reference to `Interface`.
    pub interfaces: BTreeSet<Uuid>,
    /// `trunks`: set (0 to 4096) of integer, 0 to 4095.
    pub trunks: BTreeSet<i64>,
    /// `cvlans`: set (0 to 4096) of integer, 0 to 4095.
    pub cvlans: BTreeSet<i64>,
    /// `tag`: optional integer, 0 to 4095.
    pub tag: Option<i64>,
    /// `vlan_mode`: optional string, one of `"access"`, `"dot1q-tunnel"`, `"native-tagged"`, `"native-untagged"`, `"trunk"`.
    pub vlan_mode: Option<PortVlanMode>,
    /// `qos`: optional uuid, reference to `QoS`.
    pub qos: Option<Uuid>,
    /// `mac`: optional string.
    pub mac: Option<String>,
    /// `bond_mode`: optional string, one of `"active-backup"`, `"balance-slb"`, `"balance-tcp"`.
    pub bond_mode: Option<PortBondMode>,
    /// `lacp`: optional string, one of `"active"`, `"off"`, `"passive"`.
    pub lacp: Option<PortLacp>,
    /// `bond_updelay`: integer.
    pub bond_updelay: i64,
    /// `bond_downdelay`: integer.
    pub bond_downdelay: i64,
    /// `bond_active_slave`: optional string.
    pub bond_active_slave: Option<String>,
    /// `bond_fake_iface`: boolean.
    pub bond_fake_iface: bool,
    /// `fake_bridge`: boolean.
    pub fake_bridge: bool,
    /// `status`: map from string to string; ephemeral.
    pub status: BTreeMap<String, String>,
    /// `rstp_status`: map from string to string; ephemeral.
    pub rstp_status: BTreeMap<String, String>,
    /// `rstp_statistics`: map from string to integer; ephemeral.
    pub rstp_statistics: BTreeMap<String, i64>,
    /// `statistics`: map from string to integer; ephemeral.
    pub statistics: BTreeMap<String, i64>,
    /// `protected`: boolean.
    pub protected: bool,
    /// `other_config`: map from string to string.
    pub other_config: BTreeMap<String, String>,
    /// `external_ids`: map from string to string.
    pub external_ids: BTreeMap<String, String>,
}

impl Port {
    pub const COL_NAME: &'static str = "name";
    pub const COL_INTERFACES: &'static str = "interfaces";
    pub const COL_TRUNKS: &'static str = "trunks";
    pub const COL_CVLANS: &'static str = "cvlans";
    pub const COL_TAG: &'static str = "tag";
    pub const COL_VLAN_MODE: &'static str = "vlan_mode";
    pub const COL_QOS: &'static str = "qos";
    pub const COL_MAC: &'static str = "mac";
    pub const COL_BOND_MODE: &'static str = "bond_mode";
    pub const COL_LACP: &'static str = "lacp";
    pub const COL_BOND_UPDELAY: &'static str = "bond_updelay";
    pub const COL_BOND_DOWNDELAY: &'static str = "bond_downdelay";
    pub const COL_BOND_ACTIVE_SLAVE: &'static str = "bond_active_slave";
    pub const COL_BOND_FAKE_IFACE: &'static str = "bond_fake_iface";
    pub const COL_FAKE_BRIDGE: &'static str = "fake_bridge";
    pub const COL_STATUS: &'static str = "status";
    pub const COL_RSTP_STATUS: &'static str = "rstp_status";
    pub const COL_RSTP_STATISTICS: &'static str = "rstp_statistics";
    pub const COL_STATISTICS: &'static str = "statistics";
    pub const COL_PROTECTED: &'static str = "protected";
    pub const COL_OTHER_CONFIG: &'static str = "other_config";
    pub const COL_EXTERNAL_IDS: &'static str = "external_ids";
}

impl TypedRow for Port {
    const TABLE: &'static str = "Port";
    const COLUMNS: &'static [&'static str] = &[
        Self::COL_NAME,
        Self::COL_INTERFACES,
        Self::COL_TRUNKS,
        Self::COL_CVLANS,
        Self::COL_TAG,
        Self::COL_VLAN_MODE,
        Self::COL_QOS,
        Self::COL_MAC,
        Self::COL_BOND_MODE,
        Self::COL_LACP,
        Self::COL_BOND_UPDELAY,
        Self::COL_BOND_DOWNDELAY,
        Self::COL_BOND_ACTIVE_SLAVE,
        Self::COL_BOND_FAKE_IFACE,
        Self::COL_FAKE_BRIDGE,
        Self::COL_STATUS,
        Self::COL_RSTP_STATUS,
        Self::COL_RSTP_STATISTICS,
        Self::COL_STATISTICS,
        Self::COL_PROTECTED,
        Self::COL_OTHER_CONFIG,
        Self::COL_EXTERNAL_IDS,
    ];

    fn uuid(&self) -> Uuid {
        self.uuid
    }

    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {
        c::check_table(table, Self::TABLE)?;
        Ok(Port {
            uuid: row.uuid(),
            name: c::scalar(table, row, Self::COL_NAME)?,
            interfaces: c::set(table, row, Self::COL_INTERFACES)?,
            trunks: c::set(table, row, Self::COL_TRUNKS)?,
            cvlans: c::set(table, row, Self::COL_CVLANS)?,
            tag: c::optional(table, row, Self::COL_TAG)?,
            vlan_mode: c::optional(table, row, Self::COL_VLAN_MODE)?,
            qos: c::optional(table, row, Self::COL_QOS)?,
            mac: c::optional(table, row, Self::COL_MAC)?,
            bond_mode: c::optional(table, row, Self::COL_BOND_MODE)?,
            lacp: c::optional(table, row, Self::COL_LACP)?,
            bond_updelay: c::scalar(table, row, Self::COL_BOND_UPDELAY)?,
            bond_downdelay: c::scalar(table, row, Self::COL_BOND_DOWNDELAY)?,
            bond_active_slave: c::optional(table, row, Self::COL_BOND_ACTIVE_SLAVE)?,
            bond_fake_iface: c::scalar(table, row, Self::COL_BOND_FAKE_IFACE)?,
            fake_bridge: c::scalar(table, row, Self::COL_FAKE_BRIDGE)?,
            status: c::map(table, row, Self::COL_STATUS)?,
            rstp_status: c::map(table, row, Self::COL_RSTP_STATUS)?,
            rstp_statistics: c::map(table, row, Self::COL_RSTP_STATISTICS)?,
            statistics: c::map(table, row, Self::COL_STATISTICS)?,
            protected: c::scalar(table, row, Self::COL_PROTECTED)?,
            other_config: c::map(table, row, Self::COL_OTHER_CONFIG)?,
            external_ids: c::map(table, row, Self::COL_EXTERNAL_IDS)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_NAME, c::from_scalar(&self.name)),
            (Self::COL_INTERFACES, c::from_set(&self.interfaces)),
            (Self::COL_TRUNKS, c::from_set(&self.trunks)),
            (Self::COL_CVLANS, c::from_set(&self.cvlans)),
            (Self::COL_TAG, c::from_optional(&self.tag)),
            (Self::COL_VLAN_MODE, c::from_optional(&self.vlan_mode)),
            (Self::COL_QOS, c::from_optional(&self.qos)),
            (Self::COL_MAC, c::from_optional(&self.mac)),
            (Self::COL_BOND_MODE, c::from_optional(&self.bond_mode)),
            (Self::COL_LACP, c::from_optional(&self.lacp)),
            (Self::COL_BOND_UPDELAY, c::from_scalar(&self.bond_updelay)),
            (
                Self::COL_BOND_DOWNDELAY,
                c::from_scalar(&self.bond_downdelay),
            ),
            (
                Self::COL_BOND_ACTIVE_SLAVE,
                c::from_optional(&self.bond_active_slave),
            ),
            (
                Self::COL_BOND_FAKE_IFACE,
                c::from_scalar(&self.bond_fake_iface),
            ),
            (Self::COL_FAKE_BRIDGE, c::from_scalar(&self.fake_bridge)),
            (Self::COL_STATUS, c::from_map(&self.status)),
            (Self::COL_RSTP_STATUS, c::from_map(&self.rstp_status)),
            (
                Self::COL_RSTP_STATISTICS,
                c::from_map(&self.rstp_statistics),
            ),
            (Self::COL_STATISTICS, c::from_map(&self.statistics)),
            (Self::COL_PROTECTED, c::from_scalar(&self.protected)),
            (Self::COL_OTHER_CONFIG, c::from_map(&self.other_config)),
            (Self::COL_EXTERNAL_IDS, c::from_map(&self.external_ids)),
        ]
    }
}

/// The values of `Port.vlan_mode`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PortVlanMode {
    /// `"access"`.
    Access,
    /// `"dot1q-tunnel"`.
    Dot1qTunnel,
    /// `"native-tagged"`.
    NativeTagged,
    /// `"native-untagged"`.
    NativeUntagged,
    /// `"trunk"`.
    Trunk,
    /// A value this schema version does not list (kept, not rejected).
    Other(String),
}

impl PortVlanMode {
    /// The value as stored in the database.
    pub fn as_str(&self) -> &str {
        match self {
            PortVlanMode::Access => "access",
            PortVlanMode::Dot1qTunnel => "dot1q-tunnel",
            PortVlanMode::NativeTagged => "native-tagged",
            PortVlanMode::NativeUntagged => "native-untagged",
            PortVlanMode::Trunk => "trunk",
            PortVlanMode::Other(s) => s,
        }
    }
}

impl From<&str> for PortVlanMode {
    fn from(s: &str) -> PortVlanMode {
        match s {
            "access" => PortVlanMode::Access,
            "dot1q-tunnel" => PortVlanMode::Dot1qTunnel,
            "native-tagged" => PortVlanMode::NativeTagged,
            "native-untagged" => PortVlanMode::NativeUntagged,
            "trunk" => PortVlanMode::Trunk,
            other => PortVlanMode::Other(other.to_string()),
        }
    }
}

/// The OVSDB default of a string, `""`.
impl Default for PortVlanMode {
    fn default() -> PortVlanMode {
        PortVlanMode::from("")
    }
}

impl std::fmt::Display for PortVlanMode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl c::AtomValue for PortVlanMode {
    fn from_atom(a: &Atom) -> Option<PortVlanMode> {
        a.as_str().map(PortVlanMode::from)
    }
    fn to_atom(&self) -> Atom {
        Atom::String(self.as_str().to_string())
    }
}

/// The values of `Port.bond_mode`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PortBondMode {
    /// `"active-backup"`.
    ActiveBackup,
    /// `"balance-slb"`.
    BalanceSlb,
    /// `"balance-tcp"`.
    BalanceTcp,
    /// A value this schema version does not list (kept, not rejected).
    Other(String),
}

impl PortBondMode {
    /// The value as stored in the database.
    pub fn as_str(&self) -> &str {
        match self {
            PortBondMode::ActiveBackup => "active-backup",
            PortBondMode::BalanceSlb => "balance-slb",
            PortBondMode::BalanceTcp => "balance-tcp",
            PortBondMode::Other(s) => s,
        }
    }
}

impl From<&str> for PortBondMode {
    fn from(s: &str) -> PortBondMode {
        match s {
            "active-backup" => PortBondMode::ActiveBackup,
            "balance-slb" => PortBondMode::BalanceSlb,
            "balance-tcp" => PortBondMode::BalanceTcp,
            other => PortBondMode::Other(other.to_string()),
        }
    }
}

/// The OVSDB default of a string, `""`.
impl Default for PortBondMode {
    fn default() -> PortBondMode {
        PortBondMode::from("")
    }
}

impl std::fmt::Display for PortBondMode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl c::AtomValue for PortBondMode {
    fn from_atom(a: &Atom) -> Option<PortBondMode> {
        a.as_str().map(PortBondMode::from)
    }
    fn to_atom(&self) -> Atom {
        Atom::String(self.as_str().to_string())
    }
}

/// The values of `Port.lacp`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PortLacp {
    /// `"active"`.
    Active,
    /// `"off"`.
    Off,
    /// `"passive"`.
    Passive,
    /// A value this schema version does not list (kept, not rejected).
    Other(String),
}

impl PortLacp {
    /// The value as stored in the database.
    pub fn as_str(&self) -> &str {
        match self {
            PortLacp::Active => "active",
            PortLacp::Off => "off",
            PortLacp::Passive => "passive",
            PortLacp::Other(s) => s,
        }
    }
}

impl From<&str> for PortLacp {
    fn from(s: &str) -> PortLacp {
        match s {
            "active" => PortLacp::Active,
            "off" => PortLacp::Off,
            "passive" => PortLacp::Passive,
            other => PortLacp::Other(other.to_string()),
        }
    }
}

/// The OVSDB default of a string, `""`.
impl Default for PortLacp {
    fn default() -> PortLacp {
        PortLacp::from("")
    }
}

impl std::fmt::Display for PortLacp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl c::AtomValue for PortLacp {
    fn from_atom(a: &Atom) -> Option<PortLacp> {
        a.as_str().map(PortLacp::from)
    }
    fn to_atom(&self) -> Atom {
        Atom::String(self.as_str().to_string())
    }
}

/// A row of table `QoS` (root table).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct QoS {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `type`: string.
    pub type_: String,
    /// `queues`: map from integer, 0 to 4294967295 to uuid, reference to `Queue`.
    pub queues: BTreeMap<i64, Uuid>,
    /// `other_config`: map from string to string.
    pub other_config: BTreeMap<String, String>,
    /// `external_ids`: map from string to string.
    pub external_ids: BTreeMap<String, String>,
}

impl QoS {
    pub const COL_TYPE: &'static str = "type";
    pub const COL_QUEUES: &'static str = "queues";
    pub const COL_OTHER_CONFIG: &'static str = "other_config";
    pub const COL_EXTERNAL_IDS: &'static str = "external_ids";
}

impl TypedRow for QoS {
    const TABLE: &'static str = "QoS";
    const COLUMNS: &'static [&'static str] = &[
        Self::COL_TYPE,
        Self::COL_QUEUES,
        Self::COL_OTHER_CONFIG,
        Self::COL_EXTERNAL_IDS,
    ];

    fn uuid(&self) -> Uuid {
        self.uuid
    }

    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {
        c::check_table(table, Self::TABLE)?;
        Ok(QoS {
            uuid: row.uuid(),
            type_: c::scalar(table, row, Self::COL_TYPE)?,
            queues: c::map(table, row, Self::COL_QUEUES)?,
            other_config: c::map(table, row, Self::COL_OTHER_CONFIG)?,
            external_ids: c::map(table, row, Self::COL_EXTERNAL_IDS)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_TYPE, c::from_scalar(&self.type_)),
            (Self::COL_QUEUES, c::from_map(&self.queues)),
            (Self::COL_OTHER_CONFIG, c::from_map(&self.other_config)),
            (Self::COL_EXTERNAL_IDS, c::from_map(&self.external_ids)),
        ]
    }
}

/// A row of table `Queue` (root table).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Queue {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `dscp`: optional integer, 0 to 63.
    pub dscp: Option<i64>,
    /// `other_config`: map from string to string.
    pub other_config: BTreeMap<String, String>,
    /// `external_ids`: map from string to string.
    pub external_ids: BTreeMap<String, String>,
}

impl Queue {
    pub const COL_DSCP: &'static str = "dscp";
    pub const COL_OTHER_CONFIG: &'static str = "other_config";
    pub const COL_EXTERNAL_IDS: &'static str = "external_ids";
}

impl TypedRow for Queue {
    const TABLE: &'static str = "Queue";
    const COLUMNS: &'static [&'static str] = &[
        Self::COL_DSCP,
        Self::COL_OTHER_CONFIG,
        Self::COL_EXTERNAL_IDS,
    ];

    fn uuid(&self) -> Uuid {
        self.uuid
    }

    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {
        c::check_table(table, Self::TABLE)?;
        Ok(Queue {
            uuid: row.uuid(),
            dscp: c::optional(table, row, Self::COL_DSCP)?,
            other_config: c::map(table, row, Self::COL_OTHER_CONFIG)?,
            external_ids: c::map(table, row, Self::COL_EXTERNAL_IDS)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_DSCP, c::from_optional(&self.dscp)),
            (Self::COL_OTHER_CONFIG, c::from_map(&self.other_config)),
            (Self::COL_EXTERNAL_IDS, c::from_map(&self.external_ids)),
        ]
    }
}

/// A row of table `SSL`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Ssl {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `private_key`: string.
    pub private_key: String,
    /// `certificate`: string.
    pub certificate: String,
    /// `ca_cert`: string.
    pub ca_cert: String,
    /// `bootstrap_ca_cert`: boolean.
    pub bootstrap_ca_cert: bool,
    /// `external_ids`: map from string to string.
    pub external_ids: BTreeMap<String, String>,
}

impl Ssl {
    pub const COL_PRIVATE_KEY: &'static str = "private_key";
    pub const COL_CERTIFICATE: &'static str = "certificate";
    pub const COL_CA_CERT: &'static str = "ca_cert";
    pub const COL_BOOTSTRAP_CA_CERT: &'static str = "bootstrap_ca_cert";
    pub const COL_EXTERNAL_IDS: &'static str = "external_ids";
}

impl TypedRow for Ssl {
    const TABLE: &'static str = "SSL";
    const COLUMNS: &'static [&'static str] = &[
        Self::COL_PRIVATE_KEY,
        Self::COL_CERTIFICATE,
        Self::COL_CA_CERT,
        Self::COL_BOOTSTRAP_CA_CERT,
        Self::COL_EXTERNAL_IDS,
    ];

    fn uuid(&self) -> Uuid {
        self.uuid
    }

    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {
        c::check_table(table, Self::TABLE)?;
        Ok(Ssl {
            uuid: row.uuid(),
            private_key: c::scalar(table, row, Self::COL_PRIVATE_KEY)?,
            certificate: c::scalar(table, row, Self::COL_CERTIFICATE)?,
            ca_cert: c::scalar(table, row, Self::COL_CA_CERT)?,
            bootstrap_ca_cert: c::scalar(table, row, Self::COL_BOOTSTRAP_CA_CERT)?,
            external_ids: c::map(table, row, Self::COL_EXTERNAL_IDS)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_PRIVATE_KEY, c::from_scalar(&self.private_key)),
            (Self::COL_CERTIFICATE, c::from_scalar(&self.certificate)),
            (Self::COL_CA_CERT, c::from_scalar(&self.ca_cert)),
            (
                Self::COL_BOOTSTRAP_CA_CERT,
                c::from_scalar(&self.bootstrap_ca_cert),
            ),
            (Self::COL_EXTERNAL_IDS, c::from_map(&self.external_ids)),
        ]
    }
}

/// A row of table `sFlow`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SFlow {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `targets`: set (at least 1) of string.
    pub targets: BTreeSet<String>,
    /// `sampling`: optional integer.
    pub sampling: Option<i64>,
    /// `polling`: optional integer.
    pub polling: Option<i64>,
    /// `header`: optional integer.
    pub header: Option<i64>,
    /// `agent`: optional string.
    pub agent: Option<String>,
    /// `external_ids`: map from string to string.
    pub external_ids: BTreeMap<String, String>,
}

impl SFlow {
    pub const COL_TARGETS: &'static str = "targets";
    pub const COL_SAMPLING: &'static str = "sampling";
    pub const COL_POLLING: &'static str = "polling";
    pub const COL_HEADER: &'static str = "header";
    pub const COL_AGENT: &'static str = "agent";
    pub const COL_EXTERNAL_IDS: &'static str = "external_ids";
}

impl TypedRow for SFlow {
    const TABLE: &'static str = "sFlow";
    const COLUMNS: &'static [&'static str] = &[
        Self::COL_TARGETS,
        Self::COL_SAMPLING,
        Self::COL_POLLING,
        Self::COL_HEADER,
        Self::COL_AGENT,
        Self::COL_EXTERNAL_IDS,
    ];

    fn uuid(&self) -> Uuid {
        self.uuid
    }

    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {
        c::check_table(table, Self::TABLE)?;
        Ok(SFlow {
            uuid: row.uuid(),
            targets: c::set(table, row, Self::COL_TARGETS)?,
            sampling: c::optional(table, row, Self::COL_SAMPLING)?,
            polling: c::optional(table, row, Self::COL_POLLING)?,
            header: c::optional(table, row, Self::COL_HEADER)?,
            agent: c::optional(table, row, Self::COL_AGENT)?,
            external_ids: c::map(table, row, Self::COL_EXTERNAL_IDS)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_TARGETS, c::from_set(&self.targets)),
            (Self::COL_SAMPLING, c::from_optional(&self.sampling)),
            (Self::COL_POLLING, c::from_optional(&self.polling)),
            (Self::COL_HEADER, c::from_optional(&self.header)),
            (Self::COL_AGENT, c::from_optional(&self.agent)),
            (Self::COL_EXTERNAL_IDS, c::from_map(&self.external_ids)),
        ]
    }
}
