//! STATUS: can ADD work now? The local OVS database answers and names this chassis, the
//! integration bridge exists, NB and SB answer, and the network's switch exists.

use cni_shim::api::StatusRequest;

use super::error::ServiceError;
use super::{nb, ovs, CniService};

impl CniService {
    pub async fn status(&self, req: &StatusRequest) -> Result<(), ServiceError> {
        let not_ready = |e: ServiceError| ServiceError::NotReady(e.to_string());
        let local = self.local().await.map_err(not_ready)?;
        if ovs::interface(&self.ovs, &local.bridge)
            .await
            .map_err(not_ready)?
            .is_none()
        {
            return Err(ServiceError::NotReady(format!(
                "bridge {} does not exist yet",
                local.bridge
            )));
        }
        let nbdb = self.nb().await.map_err(not_ready)?;
        nb::switch(&nbdb, &req.network.logical_switch)
            .await
            .map_err(not_ready)?;
        let sbdb = self.sb().await.map_err(not_ready)?;
        sbdb.read(|_| ()).await.map_err(not_ready)?;
        Ok(())
    }
}
