//! The tokio driver of the installer: owns the connection to br-int's management socket
//! and does all the I/O; decisions live in [`super::sync`] and [`super::tlv`]. See the
//! module documentation of [`super`] for the protocol.

use super::sync::{Plan, SyncState};
use super::tlv::{self, TlvPlan};
use super::DesiredFlows;
use openflow::conn::{Backoff, Client, ConnError};
use openflow::table::FlowKey;
use openflow::text::Flow;
use openflow::wire::msg::{Message, NxMessage};
use std::collections::HashSet;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;
use tracing::Instrument;

/// Counters for logs, tests and status.
#[derive(Debug, Default)]
pub struct Stats {
    /// Successful connections (handshake done).
    pub connects: AtomicU64,
    /// Full resyncs completed (dump + bundle after a connect).
    pub resyncs: AtomicU64,
    /// Bundles committed.
    pub bundles: AtomicU64,
    /// Flow_mods sent in committed bundles.
    pub flow_mods: AtomicU64,
    /// Bundles the switch rejected.
    pub failures: AtomicU64,
    /// Flows left out of a generation because the switch rejected them.
    pub rejected_flows: AtomicU64,
}

impl Stats {
    fn bump(c: &AtomicU64, n: u64) {
        c.fetch_add(n, Ordering::Relaxed);
    }

    /// Reads a counter.
    pub fn get(c: &AtomicU64) -> u64 {
        c.load(Ordering::Relaxed)
    }
}

/// Keeps one switch's flows equal to the desired flows.
#[derive(Debug)]
pub struct Installer {
    remote: String,
    backoff: Backoff,
    stats: Arc<Stats>,
    next_bundle: u32,
}

/// Why a session ended.
enum End {
    /// The desired-flows sender is gone: shut down.
    Shutdown,
    /// The connection failed or was refused; reconnect after a delay.
    Retry(String),
}

impl Installer {
    /// An installer for `mgmt_remote` (`unix:<OVS_RUNDIR>/br-int.mgmt`), reconnecting
    /// after 100 ms doubling up to 8 s.
    pub fn new(mgmt_remote: String) -> Self {
        Installer {
            remote: mgmt_remote,
            backoff: Backoff::new(Duration::from_millis(100), Duration::from_secs(8)),
            stats: Arc::new(Stats::default()),
            next_bundle: 1,
        }
    }

    /// Replaces the reconnect backoff bounds.
    pub fn with_backoff(mut self, min: Duration, max: Duration) -> Self {
        self.backoff = Backoff::new(min, max);
        self
    }

    /// The counters, shared with the running installer.
    pub fn stats(&self) -> Arc<Stats> {
        self.stats.clone()
    }

    /// Runs until the `desired` sender is dropped. Publishes each generation on
    /// `installed` once its flows are on the switch (bundle committed, barrier answered),
    /// again after every resync.
    pub async fn run(
        mut self,
        mut desired: watch::Receiver<Arc<DesiredFlows>>,
        installed: watch::Sender<u64>,
    ) {
        let mut state = SyncState::new();
        loop {
            let span = tracing::info_span!("ofctrl", remote = %self.remote);
            let end = self
                .session(&mut state, &mut desired, &installed)
                .instrument(span)
                .await;
            match end {
                End::Shutdown => {
                    tracing::info!("desired flows closed; installer stops");
                    return;
                }
                End::Retry(why) => {
                    let delay = self.backoff.next_delay();
                    tracing::warn!(remote = %self.remote, reason = %why, ?delay, "OpenFlow session ended; reconnecting");
                    tokio::select! {
                        _ = tokio::time::sleep(delay) => {}
                        r = desired.changed() => if r.is_err() { return },
                    }
                }
            }
        }
    }

    async fn session(
        &mut self,
        state: &mut SyncState,
        desired: &mut watch::Receiver<Arc<DesiredFlows>>,
        installed: &watch::Sender<u64>,
    ) -> End {
        let (client, mut unsolicited) = match Client::connect(&self.remote).await {
            Ok(c) => c,
            Err(e) => return End::Retry(e.to_string()),
        };
        Stats::bump(&self.stats.connects, 1);
        tracing::info!(remote = %self.remote, version = ?client.version(), "connected to switch");
        if let Err(e) = ensure_tlv_map(&client).await {
            return End::Retry(e);
        }
        match client.dump_flows().await {
            Ok(flows) => {
                tracing::info!(flows = flows.len(), "switch flow table read");
                state.reset(&flows);
            }
            Err(e) => return End::Retry(format!("dump-flows: {e}")),
        }
        self.backoff.reset();
        let mut resynced = false;
        loop {
            let want = desired.borrow_and_update().clone();
            if let Some(plan) = state.plan(&want) {
                match self.apply(&client, state, plan).await {
                    Ok(Some(plan)) => {
                        state.committed(&plan);
                        if !resynced {
                            resynced = true;
                            Stats::bump(&self.stats.resyncs, 1);
                        }
                        installed.send_replace(plan.generation);
                        tracing::info!(
                            generation = plan.generation,
                            changes = plan.mods.len(),
                            "installed generation {}",
                            plan.generation
                        );
                    }
                    Ok(None) => {}
                    Err(e) => return End::Retry(e.to_string()),
                }
            }
            tokio::select! {
                r = desired.changed() => if r.is_err() { return End::Shutdown },
                m = unsolicited.recv() => match m {
                    Some((_, msg)) => tracing::trace!(?msg, "unsolicited message ignored"),
                    None => return End::Retry("connection lost".into()),
                },
            }
        }
    }

    /// Applies `plan` as one atomic bundle, then a barrier. If the switch rejects some
    /// flows (nothing of the bundle is applied then), the plan is recomputed without them
    /// and retried, a few times at most. Returns the plan that went in, or `None` when
    /// nothing could be applied.
    async fn apply(
        &mut self,
        client: &Client,
        state: &SyncState,
        mut plan: Plan,
    ) -> Result<Option<Plan>, ConnError> {
        for _attempt in 0..MAX_ATTEMPTS {
            if plan.mods.is_empty() {
                client.barrier().await?;
                return Ok(Some(plan));
            }
            let id = self.next_bundle;
            self.next_bundle = self.next_bundle.wrapping_add(1).max(1);
            let msgs = plan.mods.iter().cloned().map(Message::FlowMod).collect();
            let errors = client.bundle(id, msgs).await?;
            if errors.is_empty() {
                Stats::bump(&self.stats.bundles, 1);
                Stats::bump(&self.stats.flow_mods, plan.mods.len() as u64);
                client.barrier().await?;
                return Ok(Some(plan));
            }
            Stats::bump(&self.stats.failures, 1);
            let mut rejected = HashSet::new();
            for e in &errors {
                let flow = e
                    .index
                    .and_then(|i| plan.mods.get(i))
                    .map(Flow::from_flow_mod);
                tracing::error!(
                    generation = plan.generation,
                    error = %e.error.name(),
                    flow = %flow.as_ref().map(|f| f.to_string()).unwrap_or_default(),
                    "switch rejected the flow bundle; nothing of it was applied"
                );
                if let Some(f) = flow {
                    rejected.insert(FlowKey::of(&f));
                }
            }
            // Only errors not tied to a flow (the commit itself failed): nothing to leave
            // out, so retrying would fail the same way.
            if rejected.is_empty() {
                return Ok(None);
            }
            Stats::bump(&self.stats.rejected_flows, rejected.len() as u64);
            plan = state.replan_without(&plan, &rejected);
        }
        Ok(None)
    }
}

/// Bundles tried for one generation before giving up until the next one.
const MAX_ATTEMPTS: usize = 4;

/// Reads the switch's TLV table and adds OVN's Geneve option mapping if missing.
async fn ensure_tlv_map(client: &Client) -> Result<(), String> {
    let req = Message::Nx(NxMessage::Unknown {
        subtype: tlv::TLV_TABLE_REQUEST,
        body: Vec::new(),
    });
    let reply = client
        .request(req)
        .await
        .map_err(|e| format!("TLV table request: {e}"))?;
    let body = reply
        .iter()
        .find_map(|m| match m {
            Message::Nx(NxMessage::Unknown { subtype, body })
                if *subtype == tlv::TLV_TABLE_REPLY =>
            {
                Some(body.clone())
            }
            _ => None,
        })
        .ok_or_else(|| format!("no TLV table reply: {reply:?}"))?;
    let current = tlv::parse_reply(&body)?;
    match tlv::plan(&current) {
        TlvPlan::Present => Ok(()),
        TlvPlan::Add(m) => {
            let errors = client
                .transact(vec![Message::Nx(m)])
                .await
                .map_err(|e| format!("TLV table mod: {e}"))?;
            match errors.first() {
                None => {
                    tracing::info!("mapped Geneve option 0x0102/0x80 to tun_metadata0");
                    Ok(())
                }
                Some(e) => Err(format!("TLV table mod rejected: {}", e.error.name())),
            }
        }
        TlvPlan::Conflict(m) => Err(format!(
            "the switch maps {m:?}, which conflicts with OVN's Geneve option on tun_metadata0"
        )),
    }
}
