//! Parameters and replies of the CNI methods (see [`super::methods`]).

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

pub use crate::net::{IpNet, MacAddr};

/// The Kubernetes pod an attachment belongs to (from `CNI_ARGS`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PodRef {
    pub namespace: String,
    pub name: String,
}

/// The parts of the network configuration the controller acts on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetworkConf {
    /// The network's `name` (unique per node).
    pub name: String,
    /// The `cniVersion` the runtime asked for.
    pub cni_version: String,
    /// The OVN logical switch pods of this network attach to.
    pub logical_switch: String,
    /// Interface MTU; the controller picks its default when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mtu: Option<u32>,
}

/// One attachment as ADD, DEL and CHECK name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CniRequest {
    pub container_id: String,
    /// Path of the pod's network namespace; `None` when the runtime passed none (DEL may).
    pub netns: Option<PathBuf>,
    pub ifname: String,
    pub pod: Option<PodRef>,
    pub network: NetworkConf,
    /// Static MAC requested through `runtimeConfig.mac`, `args` or `CNI_ARGS` `MAC=`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mac: Option<MacAddr>,
    /// Static addresses requested through `runtimeConfig.ips`, `args` or `CNI_ARGS` `IP=`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ips: Vec<IpNet>,
    /// CHECK: the result ADD returned earlier, as parsed from `prevResult`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prev_result: Option<AddReply>,
}

/// An interface ADD created.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interface {
    pub name: String,
    pub mac: MacAddr,
    /// The netns path for interfaces inside the pod; `None` for host-side interfaces.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sandbox: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mtu: Option<u32>,
}

/// An address assigned to one of [`AddReply::interfaces`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IpConfig {
    pub address: IpNet,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gateway: Option<std::net::IpAddr>,
    /// Index into [`AddReply::interfaces`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interface: Option<u32>,
}

/// A route installed in the pod.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Route {
    pub dst: IpNet,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gw: Option<std::net::IpAddr>,
}

/// What ADD did, in version-neutral form; the shim renders it as the CNI result of the
/// version the runtime asked for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddReply {
    pub interfaces: Vec<Interface>,
    pub ips: Vec<IpConfig>,
    #[serde(default)]
    pub routes: Vec<Route>,
}

/// STATUS: is the plugin ready to ADD on this network?
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusRequest {
    pub network: NetworkConf,
}

/// An attachment as GC's `cni.dev/valid-attachments` names it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Attachment {
    pub container_id: String,
    pub ifname: String,
}

/// GC: remove every attachment of this network that is not listed as valid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GcRequest {
    pub network: NetworkConf,
    pub valid: Vec<Attachment>,
}

/// What GC removed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GcReply {
    pub removed: Vec<Attachment>,
}
