//! Keeps the integration bridge's flow table equal to the daemon's desired flows and
//! reports which generation of them is installed (the feedback behind `Port_Binding.up`
//! and the `nb_cfg` handshake).
//!
//! The daemon hands over `(generation, flows)`; one task owns the OpenFlow connection to
//! `unix:$OVS_RUNDIR/<bridge>.mgmt`. On every (re)connect it maps Geneve option class
//! 0x0102 type 0x80 to `tun_metadata0` (as ovn-controller does), reads what the switch
//! has, and from then on sends only differences, each batch in one atomic bundle. A batch
//! the switch rejects is retried without the rejected flows (logged), so one bad flow
//! does not keep every port down.
//!
//! Invariants: `installed()` only ever increases, and a generation is reported only
//! after the switch committed it; a connection loss resynchronises from a fresh dump.

use std::sync::Arc;
use std::time::Duration;

use openflow::conn::Client;
use openflow::table::FlowTable;
use openflow::text::Flow;
use openflow::wire::msg::{Message, NxMessage, TlvMap};
use tokio::sync::watch;

/// Handle to the installer task.
pub struct FlowSync {
    desired: watch::Sender<(u64, Arc<Vec<Flow>>)>,
    installed: watch::Receiver<u64>,
    connected: watch::Receiver<bool>,
}

/// Geneve option OVN uses for the logical ports.
pub const OVN_GENEVE_TLV: TlvMap = TlvMap {
    option_class: 0x0102,
    option_type: 0x80,
    option_len: 4,
    index: 0,
};

impl FlowSync {
    /// Starts the task for the switch at `remote` (`unix:PATH`).
    pub fn start(remote: String) -> FlowSync {
        let (dtx, drx) = watch::channel((0u64, Arc::new(Vec::new())));
        let (itx, irx) = watch::channel(0u64);
        let (ctx, crx) = watch::channel(false);
        tokio::spawn(run(remote, drx, itx, ctx));
        FlowSync {
            desired: dtx,
            installed: irx,
            connected: crx,
        }
    }

    /// Replaces the desired flows with generation `generation` of them.
    pub fn install(&self, generation: u64, flows: Vec<Flow>) {
        let _ = self.desired.send((generation, Arc::new(flows)));
    }

    /// The last installed generation (watch it to learn of progress).
    pub fn installed(&self) -> watch::Receiver<u64> {
        self.installed.clone()
    }

    /// Whether the switch connection is up.
    pub fn is_connected(&self) -> bool {
        *self.connected.borrow()
    }
}

async fn run(
    remote: String,
    mut desired: watch::Receiver<(u64, Arc<Vec<Flow>>)>,
    installed: watch::Sender<u64>,
    connected: watch::Sender<bool>,
) {
    let mut bundle_id = 1u32;
    let mut logged_connect = false;
    loop {
        if installed.is_closed() {
            return;
        }
        let (client, _unsolicited) = match Client::connect(&remote).await {
            Ok(c) => c,
            Err(e) => {
                if !logged_connect {
                    tracing::warn!(%remote, error = %e, "cannot connect to the switch; retrying");
                    logged_connect = true;
                }
                tokio::time::sleep(Duration::from_millis(500)).await;
                continue;
            }
        };
        logged_connect = false;
        tracing::info!(%remote, "connected to the switch");
        let _ = connected.send(true);
        let r = session(&client, &mut desired, &installed, &mut bundle_id).await;
        let _ = connected.send(false);
        match r {
            Ok(()) => return,
            Err(e) => {
                tracing::warn!(%remote, error = %e, "switch connection lost; resynchronising");
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
        }
    }
}

async fn session(
    client: &Client,
    desired: &mut watch::Receiver<(u64, Arc<Vec<Flow>>)>,
    installed: &watch::Sender<u64>,
    bundle_id: &mut u32,
) -> Result<(), openflow::conn::ConnError> {
    // Map the OVN Geneve option; "already mapped" (a previous run) is fine.
    let errs = client
        .transact(vec![Message::Nx(NxMessage::TlvTableMod {
            command: 0,
            maps: vec![OVN_GENEVE_TLV],
        })])
        .await?;
    for e in errs {
        tracing::debug!(error = ?e.error, "tlv-map add (already mapped?)");
    }
    let mut table = FlowTable::new();
    table.reset(&client.dump_flows().await?);
    loop {
        let (generation, flows) = desired.borrow_and_update().clone();
        if generation > *installed.borrow() || !table_matches(&table, &flows) {
            let mut flows: Vec<Flow> = flows.as_ref().clone();
            for attempt in 0..3 {
                *bundle_id = bundle_id.wrapping_add(1).max(1);
                let mods = table.plan(&flows);
                let errors = client.sync_flows(&mut table, &flows, *bundle_id).await?;
                if errors.is_empty() {
                    break;
                }
                // Drop the rejected flows (their flow_mod indices) and try again.
                let bad: Vec<String> = errors
                    .iter()
                    .filter_map(|e| e.index.and_then(|i| mods.get(i)))
                    .map(|m| format!("table={} priority={}", m.table_id, m.priority))
                    .collect();
                tracing::warn!(attempt, rejected = ?bad, "the switch rejected flows; installing the rest");
                let rejected: std::collections::HashSet<_> = errors
                    .iter()
                    .filter_map(|e| e.index.and_then(|i| mods.get(i)))
                    .map(|m| (m.table_id, m.priority, m.matching.clone()))
                    .collect();
                if rejected.is_empty() {
                    break;
                }
                flows.retain(|f| !rejected.contains(&(f.table_id, f.priority, f.matching.clone())));
            }
            installed.send_if_modified(|g| {
                if generation > *g {
                    *g = generation;
                    true
                } else {
                    false
                }
            });
            tracing::debug!(generation, flows = table.len(), "flows installed");
        }
        tokio::select! {
            r = desired.changed() => if r.is_err() { return Ok(()) },
            // Probe the connection now and then so a dead switch is noticed.
            _ = tokio::time::sleep(Duration::from_secs(5)) => { client.barrier().await?; }
        }
    }
}

fn table_matches(table: &FlowTable, flows: &[Flow]) -> bool {
    table.plan(flows).is_empty()
}
