//! Typed rows of the `OVN_Southbound` database (schema version 20.27.0), generated from
//! `ovsdb/schemas/ovn-sb.ovsschema` by `ovsdb::typed::codegen`. Do not edit: regenerate with
//! `UPDATE_TYPED=1 cargo test -p ovsdb --test typed_codegen`.

use std::collections::{BTreeMap, BTreeSet};

use uuid::Uuid;

use super::convert as c;
use super::{TypedError, TypedRow};
use crate::data::{Atom, Datum};
use crate::db::Row;
use crate::schema::TableSchema;

/// The database name.
pub const DATABASE: &str = "OVN_Southbound";
/// The schema version the rows were generated from.
pub const SCHEMA_VERSION: &str = "20.27.0";
/// Every table.
pub const TABLES: &[&str] = &[
    "Address_Set",
    "BFD",
    "Chassis",
    "Chassis_Private",
    "Chassis_Template_Var",
    "Connection",
    "Controller_Event",
    "DHCP_Options",
    "DHCPv6_Options",
    "DNS",
    "Datapath_Binding",
    "Encap",
    "FDB",
    "Gateway_Chassis",
    "HA_Chassis",
    "HA_Chassis_Group",
    "IGMP_Group",
    "IP_Multicast",
    "Load_Balancer",
    "Logical_DP_Group",
    "Logical_Flow",
    "MAC_Binding",
    "Meter",
    "Meter_Band",
    "Mirror",
    "Multicast_Group",
    "Port_Binding",
    "Port_Group",
    "RBAC_Permission",
    "RBAC_Role",
    "SB_Global",
    "SSL",
    "Service_Monitor",
    "Static_MAC_Binding",
];

/// A row of table `Address_Set` (root table).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AddressSet {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `name`: string.
    pub name: String,
    /// `addresses`: set of string.
    pub addresses: BTreeSet<String>,
}

impl AddressSet {
    pub const COL_NAME: &'static str = "name";
    pub const COL_ADDRESSES: &'static str = "addresses";
}

impl TypedRow for AddressSet {
    const TABLE: &'static str = "Address_Set";
    const COLUMNS: &'static [&'static str] = &[Self::COL_NAME, Self::COL_ADDRESSES];

    fn uuid(&self) -> Uuid {
        self.uuid
    }

    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {
        c::check_table(table, Self::TABLE)?;
        Ok(AddressSet {
            uuid: row.uuid(),
            name: c::scalar(table, row, Self::COL_NAME)?,
            addresses: c::set(table, row, Self::COL_ADDRESSES)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_NAME, c::from_scalar(&self.name)),
            (Self::COL_ADDRESSES, c::from_set(&self.addresses)),
        ]
    }
}

/// A row of table `BFD` (root table).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Bfd {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `src_port`: integer, 49152 to 65535.
    pub src_port: i64,
    /// `disc`: integer.
    pub disc: i64,
    /// `logical_port`: string.
    pub logical_port: String,
    /// `dst_ip`: string.
    pub dst_ip: String,
    /// `min_tx`: integer.
    pub min_tx: i64,
    /// `min_rx`: integer.
    pub min_rx: i64,
    /// `detect_mult`: integer.
    pub detect_mult: i64,
    /// `status`: string, one of `"admin_down"`, `"down"`, `"init"`, `"up"`.
    pub status: BfdStatus,
    /// `external_ids`: map from string to string.
    pub external_ids: BTreeMap<String, String>,
    /// `options`: map from string to string.
    pub options: BTreeMap<String, String>,
}

impl Bfd {
    pub const COL_SRC_PORT: &'static str = "src_port";
    pub const COL_DISC: &'static str = "disc";
    pub const COL_LOGICAL_PORT: &'static str = "logical_port";
    pub const COL_DST_IP: &'static str = "dst_ip";
    pub const COL_MIN_TX: &'static str = "min_tx";
    pub const COL_MIN_RX: &'static str = "min_rx";
    pub const COL_DETECT_MULT: &'static str = "detect_mult";
    pub const COL_STATUS: &'static str = "status";
    pub const COL_EXTERNAL_IDS: &'static str = "external_ids";
    pub const COL_OPTIONS: &'static str = "options";
}

impl TypedRow for Bfd {
    const TABLE: &'static str = "BFD";
    const COLUMNS: &'static [&'static str] = &[
        Self::COL_SRC_PORT,
        Self::COL_DISC,
        Self::COL_LOGICAL_PORT,
        Self::COL_DST_IP,
        Self::COL_MIN_TX,
        Self::COL_MIN_RX,
        Self::COL_DETECT_MULT,
        Self::COL_STATUS,
        Self::COL_EXTERNAL_IDS,
        Self::COL_OPTIONS,
    ];

    fn uuid(&self) -> Uuid {
        self.uuid
    }

    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {
        c::check_table(table, Self::TABLE)?;
        Ok(Bfd {
            uuid: row.uuid(),
            src_port: c::scalar(table, row, Self::COL_SRC_PORT)?,
            disc: c::scalar(table, row, Self::COL_DISC)?,
            logical_port: c::scalar(table, row, Self::COL_LOGICAL_PORT)?,
            dst_ip: c::scalar(table, row, Self::COL_DST_IP)?,
            min_tx: c::scalar(table, row, Self::COL_MIN_TX)?,
            min_rx: c::scalar(table, row, Self::COL_MIN_RX)?,
            detect_mult: c::scalar(table, row, Self::COL_DETECT_MULT)?,
            status: c::scalar(table, row, Self::COL_STATUS)?,
            external_ids: c::map(table, row, Self::COL_EXTERNAL_IDS)?,
            options: c::map(table, row, Self::COL_OPTIONS)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_SRC_PORT, c::from_scalar(&self.src_port)),
            (Self::COL_DISC, c::from_scalar(&self.disc)),
            (Self::COL_LOGICAL_PORT, c::from_scalar(&self.logical_port)),
            (Self::COL_DST_IP, c::from_scalar(&self.dst_ip)),
            (Self::COL_MIN_TX, c::from_scalar(&self.min_tx)),
            (Self::COL_MIN_RX, c::from_scalar(&self.min_rx)),
            (Self::COL_DETECT_MULT, c::from_scalar(&self.detect_mult)),
            (Self::COL_STATUS, c::from_scalar(&self.status)),
            (Self::COL_EXTERNAL_IDS, c::from_map(&self.external_ids)),
            (Self::COL_OPTIONS, c::from_map(&self.options)),
        ]
    }
}

/// The values of `BFD.status`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum BfdStatus {
    /// `"admin_down"`.
    AdminDown,
    /// `"down"`.
    Down,
    /// `"init"`.
    Init,
    /// `"up"`.
    Up,
    /// A value this schema version does not list (kept, not rejected).
    Other(String),
}

impl BfdStatus {
    /// The value as stored in the database.
    pub fn as_str(&self) -> &str {
        match self {
            BfdStatus::AdminDown => "admin_down",
            BfdStatus::Down => "down",
            BfdStatus::Init => "init",
            BfdStatus::Up => "up",
            BfdStatus::Other(s) => s,
        }
    }
}

impl From<&str> for BfdStatus {
    fn from(s: &str) -> BfdStatus {
        match s {
            "admin_down" => BfdStatus::AdminDown,
            "down" => BfdStatus::Down,
            "init" => BfdStatus::Init,
            "up" => BfdStatus::Up,
            other => BfdStatus::Other(other.to_string()),
        }
    }
}

/// The OVSDB default of a string, `""`.
impl Default for BfdStatus {
    fn default() -> BfdStatus {
        BfdStatus::from("")
    }
}

impl std::fmt::Display for BfdStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl c::AtomValue for BfdStatus {
    fn from_atom(a: &Atom) -> Option<BfdStatus> {
        a.as_str().map(BfdStatus::from)
    }
    fn to_atom(&self) -> Atom {
        Atom::String(self.as_str().to_string())
    }
}

/// A row of table `Chassis` (root table).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Chassis {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `name`: string.
    pub name: String,
    /// `hostname`: string.
    pub hostname: String,
    /// `encaps`: set (at least 1) of uuid, reference to `Encap`.
    pub encaps: BTreeSet<Uuid>,
    /// `vtep_logical_switches`: set of string.
    pub vtep_logical_switches: BTreeSet<String>,
    /// `nb_cfg`: integer.
    pub nb_cfg: i64,
    /// `external_ids`: map from string to string.
    pub external_ids: BTreeMap<String, String>,
    /// `other_config`: map from string to string.
    pub other_config: BTreeMap<String, String>,
    /// `transport_zones`: set of string.
    pub transport_zones: BTreeSet<String>,
}

impl Chassis {
    pub const COL_NAME: &'static str = "name";
    pub const COL_HOSTNAME: &'static str = "hostname";
    pub const COL_ENCAPS: &'static str = "encaps";
    pub const COL_VTEP_LOGICAL_SWITCHES: &'static str = "vtep_logical_switches";
    pub const COL_NB_CFG: &'static str = "nb_cfg";
    pub const COL_EXTERNAL_IDS: &'static str = "external_ids";
    pub const COL_OTHER_CONFIG: &'static str = "other_config";
    pub const COL_TRANSPORT_ZONES: &'static str = "transport_zones";
}

impl TypedRow for Chassis {
    const TABLE: &'static str = "Chassis";
    const COLUMNS: &'static [&'static str] = &[
        Self::COL_NAME,
        Self::COL_HOSTNAME,
        Self::COL_ENCAPS,
        Self::COL_VTEP_LOGICAL_SWITCHES,
        Self::COL_NB_CFG,
        Self::COL_EXTERNAL_IDS,
        Self::COL_OTHER_CONFIG,
        Self::COL_TRANSPORT_ZONES,
    ];

    fn uuid(&self) -> Uuid {
        self.uuid
    }

    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {
        c::check_table(table, Self::TABLE)?;
        Ok(Chassis {
            uuid: row.uuid(),
            name: c::scalar(table, row, Self::COL_NAME)?,
            hostname: c::scalar(table, row, Self::COL_HOSTNAME)?,
            encaps: c::set(table, row, Self::COL_ENCAPS)?,
            vtep_logical_switches: c::set(table, row, Self::COL_VTEP_LOGICAL_SWITCHES)?,
            nb_cfg: c::scalar(table, row, Self::COL_NB_CFG)?,
            external_ids: c::map(table, row, Self::COL_EXTERNAL_IDS)?,
            other_config: c::map(table, row, Self::COL_OTHER_CONFIG)?,
            transport_zones: c::set(table, row, Self::COL_TRANSPORT_ZONES)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_NAME, c::from_scalar(&self.name)),
            (Self::COL_HOSTNAME, c::from_scalar(&self.hostname)),
            (Self::COL_ENCAPS, c::from_set(&self.encaps)),
            (
                Self::COL_VTEP_LOGICAL_SWITCHES,
                c::from_set(&self.vtep_logical_switches),
            ),
            (Self::COL_NB_CFG, c::from_scalar(&self.nb_cfg)),
            (Self::COL_EXTERNAL_IDS, c::from_map(&self.external_ids)),
            (Self::COL_OTHER_CONFIG, c::from_map(&self.other_config)),
            (
                Self::COL_TRANSPORT_ZONES,
                c::from_set(&self.transport_zones),
            ),
        ]
    }
}

/// A row of table `Chassis_Private` (root table).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ChassisPrivate {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `name`: string.
    pub name: String,
    /// `chassis`: optional uuid, weak reference to `Chassis`.
    pub chassis: Option<Uuid>,
    /// `nb_cfg`: integer.
    pub nb_cfg: i64,
    /// `nb_cfg_timestamp`: integer.
    pub nb_cfg_timestamp: i64,
    /// `external_ids`: map from string to string.
    pub external_ids: BTreeMap<String, String>,
}

impl ChassisPrivate {
    pub const COL_NAME: &'static str = "name";
    pub const COL_CHASSIS: &'static str = "chassis";
    pub const COL_NB_CFG: &'static str = "nb_cfg";
    pub const COL_NB_CFG_TIMESTAMP: &'static str = "nb_cfg_timestamp";
    pub const COL_EXTERNAL_IDS: &'static str = "external_ids";
}

impl TypedRow for ChassisPrivate {
    const TABLE: &'static str = "Chassis_Private";
    const COLUMNS: &'static [&'static str] = &[
        Self::COL_NAME,
        Self::COL_CHASSIS,
        Self::COL_NB_CFG,
        Self::COL_NB_CFG_TIMESTAMP,
        Self::COL_EXTERNAL_IDS,
    ];

    fn uuid(&self) -> Uuid {
        self.uuid
    }

    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {
        c::check_table(table, Self::TABLE)?;
        Ok(ChassisPrivate {
            uuid: row.uuid(),
            name: c::scalar(table, row, Self::COL_NAME)?,
            chassis: c::optional(table, row, Self::COL_CHASSIS)?,
            nb_cfg: c::scalar(table, row, Self::COL_NB_CFG)?,
            nb_cfg_timestamp: c::scalar(table, row, Self::COL_NB_CFG_TIMESTAMP)?,
            external_ids: c::map(table, row, Self::COL_EXTERNAL_IDS)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_NAME, c::from_scalar(&self.name)),
            (Self::COL_CHASSIS, c::from_optional(&self.chassis)),
            (Self::COL_NB_CFG, c::from_scalar(&self.nb_cfg)),
            (
                Self::COL_NB_CFG_TIMESTAMP,
                c::from_scalar(&self.nb_cfg_timestamp),
            ),
            (Self::COL_EXTERNAL_IDS, c::from_map(&self.external_ids)),
        ]
    }
}

/// A row of table `Chassis_Template_Var` (root table).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ChassisTemplateVar {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `chassis`: string.
    pub chassis: String,
    /// `variables`: map from string to string.
    pub variables: BTreeMap<String, String>,
}

impl ChassisTemplateVar {
    pub const COL_CHASSIS: &'static str = "chassis";
    pub const COL_VARIABLES: &'static str = "variables";
}

impl TypedRow for ChassisTemplateVar {
    const TABLE: &'static str = "Chassis_Template_Var";
    const COLUMNS: &'static [&'static str] = &[Self::COL_CHASSIS, Self::COL_VARIABLES];

    fn uuid(&self) -> Uuid {
        self.uuid
    }

    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {
        c::check_table(table, Self::TABLE)?;
        Ok(ChassisTemplateVar {
            uuid: row.uuid(),
            chassis: c::scalar(table, row, Self::COL_CHASSIS)?,
            variables: c::map(table, row, Self::COL_VARIABLES)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_CHASSIS, c::from_scalar(&self.chassis)),
            (Self::COL_VARIABLES, c::from_map(&self.variables)),
        ]
    }
}

/// A row of table `Connection`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Connection {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `target`: string.
    pub target: String,
    /// `max_backoff`: optional integer, at least 1000.
    pub max_backoff: Option<i64>,
    /// `inactivity_probe`: optional integer.
    pub inactivity_probe: Option<i64>,
    /// `read_only`: boolean.
    pub read_only: bool,
    /// `role`: string.
    pub role: String,
    /// `other_config`: map from string to string.
    pub other_config: BTreeMap<String, String>,
    /// `external_ids`: map from string to string.
    pub external_ids: BTreeMap<String, String>,
    /// `is_connected`: boolean; ephemeral.
    pub is_connected: bool,
    /// `status`: map from string to string; ephemeral.
    pub status: BTreeMap<String, String>,
}

impl Connection {
    pub const COL_TARGET: &'static str = "target";
    pub const COL_MAX_BACKOFF: &'static str = "max_backoff";
    pub const COL_INACTIVITY_PROBE: &'static str = "inactivity_probe";
    pub const COL_READ_ONLY: &'static str = "read_only";
    pub const COL_ROLE: &'static str = "role";
    pub const COL_OTHER_CONFIG: &'static str = "other_config";
    pub const COL_EXTERNAL_IDS: &'static str = "external_ids";
    pub const COL_IS_CONNECTED: &'static str = "is_connected";
    pub const COL_STATUS: &'static str = "status";
}

impl TypedRow for Connection {
    const TABLE: &'static str = "Connection";
    const COLUMNS: &'static [&'static str] = &[
        Self::COL_TARGET,
        Self::COL_MAX_BACKOFF,
        Self::COL_INACTIVITY_PROBE,
        Self::COL_READ_ONLY,
        Self::COL_ROLE,
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
        Ok(Connection {
            uuid: row.uuid(),
            target: c::scalar(table, row, Self::COL_TARGET)?,
            max_backoff: c::optional(table, row, Self::COL_MAX_BACKOFF)?,
            inactivity_probe: c::optional(table, row, Self::COL_INACTIVITY_PROBE)?,
            read_only: c::scalar(table, row, Self::COL_READ_ONLY)?,
            role: c::scalar(table, row, Self::COL_ROLE)?,
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
            (Self::COL_READ_ONLY, c::from_scalar(&self.read_only)),
            (Self::COL_ROLE, c::from_scalar(&self.role)),
            (Self::COL_OTHER_CONFIG, c::from_map(&self.other_config)),
            (Self::COL_EXTERNAL_IDS, c::from_map(&self.external_ids)),
            (Self::COL_IS_CONNECTED, c::from_scalar(&self.is_connected)),
            (Self::COL_STATUS, c::from_map(&self.status)),
        ]
    }
}

/// A row of table `Controller_Event` (root table).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ControllerEvent {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `event_type`: string, one of `"empty_lb_backends"`.
    pub event_type: ControllerEventEventType,
    /// `event_info`: map from string to string.
    pub event_info: BTreeMap<String, String>,
    /// `chassis`: optional uuid, weak reference to `Chassis`.
    pub chassis: Option<Uuid>,
    /// `seq_num`: integer.
    pub seq_num: i64,
}

impl ControllerEvent {
    pub const COL_EVENT_TYPE: &'static str = "event_type";
    pub const COL_EVENT_INFO: &'static str = "event_info";
    pub const COL_CHASSIS: &'static str = "chassis";
    pub const COL_SEQ_NUM: &'static str = "seq_num";
}

impl TypedRow for ControllerEvent {
    const TABLE: &'static str = "Controller_Event";
    const COLUMNS: &'static [&'static str] = &[
        Self::COL_EVENT_TYPE,
        Self::COL_EVENT_INFO,
        Self::COL_CHASSIS,
        Self::COL_SEQ_NUM,
    ];

    fn uuid(&self) -> Uuid {
        self.uuid
    }

    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {
        c::check_table(table, Self::TABLE)?;
        Ok(ControllerEvent {
            uuid: row.uuid(),
            event_type: c::scalar(table, row, Self::COL_EVENT_TYPE)?,
            event_info: c::map(table, row, Self::COL_EVENT_INFO)?,
            chassis: c::optional(table, row, Self::COL_CHASSIS)?,
            seq_num: c::scalar(table, row, Self::COL_SEQ_NUM)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_EVENT_TYPE, c::from_scalar(&self.event_type)),
            (Self::COL_EVENT_INFO, c::from_map(&self.event_info)),
            (Self::COL_CHASSIS, c::from_optional(&self.chassis)),
            (Self::COL_SEQ_NUM, c::from_scalar(&self.seq_num)),
        ]
    }
}

/// The values of `Controller_Event.event_type`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ControllerEventEventType {
    /// `"empty_lb_backends"`.
    EmptyLbBackends,
    /// A value this schema version does not list (kept, not rejected).
    Other(String),
}

impl ControllerEventEventType {
    /// The value as stored in the database.
    pub fn as_str(&self) -> &str {
        match self {
            ControllerEventEventType::EmptyLbBackends => "empty_lb_backends",
            ControllerEventEventType::Other(s) => s,
        }
    }
}

impl From<&str> for ControllerEventEventType {
    fn from(s: &str) -> ControllerEventEventType {
        match s {
            "empty_lb_backends" => ControllerEventEventType::EmptyLbBackends,
            other => ControllerEventEventType::Other(other.to_string()),
        }
    }
}

/// The OVSDB default of a string, `""`.
impl Default for ControllerEventEventType {
    fn default() -> ControllerEventEventType {
        ControllerEventEventType::from("")
    }
}

impl std::fmt::Display for ControllerEventEventType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl c::AtomValue for ControllerEventEventType {
    fn from_atom(a: &Atom) -> Option<ControllerEventEventType> {
        a.as_str().map(ControllerEventEventType::from)
    }
    fn to_atom(&self) -> Atom {
        Atom::String(self.as_str().to_string())
    }
}

/// A row of table `DHCP_Options` (root table).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DhcpOptions {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `name`: string.
    pub name: String,
    /// `code`: integer, 0 to 254.
    pub code: i64,
    /// `type`: string, one of `"bool"`, `"domains"`, `"host_id"`, `"ipv4"`, `"static_routes"`, `"str"`, `"uint16"`, `"uint32"`, `"uint8"`.
    pub type_: DhcpOptionsType,
}

impl DhcpOptions {
    pub const COL_NAME: &'static str = "name";
    pub const COL_CODE: &'static str = "code";
    pub const COL_TYPE: &'static str = "type";
}

impl TypedRow for DhcpOptions {
    const TABLE: &'static str = "DHCP_Options";
    const COLUMNS: &'static [&'static str] = &[Self::COL_NAME, Self::COL_CODE, Self::COL_TYPE];

    fn uuid(&self) -> Uuid {
        self.uuid
    }

    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {
        c::check_table(table, Self::TABLE)?;
        Ok(DhcpOptions {
            uuid: row.uuid(),
            name: c::scalar(table, row, Self::COL_NAME)?,
            code: c::scalar(table, row, Self::COL_CODE)?,
            type_: c::scalar(table, row, Self::COL_TYPE)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_NAME, c::from_scalar(&self.name)),
            (Self::COL_CODE, c::from_scalar(&self.code)),
            (Self::COL_TYPE, c::from_scalar(&self.type_)),
        ]
    }
}

/// The values of `DHCP_Options.type`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DhcpOptionsType {
    /// `"bool"`.
    Bool,
    /// `"domains"`.
    Domains,
    /// `"host_id"`.
    HostId,
    /// `"ipv4"`.
    Ipv4,
    /// `"static_routes"`.
    StaticRoutes,
    /// `"str"`.
    Str,
    /// `"uint16"`.
    Uint16,
    /// `"uint32"`.
    Uint32,
    /// `"uint8"`.
    Uint8,
    /// A value this schema version does not list (kept, not rejected).
    Other(String),
}

impl DhcpOptionsType {
    /// The value as stored in the database.
    pub fn as_str(&self) -> &str {
        match self {
            DhcpOptionsType::Bool => "bool",
            DhcpOptionsType::Domains => "domains",
            DhcpOptionsType::HostId => "host_id",
            DhcpOptionsType::Ipv4 => "ipv4",
            DhcpOptionsType::StaticRoutes => "static_routes",
            DhcpOptionsType::Str => "str",
            DhcpOptionsType::Uint16 => "uint16",
            DhcpOptionsType::Uint32 => "uint32",
            DhcpOptionsType::Uint8 => "uint8",
            DhcpOptionsType::Other(s) => s,
        }
    }
}

impl From<&str> for DhcpOptionsType {
    fn from(s: &str) -> DhcpOptionsType {
        match s {
            "bool" => DhcpOptionsType::Bool,
            "domains" => DhcpOptionsType::Domains,
            "host_id" => DhcpOptionsType::HostId,
            "ipv4" => DhcpOptionsType::Ipv4,
            "static_routes" => DhcpOptionsType::StaticRoutes,
            "str" => DhcpOptionsType::Str,
            "uint16" => DhcpOptionsType::Uint16,
            "uint32" => DhcpOptionsType::Uint32,
            "uint8" => DhcpOptionsType::Uint8,
            other => DhcpOptionsType::Other(other.to_string()),
        }
    }
}

/// The OVSDB default of a string, `""`.
impl Default for DhcpOptionsType {
    fn default() -> DhcpOptionsType {
        DhcpOptionsType::from("")
    }
}

impl std::fmt::Display for DhcpOptionsType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl c::AtomValue for DhcpOptionsType {
    fn from_atom(a: &Atom) -> Option<DhcpOptionsType> {
        a.as_str().map(DhcpOptionsType::from)
    }
    fn to_atom(&self) -> Atom {
        Atom::String(self.as_str().to_string())
    }
}

/// A row of table `DHCPv6_Options` (root table).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DHCPv6Options {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `name`: string.
    pub name: String,
    /// `code`: integer, 0 to 254.
    pub code: i64,
    /// `type`: string, one of `"ipv6"`, `"mac"`, `"str"`.
    pub type_: DHCPv6OptionsType,
}

impl DHCPv6Options {
    pub const COL_NAME: &'static str = "name";
    pub const COL_CODE: &'static str = "code";
    pub const COL_TYPE: &'static str = "type";
}

impl TypedRow for DHCPv6Options {
    const TABLE: &'static str = "DHCPv6_Options";
    const COLUMNS: &'static [&'static str] = &[Self::COL_NAME, Self::COL_CODE, Self::COL_TYPE];

    fn uuid(&self) -> Uuid {
        self.uuid
    }

    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {
        c::check_table(table, Self::TABLE)?;
        Ok(DHCPv6Options {
            uuid: row.uuid(),
            name: c::scalar(table, row, Self::COL_NAME)?,
            code: c::scalar(table, row, Self::COL_CODE)?,
            type_: c::scalar(table, row, Self::COL_TYPE)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_NAME, c::from_scalar(&self.name)),
            (Self::COL_CODE, c::from_scalar(&self.code)),
            (Self::COL_TYPE, c::from_scalar(&self.type_)),
        ]
    }
}

/// The values of `DHCPv6_Options.type`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DHCPv6OptionsType {
    /// `"ipv6"`.
    Ipv6,
    /// `"mac"`.
    Mac,
    /// `"str"`.
    Str,
    /// A value this schema version does not list (kept, not rejected).
    Other(String),
}

impl DHCPv6OptionsType {
    /// The value as stored in the database.
    pub fn as_str(&self) -> &str {
        match self {
            DHCPv6OptionsType::Ipv6 => "ipv6",
            DHCPv6OptionsType::Mac => "mac",
            DHCPv6OptionsType::Str => "str",
            DHCPv6OptionsType::Other(s) => s,
        }
    }
}

impl From<&str> for DHCPv6OptionsType {
    fn from(s: &str) -> DHCPv6OptionsType {
        match s {
            "ipv6" => DHCPv6OptionsType::Ipv6,
            "mac" => DHCPv6OptionsType::Mac,
            "str" => DHCPv6OptionsType::Str,
            other => DHCPv6OptionsType::Other(other.to_string()),
        }
    }
}

/// The OVSDB default of a string, `""`.
impl Default for DHCPv6OptionsType {
    fn default() -> DHCPv6OptionsType {
        DHCPv6OptionsType::from("")
    }
}

impl std::fmt::Display for DHCPv6OptionsType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl c::AtomValue for DHCPv6OptionsType {
    fn from_atom(a: &Atom) -> Option<DHCPv6OptionsType> {
        a.as_str().map(DHCPv6OptionsType::from)
    }
    fn to_atom(&self) -> Atom {
        Atom::String(self.as_str().to_string())
    }
}

/// A row of table `DNS` (root table).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Dns {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `records`: map from string to string.
    pub records: BTreeMap<String, String>,
    /// `datapaths`: set (at least 1) of uuid, reference to `Datapath_Binding`.
    pub datapaths: BTreeSet<Uuid>,
    /// `external_ids`: map from string to string.
    pub external_ids: BTreeMap<String, String>,
}

impl Dns {
    pub const COL_RECORDS: &'static str = "records";
    pub const COL_DATAPATHS: &'static str = "datapaths";
    pub const COL_EXTERNAL_IDS: &'static str = "external_ids";
}

impl TypedRow for Dns {
    const TABLE: &'static str = "DNS";
    const COLUMNS: &'static [&'static str] = &[
        Self::COL_RECORDS,
        Self::COL_DATAPATHS,
        Self::COL_EXTERNAL_IDS,
    ];

    fn uuid(&self) -> Uuid {
        self.uuid
    }

    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {
        c::check_table(table, Self::TABLE)?;
        Ok(Dns {
            uuid: row.uuid(),
            records: c::map(table, row, Self::COL_RECORDS)?,
            datapaths: c::set(table, row, Self::COL_DATAPATHS)?,
            external_ids: c::map(table, row, Self::COL_EXTERNAL_IDS)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_RECORDS, c::from_map(&self.records)),
            (Self::COL_DATAPATHS, c::from_set(&self.datapaths)),
            (Self::COL_EXTERNAL_IDS, c::from_map(&self.external_ids)),
        ]
    }
}

/// A row of table `Datapath_Binding` (root table).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DatapathBinding {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `tunnel_key`: integer, 1 to 16777215.
    pub tunnel_key: i64,
    /// `load_balancers`: set of uuid.
    pub load_balancers: BTreeSet<Uuid>,
    /// `external_ids`: map from string to string.
    pub external_ids: BTreeMap<String, String>,
}

impl DatapathBinding {
    pub const COL_TUNNEL_KEY: &'static str = "tunnel_key";
    pub const COL_LOAD_BALANCERS: &'static str = "load_balancers";
    pub const COL_EXTERNAL_IDS: &'static str = "external_ids";
}

impl TypedRow for DatapathBinding {
    const TABLE: &'static str = "Datapath_Binding";
    const COLUMNS: &'static [&'static str] = &[
        Self::COL_TUNNEL_KEY,
        Self::COL_LOAD_BALANCERS,
        Self::COL_EXTERNAL_IDS,
    ];

    fn uuid(&self) -> Uuid {
        self.uuid
    }

    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {
        c::check_table(table, Self::TABLE)?;
        Ok(DatapathBinding {
            uuid: row.uuid(),
            tunnel_key: c::scalar(table, row, Self::COL_TUNNEL_KEY)?,
            load_balancers: c::set(table, row, Self::COL_LOAD_BALANCERS)?,
            external_ids: c::map(table, row, Self::COL_EXTERNAL_IDS)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_TUNNEL_KEY, c::from_scalar(&self.tunnel_key)),
            (Self::COL_LOAD_BALANCERS, c::from_set(&self.load_balancers)),
            (Self::COL_EXTERNAL_IDS, c::from_map(&self.external_ids)),
        ]
    }
}

/// A row of table `Encap`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Encap {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `type`: string, one of `"geneve"`, `"stt"`, `"vxlan"`.
    pub type_: EncapType,
    /// `options`: map from string to string.
    pub options: BTreeMap<String, String>,
    /// `ip`: string.
    pub ip: String,
    /// `chassis_name`: string.
    pub chassis_name: String,
}

impl Encap {
    pub const COL_TYPE: &'static str = "type";
    pub const COL_OPTIONS: &'static str = "options";
    pub const COL_IP: &'static str = "ip";
    pub const COL_CHASSIS_NAME: &'static str = "chassis_name";
}

impl TypedRow for Encap {
    const TABLE: &'static str = "Encap";
    const COLUMNS: &'static [&'static str] = &[
        Self::COL_TYPE,
        Self::COL_OPTIONS,
        Self::COL_IP,
        Self::COL_CHASSIS_NAME,
    ];

    fn uuid(&self) -> Uuid {
        self.uuid
    }

    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {
        c::check_table(table, Self::TABLE)?;
        Ok(Encap {
            uuid: row.uuid(),
            type_: c::scalar(table, row, Self::COL_TYPE)?,
            options: c::map(table, row, Self::COL_OPTIONS)?,
            ip: c::scalar(table, row, Self::COL_IP)?,
            chassis_name: c::scalar(table, row, Self::COL_CHASSIS_NAME)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_TYPE, c::from_scalar(&self.type_)),
            (Self::COL_OPTIONS, c::from_map(&self.options)),
            (Self::COL_IP, c::from_scalar(&self.ip)),
            (Self::COL_CHASSIS_NAME, c::from_scalar(&self.chassis_name)),
        ]
    }
}

/// The values of `Encap.type`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EncapType {
    /// `"geneve"`.
    Geneve,
    /// `"stt"`.
    Stt,
    /// `"vxlan"`.
    Vxlan,
    /// A value this schema version does not list (kept, not rejected).
    Other(String),
}

impl EncapType {
    /// The value as stored in the database.
    pub fn as_str(&self) -> &str {
        match self {
            EncapType::Geneve => "geneve",
            EncapType::Stt => "stt",
            EncapType::Vxlan => "vxlan",
            EncapType::Other(s) => s,
        }
    }
}

impl From<&str> for EncapType {
    fn from(s: &str) -> EncapType {
        match s {
            "geneve" => EncapType::Geneve,
            "stt" => EncapType::Stt,
            "vxlan" => EncapType::Vxlan,
            other => EncapType::Other(other.to_string()),
        }
    }
}

/// The OVSDB default of a string, `""`.
impl Default for EncapType {
    fn default() -> EncapType {
        EncapType::from("")
    }
}

impl std::fmt::Display for EncapType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl c::AtomValue for EncapType {
    fn from_atom(a: &Atom) -> Option<EncapType> {
        a.as_str().map(EncapType::from)
    }
    fn to_atom(&self) -> Atom {
        Atom::String(self.as_str().to_string())
    }
}

/// A row of table `FDB` (root table).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Fdb {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `mac`: string.
    pub mac: String,
    /// `dp_key`: integer, 1 to 16777215.
    pub dp_key: i64,
    /// `port_key`: integer, 1 to 16777215.
    pub port_key: i64,
}

impl Fdb {
    pub const COL_MAC: &'static str = "mac";
    pub const COL_DP_KEY: &'static str = "dp_key";
    pub const COL_PORT_KEY: &'static str = "port_key";
}

impl TypedRow for Fdb {
    const TABLE: &'static str = "FDB";
    const COLUMNS: &'static [&'static str] = &[Self::COL_MAC, Self::COL_DP_KEY, Self::COL_PORT_KEY];

    fn uuid(&self) -> Uuid {
        self.uuid
    }

    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {
        c::check_table(table, Self::TABLE)?;
        Ok(Fdb {
            uuid: row.uuid(),
            mac: c::scalar(table, row, Self::COL_MAC)?,
            dp_key: c::scalar(table, row, Self::COL_DP_KEY)?,
            port_key: c::scalar(table, row, Self::COL_PORT_KEY)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_MAC, c::from_scalar(&self.mac)),
            (Self::COL_DP_KEY, c::from_scalar(&self.dp_key)),
            (Self::COL_PORT_KEY, c::from_scalar(&self.port_key)),
        ]
    }
}

/// A row of table `Gateway_Chassis`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GatewayChassis {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `name`: string.
    pub name: String,
    /// `chassis`: optional uuid, weak reference to `Chassis`.
    pub chassis: Option<Uuid>,
    /// `priority`: integer, 0 to 32767.
    pub priority: i64,
    /// `external_ids`: map from string to string.
    pub external_ids: BTreeMap<String, String>,
    /// `options`: map from string to string.
    pub options: BTreeMap<String, String>,
}

impl GatewayChassis {
    pub const COL_NAME: &'static str = "name";
    pub const COL_CHASSIS: &'static str = "chassis";
    pub const COL_PRIORITY: &'static str = "priority";
    pub const COL_EXTERNAL_IDS: &'static str = "external_ids";
    pub const COL_OPTIONS: &'static str = "options";
}

impl TypedRow for GatewayChassis {
    const TABLE: &'static str = "Gateway_Chassis";
    const COLUMNS: &'static [&'static str] = &[
        Self::COL_NAME,
        Self::COL_CHASSIS,
        Self::COL_PRIORITY,
        Self::COL_EXTERNAL_IDS,
        Self::COL_OPTIONS,
    ];

    fn uuid(&self) -> Uuid {
        self.uuid
    }

    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {
        c::check_table(table, Self::TABLE)?;
        Ok(GatewayChassis {
            uuid: row.uuid(),
            name: c::scalar(table, row, Self::COL_NAME)?,
            chassis: c::optional(table, row, Self::COL_CHASSIS)?,
            priority: c::scalar(table, row, Self::COL_PRIORITY)?,
            external_ids: c::map(table, row, Self::COL_EXTERNAL_IDS)?,
            options: c::map(table, row, Self::COL_OPTIONS)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_NAME, c::from_scalar(&self.name)),
            (Self::COL_CHASSIS, c::from_optional(&self.chassis)),
            (Self::COL_PRIORITY, c::from_scalar(&self.priority)),
            (Self::COL_EXTERNAL_IDS, c::from_map(&self.external_ids)),
            (Self::COL_OPTIONS, c::from_map(&self.options)),
        ]
    }
}

/// A row of table `HA_Chassis`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HaChassis {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `chassis`: optional uuid, weak reference to `Chassis`.
    pub chassis: Option<Uuid>,
    /// `priority`: integer, 0 to 32767.
    pub priority: i64,
    /// `external_ids`: map from string to string.
    pub external_ids: BTreeMap<String, String>,
}

impl HaChassis {
    pub const COL_CHASSIS: &'static str = "chassis";
    pub const COL_PRIORITY: &'static str = "priority";
    pub const COL_EXTERNAL_IDS: &'static str = "external_ids";
}

impl TypedRow for HaChassis {
    const TABLE: &'static str = "HA_Chassis";
    const COLUMNS: &'static [&'static str] = &[
        Self::COL_CHASSIS,
        Self::COL_PRIORITY,
        Self::COL_EXTERNAL_IDS,
    ];

    fn uuid(&self) -> Uuid {
        self.uuid
    }

    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {
        c::check_table(table, Self::TABLE)?;
        Ok(HaChassis {
            uuid: row.uuid(),
            chassis: c::optional(table, row, Self::COL_CHASSIS)?,
            priority: c::scalar(table, row, Self::COL_PRIORITY)?,
            external_ids: c::map(table, row, Self::COL_EXTERNAL_IDS)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_CHASSIS, c::from_optional(&self.chassis)),
            (Self::COL_PRIORITY, c::from_scalar(&self.priority)),
            (Self::COL_EXTERNAL_IDS, c::from_map(&self.external_ids)),
        ]
    }
}

/// A row of table `HA_Chassis_Group` (root table).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HaChassisGroup {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `name`: string.
    pub name: String,
    /// `ha_chassis`: set of uuid, reference to `HA_Chassis`.
    pub ha_chassis: BTreeSet<Uuid>,
    /// `ref_chassis`: set of uuid, weak reference to `Chassis`.
    pub ref_chassis: BTreeSet<Uuid>,
    /// `external_ids`: map from string to string.
    pub external_ids: BTreeMap<String, String>,
}

impl HaChassisGroup {
    pub const COL_NAME: &'static str = "name";
    pub const COL_HA_CHASSIS: &'static str = "ha_chassis";
    pub const COL_REF_CHASSIS: &'static str = "ref_chassis";
    pub const COL_EXTERNAL_IDS: &'static str = "external_ids";
}

impl TypedRow for HaChassisGroup {
    const TABLE: &'static str = "HA_Chassis_Group";
    const COLUMNS: &'static [&'static str] = &[
        Self::COL_NAME,
        Self::COL_HA_CHASSIS,
        Self::COL_REF_CHASSIS,
        Self::COL_EXTERNAL_IDS,
    ];

    fn uuid(&self) -> Uuid {
        self.uuid
    }

    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {
        c::check_table(table, Self::TABLE)?;
        Ok(HaChassisGroup {
            uuid: row.uuid(),
            name: c::scalar(table, row, Self::COL_NAME)?,
            ha_chassis: c::set(table, row, Self::COL_HA_CHASSIS)?,
            ref_chassis: c::set(table, row, Self::COL_REF_CHASSIS)?,
            external_ids: c::map(table, row, Self::COL_EXTERNAL_IDS)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_NAME, c::from_scalar(&self.name)),
            (Self::COL_HA_CHASSIS, c::from_set(&self.ha_chassis)),
            (Self::COL_REF_CHASSIS, c::from_set(&self.ref_chassis)),
            (Self::COL_EXTERNAL_IDS, c::from_map(&self.external_ids)),
        ]
    }
}

/// A row of table `IGMP_Group` (root table).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct IgmpGroup {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `address`: string.
    pub address: String,
    /// `datapath`: optional uuid, weak reference to `Datapath_Binding`.
    pub datapath: Option<Uuid>,
    /// `chassis`: optional uuid, weak reference to `Chassis`.
    pub chassis: Option<Uuid>,
    /// `ports`: set of uuid, weak reference to `Port_Binding`.
    pub ports: BTreeSet<Uuid>,
}

impl IgmpGroup {
    pub const COL_ADDRESS: &'static str = "address";
    pub const COL_DATAPATH: &'static str = "datapath";
    pub const COL_CHASSIS: &'static str = "chassis";
    pub const COL_PORTS: &'static str = "ports";
}

impl TypedRow for IgmpGroup {
    const TABLE: &'static str = "IGMP_Group";
    const COLUMNS: &'static [&'static str] = &[
        Self::COL_ADDRESS,
        Self::COL_DATAPATH,
        Self::COL_CHASSIS,
        Self::COL_PORTS,
    ];

    fn uuid(&self) -> Uuid {
        self.uuid
    }

    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {
        c::check_table(table, Self::TABLE)?;
        Ok(IgmpGroup {
            uuid: row.uuid(),
            address: c::scalar(table, row, Self::COL_ADDRESS)?,
            datapath: c::optional(table, row, Self::COL_DATAPATH)?,
            chassis: c::optional(table, row, Self::COL_CHASSIS)?,
            ports: c::set(table, row, Self::COL_PORTS)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_ADDRESS, c::from_scalar(&self.address)),
            (Self::COL_DATAPATH, c::from_optional(&self.datapath)),
            (Self::COL_CHASSIS, c::from_optional(&self.chassis)),
            (Self::COL_PORTS, c::from_set(&self.ports)),
        ]
    }
}

/// A row of table `IP_Multicast` (root table).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct IpMulticast {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `datapath`: uuid, weak reference to `Datapath_Binding`.
    pub datapath: Uuid,
    /// `enabled`: optional boolean.
    pub enabled: Option<bool>,
    /// `querier`: optional boolean.
    pub querier: Option<bool>,
    /// `eth_src`: string.
    pub eth_src: String,
    /// `ip4_src`: string.
    pub ip4_src: String,
    /// `ip6_src`: string.
    pub ip6_src: String,
    /// `table_size`: optional integer.
    pub table_size: Option<i64>,
    /// `idle_timeout`: optional integer.
    pub idle_timeout: Option<i64>,
    /// `query_interval`: optional integer.
    pub query_interval: Option<i64>,
    /// `query_max_resp`: optional integer.
    pub query_max_resp: Option<i64>,
    /// `seq_no`: integer.
    pub seq_no: i64,
}

impl IpMulticast {
    pub const COL_DATAPATH: &'static str = "datapath";
    pub const COL_ENABLED: &'static str = "enabled";
    pub const COL_QUERIER: &'static str = "querier";
    pub const COL_ETH_SRC: &'static str = "eth_src";
    pub const COL_IP4_SRC: &'static str = "ip4_src";
    pub const COL_IP6_SRC: &'static str = "ip6_src";
    pub const COL_TABLE_SIZE: &'static str = "table_size";
    pub const COL_IDLE_TIMEOUT: &'static str = "idle_timeout";
    pub const COL_QUERY_INTERVAL: &'static str = "query_interval";
    pub const COL_QUERY_MAX_RESP: &'static str = "query_max_resp";
    pub const COL_SEQ_NO: &'static str = "seq_no";
}

impl TypedRow for IpMulticast {
    const TABLE: &'static str = "IP_Multicast";
    const COLUMNS: &'static [&'static str] = &[
        Self::COL_DATAPATH,
        Self::COL_ENABLED,
        Self::COL_QUERIER,
        Self::COL_ETH_SRC,
        Self::COL_IP4_SRC,
        Self::COL_IP6_SRC,
        Self::COL_TABLE_SIZE,
        Self::COL_IDLE_TIMEOUT,
        Self::COL_QUERY_INTERVAL,
        Self::COL_QUERY_MAX_RESP,
        Self::COL_SEQ_NO,
    ];

    fn uuid(&self) -> Uuid {
        self.uuid
    }

    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {
        c::check_table(table, Self::TABLE)?;
        Ok(IpMulticast {
            uuid: row.uuid(),
            datapath: c::scalar(table, row, Self::COL_DATAPATH)?,
            enabled: c::optional(table, row, Self::COL_ENABLED)?,
            querier: c::optional(table, row, Self::COL_QUERIER)?,
            eth_src: c::scalar(table, row, Self::COL_ETH_SRC)?,
            ip4_src: c::scalar(table, row, Self::COL_IP4_SRC)?,
            ip6_src: c::scalar(table, row, Self::COL_IP6_SRC)?,
            table_size: c::optional(table, row, Self::COL_TABLE_SIZE)?,
            idle_timeout: c::optional(table, row, Self::COL_IDLE_TIMEOUT)?,
            query_interval: c::optional(table, row, Self::COL_QUERY_INTERVAL)?,
            query_max_resp: c::optional(table, row, Self::COL_QUERY_MAX_RESP)?,
            seq_no: c::scalar(table, row, Self::COL_SEQ_NO)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_DATAPATH, c::from_scalar(&self.datapath)),
            (Self::COL_ENABLED, c::from_optional(&self.enabled)),
            (Self::COL_QUERIER, c::from_optional(&self.querier)),
            (Self::COL_ETH_SRC, c::from_scalar(&self.eth_src)),
            (Self::COL_IP4_SRC, c::from_scalar(&self.ip4_src)),
            (Self::COL_IP6_SRC, c::from_scalar(&self.ip6_src)),
            (Self::COL_TABLE_SIZE, c::from_optional(&self.table_size)),
            (Self::COL_IDLE_TIMEOUT, c::from_optional(&self.idle_timeout)),
            (
                Self::COL_QUERY_INTERVAL,
                c::from_optional(&self.query_interval),
            ),
            (
                Self::COL_QUERY_MAX_RESP,
                c::from_optional(&self.query_max_resp),
            ),
            (Self::COL_SEQ_NO, c::from_scalar(&self.seq_no)),
        ]
    }
}

/// A row of table `Load_Balancer` (root table).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LoadBalancer {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `name`: string.
    pub name: String,
    /// `vips`: map from string to string.
    pub vips: BTreeMap<String, String>,
    /// `protocol`: optional string, one of `"sctp"`, `"tcp"`, `"udp"`.
    pub protocol: Option<LoadBalancerProtocol>,
    /// `datapaths`: set of uuid, reference to `Datapath_Binding`.
    pub datapaths: BTreeSet<Uuid>,
    /// `datapath_group`: optional uuid, reference to `Logical_DP_Group`.
    pub datapath_group: Option<Uuid>,
    /// `options`: map from string to string.
    pub options: BTreeMap<String, String>,
    /// `external_ids`: map from string to string.
    pub external_ids: BTreeMap<String, String>,
}

impl LoadBalancer {
    pub const COL_NAME: &'static str = "name";
    pub const COL_VIPS: &'static str = "vips";
    pub const COL_PROTOCOL: &'static str = "protocol";
    pub const COL_DATAPATHS: &'static str = "datapaths";
    pub const COL_DATAPATH_GROUP: &'static str = "datapath_group";
    pub const COL_OPTIONS: &'static str = "options";
    pub const COL_EXTERNAL_IDS: &'static str = "external_ids";
}

impl TypedRow for LoadBalancer {
    const TABLE: &'static str = "Load_Balancer";
    const COLUMNS: &'static [&'static str] = &[
        Self::COL_NAME,
        Self::COL_VIPS,
        Self::COL_PROTOCOL,
        Self::COL_DATAPATHS,
        Self::COL_DATAPATH_GROUP,
        Self::COL_OPTIONS,
        Self::COL_EXTERNAL_IDS,
    ];

    fn uuid(&self) -> Uuid {
        self.uuid
    }

    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {
        c::check_table(table, Self::TABLE)?;
        Ok(LoadBalancer {
            uuid: row.uuid(),
            name: c::scalar(table, row, Self::COL_NAME)?,
            vips: c::map(table, row, Self::COL_VIPS)?,
            protocol: c::optional(table, row, Self::COL_PROTOCOL)?,
            datapaths: c::set(table, row, Self::COL_DATAPATHS)?,
            datapath_group: c::optional(table, row, Self::COL_DATAPATH_GROUP)?,
            options: c::map(table, row, Self::COL_OPTIONS)?,
            external_ids: c::map(table, row, Self::COL_EXTERNAL_IDS)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_NAME, c::from_scalar(&self.name)),
            (Self::COL_VIPS, c::from_map(&self.vips)),
            (Self::COL_PROTOCOL, c::from_optional(&self.protocol)),
            (Self::COL_DATAPATHS, c::from_set(&self.datapaths)),
            (
                Self::COL_DATAPATH_GROUP,
                c::from_optional(&self.datapath_group),
            ),
            (Self::COL_OPTIONS, c::from_map(&self.options)),
            (Self::COL_EXTERNAL_IDS, c::from_map(&self.external_ids)),
        ]
    }
}

/// The values of `Load_Balancer.protocol`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LoadBalancerProtocol {
    /// `"sctp"`.
    Sctp,
    /// `"tcp"`.
    Tcp,
    /// `"udp"`.
    Udp,
    /// A value this schema version does not list (kept, not rejected).
    Other(String),
}

impl LoadBalancerProtocol {
    /// The value as stored in the database.
    pub fn as_str(&self) -> &str {
        match self {
            LoadBalancerProtocol::Sctp => "sctp",
            LoadBalancerProtocol::Tcp => "tcp",
            LoadBalancerProtocol::Udp => "udp",
            LoadBalancerProtocol::Other(s) => s,
        }
    }
}

impl From<&str> for LoadBalancerProtocol {
    fn from(s: &str) -> LoadBalancerProtocol {
        match s {
            "sctp" => LoadBalancerProtocol::Sctp,
            "tcp" => LoadBalancerProtocol::Tcp,
            "udp" => LoadBalancerProtocol::Udp,
            other => LoadBalancerProtocol::Other(other.to_string()),
        }
    }
}

/// The OVSDB default of a string, `""`.
impl Default for LoadBalancerProtocol {
    fn default() -> LoadBalancerProtocol {
        LoadBalancerProtocol::from("")
    }
}

impl std::fmt::Display for LoadBalancerProtocol {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl c::AtomValue for LoadBalancerProtocol {
    fn from_atom(a: &Atom) -> Option<LoadBalancerProtocol> {
        a.as_str().map(LoadBalancerProtocol::from)
    }
    fn to_atom(&self) -> Atom {
        Atom::String(self.as_str().to_string())
    }
}

/// A row of table `Logical_DP_Group`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LogicalDpGroup {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `datapaths`: set of uuid, weak reference to `Datapath_Binding`.
    pub datapaths: BTreeSet<Uuid>,
}

impl LogicalDpGroup {
    pub const COL_DATAPATHS: &'static str = "datapaths";
}

impl TypedRow for LogicalDpGroup {
    const TABLE: &'static str = "Logical_DP_Group";
    const COLUMNS: &'static [&'static str] = &[Self::COL_DATAPATHS];

    fn uuid(&self) -> Uuid {
        self.uuid
    }

    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {
        c::check_table(table, Self::TABLE)?;
        Ok(LogicalDpGroup {
            uuid: row.uuid(),
            datapaths: c::set(table, row, Self::COL_DATAPATHS)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![(Self::COL_DATAPATHS, c::from_set(&self.datapaths))]
    }
}

/// A row of table `Logical_Flow` (root table).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LogicalFlow {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `logical_datapath`: optional uuid, reference to `Datapath_Binding`.
    pub logical_datapath: Option<Uuid>,
    /// `logical_dp_group`: optional uuid, reference to `Logical_DP_Group`.
    pub logical_dp_group: Option<Uuid>,
    /// `pipeline`: string, one of `"egress"`, `"ingress"`.
    pub pipeline: LogicalFlowPipeline,
    /// `table_id`: integer, 0 to 32.
    pub table_id: i64,
    /// `priority`: integer, 0 to 65535.
    pub priority: i64,
    /// `match`: string.
    pub match_: String,
    /// `actions`: string.
    pub actions: String,
    /// `tags`: map from string to string.
    pub tags: BTreeMap<String, String>,
    /// `controller_meter`: optional string.
    pub controller_meter: Option<String>,
    /// `external_ids`: map from string to string.
    pub external_ids: BTreeMap<String, String>,
}

impl LogicalFlow {
    pub const COL_LOGICAL_DATAPATH: &'static str = "logical_datapath";
    pub const COL_LOGICAL_DP_GROUP: &'static str = "logical_dp_group";
    pub const COL_PIPELINE: &'static str = "pipeline";
    pub const COL_TABLE_ID: &'static str = "table_id";
    pub const COL_PRIORITY: &'static str = "priority";
    pub const COL_MATCH: &'static str = "match";
    pub const COL_ACTIONS: &'static str = "actions";
    pub const COL_TAGS: &'static str = "tags";
    pub const COL_CONTROLLER_METER: &'static str = "controller_meter";
    pub const COL_EXTERNAL_IDS: &'static str = "external_ids";
}

impl TypedRow for LogicalFlow {
    const TABLE: &'static str = "Logical_Flow";
    const COLUMNS: &'static [&'static str] = &[
        Self::COL_LOGICAL_DATAPATH,
        Self::COL_LOGICAL_DP_GROUP,
        Self::COL_PIPELINE,
        Self::COL_TABLE_ID,
        Self::COL_PRIORITY,
        Self::COL_MATCH,
        Self::COL_ACTIONS,
        Self::COL_TAGS,
        Self::COL_CONTROLLER_METER,
        Self::COL_EXTERNAL_IDS,
    ];

    fn uuid(&self) -> Uuid {
        self.uuid
    }

    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {
        c::check_table(table, Self::TABLE)?;
        Ok(LogicalFlow {
            uuid: row.uuid(),
            logical_datapath: c::optional(table, row, Self::COL_LOGICAL_DATAPATH)?,
            logical_dp_group: c::optional(table, row, Self::COL_LOGICAL_DP_GROUP)?,
            pipeline: c::scalar(table, row, Self::COL_PIPELINE)?,
            table_id: c::scalar(table, row, Self::COL_TABLE_ID)?,
            priority: c::scalar(table, row, Self::COL_PRIORITY)?,
            match_: c::scalar(table, row, Self::COL_MATCH)?,
            actions: c::scalar(table, row, Self::COL_ACTIONS)?,
            tags: c::map(table, row, Self::COL_TAGS)?,
            controller_meter: c::optional(table, row, Self::COL_CONTROLLER_METER)?,
            external_ids: c::map(table, row, Self::COL_EXTERNAL_IDS)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (
                Self::COL_LOGICAL_DATAPATH,
                c::from_optional(&self.logical_datapath),
            ),
            (
                Self::COL_LOGICAL_DP_GROUP,
                c::from_optional(&self.logical_dp_group),
            ),
            (Self::COL_PIPELINE, c::from_scalar(&self.pipeline)),
            (Self::COL_TABLE_ID, c::from_scalar(&self.table_id)),
            (Self::COL_PRIORITY, c::from_scalar(&self.priority)),
            (Self::COL_MATCH, c::from_scalar(&self.match_)),
            (Self::COL_ACTIONS, c::from_scalar(&self.actions)),
            (Self::COL_TAGS, c::from_map(&self.tags)),
            (
                Self::COL_CONTROLLER_METER,
                c::from_optional(&self.controller_meter),
            ),
            (Self::COL_EXTERNAL_IDS, c::from_map(&self.external_ids)),
        ]
    }
}

/// The values of `Logical_Flow.pipeline`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LogicalFlowPipeline {
    /// `"egress"`.
    Egress,
    /// `"ingress"`.
    Ingress,
    /// A value this schema version does not list (kept, not rejected).
    Other(String),
}

impl LogicalFlowPipeline {
    /// The value as stored in the database.
    pub fn as_str(&self) -> &str {
        match self {
            LogicalFlowPipeline::Egress => "egress",
            LogicalFlowPipeline::Ingress => "ingress",
            LogicalFlowPipeline::Other(s) => s,
        }
    }
}

impl From<&str> for LogicalFlowPipeline {
    fn from(s: &str) -> LogicalFlowPipeline {
        match s {
            "egress" => LogicalFlowPipeline::Egress,
            "ingress" => LogicalFlowPipeline::Ingress,
            other => LogicalFlowPipeline::Other(other.to_string()),
        }
    }
}

/// The OVSDB default of a string, `""`.
impl Default for LogicalFlowPipeline {
    fn default() -> LogicalFlowPipeline {
        LogicalFlowPipeline::from("")
    }
}

impl std::fmt::Display for LogicalFlowPipeline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl c::AtomValue for LogicalFlowPipeline {
    fn from_atom(a: &Atom) -> Option<LogicalFlowPipeline> {
        a.as_str().map(LogicalFlowPipeline::from)
    }
    fn to_atom(&self) -> Atom {
        Atom::String(self.as_str().to_string())
    }
}

/// A row of table `MAC_Binding` (root table).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MacBinding {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `logical_port`: string.
    pub logical_port: String,
    /// `ip`: string.
    pub ip: String,
    /// `mac`: string.
    pub mac: String,
    /// `timestamp`: integer.
    pub timestamp: i64,
    /// `datapath`: uuid, reference to `Datapath_Binding`.
    pub datapath: Uuid,
}

impl MacBinding {
    pub const COL_LOGICAL_PORT: &'static str = "logical_port";
    pub const COL_IP: &'static str = "ip";
    pub const COL_MAC: &'static str = "mac";
    pub const COL_TIMESTAMP: &'static str = "timestamp";
    pub const COL_DATAPATH: &'static str = "datapath";
}

impl TypedRow for MacBinding {
    const TABLE: &'static str = "MAC_Binding";
    const COLUMNS: &'static [&'static str] = &[
        Self::COL_LOGICAL_PORT,
        Self::COL_IP,
        Self::COL_MAC,
        Self::COL_TIMESTAMP,
        Self::COL_DATAPATH,
    ];

    fn uuid(&self) -> Uuid {
        self.uuid
    }

    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {
        c::check_table(table, Self::TABLE)?;
        Ok(MacBinding {
            uuid: row.uuid(),
            logical_port: c::scalar(table, row, Self::COL_LOGICAL_PORT)?,
            ip: c::scalar(table, row, Self::COL_IP)?,
            mac: c::scalar(table, row, Self::COL_MAC)?,
            timestamp: c::scalar(table, row, Self::COL_TIMESTAMP)?,
            datapath: c::scalar(table, row, Self::COL_DATAPATH)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_LOGICAL_PORT, c::from_scalar(&self.logical_port)),
            (Self::COL_IP, c::from_scalar(&self.ip)),
            (Self::COL_MAC, c::from_scalar(&self.mac)),
            (Self::COL_TIMESTAMP, c::from_scalar(&self.timestamp)),
            (Self::COL_DATAPATH, c::from_scalar(&self.datapath)),
        ]
    }
}

/// A row of table `Meter` (root table).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Meter {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `name`: string.
    pub name: String,
    /// `unit`: string, one of `"kbps"`, `"pktps"`.
    pub unit: MeterUnit,
    /// `bands`: set (at least 1) of uuid, reference to `Meter_Band`.
    pub bands: BTreeSet<Uuid>,
}

impl Meter {
    pub const COL_NAME: &'static str = "name";
    pub const COL_UNIT: &'static str = "unit";
    pub const COL_BANDS: &'static str = "bands";
}

impl TypedRow for Meter {
    const TABLE: &'static str = "Meter";
    const COLUMNS: &'static [&'static str] = &[Self::COL_NAME, Self::COL_UNIT, Self::COL_BANDS];

    fn uuid(&self) -> Uuid {
        self.uuid
    }

    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {
        c::check_table(table, Self::TABLE)?;
        Ok(Meter {
            uuid: row.uuid(),
            name: c::scalar(table, row, Self::COL_NAME)?,
            unit: c::scalar(table, row, Self::COL_UNIT)?,
            bands: c::set(table, row, Self::COL_BANDS)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_NAME, c::from_scalar(&self.name)),
            (Self::COL_UNIT, c::from_scalar(&self.unit)),
            (Self::COL_BANDS, c::from_set(&self.bands)),
        ]
    }
}

/// The values of `Meter.unit`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MeterUnit {
    /// `"kbps"`.
    Kbps,
    /// `"pktps"`.
    Pktps,
    /// A value this schema version does not list (kept, not rejected).
    Other(String),
}

impl MeterUnit {
    /// The value as stored in the database.
    pub fn as_str(&self) -> &str {
        match self {
            MeterUnit::Kbps => "kbps",
            MeterUnit::Pktps => "pktps",
            MeterUnit::Other(s) => s,
        }
    }
}

impl From<&str> for MeterUnit {
    fn from(s: &str) -> MeterUnit {
        match s {
            "kbps" => MeterUnit::Kbps,
            "pktps" => MeterUnit::Pktps,
            other => MeterUnit::Other(other.to_string()),
        }
    }
}

/// The OVSDB default of a string, `""`.
impl Default for MeterUnit {
    fn default() -> MeterUnit {
        MeterUnit::from("")
    }
}

impl std::fmt::Display for MeterUnit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl c::AtomValue for MeterUnit {
    fn from_atom(a: &Atom) -> Option<MeterUnit> {
        a.as_str().map(MeterUnit::from)
    }
    fn to_atom(&self) -> Atom {
        Atom::String(self.as_str().to_string())
    }
}

/// A row of table `Meter_Band`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MeterBand {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `action`: string, one of `"drop"`.
    pub action: MeterBandAction,
    /// `rate`: integer, 1 to 4294967295.
    pub rate: i64,
    /// `burst_size`: integer, 0 to 4294967295.
    pub burst_size: i64,
}

impl MeterBand {
    pub const COL_ACTION: &'static str = "action";
    pub const COL_RATE: &'static str = "rate";
    pub const COL_BURST_SIZE: &'static str = "burst_size";
}

impl TypedRow for MeterBand {
    const TABLE: &'static str = "Meter_Band";
    const COLUMNS: &'static [&'static str] =
        &[Self::COL_ACTION, Self::COL_RATE, Self::COL_BURST_SIZE];

    fn uuid(&self) -> Uuid {
        self.uuid
    }

    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {
        c::check_table(table, Self::TABLE)?;
        Ok(MeterBand {
            uuid: row.uuid(),
            action: c::scalar(table, row, Self::COL_ACTION)?,
            rate: c::scalar(table, row, Self::COL_RATE)?,
            burst_size: c::scalar(table, row, Self::COL_BURST_SIZE)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_ACTION, c::from_scalar(&self.action)),
            (Self::COL_RATE, c::from_scalar(&self.rate)),
            (Self::COL_BURST_SIZE, c::from_scalar(&self.burst_size)),
        ]
    }
}

/// The values of `Meter_Band.action`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MeterBandAction {
    /// `"drop"`.
    Drop,
    /// A value this schema version does not list (kept, not rejected).
    Other(String),
}

impl MeterBandAction {
    /// The value as stored in the database.
    pub fn as_str(&self) -> &str {
        match self {
            MeterBandAction::Drop => "drop",
            MeterBandAction::Other(s) => s,
        }
    }
}

impl From<&str> for MeterBandAction {
    fn from(s: &str) -> MeterBandAction {
        match s {
            "drop" => MeterBandAction::Drop,
            other => MeterBandAction::Other(other.to_string()),
        }
    }
}

/// The OVSDB default of a string, `""`.
impl Default for MeterBandAction {
    fn default() -> MeterBandAction {
        MeterBandAction::from("")
    }
}

impl std::fmt::Display for MeterBandAction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl c::AtomValue for MeterBandAction {
    fn from_atom(a: &Atom) -> Option<MeterBandAction> {
        a.as_str().map(MeterBandAction::from)
    }
    fn to_atom(&self) -> Atom {
        Atom::String(self.as_str().to_string())
    }
}

/// A row of table `Mirror` (root table).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Mirror {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `name`: string.
    pub name: String,
    /// `filter`: string, one of `"from-lport"`, `"to-lport"`.
    pub filter: MirrorFilter,
    /// `sink`: string.
    pub sink: String,
    /// `type`: string, one of `"erspan"`, `"gre"`.
    pub type_: MirrorType,
    /// `index`: integer.
    pub index: i64,
    /// `external_ids`: map from string to string.
    pub external_ids: BTreeMap<String, String>,
}

impl Mirror {
    pub const COL_NAME: &'static str = "name";
    pub const COL_FILTER: &'static str = "filter";
    pub const COL_SINK: &'static str = "sink";
    pub const COL_TYPE: &'static str = "type";
    pub const COL_INDEX: &'static str = "index";
    pub const COL_EXTERNAL_IDS: &'static str = "external_ids";
}

impl TypedRow for Mirror {
    const TABLE: &'static str = "Mirror";
    const COLUMNS: &'static [&'static str] = &[
        Self::COL_NAME,
        Self::COL_FILTER,
        Self::COL_SINK,
        Self::COL_TYPE,
        Self::COL_INDEX,
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
            filter: c::scalar(table, row, Self::COL_FILTER)?,
            sink: c::scalar(table, row, Self::COL_SINK)?,
            type_: c::scalar(table, row, Self::COL_TYPE)?,
            index: c::scalar(table, row, Self::COL_INDEX)?,
            external_ids: c::map(table, row, Self::COL_EXTERNAL_IDS)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_NAME, c::from_scalar(&self.name)),
            (Self::COL_FILTER, c::from_scalar(&self.filter)),
            (Self::COL_SINK, c::from_scalar(&self.sink)),
            (Self::COL_TYPE, c::from_scalar(&self.type_)),
            (Self::COL_INDEX, c::from_scalar(&self.index)),
            (Self::COL_EXTERNAL_IDS, c::from_map(&self.external_ids)),
        ]
    }
}

/// The values of `Mirror.filter`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MirrorFilter {
    /// `"from-lport"`.
    FromLport,
    /// `"to-lport"`.
    ToLport,
    /// A value this schema version does not list (kept, not rejected).
    Other(String),
}

impl MirrorFilter {
    /// The value as stored in the database.
    pub fn as_str(&self) -> &str {
        match self {
            MirrorFilter::FromLport => "from-lport",
            MirrorFilter::ToLport => "to-lport",
            MirrorFilter::Other(s) => s,
        }
    }
}

impl From<&str> for MirrorFilter {
    fn from(s: &str) -> MirrorFilter {
        match s {
            "from-lport" => MirrorFilter::FromLport,
            "to-lport" => MirrorFilter::ToLport,
            other => MirrorFilter::Other(other.to_string()),
        }
    }
}

/// The OVSDB default of a string, `""`.
impl Default for MirrorFilter {
    fn default() -> MirrorFilter {
        MirrorFilter::from("")
    }
}

impl std::fmt::Display for MirrorFilter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl c::AtomValue for MirrorFilter {
    fn from_atom(a: &Atom) -> Option<MirrorFilter> {
        a.as_str().map(MirrorFilter::from)
    }
    fn to_atom(&self) -> Atom {
        Atom::String(self.as_str().to_string())
    }
}

/// The values of `Mirror.type`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MirrorType {
    /// `"erspan"`.
    Erspan,
    /// `"gre"`.
    Gre,
    /// A value this schema version does not list (kept, not rejected).
    Other(String),
}

impl MirrorType {
    /// The value as stored in the database.
    pub fn as_str(&self) -> &str {
        match self {
            MirrorType::Erspan => "erspan",
            MirrorType::Gre => "gre",
            MirrorType::Other(s) => s,
        }
    }
}

impl From<&str> for MirrorType {
    fn from(s: &str) -> MirrorType {
        match s {
            "erspan" => MirrorType::Erspan,
            "gre" => MirrorType::Gre,
            other => MirrorType::Other(other.to_string()),
        }
    }
}

/// The OVSDB default of a string, `""`.
impl Default for MirrorType {
    fn default() -> MirrorType {
        MirrorType::from("")
    }
}

impl std::fmt::Display for MirrorType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl c::AtomValue for MirrorType {
    fn from_atom(a: &Atom) -> Option<MirrorType> {
        a.as_str().map(MirrorType::from)
    }
    fn to_atom(&self) -> Atom {
        Atom::String(self.as_str().to_string())
    }
}

/// A row of table `Multicast_Group` (root table).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MulticastGroup {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `datapath`: uuid, reference to `Datapath_Binding`.
    pub datapath: Uuid,
    /// `name`: string.
    pub name: String,
    /// `tunnel_key`: integer, 32768 to 65535.
    pub tunnel_key: i64,
    /// `ports`: set of uuid, weak reference to `Port_Binding`.
    pub ports: BTreeSet<Uuid>,
}

impl MulticastGroup {
    pub const COL_DATAPATH: &'static str = "datapath";
    pub const COL_NAME: &'static str = "name";
    pub const COL_TUNNEL_KEY: &'static str = "tunnel_key";
    pub const COL_PORTS: &'static str = "ports";
}

impl TypedRow for MulticastGroup {
    const TABLE: &'static str = "Multicast_Group";
    const COLUMNS: &'static [&'static str] = &[
        Self::COL_DATAPATH,
        Self::COL_NAME,
        Self::COL_TUNNEL_KEY,
        Self::COL_PORTS,
    ];

    fn uuid(&self) -> Uuid {
        self.uuid
    }

    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {
        c::check_table(table, Self::TABLE)?;
        Ok(MulticastGroup {
            uuid: row.uuid(),
            datapath: c::scalar(table, row, Self::COL_DATAPATH)?,
            name: c::scalar(table, row, Self::COL_NAME)?,
            tunnel_key: c::scalar(table, row, Self::COL_TUNNEL_KEY)?,
            ports: c::set(table, row, Self::COL_PORTS)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_DATAPATH, c::from_scalar(&self.datapath)),
            (Self::COL_NAME, c::from_scalar(&self.name)),
            (Self::COL_TUNNEL_KEY, c::from_scalar(&self.tunnel_key)),
            (Self::COL_PORTS, c::from_set(&self.ports)),
        ]
    }
}

/// A row of table `Port_Binding` (root table).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PortBinding {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `logical_port`: string.
    pub logical_port: String,
    /// `type`: string.
    pub type_: String,
    /// `gateway_chassis`: set of uuid, reference to `Gateway_Chassis`.
    pub gateway_chassis: BTreeSet<Uuid>,
    /// `ha_chassis_group`: optional uuid, reference to `HA_Chassis_Group`.
    pub ha_chassis_group: Option<Uuid>,
    /// `options`: map from string to string.
    pub options: BTreeMap<String, String>,
    /// `datapath`: uuid, reference to `Datapath_Binding`.
    pub datapath: Uuid,
    /// `tunnel_key`: integer, 1 to 32767.
    pub tunnel_key: i64,
    /// `parent_port`: optional string.
    pub parent_port: Option<String>,
    /// `tag`: optional integer, 1 to 4095.
    pub tag: Option<i64>,
    /// `virtual_parent`: optional string.
    pub virtual_parent: Option<String>,
    /// `chassis`: optional uuid, weak reference to `Chassis`.
    pub chassis: Option<Uuid>,
    /// `additional_chassis`: set of uuid, weak reference to `Chassis`.
    pub additional_chassis: BTreeSet<Uuid>,
    /// `encap`: optional uuid, weak reference to `Encap`.
    pub encap: Option<Uuid>,
    /// `additional_encap`: set of uuid, weak reference to `Encap`.
    pub additional_encap: BTreeSet<Uuid>,
    /// `mirror_rules`: set of uuid, weak reference to `Mirror`.
    pub mirror_rules: BTreeSet<Uuid>,
    /// `mac`: set of string.
    pub mac: BTreeSet<String>,
    /// `port_security`: set of string.
    pub port_security: BTreeSet<String>,
    /// `nat_addresses`: set of string.
    pub nat_addresses: BTreeSet<String>,
    /// `up`: optional boolean.
    pub up: Option<bool>,
    /// `external_ids`: map from string to string.
    pub external_ids: BTreeMap<String, String>,
    /// `requested_chassis`: optional uuid, weak reference to `Chassis`.
    pub requested_chassis: Option<Uuid>,
    /// `requested_additional_chassis`: set of uuid, weak reference to `Chassis`.
    pub requested_additional_chassis: BTreeSet<Uuid>,
}

impl PortBinding {
    pub const COL_LOGICAL_PORT: &'static str = "logical_port";
    pub const COL_TYPE: &'static str = "type";
    pub const COL_GATEWAY_CHASSIS: &'static str = "gateway_chassis";
    pub const COL_HA_CHASSIS_GROUP: &'static str = "ha_chassis_group";
    pub const COL_OPTIONS: &'static str = "options";
    pub const COL_DATAPATH: &'static str = "datapath";
    pub const COL_TUNNEL_KEY: &'static str = "tunnel_key";
    pub const COL_PARENT_PORT: &'static str = "parent_port";
    pub const COL_TAG: &'static str = "tag";
    pub const COL_VIRTUAL_PARENT: &'static str = "virtual_parent";
    pub const COL_CHASSIS: &'static str = "chassis";
    pub const COL_ADDITIONAL_CHASSIS: &'static str = "additional_chassis";
    pub const COL_ENCAP: &'static str = "encap";
    pub const COL_ADDITIONAL_ENCAP: &'static str = "additional_encap";
    pub const COL_MIRROR_RULES: &'static str = "mirror_rules";
    pub const COL_MAC: &'static str = "mac";
    pub const COL_PORT_SECURITY: &'static str = "port_security";
    pub const COL_NAT_ADDRESSES: &'static str = "nat_addresses";
    pub const COL_UP: &'static str = "up";
    pub const COL_EXTERNAL_IDS: &'static str = "external_ids";
    pub const COL_REQUESTED_CHASSIS: &'static str = "requested_chassis";
    pub const COL_REQUESTED_ADDITIONAL_CHASSIS: &'static str = "requested_additional_chassis";
}

impl TypedRow for PortBinding {
    const TABLE: &'static str = "Port_Binding";
    const COLUMNS: &'static [&'static str] = &[
        Self::COL_LOGICAL_PORT,
        Self::COL_TYPE,
        Self::COL_GATEWAY_CHASSIS,
        Self::COL_HA_CHASSIS_GROUP,
        Self::COL_OPTIONS,
        Self::COL_DATAPATH,
        Self::COL_TUNNEL_KEY,
        Self::COL_PARENT_PORT,
        Self::COL_TAG,
        Self::COL_VIRTUAL_PARENT,
        Self::COL_CHASSIS,
        Self::COL_ADDITIONAL_CHASSIS,
        Self::COL_ENCAP,
        Self::COL_ADDITIONAL_ENCAP,
        Self::COL_MIRROR_RULES,
        Self::COL_MAC,
        Self::COL_PORT_SECURITY,
        Self::COL_NAT_ADDRESSES,
        Self::COL_UP,
        Self::COL_EXTERNAL_IDS,
        Self::COL_REQUESTED_CHASSIS,
        Self::COL_REQUESTED_ADDITIONAL_CHASSIS,
    ];

    fn uuid(&self) -> Uuid {
        self.uuid
    }

    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {
        c::check_table(table, Self::TABLE)?;
        Ok(PortBinding {
            uuid: row.uuid(),
            logical_port: c::scalar(table, row, Self::COL_LOGICAL_PORT)?,
            type_: c::scalar(table, row, Self::COL_TYPE)?,
            gateway_chassis: c::set(table, row, Self::COL_GATEWAY_CHASSIS)?,
            ha_chassis_group: c::optional(table, row, Self::COL_HA_CHASSIS_GROUP)?,
            options: c::map(table, row, Self::COL_OPTIONS)?,
            datapath: c::scalar(table, row, Self::COL_DATAPATH)?,
            tunnel_key: c::scalar(table, row, Self::COL_TUNNEL_KEY)?,
            parent_port: c::optional(table, row, Self::COL_PARENT_PORT)?,
            tag: c::optional(table, row, Self::COL_TAG)?,
            virtual_parent: c::optional(table, row, Self::COL_VIRTUAL_PARENT)?,
            chassis: c::optional(table, row, Self::COL_CHASSIS)?,
            additional_chassis: c::set(table, row, Self::COL_ADDITIONAL_CHASSIS)?,
            encap: c::optional(table, row, Self::COL_ENCAP)?,
            additional_encap: c::set(table, row, Self::COL_ADDITIONAL_ENCAP)?,
            mirror_rules: c::set(table, row, Self::COL_MIRROR_RULES)?,
            mac: c::set(table, row, Self::COL_MAC)?,
            port_security: c::set(table, row, Self::COL_PORT_SECURITY)?,
            nat_addresses: c::set(table, row, Self::COL_NAT_ADDRESSES)?,
            up: c::optional(table, row, Self::COL_UP)?,
            external_ids: c::map(table, row, Self::COL_EXTERNAL_IDS)?,
            requested_chassis: c::optional(table, row, Self::COL_REQUESTED_CHASSIS)?,
            requested_additional_chassis: c::set(
                table,
                row,
                Self::COL_REQUESTED_ADDITIONAL_CHASSIS,
            )?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_LOGICAL_PORT, c::from_scalar(&self.logical_port)),
            (Self::COL_TYPE, c::from_scalar(&self.type_)),
            (
                Self::COL_GATEWAY_CHASSIS,
                c::from_set(&self.gateway_chassis),
            ),
            (
                Self::COL_HA_CHASSIS_GROUP,
                c::from_optional(&self.ha_chassis_group),
            ),
            (Self::COL_OPTIONS, c::from_map(&self.options)),
            (Self::COL_DATAPATH, c::from_scalar(&self.datapath)),
            (Self::COL_TUNNEL_KEY, c::from_scalar(&self.tunnel_key)),
            (Self::COL_PARENT_PORT, c::from_optional(&self.parent_port)),
            (Self::COL_TAG, c::from_optional(&self.tag)),
            (
                Self::COL_VIRTUAL_PARENT,
                c::from_optional(&self.virtual_parent),
            ),
            (Self::COL_CHASSIS, c::from_optional(&self.chassis)),
            (
                Self::COL_ADDITIONAL_CHASSIS,
                c::from_set(&self.additional_chassis),
            ),
            (Self::COL_ENCAP, c::from_optional(&self.encap)),
            (
                Self::COL_ADDITIONAL_ENCAP,
                c::from_set(&self.additional_encap),
            ),
            (Self::COL_MIRROR_RULES, c::from_set(&self.mirror_rules)),
            (Self::COL_MAC, c::from_set(&self.mac)),
            (Self::COL_PORT_SECURITY, c::from_set(&self.port_security)),
            (Self::COL_NAT_ADDRESSES, c::from_set(&self.nat_addresses)),
            (Self::COL_UP, c::from_optional(&self.up)),
            (Self::COL_EXTERNAL_IDS, c::from_map(&self.external_ids)),
            (
                Self::COL_REQUESTED_CHASSIS,
                c::from_optional(&self.requested_chassis),
            ),
            (
                Self::COL_REQUESTED_ADDITIONAL_CHASSIS,
                c::from_set(&self.requested_additional_chassis),
            ),
        ]
    }
}

/// A row of table `Port_Group` (root table).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PortGroup {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `name`: string.
    pub name: String,
    /// `ports`: set of string.
    pub ports: BTreeSet<String>,
}

impl PortGroup {
    pub const COL_NAME: &'static str = "name";
    pub const COL_PORTS: &'static str = "ports";
}

impl TypedRow for PortGroup {
    const TABLE: &'static str = "Port_Group";
    const COLUMNS: &'static [&'static str] = &[Self::COL_NAME, Self::COL_PORTS];

    fn uuid(&self) -> Uuid {
        self.uuid
    }

    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {
        c::check_table(table, Self::TABLE)?;
        Ok(PortGroup {
            uuid: row.uuid(),
            name: c::scalar(table, row, Self::COL_NAME)?,
            ports: c::set(table, row, Self::COL_PORTS)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_NAME, c::from_scalar(&self.name)),
            (Self::COL_PORTS, c::from_set(&self.ports)),
        ]
    }
}

/// A row of table `RBAC_Permission` (root table).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RbacPermission {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `table`: string.
    pub table: String,
    /// `authorization`: set of string.
    pub authorization: BTreeSet<String>,
    /// `insert_delete`: boolean.
    pub insert_delete: bool,
    /// `update`: set of string.
    pub update: BTreeSet<String>,
}

impl RbacPermission {
    pub const COL_TABLE: &'static str = "table";
    pub const COL_AUTHORIZATION: &'static str = "authorization";
    pub const COL_INSERT_DELETE: &'static str = "insert_delete";
    pub const COL_UPDATE: &'static str = "update";
}

impl TypedRow for RbacPermission {
    const TABLE: &'static str = "RBAC_Permission";
    const COLUMNS: &'static [&'static str] = &[
        Self::COL_TABLE,
        Self::COL_AUTHORIZATION,
        Self::COL_INSERT_DELETE,
        Self::COL_UPDATE,
    ];

    fn uuid(&self) -> Uuid {
        self.uuid
    }

    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {
        c::check_table(table, Self::TABLE)?;
        Ok(RbacPermission {
            uuid: row.uuid(),
            table: c::scalar(table, row, Self::COL_TABLE)?,
            authorization: c::set(table, row, Self::COL_AUTHORIZATION)?,
            insert_delete: c::scalar(table, row, Self::COL_INSERT_DELETE)?,
            update: c::set(table, row, Self::COL_UPDATE)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_TABLE, c::from_scalar(&self.table)),
            (Self::COL_AUTHORIZATION, c::from_set(&self.authorization)),
            (Self::COL_INSERT_DELETE, c::from_scalar(&self.insert_delete)),
            (Self::COL_UPDATE, c::from_set(&self.update)),
        ]
    }
}

/// A row of table `RBAC_Role` (root table).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RbacRole {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `name`: string.
    pub name: String,
    /// `permissions`: map from string to uuid, weak reference to `RBAC_Permission`.
    pub permissions: BTreeMap<String, Uuid>,
}

impl RbacRole {
    pub const COL_NAME: &'static str = "name";
    pub const COL_PERMISSIONS: &'static str = "permissions";
}

impl TypedRow for RbacRole {
    const TABLE: &'static str = "RBAC_Role";
    const COLUMNS: &'static [&'static str] = &[Self::COL_NAME, Self::COL_PERMISSIONS];

    fn uuid(&self) -> Uuid {
        self.uuid
    }

    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {
        c::check_table(table, Self::TABLE)?;
        Ok(RbacRole {
            uuid: row.uuid(),
            name: c::scalar(table, row, Self::COL_NAME)?,
            permissions: c::map(table, row, Self::COL_PERMISSIONS)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_NAME, c::from_scalar(&self.name)),
            (Self::COL_PERMISSIONS, c::from_map(&self.permissions)),
        ]
    }
}

/// A row of table `SB_Global` (root table).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SbGlobal {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `nb_cfg`: integer.
    pub nb_cfg: i64,
    /// `external_ids`: map from string to string.
    pub external_ids: BTreeMap<String, String>,
    /// `connections`: set of uuid, reference to `Connection`.
    pub connections: BTreeSet<Uuid>,
    /// `ssl`: optional uuid, reference to `SSL`.
    pub ssl: Option<Uuid>,
    /// `options`: map from string to string.
    pub options: BTreeMap<String, String>,
    /// `ipsec`: boolean.
    pub ipsec: bool,
}

impl SbGlobal {
    pub const COL_NB_CFG: &'static str = "nb_cfg";
    pub const COL_EXTERNAL_IDS: &'static str = "external_ids";
    pub const COL_CONNECTIONS: &'static str = "connections";
    pub const COL_SSL: &'static str = "ssl";
    pub const COL_OPTIONS: &'static str = "options";
    pub const COL_IPSEC: &'static str = "ipsec";
}

impl TypedRow for SbGlobal {
    const TABLE: &'static str = "SB_Global";
    const COLUMNS: &'static [&'static str] = &[
        Self::COL_NB_CFG,
        Self::COL_EXTERNAL_IDS,
        Self::COL_CONNECTIONS,
        Self::COL_SSL,
        Self::COL_OPTIONS,
        Self::COL_IPSEC,
    ];

    fn uuid(&self) -> Uuid {
        self.uuid
    }

    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {
        c::check_table(table, Self::TABLE)?;
        Ok(SbGlobal {
            uuid: row.uuid(),
            nb_cfg: c::scalar(table, row, Self::COL_NB_CFG)?,
            external_ids: c::map(table, row, Self::COL_EXTERNAL_IDS)?,
            connections: c::set(table, row, Self::COL_CONNECTIONS)?,
            ssl: c::optional(table, row, Self::COL_SSL)?,
            options: c::map(table, row, Self::COL_OPTIONS)?,
            ipsec: c::scalar(table, row, Self::COL_IPSEC)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_NB_CFG, c::from_scalar(&self.nb_cfg)),
            (Self::COL_EXTERNAL_IDS, c::from_map(&self.external_ids)),
            (Self::COL_CONNECTIONS, c::from_set(&self.connections)),
            (Self::COL_SSL, c::from_optional(&self.ssl)),
            (Self::COL_OPTIONS, c::from_map(&self.options)),
            (Self::COL_IPSEC, c::from_scalar(&self.ipsec)),
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
    /// `ssl_protocols`: string.
    pub ssl_protocols: String,
    /// `ssl_ciphers`: string.
    pub ssl_ciphers: String,
    /// `external_ids`: map from string to string.
    pub external_ids: BTreeMap<String, String>,
}

impl Ssl {
    pub const COL_PRIVATE_KEY: &'static str = "private_key";
    pub const COL_CERTIFICATE: &'static str = "certificate";
    pub const COL_CA_CERT: &'static str = "ca_cert";
    pub const COL_BOOTSTRAP_CA_CERT: &'static str = "bootstrap_ca_cert";
    pub const COL_SSL_PROTOCOLS: &'static str = "ssl_protocols";
    pub const COL_SSL_CIPHERS: &'static str = "ssl_ciphers";
    pub const COL_EXTERNAL_IDS: &'static str = "external_ids";
}

impl TypedRow for Ssl {
    const TABLE: &'static str = "SSL";
    const COLUMNS: &'static [&'static str] = &[
        Self::COL_PRIVATE_KEY,
        Self::COL_CERTIFICATE,
        Self::COL_CA_CERT,
        Self::COL_BOOTSTRAP_CA_CERT,
        Self::COL_SSL_PROTOCOLS,
        Self::COL_SSL_CIPHERS,
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
            ssl_protocols: c::scalar(table, row, Self::COL_SSL_PROTOCOLS)?,
            ssl_ciphers: c::scalar(table, row, Self::COL_SSL_CIPHERS)?,
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
            (Self::COL_SSL_PROTOCOLS, c::from_scalar(&self.ssl_protocols)),
            (Self::COL_SSL_CIPHERS, c::from_scalar(&self.ssl_ciphers)),
            (Self::COL_EXTERNAL_IDS, c::from_map(&self.external_ids)),
        ]
    }
}

/// A row of table `Service_Monitor` (root table).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ServiceMonitor {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `ip`: string.
    pub ip: String,
    /// `protocol`: optional string, one of `"tcp"`, `"udp"`.
    pub protocol: Option<ServiceMonitorProtocol>,
    /// `port`: integer, 0 to 65535.
    pub port: i64,
    /// `logical_port`: string.
    pub logical_port: String,
    /// `src_mac`: string.
    pub src_mac: String,
    /// `src_ip`: string.
    pub src_ip: String,
    /// `status`: optional string, one of `"error"`, `"offline"`, `"online"`.
    pub status: Option<ServiceMonitorStatus>,
    /// `options`: map from string to string.
    pub options: BTreeMap<String, String>,
    /// `external_ids`: map from string to string.
    pub external_ids: BTreeMap<String, String>,
}

impl ServiceMonitor {
    pub const COL_IP: &'static str = "ip";
    pub const COL_PROTOCOL: &'static str = "protocol";
    pub const COL_PORT: &'static str = "port";
    pub const COL_LOGICAL_PORT: &'static str = "logical_port";
    pub const COL_SRC_MAC: &'static str = "src_mac";
    pub const COL_SRC_IP: &'static str = "src_ip";
    pub const COL_STATUS: &'static str = "status";
    pub const COL_OPTIONS: &'static str = "options";
    pub const COL_EXTERNAL_IDS: &'static str = "external_ids";
}

impl TypedRow for ServiceMonitor {
    const TABLE: &'static str = "Service_Monitor";
    const COLUMNS: &'static [&'static str] = &[
        Self::COL_IP,
        Self::COL_PROTOCOL,
        Self::COL_PORT,
        Self::COL_LOGICAL_PORT,
        Self::COL_SRC_MAC,
        Self::COL_SRC_IP,
        Self::COL_STATUS,
        Self::COL_OPTIONS,
        Self::COL_EXTERNAL_IDS,
    ];

    fn uuid(&self) -> Uuid {
        self.uuid
    }

    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {
        c::check_table(table, Self::TABLE)?;
        Ok(ServiceMonitor {
            uuid: row.uuid(),
            ip: c::scalar(table, row, Self::COL_IP)?,
            protocol: c::optional(table, row, Self::COL_PROTOCOL)?,
            port: c::scalar(table, row, Self::COL_PORT)?,
            logical_port: c::scalar(table, row, Self::COL_LOGICAL_PORT)?,
            src_mac: c::scalar(table, row, Self::COL_SRC_MAC)?,
            src_ip: c::scalar(table, row, Self::COL_SRC_IP)?,
            status: c::optional(table, row, Self::COL_STATUS)?,
            options: c::map(table, row, Self::COL_OPTIONS)?,
            external_ids: c::map(table, row, Self::COL_EXTERNAL_IDS)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_IP, c::from_scalar(&self.ip)),
            (Self::COL_PROTOCOL, c::from_optional(&self.protocol)),
            (Self::COL_PORT, c::from_scalar(&self.port)),
            (Self::COL_LOGICAL_PORT, c::from_scalar(&self.logical_port)),
            (Self::COL_SRC_MAC, c::from_scalar(&self.src_mac)),
            (Self::COL_SRC_IP, c::from_scalar(&self.src_ip)),
            (Self::COL_STATUS, c::from_optional(&self.status)),
            (Self::COL_OPTIONS, c::from_map(&self.options)),
            (Self::COL_EXTERNAL_IDS, c::from_map(&self.external_ids)),
        ]
    }
}

/// The values of `Service_Monitor.protocol`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ServiceMonitorProtocol {
    /// `"tcp"`.
    Tcp,
    /// `"udp"`.
    Udp,
    /// A value this schema version does not list (kept, not rejected).
    Other(String),
}

impl ServiceMonitorProtocol {
    /// The value as stored in the database.
    pub fn as_str(&self) -> &str {
        match self {
            ServiceMonitorProtocol::Tcp => "tcp",
            ServiceMonitorProtocol::Udp => "udp",
            ServiceMonitorProtocol::Other(s) => s,
        }
    }
}

impl From<&str> for ServiceMonitorProtocol {
    fn from(s: &str) -> ServiceMonitorProtocol {
        match s {
            "tcp" => ServiceMonitorProtocol::Tcp,
            "udp" => ServiceMonitorProtocol::Udp,
            other => ServiceMonitorProtocol::Other(other.to_string()),
        }
    }
}

/// The OVSDB default of a string, `""`.
impl Default for ServiceMonitorProtocol {
    fn default() -> ServiceMonitorProtocol {
        ServiceMonitorProtocol::from("")
    }
}

impl std::fmt::Display for ServiceMonitorProtocol {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl c::AtomValue for ServiceMonitorProtocol {
    fn from_atom(a: &Atom) -> Option<ServiceMonitorProtocol> {
        a.as_str().map(ServiceMonitorProtocol::from)
    }
    fn to_atom(&self) -> Atom {
        Atom::String(self.as_str().to_string())
    }
}

/// The values of `Service_Monitor.status`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ServiceMonitorStatus {
    /// `"error"`.
    Error,
    /// `"offline"`.
    Offline,
    /// `"online"`.
    Online,
    /// A value this schema version does not list (kept, not rejected).
    Other(String),
}

impl ServiceMonitorStatus {
    /// The value as stored in the database.
    pub fn as_str(&self) -> &str {
        match self {
            ServiceMonitorStatus::Error => "error",
            ServiceMonitorStatus::Offline => "offline",
            ServiceMonitorStatus::Online => "online",
            ServiceMonitorStatus::Other(s) => s,
        }
    }
}

impl From<&str> for ServiceMonitorStatus {
    fn from(s: &str) -> ServiceMonitorStatus {
        match s {
            "error" => ServiceMonitorStatus::Error,
            "offline" => ServiceMonitorStatus::Offline,
            "online" => ServiceMonitorStatus::Online,
            other => ServiceMonitorStatus::Other(other.to_string()),
        }
    }
}

/// The OVSDB default of a string, `""`.
impl Default for ServiceMonitorStatus {
    fn default() -> ServiceMonitorStatus {
        ServiceMonitorStatus::from("")
    }
}

impl std::fmt::Display for ServiceMonitorStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl c::AtomValue for ServiceMonitorStatus {
    fn from_atom(a: &Atom) -> Option<ServiceMonitorStatus> {
        a.as_str().map(ServiceMonitorStatus::from)
    }
    fn to_atom(&self) -> Atom {
        Atom::String(self.as_str().to_string())
    }
}

/// A row of table `Static_MAC_Binding` (root table).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StaticMacBinding {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `logical_port`: string.
    pub logical_port: String,
    /// `ip`: string.
    pub ip: String,
    /// `mac`: string.
    pub mac: String,
    /// `override_dynamic_mac`: boolean.
    pub override_dynamic_mac: bool,
    /// `datapath`: uuid, reference to `Datapath_Binding`.
    pub datapath: Uuid,
}

impl StaticMacBinding {
    pub const COL_LOGICAL_PORT: &'static str = "logical_port";
    pub const COL_IP: &'static str = "ip";
    pub const COL_MAC: &'static str = "mac";
    pub const COL_OVERRIDE_DYNAMIC_MAC: &'static str = "override_dynamic_mac";
    pub const COL_DATAPATH: &'static str = "datapath";
}

impl TypedRow for StaticMacBinding {
    const TABLE: &'static str = "Static_MAC_Binding";
    const COLUMNS: &'static [&'static str] = &[
        Self::COL_LOGICAL_PORT,
        Self::COL_IP,
        Self::COL_MAC,
        Self::COL_OVERRIDE_DYNAMIC_MAC,
        Self::COL_DATAPATH,
    ];

    fn uuid(&self) -> Uuid {
        self.uuid
    }

    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {
        c::check_table(table, Self::TABLE)?;
        Ok(StaticMacBinding {
            uuid: row.uuid(),
            logical_port: c::scalar(table, row, Self::COL_LOGICAL_PORT)?,
            ip: c::scalar(table, row, Self::COL_IP)?,
            mac: c::scalar(table, row, Self::COL_MAC)?,
            override_dynamic_mac: c::scalar(table, row, Self::COL_OVERRIDE_DYNAMIC_MAC)?,
            datapath: c::scalar(table, row, Self::COL_DATAPATH)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_LOGICAL_PORT, c::from_scalar(&self.logical_port)),
            (Self::COL_IP, c::from_scalar(&self.ip)),
            (Self::COL_MAC, c::from_scalar(&self.mac)),
            (
                Self::COL_OVERRIDE_DYNAMIC_MAC,
                c::from_scalar(&self.override_dynamic_mac),
            ),
            (Self::COL_DATAPATH, c::from_scalar(&self.datapath)),
        ]
    }
}
