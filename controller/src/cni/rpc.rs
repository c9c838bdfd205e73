//! The CNI service as JSON-RPC methods (names and parameter types from
//! `cni_shim::api`), ready to be merged with other modules and served by
//! `crate::api::serve`.

use std::sync::Arc;

use cni_shim::api::{methods, CniRequest, GcRequest, StatusRequest};
use jsonrpsee::types::ErrorObjectOwned;
use jsonrpsee::RpcModule;

use super::CniService;

fn bad_params(e: ErrorObjectOwned) -> ErrorObjectOwned {
    // -32602 (invalid params) would lose the CNI meaning: this is a decoding failure (6).
    ErrorObjectOwned::owned(
        6,
        "failed to decode the request",
        Some(e.message().to_string()),
    )
}

/// Registers `cni_add`, `cni_del`, `cni_check`, `cni_status` and `cni_gc`.
pub fn module(service: Arc<CniService>) -> RpcModule<Arc<CniService>> {
    let mut m = RpcModule::new(service);
    m.register_async_method(methods::ADD, |params, svc, _| async move {
        let req: CniRequest = params.parse().map_err(bad_params)?;
        svc.add(&req).await.map_err(|e| e.to_rpc())
    })
    .expect("method names are unique");
    m.register_async_method(methods::DEL, |params, svc, _| async move {
        let req: CniRequest = params.parse().map_err(bad_params)?;
        svc.del(&req).await.map_err(|e| e.to_rpc())
    })
    .expect("method names are unique");
    m.register_async_method(methods::CHECK, |params, svc, _| async move {
        let req: CniRequest = params.parse().map_err(bad_params)?;
        svc.check(&req).await.map_err(|e| e.to_rpc())
    })
    .expect("method names are unique");
    m.register_async_method(methods::STATUS, |params, svc, _| async move {
        let req: StatusRequest = params.parse().map_err(bad_params)?;
        svc.status(&req).await.map_err(|e| e.to_rpc())
    })
    .expect("method names are unique");
    m.register_async_method(methods::GC, |params, svc, _| async move {
        let req: GcRequest = params.parse().map_err(bad_params)?;
        svc.gc(&req).await.map_err(|e| e.to_rpc())
    })
    .expect("method names are unique");
    m
}
