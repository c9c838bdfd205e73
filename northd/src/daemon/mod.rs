//! The rovn-northd daemon: connects to the NB and SB, keeps an IDL replica of each,
//! takes the SB lock `ovn_northd` (only the holder writes; another instance stands
//! by), and on every change runs the [`crate::engine`] and commits the SB difference in
//! one transaction, then the NB write-back (IPAM, generated options, `sb_cfg`, `hv_cfg`,
//! `up`) in another.
//!
//! Invariants: nothing is written unless both monitors are up and the lock is held;
//! every SB transaction carries an `assert` of the lock, so a lock lost mid-way makes
//! the server refuse it; after a commit the daemon waits until its replica shows the
//! committed rows before running again (so it never inserts a row twice); a
//! reconnect, a lock grant or a failed transaction makes the next run a recompute.

mod conn;

use std::sync::Arc;
use std::time::Duration;

use serde_json::{json, Value};
use tokio::sync::{mpsc, oneshot};

use ovsdb::client::{Client, ClientConfig};
use ovsdb::idl::IdlCore;
use ovsdb::remote::Remote;
use ovsdb::schema::DatabaseSchema;
use ovsdb::typed::{nb as n, sb as s, TypedRow};

use crate::engine::{self, Engine, RunReport};
use conn::{Conn, Handled};

/// The SB lock ovn-northd instances share.
pub const LOCK: &str = "ovn_northd";
/// Default remotes, as ovn-northd.
pub const DEFAULT_NB: &str = "unix:/var/run/ovn/ovnnb_db.sock";
pub const DEFAULT_SB: &str = "unix:/var/run/ovn/ovnsb_db.sock";

const NB_TABLES: &[&str] = &[
    n::NbGlobal::TABLE,
    n::LogicalSwitch::TABLE,
    n::LogicalSwitchPort::TABLE,
    n::Acl::TABLE,
    n::PortGroup::TABLE,
    n::AddressSet::TABLE,
];
const SB_TABLES: &[&str] = &[
    s::SbGlobal::TABLE,
    s::DatapathBinding::TABLE,
    s::PortBinding::TABLE,
    s::MulticastGroup::TABLE,
    s::PortGroup::TABLE,
    s::AddressSet::TABLE,
    s::LogicalFlow::TABLE,
    s::Chassis::TABLE,
    s::ChassisPrivate::TABLE,
];

/// Where to connect.
#[derive(Debug, Clone)]
pub struct Options {
    pub nb: Remote,
    pub sb: Remote,
    /// Reconnect backoff bounds (ovn-northd: 1 s .. 8 s).
    pub backoff_min: Duration,
    pub backoff_max: Duration,
}

impl Options {
    pub fn new(nb: Remote, sb: Remote) -> Options {
        Options {
            nb,
            sb,
            backoff_min: Duration::from_millis(250),
            backoff_max: Duration::from_secs(4),
        }
    }
}

/// Requests from the control socket.
#[derive(Debug)]
pub enum Control {
    /// `status`: "Status: active" or "Status: standby".
    Status(oneshot::Sender<String>),
    /// `pause`: stop writing and give the SB lock up (another instance takes over).
    Pause,
    /// `resume`: ask for the lock again.
    Resume,
    /// `is-paused`: "true" or "false".
    IsPaused(oneshot::Sender<String>),
    /// `exit`.
    Exit,
}

/// One run as reported to observers (tests, `rovn/last-run`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunEvent {
    pub report: RunReport,
    /// Operations in the SB `transact` that was sent (0: nothing sent).
    pub sb_ops: usize,
    /// Operations in the NB `transact` that was sent.
    pub nb_ops: usize,
}

fn config(remote: &Remote, o: &Options) -> ClientConfig {
    let mut c = ClientConfig::new(remote.clone());
    // As Open vSwitch's jsonrpc sessions: unix sockets are not probed (a server busy
    // with a large transaction is not a dead one); TCP connections are.
    if matches!(remote, Remote::Unix(_)) {
        c.probe_interval = None;
    }
    c.backoff_min = o.backoff_min;
    c.backoff_max = o.backoff_max;
    c
}

/// Fetches the schema of `db` from `remote`, waiting for the server to come up.
async fn schema(remote: &Remote, db: &str, o: &Options) -> Result<Arc<DatabaseSchema>, String> {
    let (client, _events) = Client::start(config(remote, o));
    loop {
        client
            .wait_connected()
            .await
            .map_err(|e| format!("{remote}: {e}"))?;
        match client.get_schema(db).await {
            Ok(j) => {
                return DatabaseSchema::from_json(&j)
                    .map(Arc::new)
                    .map_err(|e| format!("{remote}: schema of {db}: {e}"))
            }
            Err(e) => {
                tracing::warn!(%remote, error = %e, "get_schema failed; retrying");
                tokio::time::sleep(o.backoff_min).await;
            }
        }
    }
}

fn core(schema: Arc<DatabaseSchema>, tables: &[&str]) -> Result<IdlCore, String> {
    let mut c = IdlCore::new(schema);
    for t in tables {
        c.monitor(t, None).map_err(|e| e.to_string())?;
    }
    Ok(c)
}

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

struct Daemon {
    nb: Conn,
    sb: Conn,
    engine: Engine,
    active: bool,
    reports: Option<mpsc::UnboundedSender<RunEvent>>,
    retry: Option<tokio::time::Instant>,
}

/// Runs the daemon until `Control::Exit` (or the control channel closes).
pub async fn run(
    opts: Options,
    mut control: mpsc::UnboundedReceiver<Control>,
    reports: Option<mpsc::UnboundedSender<RunEvent>>,
) -> Result<(), String> {
    let (nb_schema, sb_schema) = tokio::try_join!(
        schema(&opts.nb, "OVN_Northbound", &opts),
        schema(&opts.sb, "OVN_Southbound", &opts)
    )?;
    let mut d = Daemon {
        nb: Conn::start(
            "OVN_Northbound",
            config(&opts.nb, &opts),
            core(nb_schema, NB_TABLES)?,
            None,
        ),
        sb: Conn::start(
            "OVN_Southbound",
            config(&opts.sb, &opts),
            core(sb_schema, SB_TABLES)?,
            Some(LOCK),
        ),
        engine: Engine::new(),
        active: false,
        reports,
        retry: None,
    };
    loop {
        let retry = d.retry;
        let mut h_nb = Handled::default();
        let mut h_sb = Handled::default();
        tokio::select! {
            ev = d.nb.recv() => {
                let ev = ev.ok_or("NB client stopped")?;
                h_nb = d.nb.handle(ev).await.map_err(|e| e.to_string()).unwrap_or_else(|e| {
                    tracing::warn!(error = %e, "NB");
                    Handled::default()
                });
            }
            ev = d.sb.recv() => {
                let ev = ev.ok_or("SB client stopped")?;
                h_sb = d.sb.handle(ev).await.map_err(|e| e.to_string()).unwrap_or_else(|e| {
                    tracing::warn!(error = %e, "SB");
                    Handled::default()
                });
            }
            c = control.recv() => match c {
                None | Some(Control::Exit) => {
                    tracing::info!("exiting");
                    return Ok(());
                }
                Some(Control::Status(tx)) => {
                    let st = if d.sb.lock_paused { "paused" } else if d.active { "active" } else { "standby" };
                    let _ = tx.send(format!("Status: {st}\n"));
                    continue;
                }
                Some(Control::IsPaused(tx)) => {
                    let _ = tx.send(format!("{}\n", d.sb.lock_paused));
                    continue;
                }
                Some(Control::Pause) => {
                    tracing::info!("paused");
                    d.sb.lock_paused = true;
                    if let Ok(c) = d.sb.release_lock().await {
                        h_sb.lock_changed = c;
                    }
                }
                Some(Control::Resume) => {
                    tracing::info!("resumed");
                    d.sb.lock_paused = false;
                    if let Ok(c) = d.sb.take_lock().await {
                        h_sb.lock_changed = c;
                    }
                }
            },
            _ = async { match retry {
                Some(t) => tokio::time::sleep_until(t).await,
                None => std::future::pending().await,
            } } => { d.retry = None; }
        }
        if let Ok(h) = d.nb.poll().await {
            h_nb = merge(h_nb, h);
        }
        if let Ok(h) = d.sb.poll().await {
            h_sb = merge(h_sb, h);
        }
        d.after_events(h_nb, h_sb);
        if d.active && d.nb.monitoring && d.retry.is_none() && d.engine.has_work() {
            d.run_once().await;
        }
    }
}

fn merge(mut a: Handled, b: Handled) -> Handled {
    a.changed |= b.changed;
    a.connected |= b.connected;
    a.disconnected |= b.disconnected;
    a.lock_changed |= b.lock_changed;
    a
}

impl Daemon {
    fn after_events(&mut self, h_nb: Handled, h_sb: Handled) {
        if h_nb.connected || h_sb.connected {
            self.engine.request_recompute();
        }
        let active = self.sb.ready();
        if active != self.active {
            self.active = active;
            if active {
                tracing::info!("active: this instance holds the SB lock {LOCK}");
                self.engine.request_recompute();
            } else {
                tracing::info!("standby: SB lock {LOCK} not held");
            }
        }
        let nb_changes = self.nb.core.take_changes();
        let sb_changes = self.sb.core.take_changes();
        if self.active {
            self.engine.handle_nb(self.nb.core.replica(), &nb_changes);
            self.engine.handle_sb(self.sb.core.replica(), &sb_changes);
        }
    }

    fn fail(&mut self, what: &str, e: impl std::fmt::Display) {
        tracing::warn!(error = %e, "{what} failed; recompute in 1 s");
        self.engine.request_recompute();
        self.retry = Some(tokio::time::Instant::now() + Duration::from_secs(1));
    }

    async fn run_once(&mut self) {
        let built = {
            let mut txn = self.sb.core.txn();
            match self
                .engine
                .run(self.nb.core.replica(), self.sb.core.replica(), &mut txn)
            {
                Ok(out) => {
                    txn.comment("rovn-northd");
                    let (params, pending) = txn.build();
                    Ok((out, params, pending))
                }
                Err(e) => Err(e),
            }
        };
        let (out, params, pending) = match built {
            Ok(x) => x,
            Err(e) => return self.fail("building the SB transaction", e),
        };
        let mut sb_ops = 0;
        if out.report.sync.total() > 0 {
            let Value::Array(mut ops) = params else {
                return;
            };
            ops.push(json!({"op": "assert", "lock": LOCK}));
            sb_ops = ops.len() - 1;
            let reply = match self.sb.client.request("transact", ops).await {
                Ok(r) => r,
                Err(e) => return self.fail("SB transaction", e),
            };
            let committed = match pending.handle_reply(&reply) {
                Ok(c) => c,
                Err(e) => return self.fail("SB transaction", e),
            };
            let present: Vec<(&str, uuid::Uuid)> = out
                .written
                .inserted
                .iter()
                .filter_map(|(t, p)| committed.real_uuid(p).map(|u| (*t, u)))
                .collect();
            let absent = out.written.deleted.clone();
            let mut acc = Handled::default();
            let reflected = self
                .sb
                .wait_until(
                    Duration::from_secs(30),
                    |c| {
                        present.iter().all(|(t, u)| c.replica().row(t, u).is_some())
                            && absent.iter().all(|(t, u)| c.replica().row(t, u).is_none())
                    },
                    &mut acc,
                )
                .await;
            let sb_changes = self.sb.core.take_changes();
            if !matches!(reflected, Ok(true)) || acc.connected || acc.lock_changed {
                self.engine.request_recompute();
            } else {
                self.engine.handle_sb(self.sb.core.replica(), &sb_changes);
            }
        }
        let r = out.report;
        if r.recompute {
            tracing::info!(
                flows = r.flows,
                switches = r.lflow.switches_recomputed,
                inserted = r.sync.inserted,
                updated = r.sync.updated,
                deleted = r.sync.deleted,
                sb_ops,
                "recompute"
            );
        } else {
            tracing::info!(
                flows = r.flows,
                switches = r.lflow.switches_recomputed,
                ports = r.lflow.ports_recomputed,
                acls = r.lflow.acls_recomputed,
                flows_inserted = r.sync.flows_inserted,
                flows_deleted = r.sync.flows_deleted,
                inserted = r.sync.inserted,
                updated = r.sync.updated,
                deleted = r.sync.deleted,
                sb_ops,
                "incremental run"
            );
        }
        let mut nb_ops = 0;
        if out.feedback || !out.nb_writes.is_empty() {
            let fb = engine::compute_feedback(
                self.nb.core.replica(),
                self.sb.core.replica(),
                out.feedback_ports,
                now_ms(),
            );
            if !fb.is_empty() || !out.nb_writes.is_empty() {
                let built = {
                    let mut txn = self.nb.core.txn();
                    engine::write_nb(self.nb.core.replica(), &out.nb_writes, &fb, &mut txn)
                        .map(|n| (n, txn.build()))
                };
                match built {
                    Ok((n, (Value::Array(ops), pending))) if n > 0 => {
                        nb_ops = ops.len() - 1;
                        match self.nb.client.request("transact", ops).await {
                            Ok(reply) => {
                                if let Err(e) = pending.handle_reply(&reply) {
                                    self.fail("NB write-back", e);
                                }
                            }
                            Err(e) => self.fail("NB write-back", e),
                        }
                    }
                    Ok(_) => {}
                    Err(e) => self.fail("NB write-back", e),
                }
            }
        }
        if let Some(tx) = &self.reports {
            let _ = tx.send(RunEvent {
                report: r,
                sb_ops,
                nb_ops,
            });
        }
    }
}
