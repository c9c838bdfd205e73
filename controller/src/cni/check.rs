//! CHECK: the attachment is still what ADD set up — logical port ours, OVS port bound to
//! it, both veth ends up, the pod end with the MAC, MTU and addresses of the previous
//! result, TX checksum offload off, and the Port_Binding up.

use cni_shim::api::CniRequest;

use super::error::ServiceError;
use super::{naming, nb, ovs, sb, veth, CniService};

impl CniService {
    /// Verifies the attachment; every mismatch found is listed in the error.
    pub async fn check(&self, req: &CniRequest) -> Result<(), ServiceError> {
        let netns = req
            .netns
            .clone()
            .ok_or_else(|| ServiceError::Config("CHECK needs CNI_NETNS".into()))?;
        let mut bad = Vec::new();
        let name = naming::lsp_name(req);
        let host = naming::host_veth(&req.network.name, &req.container_id, &req.ifname);

        let nbdb = self.nb().await?;
        match nb::port(&nbdb, &name).await? {
            None => bad.push(format!("logical port {name} does not exist")),
            Some(p)
                if naming::is_ours(&p.external_ids)
                    && !naming::owned_by(&p.external_ids, &req.container_id, &req.ifname) =>
            {
                bad.push(format!("logical port {name} belongs to another container"))
            }
            Some(_) => {}
        }
        match ovs::interface(&self.ovs, &host).await? {
            None => bad.push(format!("OVS interface {host} does not exist")),
            Some(i) => {
                if i.external_ids.get(naming::IFACE_ID_KEY) != Some(&name) {
                    bad.push(format!("OVS interface {host} is not bound to {name}"));
                }
                if i.ofport.is_some_and(|p| p < 0) {
                    bad.push(format!(
                        "OVS could not open {host}: {}",
                        i.error.unwrap_or_default()
                    ));
                }
            }
        }
        match veth::inspect(None, &host).await? {
            None => bad.push(format!("host interface {host} does not exist")),
            Some(l) if !l.up => bad.push(format!("host interface {host} is down")),
            Some(_) => {}
        }
        match veth::inspect(Some(netns.clone()), &req.ifname).await? {
            None => bad.push(format!(
                "{} does not exist in {}",
                req.ifname,
                netns.display()
            )),
            Some(l) => {
                if !l.up {
                    bad.push(format!("{} is down", req.ifname));
                }
                if l.tx_checksum == Some(true) {
                    bad.push(format!("TX checksum offload is on for {}", req.ifname));
                }
                if let Some(prev) = &req.prev_result {
                    if let Some(want) = prev
                        .interfaces
                        .iter()
                        .find(|i| i.name == req.ifname && i.sandbox.is_some())
                    {
                        if l.mac != Some(want.mac) {
                            bad.push(format!(
                                "{} has MAC {:?}, the result said {}",
                                req.ifname, l.mac, want.mac
                            ));
                        }
                        if let (Some(want), Some(have)) = (want.mtu, l.mtu) {
                            if want != have {
                                bad.push(format!(
                                    "{} has MTU {have}, the result said {want}",
                                    req.ifname
                                ));
                            }
                        }
                    }
                    for ip in &prev.ips {
                        if !l.addrs.contains(&ip.address) {
                            bad.push(format!("{} lacks address {}", req.ifname, ip.address));
                        }
                    }
                    for r in &prev.routes {
                        if let (0, Some(gw)) = (r.dst.prefix(), r.gw) {
                            if !l.default_gateways.contains(&gw) {
                                bad.push(format!("no default route via {gw} on {}", req.ifname));
                            }
                        }
                    }
                }
            }
        }
        if !sb::is_up(&*self.sb().await?, &name).await? {
            bad.push(format!("Port_Binding {name} is not up"));
        }
        if bad.is_empty() {
            Ok(())
        } else {
            Err(ServiceError::Check(bad.join("; ")))
        }
    }
}
