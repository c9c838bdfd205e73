//! Observability methods of the controller API (JSON-RPC 2.0, served by [`super::serve`]):
//!
//! - `status` → the daemon's [`Status`] (connections, chassis, local ports and whether
//!   they are up, flow generations, `nb_cfg`, skipped logical flows);
//! - `dump_flows` → every logical flow of the local datapaths with the OpenFlow flows it
//!   produced per datapath and the packet/byte counters the switch reports for each
//!   (read with one flow-stats request when called); a skipped flow carries its reason;
//! - `exit` (param: `{"restart": bool}`) → stops the daemon (graceful: the chassis is
//!   removed unless `restart`).
//!
//! Invariants: the methods only read the snapshot the main loop publishes (no lock is
//! held across an await), so a slow caller never stalls the daemon.

use std::collections::HashMap;

use jsonrpsee::types::ErrorObjectOwned;
use jsonrpsee::RpcModule;
use openflow::table::FlowKey;
use openflow::text::Flow;
use openflow::wire::msg::multipart::{kind, FlowStatsRequest, MultipartBody};
use openflow::wire::msg::{Message, Multipart};
use tokio::sync::{mpsc, oneshot};

use crate::daemon::{Control, LflowDump, SharedState, Status};

pub const STATUS: &str = "status";
pub const DUMP_FLOWS: &str = "dump_flows";
pub const EXIT: &str = "exit";

fn internal(msg: impl Into<String>) -> ErrorObjectOwned {
    ErrorObjectOwned::owned(-32000, msg.into(), None::<()>)
}

/// The observability methods over `shared`; `control` reaches the main loop.
pub fn module(
    shared: SharedState,
    control: mpsc::UnboundedSender<Control>,
) -> RpcModule<(SharedState, mpsc::UnboundedSender<Control>)> {
    let mut m = RpcModule::new((shared, control));
    // Registration fails only for duplicate names, which these are not.
    let _ = m.register_method(STATUS, |_, ctx, _| -> Result<Status, ErrorObjectOwned> {
        ctx.0
            .lock()
            .map(|s| s.status.clone())
            .map_err(|_| internal("state unavailable"))
    });
    let _ = m.register_async_method(DUMP_FLOWS, |_, ctx, _| async move {
        let mgmt = ctx
            .0
            .lock()
            .map_err(|_| internal("state unavailable"))?
            .mgmt
            .clone();
        let (tx, rx) = oneshot::channel();
        ctx.1
            .send(Control::DumpFlows(tx))
            .map_err(|_| internal("daemon stopped"))?;
        let mut lflows = rx.await.map_err(|_| internal("daemon stopped"))?;
        if let Some(mgmt) = mgmt {
            match switch_counters(&mgmt).await {
                Ok(c) => fill_counters(&mut lflows, &c),
                Err(e) => tracing::debug!(error = %e, "dump_flows: no counters"),
            }
        }
        Ok::<Vec<LflowDump>, ErrorObjectOwned>(lflows)
    });
    let _ = m.register_async_method(EXIT, |params, ctx, _| async move {
        #[derive(serde::Deserialize, Default)]
        struct P {
            #[serde(default)]
            restart: bool,
        }
        let p: P = params.parse().unwrap_or_default();
        let (tx, rx) = oneshot::channel();
        ctx.1
            .send(Control::Exit {
                restart: p.restart,
                done: tx,
            })
            .map_err(|_| internal("daemon stopped"))?;
        let _ = rx.await;
        Ok::<bool, ErrorObjectOwned>(true)
    });
    m
}

type Counters = HashMap<FlowKey, (u64, u64)>;

async fn switch_counters(mgmt: &str) -> Result<Counters, String> {
    let (client, _) = openflow::conn::Client::connect(mgmt)
        .await
        .map_err(|e| e.to_string())?;
    let req = Message::MultipartRequest(Multipart {
        kind: kind::FLOW,
        flags: 0,
        body: MultipartBody::FlowStatsRequest(FlowStatsRequest::default()),
    });
    let mut out = Counters::new();
    for part in client.request(req).await.map_err(|e| e.to_string())? {
        if let Message::MultipartReply(Multipart {
            body: MultipartBody::FlowStatsReply(fs),
            ..
        }) = part
        {
            for s in fs.iter() {
                out.insert(
                    FlowKey::of(&Flow::from_stats(s)),
                    (s.packet_count, s.byte_count),
                );
            }
        }
    }
    Ok(out)
}

fn fill_counters(lflows: &mut [LflowDump], counters: &Counters) {
    for lf in lflows {
        for dp in &mut lf.datapaths {
            for f in &mut dp.flows {
                if let Some((p, b)) = f.key.as_ref().and_then(|k| counters.get(k)) {
                    f.n_packets = Some(*p);
                    f.n_bytes = Some(*b);
                }
            }
        }
    }
}
