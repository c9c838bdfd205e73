//! GC: remove every attachment of the network that this chassis made and the runtime no
//! longer lists as valid. Attachments are found from our marks on logical ports (this
//! chassis only) and on OVS ports, so leftovers of half-finished ADDs go too.

use std::collections::{BTreeMap, BTreeSet};

use cni_shim::api::{Attachment, GcReply, GcRequest};

use super::error::ServiceError;
use super::{naming, nb, ovs, CniService};

impl CniService {
    pub async fn gc(&self, req: &GcRequest) -> Result<GcReply, ServiceError> {
        let local = self.local().await?;
        let nbdb = self.nb().await?;
        let valid: BTreeSet<&Attachment> = req.valid.iter().collect();
        // attachment -> logical port name
        let mut found: BTreeMap<Attachment, String> = BTreeMap::new();
        for p in nb::owned_ports(&nbdb, &local.system_id, &req.network.name).await? {
            let (Some(c), Some(i)) = (
                p.external_ids.get(naming::CONTAINER_KEY),
                p.external_ids.get(naming::IFNAME_KEY),
            ) else {
                continue;
            };
            found.insert(
                Attachment {
                    container_id: c.clone(),
                    ifname: i.clone(),
                },
                p.name.clone(),
            );
        }
        for (port, c, i) in ovs::owned_ports(&self.ovs, &req.network.name).await? {
            let lsp = ovs::interface(&self.ovs, &port)
                .await?
                .and_then(|iface| iface.external_ids.get(naming::IFACE_ID_KEY).cloned())
                .unwrap_or_default();
            found
                .entry(Attachment {
                    container_id: c,
                    ifname: i,
                })
                .or_insert(lsp);
        }
        let mut removed = Vec::new();
        for (att, lsp) in found {
            if valid.contains(&att) {
                continue;
            }
            self.remove_attachment(&req.network.name, &att.container_id, &att.ifname, &lsp)
                .await?;
            removed.push(att);
        }
        tracing::info!(
            network = req.network.name,
            removed = removed.len(),
            "GC done"
        );
        Ok(GcReply { removed })
    }
}
