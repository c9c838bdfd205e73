//! ADD: logical port (created or claimed) → address from northd → veth into the pod →
//! OVS port with `iface-id` → wait for `Port_Binding.up` → result. Any failure undoes
//! what this call created, in reverse order.

use std::net::IpAddr;
use std::path::PathBuf;

use cni_shim::api::{AddReply, CniRequest, Interface, IpConfig, Route};
use cni_shim::net::IpNet;
use ovsdb::typed::nb::LogicalSwitchPort;

use super::error::ServiceError;
use super::veth::{self, PodSide};
use super::{addressing, naming, nb, netns, ovs, sb, CniService};

/// What to remove if ADD fails part-way.
#[derive(Default)]
struct Undo {
    lsp: Option<LogicalSwitchPort>,
    veth: Option<String>,
    ovs_port: Option<String>,
}

impl CniService {
    /// Attaches the pod; see the module doc.
    pub async fn add(&self, req: &CniRequest) -> Result<AddReply, ServiceError> {
        let mut undo = Undo::default();
        match self.add_steps(req, &mut undo).await {
            Ok(r) => Ok(r),
            Err(e) => {
                tracing::warn!(container = %req.container_id, error = %e, "ADD failed; rolling back");
                self.rollback(req, undo).await;
                Err(e)
            }
        }
    }

    async fn rollback(&self, req: &CniRequest, undo: Undo) {
        if let Some(port) = undo.ovs_port {
            if let Err(e) = ovs::detach(&self.ovs, &port, &req.container_id, &req.ifname).await {
                tracing::warn!(error = %e, port, "rollback: detaching OVS port failed");
            }
        }
        if let Some(host) = undo.veth {
            if let Err(e) = veth::delete_host(&host).await {
                tracing::warn!(error = %e, host, "rollback: deleting veth failed");
            }
        }
        if let Some(lsp) = undo.lsp {
            let name = lsp.name.clone();
            let removed = match self.nb().await {
                Ok(db) => match nb::port(&db, &lsp.name).await {
                    Ok(Some(current)) => nb::delete_port(&db, &current).await,
                    Ok(None) => Ok(()),
                    Err(e) => Err(e),
                },
                Err(e) => Err(e),
            };
            if let Err(e) = removed {
                tracing::warn!(error = %e, port = name, "rollback: deleting logical port failed");
            }
        }
    }

    /// When a new sandbox of the same pod claims our logical port, the old sandbox's
    /// OVS port and veth (ours, bound to the same `iface-id`) must go first.
    async fn retire_previous_sandbox(
        &self,
        ids: &std::collections::BTreeMap<String, String>,
        req: &CniRequest,
    ) -> Result<(), ServiceError> {
        let (Some(old_c), Some(old_if)) =
            (ids.get(naming::CONTAINER_KEY), ids.get(naming::IFNAME_KEY))
        else {
            return Ok(());
        };
        if old_c == &req.container_id && old_if == &req.ifname {
            return Ok(());
        }
        let network = ids
            .get(naming::NETWORK_KEY)
            .cloned()
            .unwrap_or_else(|| req.network.name.clone());
        let old_host = naming::host_veth(&network, old_c, old_if);
        let detached = ovs::detach(&self.ovs, &old_host, old_c, old_if).await?;
        let deleted = veth::delete_host(&old_host).await?;
        tracing::info!(old_container = %old_c, detached, deleted, "retired the previous sandbox's attachment");
        Ok(())
    }

    async fn add_steps(&self, req: &CniRequest, undo: &mut Undo) -> Result<AddReply, ServiceError> {
        let netns_path: PathBuf = req.netns.clone().ok_or_else(|| {
            ServiceError::Config("ADD needs the pod's network namespace (CNI_NETNS)".into())
        })?;
        drop(netns::open(&netns_path)?);
        let local = self.local().await?;
        let nbdb = self.nb().await?;
        let sbdb = self.sb().await?;
        let ls = nb::switch(&nbdb, &req.network.logical_switch).await?;
        let name = naming::lsp_name(req);
        let marks = naming::marks(req, &local.system_id);
        let requested = addressing::requested_addresses(req.mac, &req.ips);

        // 1. the logical port
        match nb::port(&nbdb, &name).await? {
            None => {
                let lsp = LogicalSwitchPort {
                    name: name.clone(),
                    addresses: [requested].into(),
                    external_ids: marks.clone(),
                    ..Default::default()
                };
                nb::create_port(&nbdb, &ls, &lsp).await?;
                undo.lsp = Some(lsp);
                tracing::info!(port = name, switch = ls.name, "created logical port");
            }
            Some(existing) => {
                if !ls.ports.contains(&existing.uuid) {
                    return Err(ServiceError::Config(format!(
                        "logical port {name} exists on another switch than {}",
                        ls.name
                    )));
                }
                if naming::is_ours(&existing.external_ids) {
                    self.retire_previous_sandbox(&existing.external_ids, req)
                        .await?;
                    let mut new = existing.clone();
                    new.external_ids = marks.clone();
                    if !req.ips.is_empty() || req.mac.is_some() {
                        new.addresses = [requested].into();
                    }
                    if new != existing {
                        nb::update_port(&nbdb, &existing, &new).await?;
                    }
                    tracing::info!(port = name, "claimed existing logical port");
                } else {
                    tracing::info!(
                        port = name,
                        "using a logical port rovn-cni did not create (left as is)"
                    );
                }
            }
        }

        // 2. its addresses
        let addrs = nb::wait_addresses(&nbdb, &name, self.cfg.address_timeout).await?.ok_or_else(|| {
            ServiceError::Timeout(format!(
                "no address for logical port {name} after {:?}: is ovn-northd running, and does switch {} have other_config:subnet?",
                self.cfg.address_timeout, ls.name
            ))
        })?;
        let ips = addressing::with_prefixes(&addrs.ips, &req.ips, &ls.other_config)
            .map_err(ServiceError::Config)?;
        if ips.is_empty() {
            return Err(ServiceError::Config(format!(
                "logical port {name} has no IP address"
            )));
        }
        // port security: a pod may only send from the addresses it was given (ports we
        // did not create keep whatever their owner set)
        if let Some(p) = nb::port(&nbdb, &name).await? {
            let want = addressing::security_entry(&addrs);
            if naming::is_ours(&p.external_ids) && p.port_security != [want.clone()].into() {
                let mut new = p.clone();
                new.port_security = [want].into();
                nb::update_port(&nbdb, &p, &new).await?;
            }
        }
        let (g4, g6) = addressing::gateways(&ls.other_config);
        let has = |v4: bool| ips.iter().any(|n| n.is_ipv4() == v4);
        let own = |g: IpAddr| ips.iter().any(|n| n.addr() == g);
        let gateway4 = g4.filter(|g| has(true) && !own(IpAddr::V4(*g)));
        let gateway6 = g6.filter(|g| has(false) && !own(IpAddr::V6(*g)));
        let mtu = req.network.mtu.unwrap_or(self.cfg.mtu);

        // 3. the veth pair (a leftover from an earlier ADD of the same attachment is replaced)
        let host = naming::host_veth(&req.network.name, &req.container_id, &req.ifname);
        let tmp = naming::tmp_peer(&req.network.name, &req.container_id, &req.ifname);
        let stale_port = ovs::detach(&self.ovs, &host, &req.container_id, &req.ifname).await?;
        if veth::delete_host(&host).await? || stale_port {
            tracing::info!(host, "replacing the attachment of an earlier ADD");
        }
        if stale_port {
            // ovn-controller must see the old interface go before the new one comes, or
            // the `up` we wait for below could still be the old binding's.
            let released = sbdb
                .wait_for(self.cfg.up_timeout, |r| {
                    (!sb::is_up_in(r, &name)).then_some(())
                })
                .await?;
            if released.is_none() {
                tracing::warn!(port = name, "old binding still up; continuing");
            }
        }
        undo.veth = Some(host.clone());
        let pod = PodSide {
            ifname: req.ifname.clone(),
            mac: addrs.mac,
            mtu,
            addrs: ips.clone(),
            gateway4,
            gateway6,
        };
        let created = veth::create(&host, &tmp, &netns_path, &pod).await?;
        let host_mac = created.host_mac;

        // 4. the OVS port
        let mut ids = marks.clone();
        ids.insert(naming::IFACE_ID_KEY.to_string(), name.clone());
        ids.insert("attached-mac".to_string(), addrs.mac.to_string());
        undo.ovs_port = Some(host.clone());
        ovs::attach(&self.ovs, &local.bridge, &host, ids).await?;

        // 5. ovn-controller bound it and installed its flows (fail fast if OVS cannot
        //    open the interface: waiting would only hide the reason)
        let deadline = tokio::time::Instant::now() + self.cfg.up_timeout;
        loop {
            if sb::is_up(&sbdb, &name).await? {
                break;
            }
            if let Some(i) = ovs::interface(&self.ovs, &host).await? {
                if i.ofport == Some(-1) {
                    return Err(ServiceError::Net(format!(
                        "Open vSwitch cannot open {host}: {}",
                        i.error.unwrap_or_else(|| "no reason given".into())
                    )));
                }
            }
            if tokio::time::Instant::now() >= deadline {
                return Err(ServiceError::Timeout(format!(
                    "Port_Binding {name} did not come up within {:?}: is ovn-controller running on chassis {}?",
                    self.cfg.up_timeout, local.system_id
                )));
            }
            tokio::time::sleep(super::db::POLL).await;
        }
        tracing::info!(port = name, host, ips = ?ips, "pod attached");

        let mut routes = Vec::new();
        if let (Some(g), true) = (gateway4, created.default4) {
            routes.push(Route {
                dst: IpNet::default_route(true),
                gw: Some(IpAddr::V4(g)),
            });
        }
        if let (Some(g), true) = (gateway6, created.default6) {
            routes.push(Route {
                dst: IpNet::default_route(false),
                gw: Some(IpAddr::V6(g)),
            });
        }
        Ok(AddReply {
            interfaces: vec![
                Interface {
                    name: host,
                    mac: host_mac,
                    sandbox: None,
                    mtu: Some(mtu),
                },
                Interface {
                    name: req.ifname.clone(),
                    mac: addrs.mac,
                    sandbox: Some(netns_path.display().to_string()),
                    mtu: Some(mtu),
                },
            ],
            ips: ips
                .iter()
                .map(|n| IpConfig {
                    address: *n,
                    gateway: if n.is_ipv4() {
                        gateway4.map(IpAddr::V4)
                    } else {
                        gateway6.map(IpAddr::V6)
                    },
                    interface: Some(1),
                })
                .collect(),
            routes,
        })
    }
}
