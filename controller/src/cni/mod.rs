//! The CNI service: what `rovn-cni` ADD/DEL/CHECK/STATUS/GC requests do on this node.
//!
//! One job per file: `add`, `del`, `check`, `gc`, `status` implement the commands;
//! `nb`, `sb`, `ovs` are the database operations they use; `veth`, `netns`, `ethtool`
//! the kernel side; `naming` and `addressing` the pure rules; `rpc` exposes the service
//! as JSON-RPC methods for `crate::api::serve`.
//!
//! Where the databases are: the local Open_vSwitch database is given (`--db`, default
//! `unix:/var/run/openvswitch/db.sock`); the SB is `external_ids:ovn-remote` of its
//! `Open_vSwitch` row, as for ovn-controller (or `--ovnsb-db`); the NB is `--ovnnb-db` or
//! else `external_ids:ovn-nb-remote` (rovn's key). The chassis is `external_ids:system-id`
//! and the bridge `external_ids:ovn-bridge` (default `br-int`).
//!
//! Invariants:
//! - ADD answers only once the SB `Port_Binding.up` of the pod's port is true, i.e. the
//!   pod can send traffic when the runtime starts it;
//! - a failed ADD removes what it created (veth, OVS port, logical port) before it
//!   reports the error;
//! - DEL and GC remove only rows marked as ours for the same container and ifname
//!   (see `naming`), and succeed when there is nothing left to remove; DEL needs no netns;
//! - no local state: everything is found again from names and marks, so a restarted
//!   controller can DEL what an earlier one added.

mod add;
pub mod addressing;
mod check;
mod db;
mod del;
pub mod error;
pub mod ethtool;
mod gc;
pub mod naming;
mod nb;
pub mod netns;
mod ovs;
pub mod rpc;
mod sb;
mod status;
pub mod veth;

use std::sync::Arc;
use std::time::Duration;

use ovsdb::remote::Remote;
use tokio::sync::OnceCell;

pub use db::Db;
pub use error::ServiceError;
pub use ovs::LocalConfig;

/// Settings of the CNI service.
#[derive(Debug, Clone)]
pub struct ServiceConfig {
    /// The local Open_vSwitch database.
    pub ovs_remote: Remote,
    /// The NB database; `None`: `external_ids:ovn-nb-remote`.
    pub nb_remote: Option<Remote>,
    /// The SB database; `None`: `external_ids:ovn-remote`.
    pub sb_remote: Option<Remote>,
    /// Pod interface MTU when the network config names none (room for Geneve on 1500).
    pub mtu: u32,
    /// How long ADD waits for northd to assign a dynamic address.
    pub address_timeout: Duration,
    /// How long ADD waits for the Port_Binding to come up.
    pub up_timeout: Duration,
}

impl ServiceConfig {
    pub fn new(ovs_remote: Remote) -> ServiceConfig {
        ServiceConfig {
            ovs_remote,
            nb_remote: None,
            sb_remote: None,
            mtu: 1400,
            address_timeout: Duration::from_secs(30),
            up_timeout: Duration::from_secs(45),
        }
    }
}

/// The service; share it as `Arc<CniService>`.
pub struct CniService {
    cfg: ServiceConfig,
    ovs: Arc<Db>,
    nb: OnceCell<Arc<Db>>,
    sb: OnceCell<Arc<Db>>,
}

impl CniService {
    /// Creates the service (inside a tokio runtime); databases connect lazily.
    pub fn new(cfg: ServiceConfig) -> Arc<CniService> {
        let ovs = Db::new("Open_vSwitch", cfg.ovs_remote.clone(), ovs::TABLES);
        Arc::new(CniService {
            cfg,
            ovs,
            nb: OnceCell::new(),
            sb: OnceCell::new(),
        })
    }

    pub fn config(&self) -> &ServiceConfig {
        &self.cfg
    }

    /// This node's configuration from the Open_vSwitch row.
    pub async fn local(&self) -> Result<LocalConfig, ServiceError> {
        ovs::local_config(&self.ovs).await
    }

    async fn nb(&self) -> Result<Arc<Db>, ServiceError> {
        self.nb
            .get_or_try_init(|| async {
                let remote = match &self.cfg.nb_remote {
                    Some(r) => r.clone(),
                    None => self.remote_from_ovs("ovn-nb-remote", self.local().await?.nb_remote)?,
                };
                Ok(Db::new("OVN_Northbound", remote, nb::TABLES))
            })
            .await
            .cloned()
    }

    async fn sb(&self) -> Result<Arc<Db>, ServiceError> {
        self.sb
            .get_or_try_init(|| async {
                let remote = match &self.cfg.sb_remote {
                    Some(r) => r.clone(),
                    None => self.remote_from_ovs("ovn-remote", self.local().await?.sb_remote)?,
                };
                Ok(Db::new("OVN_Southbound", remote, sb::TABLES))
            })
            .await
            .cloned()
    }

    fn remote_from_ovs(&self, key: &str, value: Option<String>) -> Result<Remote, ServiceError> {
        let v = value.ok_or_else(|| {
            ServiceError::NotReady(format!("Open_vSwitch external_ids:{key} is not set"))
        })?;
        // Open vSwitch allows a comma-separated list; the first entry is used.
        let first = v.split(',').next().unwrap_or_default().trim();
        first.parse::<Remote>().map_err(|e| {
            ServiceError::Config(format!("Open_vSwitch external_ids:{key}={v:?}: {e}"))
        })
    }
}
