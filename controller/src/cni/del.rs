//! DEL: detach the OVS port, delete the veth, delete the logical port — each only if it
//! is ours for this container and ifname, each a no-op when already gone. Needs no netns.

use cni_shim::api::CniRequest;

use super::error::ServiceError;
use super::{naming, nb, ovs, veth, CniService};

impl CniService {
    /// Detaches the pod; see the module doc.
    pub async fn del(&self, req: &CniRequest) -> Result<(), ServiceError> {
        self.remove_attachment(
            &req.network.name,
            &req.container_id,
            &req.ifname,
            &naming::lsp_name(req),
        )
        .await
    }

    /// Removes one attachment given its names (shared by DEL and GC).
    pub(super) async fn remove_attachment(
        &self,
        network: &str,
        container_id: &str,
        ifname: &str,
        lsp_name: &str,
    ) -> Result<(), ServiceError> {
        let host = naming::host_veth(network, container_id, ifname);
        let detached = ovs::detach(&self.ovs, &host, container_id, ifname).await?;
        let deleted = veth::delete_host(&host).await?;
        let nbdb = self.nb().await?;
        let mut lsp_deleted = false;
        if let Some(lsp) = nb::port(&nbdb, lsp_name).await? {
            if naming::owned_by(&lsp.external_ids, container_id, ifname) {
                nb::delete_port(&nbdb, &lsp).await?;
                lsp_deleted = true;
            } else {
                tracing::info!(
                    port = lsp_name,
                    "logical port is not ours for this container; leaving it"
                );
            }
        }
        tracing::info!(
            container_id,
            ifname,
            host,
            detached,
            deleted,
            lsp_deleted,
            "DEL done"
        );
        Ok(())
    }
}
