//! Typed rows of the `OVN_Northbound` database (schema version 7.0.0), generated from
//! `ovsdb/schemas/ovn-nb.ovsschema` by `ovsdb::typed::codegen`. Do not edit: regenerate with
//! `UPDATE_TYPED=1 cargo test -p ovsdb --test typed_codegen`.

use std::collections::{BTreeMap, BTreeSet};

use uuid::Uuid;

use super::convert as c;
use super::{TypedError, TypedRow};
use crate::data::{Atom, Datum};
use crate::db::Row;
use crate::schema::TableSchema;

/// The database name.
pub const DATABASE: &str = "OVN_Northbound";
/// The schema version the rows were generated from.
pub const SCHEMA_VERSION: &str = "7.0.0";
/// Every table.
pub const TABLES: &[&str] = &[
    "ACL",
    "Address_Set",
    "BFD",
    "Chassis_Template_Var",
    "Connection",
    "Copp",
    "DHCP_Options",
    "DNS",
    "Forwarding_Group",
    "Gateway_Chassis",
    "HA_Chassis",
    "HA_Chassis_Group",
    "Load_Balancer",
    "Load_Balancer_Group",
    "Load_Balancer_Health_Check",
    "Logical_Router",
    "Logical_Router_Policy",
    "Logical_Router_Port",
    "Logical_Router_Static_Route",
    "Logical_Switch",
    "Logical_Switch_Port",
    "Meter",
    "Meter_Band",
    "Mirror",
    "NAT",
    "NB_Global",
    "Port_Group",
    "QoS",
    "SSL",
    "Static_MAC_Binding",
];

/// A row of table `ACL`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Acl {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `name`: optional string, length at most 63.
    pub name: Option<String>,
    /// `priority`: integer, 0 to 32767.
    pub priority: i64,
    /// `direction`: string, one of `"from-lport"`, `"to-lport"`.
    pub direction: AclDirection,
    /// `match`: string.
    pub match_: String,
    /// `action`: string, one of `"allow"`, `"allow-related"`, `"allow-stateless"`, `"drop"`, `"reject"`.
    pub action: AclAction,
    /// `log`: boolean.
    pub log: bool,
    /// `severity`: optional string, one of `"alert"`, `"debug"`, `"info"`, `"notice"`, `"warning"`.
    pub severity: Option<AclSeverity>,
    /// `meter`: optional string.
    pub meter: Option<String>,
    /// `label`: integer, 0 to 4294967295.
    pub label: i64,
    /// `options`: map from string to string.
    pub options: BTreeMap<String, String>,
    /// `external_ids`: map from string to string.
    pub external_ids: BTreeMap<String, String>,
}

impl Acl {
    pub const COL_NAME: &'static str = "name";
    pub const COL_PRIORITY: &'static str = "priority";
    pub const COL_DIRECTION: &'static str = "direction";
    pub const COL_MATCH: &'static str = "match";
    pub const COL_ACTION: &'static str = "action";
    pub const COL_LOG: &'static str = "log";
    pub const COL_SEVERITY: &'static str = "severity";
    pub const COL_METER: &'static str = "meter";
    pub const COL_LABEL: &'static str = "label";
    pub const COL_OPTIONS: &'static str = "options";
    pub const COL_EXTERNAL_IDS: &'static str = "external_ids";
}

impl TypedRow for Acl {
    const TABLE: &'static str = "ACL";
    const COLUMNS: &'static [&'static str] = &[
        Self::COL_NAME,
        Self::COL_PRIORITY,
        Self::COL_DIRECTION,
        Self::COL_MATCH,
        Self::COL_ACTION,
        Self::COL_LOG,
        Self::COL_SEVERITY,
        Self::COL_METER,
        Self::COL_LABEL,
        Self::COL_OPTIONS,
        Self::COL_EXTERNAL_IDS,
    ];

    fn uuid(&self) -> Uuid {
        self.uuid
    }

    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {
        c::check_table(table, Self::TABLE)?;
        Ok(Acl {
            uuid: row.uuid(),
            name: c::optional(table, row, Self::COL_NAME)?,
            priority: c::scalar(table, row, Self::COL_PRIORITY)?,
            direction: c::scalar(table, row, Self::COL_DIRECTION)?,
            match_: c::scalar(table, row, Self::COL_MATCH)?,
            action: c::scalar(table, row, Self::COL_ACTION)?,
            log: c::scalar(table, row, Self::COL_LOG)?,
            severity: c::optional(table, row, Self::COL_SEVERITY)?,
            meter: c::optional(table, row, Self::COL_METER)?,
            label: c::scalar(table, row, Self::COL_LABEL)?,
            options: c::map(table, row, Self::COL_OPTIONS)?,
            external_ids: c::map(table, row, Self::COL_EXTERNAL_IDS)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_NAME, c::from_optional(&self.name)),
            (Self::COL_PRIORITY, c::from_scalar(&self.priority)),
            (Self::COL_DIRECTION, c::from_scalar(&self.direction)),
            (Self::COL_MATCH, c::from_scalar(&self.match_)),
            (Self::COL_ACTION, c::from_scalar(&self.action)),
            (Self::COL_LOG, c::from_scalar(&self.log)),
            (Self::COL_SEVERITY, c::from_optional(&self.severity)),
            (Self::COL_METER, c::from_optional(&self.meter)),
            (Self::COL_LABEL, c::from_scalar(&self.label)),
            (Self::COL_OPTIONS, c::from_map(&self.options)),
            (Self::COL_EXTERNAL_IDS, c::from_map(&self.external_ids)),
        ]
    }
}

/// The values of `ACL.direction`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AclDirection {
    /// `"from-lport"`.
    FromLport,
    /// `"to-lport"`.
    ToLport,
    /// A value this schema version does not list (kept, not rejected).
    Other(String),
}

impl AclDirection {
    /// The value as stored in the database.
    pub fn as_str(&self) -> &str {
        match self {
            AclDirection::FromLport => "from-lport",
            AclDirection::ToLport => "to-lport",
            AclDirection::Other(s) => s,
        }
    }
}

impl From<&str> for AclDirection {
    fn from(s: &str) -> AclDirection {
        match s {
            "from-lport" => AclDirection::FromLport,
            "to-lport" => AclDirection::ToLport,
            other => AclDirection::Other(other.to_string()),
        }
    }
}

/// The OVSDB default of a string, `""`.
impl Default for AclDirection {
    fn default() -> AclDirection {
        AclDirection::from("")
    }
}

impl std::fmt::Display for AclDirection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl c::AtomValue for AclDirection {
    fn from_atom(a: &Atom) -> Option<AclDirection> {
        a.as_str().map(AclDirection::from)
    }
    fn to_atom(&self) -> Atom {
        Atom::String(self.as_str().to_string())
    }
}

/// The values of `ACL.action`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AclAction {
    /// `"allow"`.
    Allow,
    /// `"allow-related"`.
    AllowRelated,
    /// `"allow-stateless"`.
    AllowStateless,
    /// `"drop"`.
    Drop,
    /// `"reject"`.
    Reject,
    /// A value this schema version does not list (kept, not rejected).
    Other(String),
}

impl AclAction {
    /// The value as stored in the database.
    pub fn as_str(&self) -> &str {
        match self {
            AclAction::Allow => "allow",
            AclAction::AllowRelated => "allow-related",
            AclAction::AllowStateless => "allow-stateless",
            AclAction::Drop => "drop",
            AclAction::Reject => "reject",
            AclAction::Other(s) => s,
        }
    }
}

impl From<&str> for AclAction {
    fn from(s: &str) -> AclAction {
        match s {
            "allow" => AclAction::Allow,
            "allow-related" => AclAction::AllowRelated,
            "allow-stateless" => AclAction::AllowStateless,
            "drop" => AclAction::Drop,
            "reject" => AclAction::Reject,
            other => AclAction::Other(other.to_string()),
        }
    }
}

/// The OVSDB default of a string, `""`.
impl Default for AclAction {
    fn default() -> AclAction {
        AclAction::from("")
    }
}

impl std::fmt::Display for AclAction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl c::AtomValue for AclAction {
    fn from_atom(a: &Atom) -> Option<AclAction> {
        a.as_str().map(AclAction::from)
    }
    fn to_atom(&self) -> Atom {
        Atom::String(self.as_str().to_string())
    }
}

/// The values of `ACL.severity`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AclSeverity {
    /// `"alert"`.
    Alert,
    /// `"debug"`.
    Debug,
    /// `"info"`.
    Info,
    /// `"notice"`.
    Notice,
    /// `"warning"`.
    Warning,
    /// A value this schema version does not list (kept, not rejected).
    Other(String),
}

impl AclSeverity {
    /// The value as stored in the database.
    pub fn as_str(&self) -> &str {
        match self {
            AclSeverity::Alert => "alert",
            AclSeverity::Debug => "debug",
            AclSeverity::Info => "info",
            AclSeverity::Notice => "notice",
            AclSeverity::Warning => "warning",
            AclSeverity::Other(s) => s,
        }
    }
}

impl From<&str> for AclSeverity {
    fn from(s: &str) -> AclSeverity {
        match s {
            "alert" => AclSeverity::Alert,
            "debug" => AclSeverity::Debug,
            "info" => AclSeverity::Info,
            "notice" => AclSeverity::Notice,
            "warning" => AclSeverity::Warning,
            other => AclSeverity::Other(other.to_string()),
        }
    }
}

/// The OVSDB default of a string, `""`.
impl Default for AclSeverity {
    fn default() -> AclSeverity {
        AclSeverity::from("")
    }
}

impl std::fmt::Display for AclSeverity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl c::AtomValue for AclSeverity {
    fn from_atom(a: &Atom) -> Option<AclSeverity> {
        a.as_str().map(AclSeverity::from)
    }
    fn to_atom(&self) -> Atom {
        Atom::String(self.as_str().to_string())
    }
}

/// A row of table `Address_Set` (root table).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AddressSet {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `name`: string.
    pub name: String,
    /// `addresses`: set of string.
    pub addresses: BTreeSet<String>,
    /// `external_ids`: map from string to string.
    pub external_ids: BTreeMap<String, String>,
}

impl AddressSet {
    pub const COL_NAME: &'static str = "name";
    pub const COL_ADDRESSES: &'static str = "addresses";
    pub const COL_EXTERNAL_IDS: &'static str = "external_ids";
}

impl TypedRow for AddressSet {
    const TABLE: &'static str = "Address_Set";
    const COLUMNS: &'static [&'static str] =
        &[Self::COL_NAME, Self::COL_ADDRESSES, Self::COL_EXTERNAL_IDS];

    fn uuid(&self) -> Uuid {
        self.uuid
    }

    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {
        c::check_table(table, Self::TABLE)?;
        Ok(AddressSet {
            uuid: row.uuid(),
            name: c::scalar(table, row, Self::COL_NAME)?,
            addresses: c::set(table, row, Self::COL_ADDRESSES)?,
            external_ids: c::map(table, row, Self::COL_EXTERNAL_IDS)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_NAME, c::from_scalar(&self.name)),
            (Self::COL_ADDRESSES, c::from_set(&self.addresses)),
            (Self::COL_EXTERNAL_IDS, c::from_map(&self.external_ids)),
        ]
    }
}

/// A row of table `BFD` (root table).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Bfd {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `logical_port`: string.
    pub logical_port: String,
    /// `dst_ip`: string.
    pub dst_ip: String,
    /// `min_tx`: optional integer, at least 1.
    pub min_tx: Option<i64>,
    /// `min_rx`: optional integer.
    pub min_rx: Option<i64>,
    /// `detect_mult`: optional integer, at least 1.
    pub detect_mult: Option<i64>,
    /// `status`: optional string, one of `"admin_down"`, `"down"`, `"init"`, `"up"`.
    pub status: Option<BfdStatus>,
    /// `external_ids`: map from string to string.
    pub external_ids: BTreeMap<String, String>,
    /// `options`: map from string to string.
    pub options: BTreeMap<String, String>,
}

impl Bfd {
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
            logical_port: c::scalar(table, row, Self::COL_LOGICAL_PORT)?,
            dst_ip: c::scalar(table, row, Self::COL_DST_IP)?,
            min_tx: c::optional(table, row, Self::COL_MIN_TX)?,
            min_rx: c::optional(table, row, Self::COL_MIN_RX)?,
            detect_mult: c::optional(table, row, Self::COL_DETECT_MULT)?,
            status: c::optional(table, row, Self::COL_STATUS)?,
            external_ids: c::map(table, row, Self::COL_EXTERNAL_IDS)?,
            options: c::map(table, row, Self::COL_OPTIONS)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_LOGICAL_PORT, c::from_scalar(&self.logical_port)),
            (Self::COL_DST_IP, c::from_scalar(&self.dst_ip)),
            (Self::COL_MIN_TX, c::from_optional(&self.min_tx)),
            (Self::COL_MIN_RX, c::from_optional(&self.min_rx)),
            (Self::COL_DETECT_MULT, c::from_optional(&self.detect_mult)),
            (Self::COL_STATUS, c::from_optional(&self.status)),
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

/// A row of table `Chassis_Template_Var` (root table).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ChassisTemplateVar {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `chassis`: string.
    pub chassis: String,
    /// `variables`: map from string to string.
    pub variables: BTreeMap<String, String>,
    /// `external_ids`: map from string to string.
    pub external_ids: BTreeMap<String, String>,
}

impl ChassisTemplateVar {
    pub const COL_CHASSIS: &'static str = "chassis";
    pub const COL_VARIABLES: &'static str = "variables";
    pub const COL_EXTERNAL_IDS: &'static str = "external_ids";
}

impl TypedRow for ChassisTemplateVar {
    const TABLE: &'static str = "Chassis_Template_Var";
    const COLUMNS: &'static [&'static str] = &[
        Self::COL_CHASSIS,
        Self::COL_VARIABLES,
        Self::COL_EXTERNAL_IDS,
    ];

    fn uuid(&self) -> Uuid {
        self.uuid
    }

    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {
        c::check_table(table, Self::TABLE)?;
        Ok(ChassisTemplateVar {
            uuid: row.uuid(),
            chassis: c::scalar(table, row, Self::COL_CHASSIS)?,
            variables: c::map(table, row, Self::COL_VARIABLES)?,
            external_ids: c::map(table, row, Self::COL_EXTERNAL_IDS)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_CHASSIS, c::from_scalar(&self.chassis)),
            (Self::COL_VARIABLES, c::from_map(&self.variables)),
            (Self::COL_EXTERNAL_IDS, c::from_map(&self.external_ids)),
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
            (Self::COL_OTHER_CONFIG, c::from_map(&self.other_config)),
            (Self::COL_EXTERNAL_IDS, c::from_map(&self.external_ids)),
            (Self::COL_IS_CONNECTED, c::from_scalar(&self.is_connected)),
            (Self::COL_STATUS, c::from_map(&self.status)),
        ]
    }
}

/// A row of table `Copp` (root table).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Copp {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `name`: string.
    pub name: String,
    /// `meters`: map from string to string.
    pub meters: BTreeMap<String, String>,
    /// `external_ids`: map from string to string.
    pub external_ids: BTreeMap<String, String>,
}

impl Copp {
    pub const COL_NAME: &'static str = "name";
    pub const COL_METERS: &'static str = "meters";
    pub const COL_EXTERNAL_IDS: &'static str = "external_ids";
}

impl TypedRow for Copp {
    const TABLE: &'static str = "Copp";
    const COLUMNS: &'static [&'static str] =
        &[Self::COL_NAME, Self::COL_METERS, Self::COL_EXTERNAL_IDS];

    fn uuid(&self) -> Uuid {
        self.uuid
    }

    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {
        c::check_table(table, Self::TABLE)?;
        Ok(Copp {
            uuid: row.uuid(),
            name: c::scalar(table, row, Self::COL_NAME)?,
            meters: c::map(table, row, Self::COL_METERS)?,
            external_ids: c::map(table, row, Self::COL_EXTERNAL_IDS)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_NAME, c::from_scalar(&self.name)),
            (Self::COL_METERS, c::from_map(&self.meters)),
            (Self::COL_EXTERNAL_IDS, c::from_map(&self.external_ids)),
        ]
    }
}

/// A row of table `DHCP_Options` (root table).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DhcpOptions {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `cidr`: string.
    pub cidr: String,
    /// `options`: map from string to string.
    pub options: BTreeMap<String, String>,
    /// `external_ids`: map from string to string.
    pub external_ids: BTreeMap<String, String>,
}

impl DhcpOptions {
    pub const COL_CIDR: &'static str = "cidr";
    pub const COL_OPTIONS: &'static str = "options";
    pub const COL_EXTERNAL_IDS: &'static str = "external_ids";
}

impl TypedRow for DhcpOptions {
    const TABLE: &'static str = "DHCP_Options";
    const COLUMNS: &'static [&'static str] =
        &[Self::COL_CIDR, Self::COL_OPTIONS, Self::COL_EXTERNAL_IDS];

    fn uuid(&self) -> Uuid {
        self.uuid
    }

    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {
        c::check_table(table, Self::TABLE)?;
        Ok(DhcpOptions {
            uuid: row.uuid(),
            cidr: c::scalar(table, row, Self::COL_CIDR)?,
            options: c::map(table, row, Self::COL_OPTIONS)?,
            external_ids: c::map(table, row, Self::COL_EXTERNAL_IDS)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_CIDR, c::from_scalar(&self.cidr)),
            (Self::COL_OPTIONS, c::from_map(&self.options)),
            (Self::COL_EXTERNAL_IDS, c::from_map(&self.external_ids)),
        ]
    }
}

/// A row of table `DNS` (root table).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Dns {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `records`: map from string to string.
    pub records: BTreeMap<String, String>,
    /// `external_ids`: map from string to string.
    pub external_ids: BTreeMap<String, String>,
}

impl Dns {
    pub const COL_RECORDS: &'static str = "records";
    pub const COL_EXTERNAL_IDS: &'static str = "external_ids";
}

impl TypedRow for Dns {
    const TABLE: &'static str = "DNS";
    const COLUMNS: &'static [&'static str] = &[Self::COL_RECORDS, Self::COL_EXTERNAL_IDS];

    fn uuid(&self) -> Uuid {
        self.uuid
    }

    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {
        c::check_table(table, Self::TABLE)?;
        Ok(Dns {
            uuid: row.uuid(),
            records: c::map(table, row, Self::COL_RECORDS)?,
            external_ids: c::map(table, row, Self::COL_EXTERNAL_IDS)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_RECORDS, c::from_map(&self.records)),
            (Self::COL_EXTERNAL_IDS, c::from_map(&self.external_ids)),
        ]
    }
}

/// A row of table `Forwarding_Group`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ForwardingGroup {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `name`: string.
    pub name: String,
    /// `vip`: string.
    pub vip: String,
    /// `vmac`: string.
    pub vmac: String,
    /// `liveness`: boolean.
    pub liveness: bool,
    /// `external_ids`: map from string to string.
    pub external_ids: BTreeMap<String, String>,
    /// `child_port`: set (at least 1) of string.
    pub child_port: BTreeSet<String>,
}

impl ForwardingGroup {
    pub const COL_NAME: &'static str = "name";
    pub const COL_VIP: &'static str = "vip";
    pub const COL_VMAC: &'static str = "vmac";
    pub const COL_LIVENESS: &'static str = "liveness";
    pub const COL_EXTERNAL_IDS: &'static str = "external_ids";
    pub const COL_CHILD_PORT: &'static str = "child_port";
}

impl TypedRow for ForwardingGroup {
    const TABLE: &'static str = "Forwarding_Group";
    const COLUMNS: &'static [&'static str] = &[
        Self::COL_NAME,
        Self::COL_VIP,
        Self::COL_VMAC,
        Self::COL_LIVENESS,
        Self::COL_EXTERNAL_IDS,
        Self::COL_CHILD_PORT,
    ];

    fn uuid(&self) -> Uuid {
        self.uuid
    }

    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {
        c::check_table(table, Self::TABLE)?;
        Ok(ForwardingGroup {
            uuid: row.uuid(),
            name: c::scalar(table, row, Self::COL_NAME)?,
            vip: c::scalar(table, row, Self::COL_VIP)?,
            vmac: c::scalar(table, row, Self::COL_VMAC)?,
            liveness: c::scalar(table, row, Self::COL_LIVENESS)?,
            external_ids: c::map(table, row, Self::COL_EXTERNAL_IDS)?,
            child_port: c::set(table, row, Self::COL_CHILD_PORT)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_NAME, c::from_scalar(&self.name)),
            (Self::COL_VIP, c::from_scalar(&self.vip)),
            (Self::COL_VMAC, c::from_scalar(&self.vmac)),
            (Self::COL_LIVENESS, c::from_scalar(&self.liveness)),
            (Self::COL_EXTERNAL_IDS, c::from_map(&self.external_ids)),
            (Self::COL_CHILD_PORT, c::from_set(&self.child_port)),
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
    /// `chassis_name`: string.
    pub chassis_name: String,
    /// `priority`: integer, 0 to 32767.
    pub priority: i64,
    /// `external_ids`: map from string to string.
    pub external_ids: BTreeMap<String, String>,
    /// `options`: map from string to string.
    pub options: BTreeMap<String, String>,
}

impl GatewayChassis {
    pub const COL_NAME: &'static str = "name";
    pub const COL_CHASSIS_NAME: &'static str = "chassis_name";
    pub const COL_PRIORITY: &'static str = "priority";
    pub const COL_EXTERNAL_IDS: &'static str = "external_ids";
    pub const COL_OPTIONS: &'static str = "options";
}

impl TypedRow for GatewayChassis {
    const TABLE: &'static str = "Gateway_Chassis";
    const COLUMNS: &'static [&'static str] = &[
        Self::COL_NAME,
        Self::COL_CHASSIS_NAME,
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
            chassis_name: c::scalar(table, row, Self::COL_CHASSIS_NAME)?,
            priority: c::scalar(table, row, Self::COL_PRIORITY)?,
            external_ids: c::map(table, row, Self::COL_EXTERNAL_IDS)?,
            options: c::map(table, row, Self::COL_OPTIONS)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_NAME, c::from_scalar(&self.name)),
            (Self::COL_CHASSIS_NAME, c::from_scalar(&self.chassis_name)),
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
    /// `chassis_name`: string.
    pub chassis_name: String,
    /// `priority`: integer, 0 to 32767.
    pub priority: i64,
    /// `external_ids`: map from string to string.
    pub external_ids: BTreeMap<String, String>,
}

impl HaChassis {
    pub const COL_CHASSIS_NAME: &'static str = "chassis_name";
    pub const COL_PRIORITY: &'static str = "priority";
    pub const COL_EXTERNAL_IDS: &'static str = "external_ids";
}

impl TypedRow for HaChassis {
    const TABLE: &'static str = "HA_Chassis";
    const COLUMNS: &'static [&'static str] = &[
        Self::COL_CHASSIS_NAME,
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
            chassis_name: c::scalar(table, row, Self::COL_CHASSIS_NAME)?,
            priority: c::scalar(table, row, Self::COL_PRIORITY)?,
            external_ids: c::map(table, row, Self::COL_EXTERNAL_IDS)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_CHASSIS_NAME, c::from_scalar(&self.chassis_name)),
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
    /// `external_ids`: map from string to string.
    pub external_ids: BTreeMap<String, String>,
}

impl HaChassisGroup {
    pub const COL_NAME: &'static str = "name";
    pub const COL_HA_CHASSIS: &'static str = "ha_chassis";
    pub const COL_EXTERNAL_IDS: &'static str = "external_ids";
}

impl TypedRow for HaChassisGroup {
    const TABLE: &'static str = "HA_Chassis_Group";
    const COLUMNS: &'static [&'static str] =
        &[Self::COL_NAME, Self::COL_HA_CHASSIS, Self::COL_EXTERNAL_IDS];

    fn uuid(&self) -> Uuid {
        self.uuid
    }

    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {
        c::check_table(table, Self::TABLE)?;
        Ok(HaChassisGroup {
            uuid: row.uuid(),
            name: c::scalar(table, row, Self::COL_NAME)?,
            ha_chassis: c::set(table, row, Self::COL_HA_CHASSIS)?,
            external_ids: c::map(table, row, Self::COL_EXTERNAL_IDS)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_NAME, c::from_scalar(&self.name)),
            (Self::COL_HA_CHASSIS, c::from_set(&self.ha_chassis)),
            (Self::COL_EXTERNAL_IDS, c::from_map(&self.external_ids)),
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
    /// `health_check`: set of uuid, reference to `Load_Balancer_Health_Check`.
    pub health_check: BTreeSet<Uuid>,
    /// `ip_port_mappings`: map from string to string.
    pub ip_port_mappings: BTreeMap<String, String>,
    /// `selection_fields`: set of string, one of `"eth_dst"`, `"eth_src"`, `"ip_dst"`, `"ip_src"`, `"tp_dst"`, `"tp_src"`.
    pub selection_fields: BTreeSet<LoadBalancerSelectionFields>,
    /// `options`: map from string to string.
    pub options: BTreeMap<String, String>,
    /// `external_ids`: map from string to string.
    pub external_ids: BTreeMap<String, String>,
}

impl LoadBalancer {
    pub const COL_NAME: &'static str = "name";
    pub const COL_VIPS: &'static str = "vips";
    pub const COL_PROTOCOL: &'static str = "protocol";
    pub const COL_HEALTH_CHECK: &'static str = "health_check";
    pub const COL_IP_PORT_MAPPINGS: &'static str = "ip_port_mappings";
    pub const COL_SELECTION_FIELDS: &'static str = "selection_fields";
    pub const COL_OPTIONS: &'static str = "options";
    pub const COL_EXTERNAL_IDS: &'static str = "external_ids";
}

impl TypedRow for LoadBalancer {
    const TABLE: &'static str = "Load_Balancer";
    const COLUMNS: &'static [&'static str] = &[
        Self::COL_NAME,
        Self::COL_VIPS,
        Self::COL_PROTOCOL,
        Self::COL_HEALTH_CHECK,
        Self::COL_IP_PORT_MAPPINGS,
        Self::COL_SELECTION_FIELDS,
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
            health_check: c::set(table, row, Self::COL_HEALTH_CHECK)?,
            ip_port_mappings: c::map(table, row, Self::COL_IP_PORT_MAPPINGS)?,
            selection_fields: c::set(table, row, Self::COL_SELECTION_FIELDS)?,
            options: c::map(table, row, Self::COL_OPTIONS)?,
            external_ids: c::map(table, row, Self::COL_EXTERNAL_IDS)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_NAME, c::from_scalar(&self.name)),
            (Self::COL_VIPS, c::from_map(&self.vips)),
            (Self::COL_PROTOCOL, c::from_optional(&self.protocol)),
            (Self::COL_HEALTH_CHECK, c::from_set(&self.health_check)),
            (
                Self::COL_IP_PORT_MAPPINGS,
                c::from_map(&self.ip_port_mappings),
            ),
            (
                Self::COL_SELECTION_FIELDS,
                c::from_set(&self.selection_fields),
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

/// The values of `Load_Balancer.selection_fields`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LoadBalancerSelectionFields {
    /// `"eth_dst"`.
    EthDst,
    /// `"eth_src"`.
    EthSrc,
    /// `"ip_dst"`.
    IpDst,
    /// `"ip_src"`.
    IpSrc,
    /// `"tp_dst"`.
    TpDst,
    /// `"tp_src"`.
    TpSrc,
    /// A value this schema version does not list (kept, not rejected).
    Other(String),
}

impl LoadBalancerSelectionFields {
    /// The value as stored in the database.
    pub fn as_str(&self) -> &str {
        match self {
            LoadBalancerSelectionFields::EthDst => "eth_dst",
            LoadBalancerSelectionFields::EthSrc => "eth_src",
            LoadBalancerSelectionFields::IpDst => "ip_dst",
            LoadBalancerSelectionFields::IpSrc => "ip_src",
            LoadBalancerSelectionFields::TpDst => "tp_dst",
            LoadBalancerSelectionFields::TpSrc => "tp_src",
            LoadBalancerSelectionFields::Other(s) => s,
        }
    }
}

impl From<&str> for LoadBalancerSelectionFields {
    fn from(s: &str) -> LoadBalancerSelectionFields {
        match s {
            "eth_dst" => LoadBalancerSelectionFields::EthDst,
            "eth_src" => LoadBalancerSelectionFields::EthSrc,
            "ip_dst" => LoadBalancerSelectionFields::IpDst,
            "ip_src" => LoadBalancerSelectionFields::IpSrc,
            "tp_dst" => LoadBalancerSelectionFields::TpDst,
            "tp_src" => LoadBalancerSelectionFields::TpSrc,
            other => LoadBalancerSelectionFields::Other(other.to_string()),
        }
    }
}

/// The OVSDB default of a string, `""`.
impl Default for LoadBalancerSelectionFields {
    fn default() -> LoadBalancerSelectionFields {
        LoadBalancerSelectionFields::from("")
    }
}

impl std::fmt::Display for LoadBalancerSelectionFields {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl c::AtomValue for LoadBalancerSelectionFields {
    fn from_atom(a: &Atom) -> Option<LoadBalancerSelectionFields> {
        a.as_str().map(LoadBalancerSelectionFields::from)
    }
    fn to_atom(&self) -> Atom {
        Atom::String(self.as_str().to_string())
    }
}

/// A row of table `Load_Balancer_Group` (root table).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LoadBalancerGroup {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `name`: string.
    pub name: String,
    /// `load_balancer`: set of uuid, weak reference to `Load_Balancer`.
    pub load_balancer: BTreeSet<Uuid>,
}

impl LoadBalancerGroup {
    pub const COL_NAME: &'static str = "name";
    pub const COL_LOAD_BALANCER: &'static str = "load_balancer";
}

impl TypedRow for LoadBalancerGroup {
    const TABLE: &'static str = "Load_Balancer_Group";
    const COLUMNS: &'static [&'static str] = &[Self::COL_NAME, Self::COL_LOAD_BALANCER];

    fn uuid(&self) -> Uuid {
        self.uuid
    }

    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {
        c::check_table(table, Self::TABLE)?;
        Ok(LoadBalancerGroup {
            uuid: row.uuid(),
            name: c::scalar(table, row, Self::COL_NAME)?,
            load_balancer: c::set(table, row, Self::COL_LOAD_BALANCER)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_NAME, c::from_scalar(&self.name)),
            (Self::COL_LOAD_BALANCER, c::from_set(&self.load_balancer)),
        ]
    }
}

/// A row of table `Load_Balancer_Health_Check`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LoadBalancerHealthCheck {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `vip`: string.
    pub vip: String,
    /// `options`: map from string to string.
    pub options: BTreeMap<String, String>,
    /// `external_ids`: map from string to string.
    pub external_ids: BTreeMap<String, String>,
}

impl LoadBalancerHealthCheck {
    pub const COL_VIP: &'static str = "vip";
    pub const COL_OPTIONS: &'static str = "options";
    pub const COL_EXTERNAL_IDS: &'static str = "external_ids";
}

impl TypedRow for LoadBalancerHealthCheck {
    const TABLE: &'static str = "Load_Balancer_Health_Check";
    const COLUMNS: &'static [&'static str] =
        &[Self::COL_VIP, Self::COL_OPTIONS, Self::COL_EXTERNAL_IDS];

    fn uuid(&self) -> Uuid {
        self.uuid
    }

    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {
        c::check_table(table, Self::TABLE)?;
        Ok(LoadBalancerHealthCheck {
            uuid: row.uuid(),
            vip: c::scalar(table, row, Self::COL_VIP)?,
            options: c::map(table, row, Self::COL_OPTIONS)?,
            external_ids: c::map(table, row, Self::COL_EXTERNAL_IDS)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_VIP, c::from_scalar(&self.vip)),
            (Self::COL_OPTIONS, c::from_map(&self.options)),
            (Self::COL_EXTERNAL_IDS, c::from_map(&self.external_ids)),
        ]
    }
}

/// A row of table `Logical_Router` (root table).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LogicalRouter {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `name`: string.
    pub name: String,
    /// `ports`: set of uuid, reference to `Logical_Router_Port`.
    pub ports: BTreeSet<Uuid>,
    /// `static_routes`: set of uuid, reference to `Logical_Router_Static_Route`.
    pub static_routes: BTreeSet<Uuid>,
    /// `policies`: set of uuid, reference to `Logical_Router_Policy`.
    pub policies: BTreeSet<Uuid>,
    /// `enabled`: optional boolean.
    pub enabled: Option<bool>,
    /// `nat`: set of uuid, reference to `NAT`.
    pub nat: BTreeSet<Uuid>,
    /// `load_balancer`: set of uuid, weak reference to `Load_Balancer`.
    pub load_balancer: BTreeSet<Uuid>,
    /// `load_balancer_group`: set of uuid, reference to `Load_Balancer_Group`.
    pub load_balancer_group: BTreeSet<Uuid>,
    /// `copp`: optional uuid, weak reference to `Copp`.
    pub copp: Option<Uuid>,
    /// `options`: map from string to string.
    pub options: BTreeMap<String, String>,
    /// `external_ids`: map from string to string.
    pub external_ids: BTreeMap<String, String>,
}

impl LogicalRouter {
    pub const COL_NAME: &'static str = "name";
    pub const COL_PORTS: &'static str = "ports";
    pub const COL_STATIC_ROUTES: &'static str = "static_routes";
    pub const COL_POLICIES: &'static str = "policies";
    pub const COL_ENABLED: &'static str = "enabled";
    pub const COL_NAT: &'static str = "nat";
    pub const COL_LOAD_BALANCER: &'static str = "load_balancer";
    pub const COL_LOAD_BALANCER_GROUP: &'static str = "load_balancer_group";
    pub const COL_COPP: &'static str = "copp";
    pub const COL_OPTIONS: &'static str = "options";
    pub const COL_EXTERNAL_IDS: &'static str = "external_ids";
}

impl TypedRow for LogicalRouter {
    const TABLE: &'static str = "Logical_Router";
    const COLUMNS: &'static [&'static str] = &[
        Self::COL_NAME,
        Self::COL_PORTS,
        Self::COL_STATIC_ROUTES,
        Self::COL_POLICIES,
        Self::COL_ENABLED,
        Self::COL_NAT,
        Self::COL_LOAD_BALANCER,
        Self::COL_LOAD_BALANCER_GROUP,
        Self::COL_COPP,
        Self::COL_OPTIONS,
        Self::COL_EXTERNAL_IDS,
    ];

    fn uuid(&self) -> Uuid {
        self.uuid
    }

    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {
        c::check_table(table, Self::TABLE)?;
        Ok(LogicalRouter {
            uuid: row.uuid(),
            name: c::scalar(table, row, Self::COL_NAME)?,
            ports: c::set(table, row, Self::COL_PORTS)?,
            static_routes: c::set(table, row, Self::COL_STATIC_ROUTES)?,
            policies: c::set(table, row, Self::COL_POLICIES)?,
            enabled: c::optional(table, row, Self::COL_ENABLED)?,
            nat: c::set(table, row, Self::COL_NAT)?,
            load_balancer: c::set(table, row, Self::COL_LOAD_BALANCER)?,
            load_balancer_group: c::set(table, row, Self::COL_LOAD_BALANCER_GROUP)?,
            copp: c::optional(table, row, Self::COL_COPP)?,
            options: c::map(table, row, Self::COL_OPTIONS)?,
            external_ids: c::map(table, row, Self::COL_EXTERNAL_IDS)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_NAME, c::from_scalar(&self.name)),
            (Self::COL_PORTS, c::from_set(&self.ports)),
            (Self::COL_STATIC_ROUTES, c::from_set(&self.static_routes)),
            (Self::COL_POLICIES, c::from_set(&self.policies)),
            (Self::COL_ENABLED, c::from_optional(&self.enabled)),
            (Self::COL_NAT, c::from_set(&self.nat)),
            (Self::COL_LOAD_BALANCER, c::from_set(&self.load_balancer)),
            (
                Self::COL_LOAD_BALANCER_GROUP,
                c::from_set(&self.load_balancer_group),
            ),
            (Self::COL_COPP, c::from_optional(&self.copp)),
            (Self::COL_OPTIONS, c::from_map(&self.options)),
            (Self::COL_EXTERNAL_IDS, c::from_map(&self.external_ids)),
        ]
    }
}

/// A row of table `Logical_Router_Policy`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LogicalRouterPolicy {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `priority`: integer, 0 to 32767.
    pub priority: i64,
    /// `match`: string.
    pub match_: String,
    /// `action`: string, one of `"allow"`, `"drop"`, `"reroute"`.
    pub action: LogicalRouterPolicyAction,
    /// `nexthop`: optional string.
    pub nexthop: Option<String>,
    /// `nexthops`: set of string.
    pub nexthops: BTreeSet<String>,
    /// `options`: map from string to string.
    pub options: BTreeMap<String, String>,
    /// `external_ids`: map from string to string.
    pub external_ids: BTreeMap<String, String>,
}

impl LogicalRouterPolicy {
    pub const COL_PRIORITY: &'static str = "priority";
    pub const COL_MATCH: &'static str = "match";
    pub const COL_ACTION: &'static str = "action";
    pub const COL_NEXTHOP: &'static str = "nexthop";
    pub const COL_NEXTHOPS: &'static str = "nexthops";
    pub const COL_OPTIONS: &'static str = "options";
    pub const COL_EXTERNAL_IDS: &'static str = "external_ids";
}

impl TypedRow for LogicalRouterPolicy {
    const TABLE: &'static str = "Logical_Router_Policy";
    const COLUMNS: &'static [&'static str] = &[
        Self::COL_PRIORITY,
        Self::COL_MATCH,
        Self::COL_ACTION,
        Self::COL_NEXTHOP,
        Self::COL_NEXTHOPS,
        Self::COL_OPTIONS,
        Self::COL_EXTERNAL_IDS,
    ];

    fn uuid(&self) -> Uuid {
        self.uuid
    }

    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {
        c::check_table(table, Self::TABLE)?;
        Ok(LogicalRouterPolicy {
            uuid: row.uuid(),
            priority: c::scalar(table, row, Self::COL_PRIORITY)?,
            match_: c::scalar(table, row, Self::COL_MATCH)?,
            action: c::scalar(table, row, Self::COL_ACTION)?,
            nexthop: c::optional(table, row, Self::COL_NEXTHOP)?,
            nexthops: c::set(table, row, Self::COL_NEXTHOPS)?,
            options: c::map(table, row, Self::COL_OPTIONS)?,
            external_ids: c::map(table, row, Self::COL_EXTERNAL_IDS)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_PRIORITY, c::from_scalar(&self.priority)),
            (Self::COL_MATCH, c::from_scalar(&self.match_)),
            (Self::COL_ACTION, c::from_scalar(&self.action)),
            (Self::COL_NEXTHOP, c::from_optional(&self.nexthop)),
            (Self::COL_NEXTHOPS, c::from_set(&self.nexthops)),
            (Self::COL_OPTIONS, c::from_map(&self.options)),
            (Self::COL_EXTERNAL_IDS, c::from_map(&self.external_ids)),
        ]
    }
}

/// The values of `Logical_Router_Policy.action`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LogicalRouterPolicyAction {
    /// `"allow"`.
    Allow,
    /// `"drop"`.
    Drop,
    /// `"reroute"`.
    Reroute,
    /// A value this schema version does not list (kept, not rejected).
    Other(String),
}

impl LogicalRouterPolicyAction {
    /// The value as stored in the database.
    pub fn as_str(&self) -> &str {
        match self {
            LogicalRouterPolicyAction::Allow => "allow",
            LogicalRouterPolicyAction::Drop => "drop",
            LogicalRouterPolicyAction::Reroute => "reroute",
            LogicalRouterPolicyAction::Other(s) => s,
        }
    }
}

impl From<&str> for LogicalRouterPolicyAction {
    fn from(s: &str) -> LogicalRouterPolicyAction {
        match s {
            "allow" => LogicalRouterPolicyAction::Allow,
            "drop" => LogicalRouterPolicyAction::Drop,
            "reroute" => LogicalRouterPolicyAction::Reroute,
            other => LogicalRouterPolicyAction::Other(other.to_string()),
        }
    }
}

/// The OVSDB default of a string, `""`.
impl Default for LogicalRouterPolicyAction {
    fn default() -> LogicalRouterPolicyAction {
        LogicalRouterPolicyAction::from("")
    }
}

impl std::fmt::Display for LogicalRouterPolicyAction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl c::AtomValue for LogicalRouterPolicyAction {
    fn from_atom(a: &Atom) -> Option<LogicalRouterPolicyAction> {
        a.as_str().map(LogicalRouterPolicyAction::from)
    }
    fn to_atom(&self) -> Atom {
        Atom::String(self.as_str().to_string())
    }
}

/// A row of table `Logical_Router_Port`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LogicalRouterPort {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `name`: string.
    pub name: String,
    /// `gateway_chassis`: set of uuid, reference to `Gateway_Chassis`.
    pub gateway_chassis: BTreeSet<Uuid>,
    /// `ha_chassis_group`: optional uuid, reference to `HA_Chassis_Group`.
    pub ha_chassis_group: Option<Uuid>,
    /// `options`: map from string to string.
    pub options: BTreeMap<String, String>,
    /// `networks`: set (at least 1) of string.
    pub networks: BTreeSet<String>,
    /// `mac`: string.
    pub mac: String,
    /// `peer`: optional string.
    pub peer: Option<String>,
    /// `enabled`: optional boolean.
    pub enabled: Option<bool>,
    /// `ipv6_ra_configs`: map from string to string.
    pub ipv6_ra_configs: BTreeMap<String, String>,
    /// `ipv6_prefix`: set of string.
    pub ipv6_prefix: BTreeSet<String>,
    /// `external_ids`: map from string to string.
    pub external_ids: BTreeMap<String, String>,
}

impl LogicalRouterPort {
    pub const COL_NAME: &'static str = "name";
    pub const COL_GATEWAY_CHASSIS: &'static str = "gateway_chassis";
    pub const COL_HA_CHASSIS_GROUP: &'static str = "ha_chassis_group";
    pub const COL_OPTIONS: &'static str = "options";
    pub const COL_NETWORKS: &'static str = "networks";
    pub const COL_MAC: &'static str = "mac";
    pub const COL_PEER: &'static str = "peer";
    pub const COL_ENABLED: &'static str = "enabled";
    pub const COL_IPV6_RA_CONFIGS: &'static str = "ipv6_ra_configs";
    pub const COL_IPV6_PREFIX: &'static str = "ipv6_prefix";
    pub const COL_EXTERNAL_IDS: &'static str = "external_ids";
}

impl TypedRow for LogicalRouterPort {
    const TABLE: &'static str = "Logical_Router_Port";
    const COLUMNS: &'static [&'static str] = &[
        Self::COL_NAME,
        Self::COL_GATEWAY_CHASSIS,
        Self::COL_HA_CHASSIS_GROUP,
        Self::COL_OPTIONS,
        Self::COL_NETWORKS,
        Self::COL_MAC,
        Self::COL_PEER,
        Self::COL_ENABLED,
        Self::COL_IPV6_RA_CONFIGS,
        Self::COL_IPV6_PREFIX,
        Self::COL_EXTERNAL_IDS,
    ];

    fn uuid(&self) -> Uuid {
        self.uuid
    }

    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {
        c::check_table(table, Self::TABLE)?;
        Ok(LogicalRouterPort {
            uuid: row.uuid(),
            name: c::scalar(table, row, Self::COL_NAME)?,
            gateway_chassis: c::set(table, row, Self::COL_GATEWAY_CHASSIS)?,
            ha_chassis_group: c::optional(table, row, Self::COL_HA_CHASSIS_GROUP)?,
            options: c::map(table, row, Self::COL_OPTIONS)?,
            networks: c::set(table, row, Self::COL_NETWORKS)?,
            mac: c::scalar(table, row, Self::COL_MAC)?,
            peer: c::optional(table, row, Self::COL_PEER)?,
            enabled: c::optional(table, row, Self::COL_ENABLED)?,
            ipv6_ra_configs: c::map(table, row, Self::COL_IPV6_RA_CONFIGS)?,
            ipv6_prefix: c::set(table, row, Self::COL_IPV6_PREFIX)?,
            external_ids: c::map(table, row, Self::COL_EXTERNAL_IDS)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_NAME, c::from_scalar(&self.name)),
            (
                Self::COL_GATEWAY_CHASSIS,
                c::from_set(&self.gateway_chassis),
            ),
            (
                Self::COL_HA_CHASSIS_GROUP,
                c::from_optional(&self.ha_chassis_group),
            ),
            (Self::COL_OPTIONS, c::from_map(&self.options)),
            (Self::COL_NETWORKS, c::from_set(&self.networks)),
            (Self::COL_MAC, c::from_scalar(&self.mac)),
            (Self::COL_PEER, c::from_optional(&self.peer)),
            (Self::COL_ENABLED, c::from_optional(&self.enabled)),
            (
                Self::COL_IPV6_RA_CONFIGS,
                c::from_map(&self.ipv6_ra_configs),
            ),
            (Self::COL_IPV6_PREFIX, c::from_set(&self.ipv6_prefix)),
            (Self::COL_EXTERNAL_IDS, c::from_map(&self.external_ids)),
        ]
    }
}

/// A row of table `Logical_Router_Static_Route`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LogicalRouterStaticRoute {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `route_table`: string.
    pub route_table: String,
    /// `ip_prefix`: string.
    pub ip_prefix: String,
    /// `policy`: optional string, one of `"dst-ip"`, `"src-ip"`.
    pub policy: Option<LogicalRouterStaticRoutePolicy>,
    /// `nexthop`: string.
    pub nexthop: String,
    /// `output_port`: optional string.
    pub output_port: Option<String>,
    /// `bfd`: optional uuid, weak reference to `BFD`.
    pub bfd: Option<Uuid>,
    /// `options`: map from string to string.
    pub options: BTreeMap<String, String>,
    /// `external_ids`: map from string to string.
    pub external_ids: BTreeMap<String, String>,
}

impl LogicalRouterStaticRoute {
    pub const COL_ROUTE_TABLE: &'static str = "route_table";
    pub const COL_IP_PREFIX: &'static str = "ip_prefix";
    pub const COL_POLICY: &'static str = "policy";
    pub const COL_NEXTHOP: &'static str = "nexthop";
    pub const COL_OUTPUT_PORT: &'static str = "output_port";
    pub const COL_BFD: &'static str = "bfd";
    pub const COL_OPTIONS: &'static str = "options";
    pub const COL_EXTERNAL_IDS: &'static str = "external_ids";
}

impl TypedRow for LogicalRouterStaticRoute {
    const TABLE: &'static str = "Logical_Router_Static_Route";
    const COLUMNS: &'static [&'static str] = &[
        Self::COL_ROUTE_TABLE,
        Self::COL_IP_PREFIX,
        Self::COL_POLICY,
        Self::COL_NEXTHOP,
        Self::COL_OUTPUT_PORT,
        Self::COL_BFD,
        Self::COL_OPTIONS,
        Self::COL_EXTERNAL_IDS,
    ];

    fn uuid(&self) -> Uuid {
        self.uuid
    }

    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {
        c::check_table(table, Self::TABLE)?;
        Ok(LogicalRouterStaticRoute {
            uuid: row.uuid(),
            route_table: c::scalar(table, row, Self::COL_ROUTE_TABLE)?,
            ip_prefix: c::scalar(table, row, Self::COL_IP_PREFIX)?,
            policy: c::optional(table, row, Self::COL_POLICY)?,
            nexthop: c::scalar(table, row, Self::COL_NEXTHOP)?,
            output_port: c::optional(table, row, Self::COL_OUTPUT_PORT)?,
            bfd: c::optional(table, row, Self::COL_BFD)?,
            options: c::map(table, row, Self::COL_OPTIONS)?,
            external_ids: c::map(table, row, Self::COL_EXTERNAL_IDS)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_ROUTE_TABLE, c::from_scalar(&self.route_table)),
            (Self::COL_IP_PREFIX, c::from_scalar(&self.ip_prefix)),
            (Self::COL_POLICY, c::from_optional(&self.policy)),
            (Self::COL_NEXTHOP, c::from_scalar(&self.nexthop)),
            (Self::COL_OUTPUT_PORT, c::from_optional(&self.output_port)),
            (Self::COL_BFD, c::from_optional(&self.bfd)),
            (Self::COL_OPTIONS, c::from_map(&self.options)),
            (Self::COL_EXTERNAL_IDS, c::from_map(&self.external_ids)),
        ]
    }
}

/// The values of `Logical_Router_Static_Route.policy`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LogicalRouterStaticRoutePolicy {
    /// `"dst-ip"`.
    DstIp,
    /// `"src-ip"`.
    SrcIp,
    /// A value this schema version does not list (kept, not rejected).
    Other(String),
}

impl LogicalRouterStaticRoutePolicy {
    /// The value as stored in the database.
    pub fn as_str(&self) -> &str {
        match self {
            LogicalRouterStaticRoutePolicy::DstIp => "dst-ip",
            LogicalRouterStaticRoutePolicy::SrcIp => "src-ip",
            LogicalRouterStaticRoutePolicy::Other(s) => s,
        }
    }
}

impl From<&str> for LogicalRouterStaticRoutePolicy {
    fn from(s: &str) -> LogicalRouterStaticRoutePolicy {
        match s {
            "dst-ip" => LogicalRouterStaticRoutePolicy::DstIp,
            "src-ip" => LogicalRouterStaticRoutePolicy::SrcIp,
            other => LogicalRouterStaticRoutePolicy::Other(other.to_string()),
        }
    }
}

/// The OVSDB default of a string, `""`.
impl Default for LogicalRouterStaticRoutePolicy {
    fn default() -> LogicalRouterStaticRoutePolicy {
        LogicalRouterStaticRoutePolicy::from("")
    }
}

impl std::fmt::Display for LogicalRouterStaticRoutePolicy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl c::AtomValue for LogicalRouterStaticRoutePolicy {
    fn from_atom(a: &Atom) -> Option<LogicalRouterStaticRoutePolicy> {
        a.as_str().map(LogicalRouterStaticRoutePolicy::from)
    }
    fn to_atom(&self) -> Atom {
        Atom::String(self.as_str().to_string())
    }
}

/// A row of table `Logical_Switch` (root table).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LogicalSwitch {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `name`: string.
    pub name: String,
    /// `ports`: set of uuid, reference to `Logical_Switch_Port`.
    pub ports: BTreeSet<Uuid>,
    /// `acls`: set of uuid, reference to `ACL`.
    pub acls: BTreeSet<Uuid>,
    /// `qos_rules`: set of uuid, reference to `QoS`.
    pub qos_rules: BTreeSet<Uuid>,
    /// `load_balancer`: set of uuid, weak reference to `Load_Balancer`.
    pub load_balancer: BTreeSet<Uuid>,
    /// `load_balancer_group`: set of uuid, reference to `Load_Balancer_Group`.
    pub load_balancer_group: BTreeSet<Uuid>,
    /// `dns_records`: set of uuid, weak reference to `DNS`.
    pub dns_records: BTreeSet<Uuid>,
    /// `copp`: optional uuid, weak reference to `Copp`.
    pub copp: Option<Uuid>,
    /// `other_config`: map from string to string.
    pub other_config: BTreeMap<String, String>,
    /// `external_ids`: map from string to string.
    pub external_ids: BTreeMap<String, String>,
    /// `forwarding_groups`: set of uuid, reference to `Forwarding_Group`.
    pub forwarding_groups: BTreeSet<Uuid>,
}

impl LogicalSwitch {
    pub const COL_NAME: &'static str = "name";
    pub const COL_PORTS: &'static str = "ports";
    pub const COL_ACLS: &'static str = "acls";
    pub const COL_QOS_RULES: &'static str = "qos_rules";
    pub const COL_LOAD_BALANCER: &'static str = "load_balancer";
    pub const COL_LOAD_BALANCER_GROUP: &'static str = "load_balancer_group";
    pub const COL_DNS_RECORDS: &'static str = "dns_records";
    pub const COL_COPP: &'static str = "copp";
    pub const COL_OTHER_CONFIG: &'static str = "other_config";
    pub const COL_EXTERNAL_IDS: &'static str = "external_ids";
    pub const COL_FORWARDING_GROUPS: &'static str = "forwarding_groups";
}

impl TypedRow for LogicalSwitch {
    const TABLE: &'static str = "Logical_Switch";
    const COLUMNS: &'static [&'static str] = &[
        Self::COL_NAME,
        Self::COL_PORTS,
        Self::COL_ACLS,
        Self::COL_QOS_RULES,
        Self::COL_LOAD_BALANCER,
        Self::COL_LOAD_BALANCER_GROUP,
        Self::COL_DNS_RECORDS,
        Self::COL_COPP,
        Self::COL_OTHER_CONFIG,
        Self::COL_EXTERNAL_IDS,
        Self::COL_FORWARDING_GROUPS,
    ];

    fn uuid(&self) -> Uuid {
        self.uuid
    }

    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {
        c::check_table(table, Self::TABLE)?;
        Ok(LogicalSwitch {
            uuid: row.uuid(),
            name: c::scalar(table, row, Self::COL_NAME)?,
            ports: c::set(table, row, Self::COL_PORTS)?,
            acls: c::set(table, row, Self::COL_ACLS)?,
            qos_rules: c::set(table, row, Self::COL_QOS_RULES)?,
            load_balancer: c::set(table, row, Self::COL_LOAD_BALANCER)?,
            load_balancer_group: c::set(table, row, Self::COL_LOAD_BALANCER_GROUP)?,
            dns_records: c::set(table, row, Self::COL_DNS_RECORDS)?,
            copp: c::optional(table, row, Self::COL_COPP)?,
            other_config: c::map(table, row, Self::COL_OTHER_CONFIG)?,
            external_ids: c::map(table, row, Self::COL_EXTERNAL_IDS)?,
            forwarding_groups: c::set(table, row, Self::COL_FORWARDING_GROUPS)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_NAME, c::from_scalar(&self.name)),
            (Self::COL_PORTS, c::from_set(&self.ports)),
            (Self::COL_ACLS, c::from_set(&self.acls)),
            (Self::COL_QOS_RULES, c::from_set(&self.qos_rules)),
            (Self::COL_LOAD_BALANCER, c::from_set(&self.load_balancer)),
            (
                Self::COL_LOAD_BALANCER_GROUP,
                c::from_set(&self.load_balancer_group),
            ),
            (Self::COL_DNS_RECORDS, c::from_set(&self.dns_records)),
            (Self::COL_COPP, c::from_optional(&self.copp)),
            (Self::COL_OTHER_CONFIG, c::from_map(&self.other_config)),
            (Self::COL_EXTERNAL_IDS, c::from_map(&self.external_ids)),
            (
                Self::COL_FORWARDING_GROUPS,
                c::from_set(&self.forwarding_groups),
            ),
        ]
    }
}

/// A row of table `Logical_Switch_Port`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LogicalSwitchPort {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `name`: string.
    pub name: String,
    /// `type`: string.
    pub type_: String,
    /// `options`: map from string to string.
    pub options: BTreeMap<String, String>,
    /// `parent_name`: optional string.
    pub parent_name: Option<String>,
    /// `tag_request`: optional integer, 0 to 4095.
    pub tag_request: Option<i64>,
    /// `tag`: optional integer, 1 to 4095.
    pub tag: Option<i64>,
    /// `addresses`: set of string.
    pub addresses: BTreeSet<String>,
    /// `dynamic_addresses`: optional string.
    pub dynamic_addresses: Option<String>,
    /// `port_security`: set of string.
    pub port_security: BTreeSet<String>,
    /// `up`: optional boolean.
    pub up: Option<bool>,
    /// `enabled`: optional boolean.
    pub enabled: Option<bool>,
    /// `dhcpv4_options`: optional uuid, weak reference to `DHCP_Options`.
    pub dhcpv4_options: Option<Uuid>,
    /// `dhcpv6_options`: optional uuid, weak reference to `DHCP_Options`.
    pub dhcpv6_options: Option<Uuid>,
    /// `mirror_rules`: set of uuid, weak reference to `Mirror`.
    pub mirror_rules: BTreeSet<Uuid>,
    /// `ha_chassis_group`: optional uuid, reference to `HA_Chassis_Group`.
    pub ha_chassis_group: Option<Uuid>,
    /// `external_ids`: map from string to string.
    pub external_ids: BTreeMap<String, String>,
}

impl LogicalSwitchPort {
    pub const COL_NAME: &'static str = "name";
    pub const COL_TYPE: &'static str = "type";
    pub const COL_OPTIONS: &'static str = "options";
    pub const COL_PARENT_NAME: &'static str = "parent_name";
    pub const COL_TAG_REQUEST: &'static str = "tag_request";
    pub const COL_TAG: &'static str = "tag";
    pub const COL_ADDRESSES: &'static str = "addresses";
    pub const COL_DYNAMIC_ADDRESSES: &'static str = "dynamic_addresses";
    pub const COL_PORT_SECURITY: &'static str = "port_security";
    pub const COL_UP: &'static str = "up";
    pub const COL_ENABLED: &'static str = "enabled";
    pub const COL_DHCPV4_OPTIONS: &'static str = "dhcpv4_options";
    pub const COL_DHCPV6_OPTIONS: &'static str = "dhcpv6_options";
    pub const COL_MIRROR_RULES: &'static str = "mirror_rules";
    pub const COL_HA_CHASSIS_GROUP: &'static str = "ha_chassis_group";
    pub const COL_EXTERNAL_IDS: &'static str = "external_ids";
}

impl TypedRow for LogicalSwitchPort {
    const TABLE: &'static str = "Logical_Switch_Port";
    const COLUMNS: &'static [&'static str] = &[
        Self::COL_NAME,
        Self::COL_TYPE,
        Self::COL_OPTIONS,
        Self::COL_PARENT_NAME,
        Self::COL_TAG_REQUEST,
        Self::COL_TAG,
        Self::COL_ADDRESSES,
        Self::COL_DYNAMIC_ADDRESSES,
        Self::COL_PORT_SECURITY,
        Self::COL_UP,
        Self::COL_ENABLED,
        Self::COL_DHCPV4_OPTIONS,
        Self::COL_DHCPV6_OPTIONS,
        Self::COL_MIRROR_RULES,
        Self::COL_HA_CHASSIS_GROUP,
        Self::COL_EXTERNAL_IDS,
    ];

    fn uuid(&self) -> Uuid {
        self.uuid
    }

    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {
        c::check_table(table, Self::TABLE)?;
        Ok(LogicalSwitchPort {
            uuid: row.uuid(),
            name: c::scalar(table, row, Self::COL_NAME)?,
            type_: c::scalar(table, row, Self::COL_TYPE)?,
            options: c::map(table, row, Self::COL_OPTIONS)?,
            parent_name: c::optional(table, row, Self::COL_PARENT_NAME)?,
            tag_request: c::optional(table, row, Self::COL_TAG_REQUEST)?,
            tag: c::optional(table, row, Self::COL_TAG)?,
            addresses: c::set(table, row, Self::COL_ADDRESSES)?,
            dynamic_addresses: c::optional(table, row, Self::COL_DYNAMIC_ADDRESSES)?,
            port_security: c::set(table, row, Self::COL_PORT_SECURITY)?,
            up: c::optional(table, row, Self::COL_UP)?,
            enabled: c::optional(table, row, Self::COL_ENABLED)?,
            dhcpv4_options: c::optional(table, row, Self::COL_DHCPV4_OPTIONS)?,
            dhcpv6_options: c::optional(table, row, Self::COL_DHCPV6_OPTIONS)?,
            mirror_rules: c::set(table, row, Self::COL_MIRROR_RULES)?,
            ha_chassis_group: c::optional(table, row, Self::COL_HA_CHASSIS_GROUP)?,
            external_ids: c::map(table, row, Self::COL_EXTERNAL_IDS)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_NAME, c::from_scalar(&self.name)),
            (Self::COL_TYPE, c::from_scalar(&self.type_)),
            (Self::COL_OPTIONS, c::from_map(&self.options)),
            (Self::COL_PARENT_NAME, c::from_optional(&self.parent_name)),
            (Self::COL_TAG_REQUEST, c::from_optional(&self.tag_request)),
            (Self::COL_TAG, c::from_optional(&self.tag)),
            (Self::COL_ADDRESSES, c::from_set(&self.addresses)),
            (
                Self::COL_DYNAMIC_ADDRESSES,
                c::from_optional(&self.dynamic_addresses),
            ),
            (Self::COL_PORT_SECURITY, c::from_set(&self.port_security)),
            (Self::COL_UP, c::from_optional(&self.up)),
            (Self::COL_ENABLED, c::from_optional(&self.enabled)),
            (
                Self::COL_DHCPV4_OPTIONS,
                c::from_optional(&self.dhcpv4_options),
            ),
            (
                Self::COL_DHCPV6_OPTIONS,
                c::from_optional(&self.dhcpv6_options),
            ),
            (Self::COL_MIRROR_RULES, c::from_set(&self.mirror_rules)),
            (
                Self::COL_HA_CHASSIS_GROUP,
                c::from_optional(&self.ha_chassis_group),
            ),
            (Self::COL_EXTERNAL_IDS, c::from_map(&self.external_ids)),
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
    /// `fair`: optional boolean.
    pub fair: Option<bool>,
    /// `external_ids`: map from string to string.
    pub external_ids: BTreeMap<String, String>,
}

impl Meter {
    pub const COL_NAME: &'static str = "name";
    pub const COL_UNIT: &'static str = "unit";
    pub const COL_BANDS: &'static str = "bands";
    pub const COL_FAIR: &'static str = "fair";
    pub const COL_EXTERNAL_IDS: &'static str = "external_ids";
}

impl TypedRow for Meter {
    const TABLE: &'static str = "Meter";
    const COLUMNS: &'static [&'static str] = &[
        Self::COL_NAME,
        Self::COL_UNIT,
        Self::COL_BANDS,
        Self::COL_FAIR,
        Self::COL_EXTERNAL_IDS,
    ];

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
            fair: c::optional(table, row, Self::COL_FAIR)?,
            external_ids: c::map(table, row, Self::COL_EXTERNAL_IDS)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_NAME, c::from_scalar(&self.name)),
            (Self::COL_UNIT, c::from_scalar(&self.unit)),
            (Self::COL_BANDS, c::from_set(&self.bands)),
            (Self::COL_FAIR, c::from_optional(&self.fair)),
            (Self::COL_EXTERNAL_IDS, c::from_map(&self.external_ids)),
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
    /// `external_ids`: map from string to string.
    pub external_ids: BTreeMap<String, String>,
}

impl MeterBand {
    pub const COL_ACTION: &'static str = "action";
    pub const COL_RATE: &'static str = "rate";
    pub const COL_BURST_SIZE: &'static str = "burst_size";
    pub const COL_EXTERNAL_IDS: &'static str = "external_ids";
}

impl TypedRow for MeterBand {
    const TABLE: &'static str = "Meter_Band";
    const COLUMNS: &'static [&'static str] = &[
        Self::COL_ACTION,
        Self::COL_RATE,
        Self::COL_BURST_SIZE,
        Self::COL_EXTERNAL_IDS,
    ];

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
            external_ids: c::map(table, row, Self::COL_EXTERNAL_IDS)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_ACTION, c::from_scalar(&self.action)),
            (Self::COL_RATE, c::from_scalar(&self.rate)),
            (Self::COL_BURST_SIZE, c::from_scalar(&self.burst_size)),
            (Self::COL_EXTERNAL_IDS, c::from_map(&self.external_ids)),
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

/// A row of table `NAT`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Nat {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `external_ip`: string.
    pub external_ip: String,
    /// `external_mac`: optional string.
    pub external_mac: Option<String>,
    /// `external_port_range`: string.
    pub external_port_range: String,
    /// `logical_ip`: string.
    pub logical_ip: String,
    /// `logical_port`: optional string.
    pub logical_port: Option<String>,
    /// `type`: string, one of `"dnat"`, `"dnat_and_snat"`, `"snat"`.
    pub type_: NatType,
    /// `allowed_ext_ips`: optional uuid, reference to `Address_Set`.
    pub allowed_ext_ips: Option<Uuid>,
    /// `exempted_ext_ips`: optional uuid, reference to `Address_Set`.
    pub exempted_ext_ips: Option<Uuid>,
    /// `gateway_port`: optional uuid, weak reference to `Logical_Router_Port`.
    pub gateway_port: Option<Uuid>,
    /// `options`: map from string to string.
    pub options: BTreeMap<String, String>,
    /// `external_ids`: map from string to string.
    pub external_ids: BTreeMap<String, String>,
}

impl Nat {
    pub const COL_EXTERNAL_IP: &'static str = "external_ip";
    pub const COL_EXTERNAL_MAC: &'static str = "external_mac";
    pub const COL_EXTERNAL_PORT_RANGE: &'static str = "external_port_range";
    pub const COL_LOGICAL_IP: &'static str = "logical_ip";
    pub const COL_LOGICAL_PORT: &'static str = "logical_port";
    pub const COL_TYPE: &'static str = "type";
    pub const COL_ALLOWED_EXT_IPS: &'static str = "allowed_ext_ips";
    pub const COL_EXEMPTED_EXT_IPS: &'static str = "exempted_ext_ips";
    pub const COL_GATEWAY_PORT: &'static str = "gateway_port";
    pub const COL_OPTIONS: &'static str = "options";
    pub const COL_EXTERNAL_IDS: &'static str = "external_ids";
}

impl TypedRow for Nat {
    const TABLE: &'static str = "NAT";
    const COLUMNS: &'static [&'static str] = &[
        Self::COL_EXTERNAL_IP,
        Self::COL_EXTERNAL_MAC,
        Self::COL_EXTERNAL_PORT_RANGE,
        Self::COL_LOGICAL_IP,
        Self::COL_LOGICAL_PORT,
        Self::COL_TYPE,
        Self::COL_ALLOWED_EXT_IPS,
        Self::COL_EXEMPTED_EXT_IPS,
        Self::COL_GATEWAY_PORT,
        Self::COL_OPTIONS,
        Self::COL_EXTERNAL_IDS,
    ];

    fn uuid(&self) -> Uuid {
        self.uuid
    }

    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {
        c::check_table(table, Self::TABLE)?;
        Ok(Nat {
            uuid: row.uuid(),
            external_ip: c::scalar(table, row, Self::COL_EXTERNAL_IP)?,
            external_mac: c::optional(table, row, Self::COL_EXTERNAL_MAC)?,
            external_port_range: c::scalar(table, row, Self::COL_EXTERNAL_PORT_RANGE)?,
            logical_ip: c::scalar(table, row, Self::COL_LOGICAL_IP)?,
            logical_port: c::optional(table, row, Self::COL_LOGICAL_PORT)?,
            type_: c::scalar(table, row, Self::COL_TYPE)?,
            allowed_ext_ips: c::optional(table, row, Self::COL_ALLOWED_EXT_IPS)?,
            exempted_ext_ips: c::optional(table, row, Self::COL_EXEMPTED_EXT_IPS)?,
            gateway_port: c::optional(table, row, Self::COL_GATEWAY_PORT)?,
            options: c::map(table, row, Self::COL_OPTIONS)?,
            external_ids: c::map(table, row, Self::COL_EXTERNAL_IDS)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_EXTERNAL_IP, c::from_scalar(&self.external_ip)),
            (Self::COL_EXTERNAL_MAC, c::from_optional(&self.external_mac)),
            (
                Self::COL_EXTERNAL_PORT_RANGE,
                c::from_scalar(&self.external_port_range),
            ),
            (Self::COL_LOGICAL_IP, c::from_scalar(&self.logical_ip)),
            (Self::COL_LOGICAL_PORT, c::from_optional(&self.logical_port)),
            (Self::COL_TYPE, c::from_scalar(&self.type_)),
            (
                Self::COL_ALLOWED_EXT_IPS,
                c::from_optional(&self.allowed_ext_ips),
            ),
            (
                Self::COL_EXEMPTED_EXT_IPS,
                c::from_optional(&self.exempted_ext_ips),
            ),
            (Self::COL_GATEWAY_PORT, c::from_optional(&self.gateway_port)),
            (Self::COL_OPTIONS, c::from_map(&self.options)),
            (Self::COL_EXTERNAL_IDS, c::from_map(&self.external_ids)),
        ]
    }
}

/// The values of `NAT.type`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NatType {
    /// `"dnat"`.
    Dnat,
    /// `"dnat_and_snat"`.
    DnatAndSnat,
    /// `"snat"`.
    Snat,
    /// A value this schema version does not list (kept, not rejected).
    Other(String),
}

impl NatType {
    /// The value as stored in the database.
    pub fn as_str(&self) -> &str {
        match self {
            NatType::Dnat => "dnat",
            NatType::DnatAndSnat => "dnat_and_snat",
            NatType::Snat => "snat",
            NatType::Other(s) => s,
        }
    }
}

impl From<&str> for NatType {
    fn from(s: &str) -> NatType {
        match s {
            "dnat" => NatType::Dnat,
            "dnat_and_snat" => NatType::DnatAndSnat,
            "snat" => NatType::Snat,
            other => NatType::Other(other.to_string()),
        }
    }
}

/// The OVSDB default of a string, `""`.
impl Default for NatType {
    fn default() -> NatType {
        NatType::from("")
    }
}

impl std::fmt::Display for NatType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl c::AtomValue for NatType {
    fn from_atom(a: &Atom) -> Option<NatType> {
        a.as_str().map(NatType::from)
    }
    fn to_atom(&self) -> Atom {
        Atom::String(self.as_str().to_string())
    }
}

/// A row of table `NB_Global` (root table).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NbGlobal {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `name`: string.
    pub name: String,
    /// `nb_cfg`: integer.
    pub nb_cfg: i64,
    /// `nb_cfg_timestamp`: integer.
    pub nb_cfg_timestamp: i64,
    /// `sb_cfg`: integer.
    pub sb_cfg: i64,
    /// `sb_cfg_timestamp`: integer.
    pub sb_cfg_timestamp: i64,
    /// `hv_cfg`: integer.
    pub hv_cfg: i64,
    /// `hv_cfg_timestamp`: integer.
    pub hv_cfg_timestamp: i64,
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

impl NbGlobal {
    pub const COL_NAME: &'static str = "name";
    pub const COL_NB_CFG: &'static str = "nb_cfg";
    pub const COL_NB_CFG_TIMESTAMP: &'static str = "nb_cfg_timestamp";
    pub const COL_SB_CFG: &'static str = "sb_cfg";
    pub const COL_SB_CFG_TIMESTAMP: &'static str = "sb_cfg_timestamp";
    pub const COL_HV_CFG: &'static str = "hv_cfg";
    pub const COL_HV_CFG_TIMESTAMP: &'static str = "hv_cfg_timestamp";
    pub const COL_EXTERNAL_IDS: &'static str = "external_ids";
    pub const COL_CONNECTIONS: &'static str = "connections";
    pub const COL_SSL: &'static str = "ssl";
    pub const COL_OPTIONS: &'static str = "options";
    pub const COL_IPSEC: &'static str = "ipsec";
}

impl TypedRow for NbGlobal {
    const TABLE: &'static str = "NB_Global";
    const COLUMNS: &'static [&'static str] = &[
        Self::COL_NAME,
        Self::COL_NB_CFG,
        Self::COL_NB_CFG_TIMESTAMP,
        Self::COL_SB_CFG,
        Self::COL_SB_CFG_TIMESTAMP,
        Self::COL_HV_CFG,
        Self::COL_HV_CFG_TIMESTAMP,
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
        Ok(NbGlobal {
            uuid: row.uuid(),
            name: c::scalar(table, row, Self::COL_NAME)?,
            nb_cfg: c::scalar(table, row, Self::COL_NB_CFG)?,
            nb_cfg_timestamp: c::scalar(table, row, Self::COL_NB_CFG_TIMESTAMP)?,
            sb_cfg: c::scalar(table, row, Self::COL_SB_CFG)?,
            sb_cfg_timestamp: c::scalar(table, row, Self::COL_SB_CFG_TIMESTAMP)?,
            hv_cfg: c::scalar(table, row, Self::COL_HV_CFG)?,
            hv_cfg_timestamp: c::scalar(table, row, Self::COL_HV_CFG_TIMESTAMP)?,
            external_ids: c::map(table, row, Self::COL_EXTERNAL_IDS)?,
            connections: c::set(table, row, Self::COL_CONNECTIONS)?,
            ssl: c::optional(table, row, Self::COL_SSL)?,
            options: c::map(table, row, Self::COL_OPTIONS)?,
            ipsec: c::scalar(table, row, Self::COL_IPSEC)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_NAME, c::from_scalar(&self.name)),
            (Self::COL_NB_CFG, c::from_scalar(&self.nb_cfg)),
            (
                Self::COL_NB_CFG_TIMESTAMP,
                c::from_scalar(&self.nb_cfg_timestamp),
            ),
            (Self::COL_SB_CFG, c::from_scalar(&self.sb_cfg)),
            (
                Self::COL_SB_CFG_TIMESTAMP,
                c::from_scalar(&self.sb_cfg_timestamp),
            ),
            (Self::COL_HV_CFG, c::from_scalar(&self.hv_cfg)),
            (
                Self::COL_HV_CFG_TIMESTAMP,
                c::from_scalar(&self.hv_cfg_timestamp),
            ),
            (Self::COL_EXTERNAL_IDS, c::from_map(&self.external_ids)),
            (Self::COL_CONNECTIONS, c::from_set(&self.connections)),
            (Self::COL_SSL, c::from_optional(&self.ssl)),
            (Self::COL_OPTIONS, c::from_map(&self.options)),
            (Self::COL_IPSEC, c::from_scalar(&self.ipsec)),
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
    /// `ports`: set of uuid, weak reference to `Logical_Switch_Port`.
    pub ports: BTreeSet<Uuid>,
    /// `acls`: set of uuid, reference to `ACL`.
    pub acls: BTreeSet<Uuid>,
    /// `external_ids`: map from string to string.
    pub external_ids: BTreeMap<String, String>,
}

impl PortGroup {
    pub const COL_NAME: &'static str = "name";
    pub const COL_PORTS: &'static str = "ports";
    pub const COL_ACLS: &'static str = "acls";
    pub const COL_EXTERNAL_IDS: &'static str = "external_ids";
}

impl TypedRow for PortGroup {
    const TABLE: &'static str = "Port_Group";
    const COLUMNS: &'static [&'static str] = &[
        Self::COL_NAME,
        Self::COL_PORTS,
        Self::COL_ACLS,
        Self::COL_EXTERNAL_IDS,
    ];

    fn uuid(&self) -> Uuid {
        self.uuid
    }

    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {
        c::check_table(table, Self::TABLE)?;
        Ok(PortGroup {
            uuid: row.uuid(),
            name: c::scalar(table, row, Self::COL_NAME)?,
            ports: c::set(table, row, Self::COL_PORTS)?,
            acls: c::set(table, row, Self::COL_ACLS)?,
            external_ids: c::map(table, row, Self::COL_EXTERNAL_IDS)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_NAME, c::from_scalar(&self.name)),
            (Self::COL_PORTS, c::from_set(&self.ports)),
            (Self::COL_ACLS, c::from_set(&self.acls)),
            (Self::COL_EXTERNAL_IDS, c::from_map(&self.external_ids)),
        ]
    }
}

/// A row of table `QoS`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct QoS {
    /// `_uuid`.
    pub uuid: Uuid,
    /// `priority`: integer, 0 to 32767.
    pub priority: i64,
    /// `direction`: string, one of `"from-lport"`, `"to-lport"`.
    pub direction: QoSDirection,
    /// `match`: string.
    pub match_: String,
    /// `action`: map from string, one of `"dscp"` to integer, 0 to 63.
    pub action: BTreeMap<QoSActionKey, i64>,
    /// `bandwidth`: map from string, one of `"burst"`, `"rate"` to integer, 1 to 4294967295.
    pub bandwidth: BTreeMap<QoSBandwidthKey, i64>,
    /// `external_ids`: map from string to string.
    pub external_ids: BTreeMap<String, String>,
}

impl QoS {
    pub const COL_PRIORITY: &'static str = "priority";
    pub const COL_DIRECTION: &'static str = "direction";
    pub const COL_MATCH: &'static str = "match";
    pub const COL_ACTION: &'static str = "action";
    pub const COL_BANDWIDTH: &'static str = "bandwidth";
    pub const COL_EXTERNAL_IDS: &'static str = "external_ids";
}

impl TypedRow for QoS {
    const TABLE: &'static str = "QoS";
    const COLUMNS: &'static [&'static str] = &[
        Self::COL_PRIORITY,
        Self::COL_DIRECTION,
        Self::COL_MATCH,
        Self::COL_ACTION,
        Self::COL_BANDWIDTH,
        Self::COL_EXTERNAL_IDS,
    ];

    fn uuid(&self) -> Uuid {
        self.uuid
    }

    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {
        c::check_table(table, Self::TABLE)?;
        Ok(QoS {
            uuid: row.uuid(),
            priority: c::scalar(table, row, Self::COL_PRIORITY)?,
            direction: c::scalar(table, row, Self::COL_DIRECTION)?,
            match_: c::scalar(table, row, Self::COL_MATCH)?,
            action: c::map(table, row, Self::COL_ACTION)?,
            bandwidth: c::map(table, row, Self::COL_BANDWIDTH)?,
            external_ids: c::map(table, row, Self::COL_EXTERNAL_IDS)?,
        })
    }

    fn to_values(&self) -> Vec<(&'static str, Datum)> {
        vec![
            (Self::COL_PRIORITY, c::from_scalar(&self.priority)),
            (Self::COL_DIRECTION, c::from_scalar(&self.direction)),
            (Self::COL_MATCH, c::from_scalar(&self.match_)),
            (Self::COL_ACTION, c::from_map(&self.action)),
            (Self::COL_BANDWIDTH, c::from_map(&self.bandwidth)),
            (Self::COL_EXTERNAL_IDS, c::from_map(&self.external_ids)),
        ]
    }
}

/// The values of `QoS.direction`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum QoSDirection {
    /// `"from-lport"`.
    FromLport,
    /// `"to-lport"`.
    ToLport,
    /// A value this schema version does not list (kept, not rejected).
    Other(String),
}

impl QoSDirection {
    /// The value as stored in the database.
    pub fn as_str(&self) -> &str {
        match self {
            QoSDirection::FromLport => "from-lport",
            QoSDirection::ToLport => "to-lport",
            QoSDirection::Other(s) => s,
        }
    }
}

impl From<&str> for QoSDirection {
    fn from(s: &str) -> QoSDirection {
        match s {
            "from-lport" => QoSDirection::FromLport,
            "to-lport" => QoSDirection::ToLport,
            other => QoSDirection::Other(other.to_string()),
        }
    }
}

/// The OVSDB default of a string, `""`.
impl Default for QoSDirection {
    fn default() -> QoSDirection {
        QoSDirection::from("")
    }
}

impl std::fmt::Display for QoSDirection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl c::AtomValue for QoSDirection {
    fn from_atom(a: &Atom) -> Option<QoSDirection> {
        a.as_str().map(QoSDirection::from)
    }
    fn to_atom(&self) -> Atom {
        Atom::String(self.as_str().to_string())
    }
}

/// The values of keys of `QoS.action`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum QoSActionKey {
    /// `"dscp"`.
    Dscp,
    /// A value this schema version does not list (kept, not rejected).
    Other(String),
}

impl QoSActionKey {
    /// The value as stored in the database.
    pub fn as_str(&self) -> &str {
        match self {
            QoSActionKey::Dscp => "dscp",
            QoSActionKey::Other(s) => s,
        }
    }
}

impl From<&str> for QoSActionKey {
    fn from(s: &str) -> QoSActionKey {
        match s {
            "dscp" => QoSActionKey::Dscp,
            other => QoSActionKey::Other(other.to_string()),
        }
    }
}

/// The OVSDB default of a string, `""`.
impl Default for QoSActionKey {
    fn default() -> QoSActionKey {
        QoSActionKey::from("")
    }
}

impl std::fmt::Display for QoSActionKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl c::AtomValue for QoSActionKey {
    fn from_atom(a: &Atom) -> Option<QoSActionKey> {
        a.as_str().map(QoSActionKey::from)
    }
    fn to_atom(&self) -> Atom {
        Atom::String(self.as_str().to_string())
    }
}

/// The values of keys of `QoS.bandwidth`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum QoSBandwidthKey {
    /// `"burst"`.
    Burst,
    /// `"rate"`.
    Rate,
    /// A value this schema version does not list (kept, not rejected).
    Other(String),
}

impl QoSBandwidthKey {
    /// The value as stored in the database.
    pub fn as_str(&self) -> &str {
        match self {
            QoSBandwidthKey::Burst => "burst",
            QoSBandwidthKey::Rate => "rate",
            QoSBandwidthKey::Other(s) => s,
        }
    }
}

impl From<&str> for QoSBandwidthKey {
    fn from(s: &str) -> QoSBandwidthKey {
        match s {
            "burst" => QoSBandwidthKey::Burst,
            "rate" => QoSBandwidthKey::Rate,
            other => QoSBandwidthKey::Other(other.to_string()),
        }
    }
}

/// The OVSDB default of a string, `""`.
impl Default for QoSBandwidthKey {
    fn default() -> QoSBandwidthKey {
        QoSBandwidthKey::from("")
    }
}

impl std::fmt::Display for QoSBandwidthKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl c::AtomValue for QoSBandwidthKey {
    fn from_atom(a: &Atom) -> Option<QoSBandwidthKey> {
        a.as_str().map(QoSBandwidthKey::from)
    }
    fn to_atom(&self) -> Atom {
        Atom::String(self.as_str().to_string())
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
}

impl StaticMacBinding {
    pub const COL_LOGICAL_PORT: &'static str = "logical_port";
    pub const COL_IP: &'static str = "ip";
    pub const COL_MAC: &'static str = "mac";
    pub const COL_OVERRIDE_DYNAMIC_MAC: &'static str = "override_dynamic_mac";
}

impl TypedRow for StaticMacBinding {
    const TABLE: &'static str = "Static_MAC_Binding";
    const COLUMNS: &'static [&'static str] = &[
        Self::COL_LOGICAL_PORT,
        Self::COL_IP,
        Self::COL_MAC,
        Self::COL_OVERRIDE_DYNAMIC_MAC,
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
        ]
    }
}
