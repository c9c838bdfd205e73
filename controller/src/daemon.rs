//! The rovn-controller main loop: one task owns both IDLs (local `Open_vSwitch` and the
//! southbound database), the flow engine and the installer handle, and after every batch
//! of events runs one reconciliation pass:
//!
//! 1. read the configuration from `Open_vSwitch.external_ids` (reconnect the southbound
//!    IDL when `ovn-remote` changes);
//! 2. compute the desired flows (logical flows of the local datapaths + physical flows)
//!    and hand a new generation to the installer when they changed;
//! 3. one `Open_vSwitch` transaction: integration bridge, tunnel ports, conntrack zones,
//!    `ovn-installed` on interfaces whose flows are in;
//! 4. one southbound transaction: Chassis/Encap/Chassis_Private, claims and releases,
//!    `Port_Binding.up` once the claiming generation is installed, `nb_cfg` once a
//!    generation computed from that `SB_Global.nb_cfg` with all claims of this chassis
//!    already in the replica is installed (rule in [`crate::nb_cfg`]).
//!
//! Invariants: every transaction is built from the current replica and, after it
//! commits, the queued monitor updates are applied before the next pass, so a pass never
//! repeats a committed change; nothing here blocks on the southbound database being
//! reachable (it connects in the background); a graceful exit (`exit`, SIGTERM) removes
//! this chassis' rows, `exit --restart` keeps them.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use openflow::text::Flow;
use ovsdb::client::{Client, ClientConfig, ClientEvent};
use ovsdb::data::{Atom, Datum};
use ovsdb::idl::{DriverError, Idl, IdlCore, IdlError, IdlTxn};
use ovsdb::remote::Remote;
use ovsdb::schema::DatabaseSchema;
use ovsdb::typed::update;
use ovsdb::unixctl::{Command, UnixctlServer};
use serde::Serialize;
use tokio::sync::{mpsc, oneshot, watch};
use uuid::Uuid;

use crate::binding::{self, LocalIface, IFACE_ID_KEY, OVN_INSTALLED_KEY};
use crate::bridge::ensure_bridge;
use crate::chassis::{delete_chassis, sync_chassis, write_nb_cfg};
use crate::config::{system_hostname, Config};
use crate::ct_zone::{CtZones, KEY_PREFIX};
use crate::flow_sync::FlowSync;
use crate::lflow_engine::{CompileLflow, LflowEngine};
use crate::nb_cfg::NbCfgReport;
use crate::ovs::{self, OvsSnapshot};
use crate::sb::{self as sbmod, SbSnapshot};
use crate::sb_view::{local_view, LookupIndex};
use crate::tunnel::{installed_tunnels, sync_tunnels, wanted_tunnels};

/// Where the daemon connects and listens.
#[derive(Debug, Clone)]
pub struct Options {
    /// The local `Open_vSwitch` database.
    pub ovs_remote: String,
    /// `ovs-appctl` control socket.
    pub unixctl: PathBuf,
    /// Directory of `<bridge>.mgmt` (`$OVS_RUNDIR`).
    pub ovs_rundir: PathBuf,
}

#[derive(Debug, thiserror::Error)]
pub enum DaemonError {
    #[error("{0}: {1}")]
    Remote(String, String),
    #[error("Open_vSwitch database: {0}")]
    Ovs(String),
    #[error("control socket {0}: {1}")]
    Unixctl(PathBuf, std::io::Error),
}

/// The daemon's state, as `status` reports it.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Status {
    pub chassis: Option<String>,
    pub config_error: Option<String>,
    pub ovs_connected: bool,
    pub sb_connected: bool,
    pub switch_connected: bool,
    pub bridge: Option<String>,
    /// Desired-flow generation handed to the installer, and the one it installed.
    pub generation: u64,
    pub installed_generation: u64,
    /// `SB_Global.nb_cfg` seen, and the value reported in `Chassis_Private.nb_cfg`.
    pub nb_cfg: i64,
    pub nb_cfg_reported: i64,
    pub local_ports: BTreeMap<String, LocalPortStatus>,
    pub local_datapaths: Vec<u32>,
    pub tunnels: BTreeMap<String, String>,
    pub logical_flows: usize,
    pub logical_flows_skipped: usize,
    pub skipped_reasons: BTreeMap<String, usize>,
    pub openflow_flows: usize,
    pub full_recomputes: u64,
    pub incremental_runs: u64,
}

#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct LocalPortStatus {
    pub interface: String,
    pub ofport: u32,
    pub claimed: bool,
    pub up: bool,
    pub ct_zone: Option<u16>,
}

impl Status {
    /// The text `ovs-appctl -t ... status` prints.
    pub fn to_text(&self) -> String {
        let mut s = String::new();
        let w = &mut s;
        use std::fmt::Write;
        let _ = writeln!(
            w,
            "chassis: {}",
            self.chassis.as_deref().unwrap_or("(unconfigured)")
        );
        if let Some(e) = &self.config_error {
            let _ = writeln!(w, "configuration error: {e}");
        }
        let _ = writeln!(
            w,
            "connections: ovsdb={} southbound={} switch={}",
            self.ovs_connected, self.sb_connected, self.switch_connected
        );
        let _ = writeln!(
            w,
            "flows: generation {} installed {} ({} OpenFlow flows from {} logical flows, {} skipped)",
            self.generation,
            self.installed_generation,
            self.openflow_flows,
            self.logical_flows,
            self.logical_flows_skipped
        );
        let _ = writeln!(
            w,
            "nb_cfg: seen {} reported {}",
            self.nb_cfg, self.nb_cfg_reported
        );
        let _ = writeln!(w, "local datapaths: {:?}", self.local_datapaths);
        for (p, st) in &self.local_ports {
            let _ = writeln!(
                w,
                "port {p}: interface {} ofport {} claimed={} up={} ct_zone={:?}",
                st.interface, st.ofport, st.claimed, st.up, st.ct_zone
            );
        }
        for (ch, port) in &self.tunnels {
            let _ = writeln!(w, "tunnel to {ch}: {port}");
        }
        for (r, n) in &self.skipped_reasons {
            let _ = writeln!(w, "skipped {n} logical flows: {r}");
        }
        s
    }
}

/// One logical flow and the OpenFlow flows it produced, for `dump-flows`.
#[derive(Debug, Clone, Serialize)]
pub struct LflowDump {
    pub uuid: String,
    pub stage: String,
    pub pipeline: String,
    pub table_id: u8,
    pub priority: u16,
    #[serde(rename = "match")]
    pub match_: String,
    pub actions: String,
    pub datapaths: Vec<DpDump>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DpDump {
    pub datapath: u32,
    /// Why nothing was produced, if the flow was skipped.
    pub skipped: Option<String>,
    pub flows: Vec<FlowDump>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FlowDump {
    /// The flow in ovs-ofctl syntax.
    pub flow: String,
    /// Packets the switch counted on it (`None`: not found on the switch).
    pub n_packets: Option<u64>,
    pub n_bytes: Option<u64>,
    /// The flow's identity on the switch, to find its counters.
    #[serde(skip)]
    pub key: Option<openflow::table::FlowKey>,
}

/// What the daemon shares with the API: a status snapshot and the compiled flows.
#[derive(Debug, Default)]
pub struct Shared {
    pub status: Status,
    pub mgmt: Option<String>,
}

/// A handle the API methods read.
pub type SharedState = Arc<Mutex<Shared>>;

/// Requests to the main loop.
#[derive(Debug)]
pub enum Control {
    Exit {
        restart: bool,
        done: oneshot::Sender<()>,
    },
    /// The compiled logical flows (without counters).
    DumpFlows(oneshot::Sender<Vec<LflowDump>>),
}

struct Ctl<C> {
    opts: Options,
    hostname: String,
    cfg: Option<Config>,
    cfg_error: Option<String>,
    sb_remote: Option<String>,
    engine: LflowEngine<C>,
    engine_stale: bool,
    sync: Option<(String, FlowSync)>,
    generation: u64,
    last_desired: Vec<Flow>,
    zones: Option<CtZones>,
    /// Logical port → generation whose installation makes it up.
    up_gen: BTreeMap<String, u64>,
    nb_cfg_seen: i64,
    /// The `nb_cfg` waiting for the flows that carry it (see [`crate::nb_cfg`]).
    nb_cfg_report: NbCfgReport,
    /// Tables were written; the updates are awaited before writing again.
    ovs_wait: Option<Instant>,
    sb_wait: Option<Instant>,
    shared: SharedState,
    local_dps: BTreeSet<Uuid>,
    /// A transaction committed during the current pass.
    wrote: bool,
    /// The packet-in task's learned FDB entries, until the run loop takes the receiver.
    pin_new: Option<mpsc::UnboundedReceiver<crate::pinctrl::FdbEntry>>,
    /// Learned FDB entries not yet written to the southbound database.
    fdb_pending: Vec<crate::pinctrl::FdbEntry>,
}

const WRITE_SETTLE: Duration = Duration::from_secs(2);

async fn connect_idl(
    remote: String,
    db: &'static str,
    tables: Vec<(String, Option<Vec<String>>)>,
) -> Result<Idl, String> {
    let r: Remote = remote
        .parse()
        .map_err(|e: ovsdb::remote::RemoteError| e.to_string())?;
    let (client, events) = Client::start(ClientConfig::new(r));
    client.wait_connected().await.map_err(|e| e.to_string())?;
    let schema = loop {
        match client.get_schema(db).await {
            Ok(s) => break s,
            Err(e) => {
                tracing::warn!(%remote, error = %e, "get_schema failed; retrying");
                tokio::time::sleep(Duration::from_secs(1)).await;
                client.wait_connected().await.map_err(|e| e.to_string())?;
            }
        }
    };
    let schema = DatabaseSchema::from_json(&schema).map_err(|e| e.to_string())?;
    let mut core = IdlCore::new(Arc::new(schema));
    for (t, cols) in &tables {
        let cols: Option<Vec<&str>> = cols
            .as_ref()
            .map(|c| c.iter().map(String::as_str).collect());
        core.monitor(t, cols.as_deref())
            .map_err(|e| e.to_string())?;
    }
    let mut idl = Idl::new(client, events, core);
    loop {
        match idl.start().await {
            Ok(_) => return Ok(idl),
            Err(DriverError::Client(e)) => {
                tracing::warn!(%remote, error = %e, "monitor failed; retrying");
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
            Err(e) => return Err(e.to_string()),
        }
    }
}

fn ovs_tables() -> Vec<(String, Option<Vec<String>>)> {
    ovs::MONITORED
        .iter()
        .map(|(t, c)| {
            (
                t.to_string(),
                c.map(|c| c.iter().map(|s| s.to_string()).collect()),
            )
        })
        .collect()
}

fn sb_tables() -> Vec<(String, Option<Vec<String>>)> {
    sbmod::MONITORED
        .iter()
        .map(|t| (t.to_string(), None))
        .collect()
}

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

enum Ev {
    Ovs(Option<ClientEvent>),
    Sb(Option<ClientEvent>),
    SbReady(Result<Idl, String>),
    Ctl(ovsdb::unixctl::Request),
    Control(Control),
    Installed,
    Fdb(crate::pinctrl::FdbEntry),
    Tick,
    Signal,
}

/// Runs the daemon until `exit` or a signal. `shared` is what the API reads;
/// `control` carries requests from the API.
pub async fn run<C: CompileLflow>(
    opts: Options,
    compiler: C,
    shared: SharedState,
    mut control: mpsc::UnboundedReceiver<Control>,
) -> Result<(), DaemonError> {
    let mut ovs = connect_idl(opts.ovs_remote.clone(), "Open_vSwitch", ovs_tables())
        .await
        .map_err(|e| DaemonError::Remote(opts.ovs_remote.clone(), e))?;
    tracing::info!(remote = %opts.ovs_remote, "connected to the Open_vSwitch database");
    let commands = BTreeMap::from([
        (
            "exit",
            Command {
                usage: "[--restart]",
                min_args: 0,
                max_args: 1,
            },
        ),
        (
            "status",
            Command {
                usage: "",
                min_args: 0,
                max_args: 0,
            },
        ),
    ]);
    let (_ctl_server, mut ctl_rx) = UnixctlServer::start(&opts.unixctl, commands)
        .map_err(|e| DaemonError::Unixctl(opts.unixctl.clone(), e))?;
    let mut d = Ctl {
        hostname: system_hostname(),
        opts,
        cfg: None,
        cfg_error: None,
        sb_remote: None,
        engine: LflowEngine::new(compiler),
        engine_stale: true,
        sync: None,
        generation: 0,
        last_desired: Vec::new(),
        zones: None,
        up_gen: BTreeMap::new(),
        nb_cfg_seen: -1,
        nb_cfg_report: NbCfgReport::new(),
        ovs_wait: None,
        sb_wait: None,
        shared,
        local_dps: BTreeSet::new(),
        wrote: false,
        pin_new: None,
        fdb_pending: Vec::new(),
    };
    let mut pin_rx: Option<mpsc::UnboundedReceiver<crate::pinctrl::FdbEntry>> = None;
    let mut sb: Option<Idl> = None;
    let (sb_ready_tx, mut sb_ready_rx) = mpsc::unbounded_channel::<(String, Result<Idl, String>)>();
    let mut installed_rx: Option<watch::Receiver<u64>> = None;
    let shutdown = ovsdb::daemon::shutdown_signal();
    tokio::pin!(shutdown);
    let mut exit: Option<(bool, Vec<Exiter>)> = None;
    loop {
        // One reconciliation pass per batch of events, and one more right after a pass
        // that wrote (its updates are applied by then: status and follow-ups catch up).
        d.pass(&mut ovs, sb.as_mut()).await;
        if d.wrote {
            d.pass(&mut ovs, sb.as_mut()).await;
        }
        if let Some((restart, waiters)) = exit.take() {
            if !restart {
                d.cleanup(&mut ovs, sb.as_mut()).await;
            }
            for w in waiters {
                w.done();
            }
            // Let the control socket and the API deliver the answers.
            tokio::time::sleep(Duration::from_millis(200)).await;
            tracing::info!(restart, "exiting");
            return Ok(());
        }
        // Reconnect the southbound IDL when the remote changed.
        let want = d.cfg.as_ref().map(|c| c.remote.clone());
        if want != d.sb_remote {
            sb = None;
            d.sb_remote = want.clone();
            d.engine_stale = true;
            if let Some(r) = want {
                tracing::info!(remote = %r, "connecting to the southbound database");
                let tx = sb_ready_tx.clone();
                tokio::spawn(async move {
                    let res = connect_idl(r.clone(), "OVN_Southbound", sb_tables()).await;
                    let _ = tx.send((r, res));
                });
            }
        }
        if let Some(r) = d.pin_new.take() {
            installed_rx = None;
            pin_rx = Some(r);
        }
        if let Some((_, s)) = &d.sync {
            if installed_rx.is_none() {
                installed_rx = Some(s.installed());
            }
        } else {
            installed_rx = None;
        }
        let settle = d.ovs_wait.or(d.sb_wait).map(|t| t + WRITE_SETTLE);
        let ev = tokio::select! {
            e = ovs.next_event() => Ev::Ovs(e),
            e = async { match sb.as_mut() { Some(s) => s.next_event().await, None => std::future::pending().await } } => Ev::Sb(e),
            r = sb_ready_rx.recv() => match r {
                Some((remote, res)) if Some(&remote) == d.sb_remote.as_ref() => Ev::SbReady(res),
                _ => Ev::Tick,
            },
            Some(r) = ctl_rx.recv() => Ev::Ctl(r),
            Some(c) = control.recv() => Ev::Control(c),
            Some(e) = async { match pin_rx.as_mut() { Some(r) => r.recv().await, None => std::future::pending().await } } => Ev::Fdb(e),
            _ = async { match installed_rx.as_mut() { Some(rx) => { if rx.changed().await.is_err() { std::future::pending::<()>().await } }, None => std::future::pending().await } } => Ev::Installed,
            _ = async { match settle { Some(t) => tokio::time::sleep_until(t.into()).await, None => std::future::pending().await } } => Ev::Tick,
            _ = tokio::time::sleep(Duration::from_secs(5)) => Ev::Tick,
            _ = &mut shutdown => Ev::Signal,
        };
        match ev {
            Ev::Ovs(Some(e)) => {
                if let Err(e) = apply_event(&mut ovs, e).await {
                    tracing::warn!(error = %e, "Open_vSwitch database");
                }
            }
            Ev::Ovs(None) => return Err(DaemonError::Ovs("the connection stopped".into())),
            Ev::Sb(Some(e)) => {
                if let Some(s) = sb.as_mut() {
                    if matches!(e, ClientEvent::Connected | ClientEvent::Disconnected) {
                        d.engine_stale = true;
                    }
                    if let Err(e) = apply_event(s, e).await {
                        tracing::warn!(error = %e, "southbound database");
                    }
                }
            }
            Ev::Sb(None) => {
                tracing::warn!("southbound connection stopped; reconnecting");
                sb = None;
                d.sb_remote = None;
            }
            Ev::SbReady(Ok(idl)) => {
                tracing::info!("connected to the southbound database");
                sb = Some(idl);
                d.engine_stale = true;
            }
            Ev::SbReady(Err(e)) => {
                tracing::warn!(error = %e, "southbound database unusable; retrying");
                d.sb_remote = None;
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
            Ev::Ctl(req) => match req.command.as_str() {
                "exit" => {
                    let restart = req.args.iter().any(|a| a == "--restart");
                    exit = Some((restart, vec![Exiter::Unixctl(req.reply)]));
                }
                "status" => {
                    let text = d
                        .shared
                        .lock()
                        .map(|s| s.status.to_text())
                        .unwrap_or_default();
                    let _ = req.reply.send(Ok(text));
                }
                other => {
                    let _ = req.reply.send(Err(format!("unknown command {other}")));
                }
            },
            Ev::Control(Control::Exit { restart, done }) => {
                exit = Some((restart, vec![Exiter::Api(done)]));
            }
            Ev::Control(Control::DumpFlows(reply)) => {
                let _ = reply.send(d.dump_lflows());
            }
            Ev::Signal => {
                tracing::info!("signal received");
                exit = Some((false, Vec::new()));
            }
            Ev::Fdb(e) => d.fdb_pending.push(e),
            Ev::Installed | Ev::Tick => {}
        }
        if d.ovs_wait.is_some_and(|t| t.elapsed() > WRITE_SETTLE) {
            d.ovs_wait = None;
        }
        if d.sb_wait.is_some_and(|t| t.elapsed() > WRITE_SETTLE) {
            d.sb_wait = None;
        }
    }
}

enum Exiter {
    Unixctl(oneshot::Sender<Result<String, String>>),
    Api(oneshot::Sender<()>),
}

impl Exiter {
    fn done(self) {
        match self {
            Exiter::Unixctl(r) => {
                let _ = r.send(Ok(String::new()));
            }
            Exiter::Api(r) => {
                let _ = r.send(());
            }
        }
    }
}

async fn apply_event(idl: &mut Idl, e: ClientEvent) -> Result<(), DriverError> {
    idl.handle_event(e).await?;
    idl.poll_events().await?;
    Ok(())
}

/// Sends a transaction built by `build` (nothing if it adds no operation); returns
/// whether one was committed.
async fn transact(
    idl: &mut Idl,
    what: &str,
    build: impl FnOnce(&mut IdlTxn<'_>) -> Result<(), IdlError>,
) -> bool {
    let (params, pending) = {
        let mut txn = idl.core().txn();
        if let Err(e) = build(&mut txn) {
            tracing::warn!(error = %e, "{what}: cannot build the transaction");
            return false;
        }
        if txn.is_empty() {
            return false;
        }
        txn.comment(&format!("rovn-controller: {what}"));
        txn.build()
    };
    let serde_json::Value::Array(params) = params else {
        return false;
    };
    let reply = idl.client().request("transact", params).await;
    let ok = match reply {
        Ok(r) => match pending.handle_reply(&r) {
            Ok(_) => true,
            Err(e) => {
                tracing::info!(error = %e, "{what}: transaction failed; will retry");
                false
            }
        },
        Err(e) => {
            tracing::info!(error = %e, "{what}: transaction not sent; will retry");
            false
        }
    };
    let _ = idl.poll_events().await;
    ok
}

impl<C: CompileLflow> Ctl<C> {
    async fn pass(&mut self, ovs: &mut Idl, mut sb: Option<&mut Idl>) {
        self.wrote = false;
        // Updates arrived since our last write: the replica shows it, writing may resume.
        if !ovs.core().changes().is_empty() {
            self.ovs_wait = None;
        }
        if sb.as_ref().is_some_and(|s| !s.core().changes().is_empty()) {
            self.sb_wait = None;
        }
        let ovs_snap = OvsSnapshot::from_replica(ovs.core().replica());
        // 1. configuration
        let cfg = match &ovs_snap.root {
            None => Err("no Open_vSwitch row".to_string()),
            Some(root) => Config::from_external_ids(&root.external_ids, &self.hostname)
                .map_err(|e| e.to_string()),
        };
        match cfg {
            Ok(c) => {
                if self.cfg.as_ref() != Some(&c) {
                    tracing::info!(chassis = %c.system_id, remote = %c.remote, bridge = %c.bridge, "configuration");
                }
                self.cfg = Some(c);
                self.cfg_error = None;
            }
            Err(e) => {
                if self.cfg_error.as_ref() != Some(&e) {
                    tracing::warn!(error = %e, "configuration incomplete; waiting");
                }
                self.cfg_error = Some(e);
                self.cfg = None;
            }
        }
        let Some(cfg) = self.cfg.clone() else {
            self.publish(
                &ovs_snap,
                None,
                &BTreeMap::new(),
                ovs.client().is_connected(),
                false,
            );
            return;
        };
        let sb_connected = sb.as_ref().is_some_and(|s| s.client().is_connected());
        let sb_snap = sb
            .as_ref()
            .map(|s| SbSnapshot::from_replica(s.core().replica()));
        let chassis_uuid = sb_snap
            .as_ref()
            .and_then(|s| s.chassis_named(&cfg.system_id))
            .map(|c| c.uuid);
        let bridge = ovs_snap.bridge(&cfg.bridge).cloned();
        let local = bridge
            .as_ref()
            .map(|b| binding::local_ifaces(&ovs_snap, b))
            .unwrap_or_default();

        // 2. flows
        let mgmt = format!(
            "unix:{}/{}.mgmt",
            self.opts.ovs_rundir.display(),
            cfg.bridge
        );
        if bridge.is_some() && self.sync.as_ref().map(|(m, _)| m) != Some(&mgmt) {
            self.sync = Some((mgmt.clone(), FlowSync::start(mgmt.clone())));
            self.pin_new = Some(crate::packet_in::start(mgmt.clone()));
            self.last_desired.clear();
        }
        if let (Some(sbs), Some(sb_idl), Some(br)) = (&sb_snap, sb.as_deref_mut(), &bridge) {
            let bound: BTreeSet<String> = chassis_uuid
                .map(|c| {
                    binding::bound_here(sbs, &c)
                        .filter(|p| local.contains_key(&p.logical_port))
                        .map(|p| p.logical_port.clone())
                        .collect()
                })
                .unwrap_or_default();
            let local_dps = binding::local_datapaths(sbs, &bound);
            // Zones: loaded once from the bridge, then kept here and written back.
            let zones = self
                .zones
                .get_or_insert_with(|| CtZones::from_external_ids(&br.external_ids));
            // Zones follow the local interfaces (not the claims), so a port keeps its
            // zone while it is released and claimed again (controller restart).
            let local_named: BTreeSet<String> = local
                .keys()
                .filter(|p| sbs.port_binding(p).is_some())
                .cloned()
                .collect();
            let mut names = local_named.clone();
            for dp in &binding::local_datapaths(sbs, &local_named) {
                names.insert(CtZones::dnat_name(dp));
                names.insert(CtZones::snat_name(dp));
            }
            let zone_changes = zones.assign(&names);
            if !zone_changes.is_empty() {
                tracing::debug!(?zone_changes, "conntrack zones");
            }
            let zones = zones.clone();
            let index = LookupIndex::new(sbs, chassis_uuid);
            let changes = sb_idl.core_mut().take_changes();
            if self.engine_stale
                || self.local_dps != local_dps
                || !self.engine.incremental(
                    &changes,
                    sb_idl.core().replica(),
                    sbs,
                    &index,
                    &local_dps,
                )
            {
                self.engine
                    .full(sb_idl.core().replica(), sbs, &index, &local_dps);
                self.engine_stale = false;
                tracing::debug!(
                    lflows = self.engine.compiled().len(),
                    "full logical-flow recompute"
                );
            }
            self.local_dps = local_dps.clone();
            let view = local_view(
                sbs,
                &cfg.system_id,
                chassis_uuid,
                &local_dps,
                &local,
                &zones,
                installed_tunnels(&ovs_snap, br),
            );
            let mut desired: Vec<Flow> = self.engine.flows().cloned().collect();
            desired.extend(crate::physical::physical_flows(&view));
            if desired != self.last_desired {
                self.generation += 1;
                tracing::debug!(
                    generation = self.generation,
                    flows = desired.len(),
                    "new desired flows"
                );
                if let Some((_, s)) = &mut self.sync {
                    s.install(self.generation, desired.clone());
                }
                self.last_desired = desired;
            }
            // 3. bookkeeping for `up` and nb_cfg
            for p in &bound {
                let pb_up = sbs.port_binding(p).and_then(|pb| pb.up) == Some(true);
                if !pb_up {
                    self.up_gen.entry(p.clone()).or_insert(self.generation);
                }
            }
            self.up_gen.retain(|p, _| bound.contains(p));
            let plan = chassis_uuid.map(|c| (c, binding::plan(sbs, &local, &c, &cfg.system_id)));
            if let Some(g) = &sbs.global {
                self.nb_cfg_seen = g.nb_cfg;
                // Settled: every claim of this chassis is in the replica, so the
                // generation just computed carries the flows that follow from them.
                let settled = plan.as_ref().is_some_and(|(_, p)| p.claim.is_empty());
                self.nb_cfg_report
                    .computed(g.nb_cfg, self.generation, settled);
            }
            let installed = self.installed();
            // 4. Open_vSwitch writes
            if self.ovs_wait.is_none() {
                let wanted = wanted_tunnels(sbs, &cfg);
                let up_ports: BTreeSet<String> = bound
                    .iter()
                    .filter(|p| {
                        sbs.port_binding(p).and_then(|pb| pb.up) == Some(true)
                            || self.up_gen.get(*p).is_some_and(|g| *g <= installed)
                    })
                    .cloned()
                    .collect();
                let br2 = br.clone();
                let ovs_snap2 = ovs_snap.clone();
                let local2 = local.clone();
                let cfg2 = cfg.clone();
                if transact(ovs, "bridge, tunnels, zones", |txn| {
                    ensure_bridge(txn, &ovs_snap2, &cfg2)?;
                    sync_tunnels(txn, &ovs_snap2, &br2, &wanted)?;
                    for k in &zone_changes.remove {
                        txn.delete_from(
                            "Bridge",
                            br2.uuid,
                            "external_ids",
                            Datum::scalar(Atom::String(k.clone())),
                        )?;
                    }
                    for (k, v) in &zone_changes.set {
                        txn.map_set(
                            "Bridge",
                            br2.uuid,
                            "external_ids",
                            Atom::String(k.clone()),
                            Atom::String(v.clone()),
                        )?;
                    }
                    ovn_installed(txn, &ovs_snap2, &local2, &up_ports)?;
                    Ok(())
                })
                .await
                {
                    self.ovs_wait = Some(Instant::now());
                    self.wrote = true;
                }
            }
            // 5. southbound writes
            if self.sb_wait.is_none() {
                let sbs2 = sbs.clone();
                let cfg2 = cfg.clone();
                let iface_types = ovs_snap
                    .root
                    .as_ref()
                    .map(|r| r.iface_types.clone())
                    .unwrap_or_default();
                let make_up: Vec<Uuid> = self
                    .up_gen
                    .iter()
                    .filter(|(_, g)| **g <= installed)
                    .filter_map(|(p, _)| sbs.port_binding(p))
                    .filter(|pb| pb.up != Some(true) && pb.chassis == chassis_uuid)
                    .map(|pb| pb.uuid)
                    .collect();
                let fdb = std::mem::take(&mut self.fdb_pending);
                let nb_cfg = self.nb_cfg_report.due(installed);
                if transact(sb_idl, "chassis, bindings", |txn| {
                    sync_chassis(txn, &sbs2, &cfg2, &iface_types)?;
                    if let Some((c, plan)) = &plan {
                        binding::apply(txn, &sbs2, plan, c)?;
                    }
                    for u in &make_up {
                        if let Some(pb) = sbs2.port_bindings.get(u) {
                            let mut new = pb.clone();
                            new.up = Some(true);
                            update(txn, pb, &new)?;
                            tracing::info!(lport = %pb.logical_port, "port is up: its flows are installed");
                        }
                    }
                    if let Some(n) = nb_cfg {
                        write_nb_cfg(txn, &sbs2, &cfg2.system_id, n, now_ms())?;
                    }
                    write_fdb(txn, &sbs2, &fdb)?;
                    Ok(())
                })
                .await
                {
                    self.sb_wait = Some(Instant::now());
                self.wrote = true;
                    if let Some(n) = nb_cfg {
                        self.nb_cfg_report.reported(n);
                    }
                } else if let Some(n) = nb_cfg {
                    // Nothing to write: already reported.
                    if sbs.chassis_private_named(&cfg.system_id).is_some_and(|cp| cp.nb_cfg == n) {
                        self.nb_cfg_report.reported(n);
                    }
                }
            }
        } else if let Some(sb_idl) = sb.as_deref_mut() {
            // No bridge yet: create it; register the chassis meanwhile.
            if self.ovs_wait.is_none() {
                let snap = ovs_snap.clone();
                let cfg2 = cfg.clone();
                if transact(ovs, "integration bridge", |txn| {
                    ensure_bridge(txn, &snap, &cfg2).map(|_| ())
                })
                .await
                {
                    self.ovs_wait = Some(Instant::now());
                    self.wrote = true;
                }
            }
            if let (Some(sbs), None) = (&sb_snap, self.sb_wait) {
                let iface_types = ovs_snap
                    .root
                    .as_ref()
                    .map(|r| r.iface_types.clone())
                    .unwrap_or_default();
                if transact(sb_idl, "chassis", |txn| {
                    sync_chassis(txn, sbs, &cfg, &iface_types).map(|_| ())
                })
                .await
                {
                    self.sb_wait = Some(Instant::now());
                    self.wrote = true;
                }
            }
        } else if bridge.is_none() && self.ovs_wait.is_none() {
            let snap = ovs_snap.clone();
            let cfg2 = cfg.clone();
            if transact(ovs, "integration bridge", |txn| {
                ensure_bridge(txn, &snap, &cfg2).map(|_| ())
            })
            .await
            {
                self.ovs_wait = Some(Instant::now());
                self.wrote = true;
            }
        }
        self.publish(
            &ovs_snap,
            sb_snap.as_ref(),
            &local,
            ovs.client().is_connected(),
            sb_connected,
        );
        // A write was committed and its update applied: the next pass may write again.
        if self.ovs_wait.is_some() && !ovs.core().changes().is_empty() {
            self.ovs_wait = None;
        }
        let _ = ovs.core_mut().take_changes();
        if let Some(s) = sb {
            if self.sb_wait.is_some() && !s.core().changes().is_empty() {
                self.sb_wait = None;
            }
        }
    }

    fn installed(&self) -> u64 {
        self.sync
            .as_ref()
            .map(|(_, s)| *s.installed().borrow())
            .unwrap_or(0)
    }

    fn publish(
        &self,
        ovs_snap: &OvsSnapshot,
        sb: Option<&SbSnapshot>,
        local: &BTreeMap<String, LocalIface>,
        ovs_connected: bool,
        sb_connected: bool,
    ) {
        let cfg = self.cfg.as_ref();
        let chassis_uuid = cfg
            .and_then(|c| sb.and_then(|s| s.chassis_named(&c.system_id)))
            .map(|c| c.uuid);
        let mut st = Status {
            chassis: cfg.map(|c| c.system_id.clone()),
            config_error: self.cfg_error.clone(),
            ovs_connected,
            sb_connected,
            switch_connected: self.sync.as_ref().is_some_and(|(_, s)| s.is_connected()),
            bridge: cfg.map(|c| c.bridge.clone()),
            generation: self.generation,
            installed_generation: self.installed(),
            nb_cfg: self.nb_cfg_seen,
            nb_cfg_reported: cfg
                .and_then(|c| sb.and_then(|s| s.chassis_private_named(&c.system_id)))
                .map(|cp| cp.nb_cfg)
                .unwrap_or(0),
            local_datapaths: self
                .local_dps
                .iter()
                .filter_map(|d| sb.and_then(|s| s.datapath_key(d)))
                .collect(),
            openflow_flows: self.last_desired.len(),
            full_recomputes: self.engine.full_runs,
            incremental_runs: self.engine.incremental_runs,
            ..Default::default()
        };
        for (lport, li) in local {
            let pb = sb.and_then(|s| s.port_binding(lport));
            st.local_ports.insert(
                lport.clone(),
                LocalPortStatus {
                    interface: li.name.clone(),
                    ofport: li.ofport,
                    claimed: chassis_uuid.is_some() && pb.and_then(|p| p.chassis) == chassis_uuid,
                    up: pb.and_then(|p| p.up) == Some(true),
                    ct_zone: self.zones.as_ref().and_then(|z| z.get(lport)),
                },
            );
        }
        if let Some(br) = cfg.and_then(|c| ovs_snap.bridge(&c.bridge)) {
            for t in installed_tunnels(ovs_snap, br) {
                st.tunnels.insert(
                    t.chassis.clone(),
                    format!("{:?} {} ofport {}", t.kind, t.ip, t.ofport),
                );
            }
        }
        for c in self.engine.compiled().values() {
            st.logical_flows += 1;
            let mut skipped = false;
            for (_, r) in &c.per_dp {
                if let Err(e) = r {
                    skipped = true;
                    *st.skipped_reasons.entry(e.kind()).or_default() += 1;
                }
            }
            if skipped {
                st.logical_flows_skipped += 1;
            }
        }
        if let Ok(mut s) = self.shared.lock() {
            s.status = st;
            s.mgmt = self.sync.as_ref().map(|(m, _)| m.clone());
        }
    }

    /// Every compiled logical flow with its OpenFlow flows (rendered on request).
    fn dump_lflows(&self) -> Vec<LflowDump> {
        let mut lflows = Vec::new();
        for (u, c) in self.engine.compiled() {
            let mut dps = Vec::new();
            for (dp, r) in &c.per_dp {
                match r {
                    Ok(flows) => dps.push(DpDump {
                        datapath: *dp,
                        skipped: None,
                        flows: flows
                            .iter()
                            .map(|f| FlowDump {
                                flow: f.to_string(),
                                n_packets: None,
                                n_bytes: None,
                                key: Some(openflow::table::FlowKey::of(f)),
                            })
                            .collect(),
                    }),
                    Err(e) => dps.push(DpDump {
                        datapath: *dp,
                        skipped: Some(e.to_string()),
                        flows: Vec::new(),
                    }),
                }
            }
            lflows.push(LflowDump {
                uuid: u.to_string(),
                stage: c.stage.clone(),
                pipeline: c.pipeline.to_string(),
                table_id: c.table_id,
                priority: c.priority,
                match_: c.match_.clone(),
                actions: c.actions.clone(),
                datapaths: dps,
            });
        }
        lflows
    }

    /// Graceful exit: remove this chassis from the southbound database.
    async fn cleanup(&mut self, _ovs: &mut Idl, sb: Option<&mut Idl>) {
        let (Some(cfg), Some(sb)) = (self.cfg.clone(), sb) else {
            return;
        };
        let snap = SbSnapshot::from_replica(sb.core().replica());
        let done = tokio::time::timeout(
            Duration::from_secs(5),
            transact(sb, "chassis exit", |txn| {
                delete_chassis(txn, &snap, &cfg.system_id).map(|_| ())
            }),
        )
        .await;
        match done {
            Ok(true) => {
                tracing::info!(chassis = %cfg.system_id, "removed the chassis from the southbound database")
            }
            _ => tracing::warn!(chassis = %cfg.system_id, "could not remove the chassis"),
        }
    }
}

/// Writes learned FDB entries (`put_fdb`): a new (datapath, MAC) is inserted, a moved
/// one updated.
fn write_fdb(
    txn: &mut IdlTxn<'_>,
    sb: &SbSnapshot,
    entries: &[crate::pinctrl::FdbEntry],
) -> Result<(), IdlError> {
    let mut done = BTreeSet::new();
    for e in entries.iter().rev() {
        let m = e.mac;
        let mac = format!(
            "{:02x}:{:02x}:{:02x}:{:02x}:{:02x}:{:02x}",
            m[0], m[1], m[2], m[3], m[4], m[5]
        );
        if !done.insert((e.dp_key, mac.clone())) {
            continue;
        }
        let existing = sb
            .fdb
            .values()
            .find(|f| f.dp_key == i64::from(e.dp_key) && f.mac.eq_ignore_ascii_case(&mac));
        match existing {
            Some(f) if f.port_key == i64::from(e.port_key) => {}
            Some(f) => {
                let mut new = f.clone();
                new.port_key = i64::from(e.port_key);
                update(txn, f, &new)?;
            }
            None => {
                ovsdb::typed::insert(
                    txn,
                    &ovsdb::typed::sb::Fdb {
                        mac,
                        dp_key: i64::from(e.dp_key),
                        port_key: i64::from(e.port_key),
                        ..Default::default()
                    },
                )?;
            }
        }
    }
    Ok(())
}

/// Sets `external_ids:ovn-installed=true` on the interfaces of `up` ports and removes it
/// from local interfaces whose port is not up here.
fn ovn_installed(
    txn: &mut IdlTxn<'_>,
    ovs: &OvsSnapshot,
    local: &BTreeMap<String, LocalIface>,
    up: &BTreeSet<String>,
) -> Result<(), IdlError> {
    for (lport, li) in local {
        let Some(iface) = ovs.ifaces.get(&li.iface) else {
            continue;
        };
        let has = iface
            .external_ids
            .get(OVN_INSTALLED_KEY)
            .map(String::as_str)
            == Some("true");
        let want = up.contains(lport);
        if want && !has {
            txn.map_set(
                "Interface",
                li.iface,
                "external_ids",
                Atom::String(OVN_INSTALLED_KEY.into()),
                Atom::String("true".into()),
            )?;
        } else if !want && has {
            txn.delete_from(
                "Interface",
                li.iface,
                "external_ids",
                Datum::scalar(Atom::String(OVN_INSTALLED_KEY.into())),
            )?;
        }
    }
    let _ = (IFACE_ID_KEY, KEY_PREFIX);
    Ok(())
}
