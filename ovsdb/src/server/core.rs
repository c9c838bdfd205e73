//! The server's sans-IO core: every database, session, monitor, lock and blocked
//! transaction, driven by [`ServerCore::handle`] and [`ServerCore::handle_timeout`] with
//! time passed in. Sockets, tasks and clocks live in the driver.
//!
//! Invariants:
//! * one `&mut self` owns all state: requests are handled one at a time, in arrival order;
//! * a commit is persisted before anyone hears of it; its monitor notifications are
//!   queued before the reply to the transaction that made it (as ovsdb-server does);
//! * a session that goes away leaves no monitor, lock or blocked transaction behind.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use serde_json::{json, Value};
use tracing::{debug, info, warn};
use uuid::Uuid;

use crate::db::Database;
use crate::jsonrpc::Message;
use crate::schema::DatabaseSchema;
use crate::txn::{self, Changes, TxnContext, TxnOutcome};

use super::error::MethodError;
use super::history::{self, History};
use super::locks::{LockEffects, LockTable};
use super::monitor::{monitor_key, Monitor, Protocol};
use super::server_db;
use super::SessionId;

/// Where committed transactions go: the on-disk log (or nothing, for in-memory use).
pub trait Persist: Send {
    /// Appends one committed transaction's log record; `durable` asks for fsync.
    fn append(&mut self, record: &Value, durable: bool) -> std::io::Result<()>;
    /// Offered after every commit: may rewrite the log as one snapshot record.
    fn maybe_compact(&mut self, db: &Database) -> std::io::Result<()>;
}

/// Something the driver must do.
#[derive(Debug, Clone, PartialEq)]
pub enum Output {
    /// Send a message to a session.
    Send(SessionId, Message),
    /// Close a session's connection.
    Close(SessionId),
}

struct DbEntry {
    db: Database,
    persist: Option<Box<dyn Persist>>,
    history: History,
}

#[derive(Default)]
struct Session {
    monitors: BTreeMap<String, (Value, Monitor)>,
}

struct Blocked {
    session: SessionId,
    id: Value,
    db: String,
    ops: Vec<Value>,
    started_ms: i64,
    retry_at_ms: Option<i64>,
}

/// How many commits per database `monitor_cond_since` can bridge...
const HISTORY_CAPACITY: usize = 100;
/// ...and how many atoms they may hold together (bounds the memory the history costs).
const HISTORY_ATOMS: usize = 200_000;

/// All of a server's state.
pub struct ServerCore {
    dbs: BTreeMap<String, DbEntry>,
    server_db: Database,
    sessions: HashMap<SessionId, Session>,
    locks: LockTable,
    blocked: Vec<Blocked>,
    server_id: Uuid,
}

impl ServerCore {
    /// A server with no databases yet.
    pub fn new() -> ServerCore {
        ServerCore {
            dbs: BTreeMap::new(),
            server_db: server_db::new_database(),
            sessions: HashMap::new(),
            locks: LockTable::default(),
            blocked: Vec::new(),
            server_id: Uuid::new_v4(),
        }
    }

    /// Serves `db`, persisting its commits through `persist`.
    pub fn add_database(&mut self, db: Database, persist: Option<Box<dyn Persist>>) {
        let name = db.schema().name.clone();
        server_db::add_row(&mut self.server_db, db.schema());
        info!(db = %name, "serving database");
        self.dbs.insert(
            name,
            DbEntry {
                db,
                persist,
                history: History::new(HISTORY_CAPACITY, HISTORY_ATOMS),
            },
        );
    }

    /// Names of the served databases (without `_Server`).
    pub fn database_names(&self) -> Vec<String> {
        self.dbs.keys().cloned().collect()
    }

    /// A database by name, `_Server` included.
    pub fn database(&self, name: &str) -> Option<&Database> {
        if name == server_db::NAME {
            return Some(&self.server_db);
        }
        self.dbs.get(name).map(|e| &e.db)
    }

    /// Number of connected sessions, and of monitors over all of them.
    pub fn stats(&self) -> (usize, usize) {
        let monitors = self.sessions.values().map(|s| s.monitors.len()).sum();
        (self.sessions.len(), monitors)
    }

    /// A new connection.
    pub fn connect(&mut self, session: SessionId) {
        self.sessions.insert(session, Session::default());
    }

    /// A connection went away: drop its monitors, blocked transactions and locks.
    pub fn disconnect(&mut self, session: SessionId) -> Vec<Output> {
        self.sessions.remove(&session);
        self.blocked.retain(|b| b.session != session);
        let effects = self.locks.release_all(session);
        let mut out = Vec::new();
        lock_notifications(&effects, &mut out);
        out
    }

    /// The earliest time at which [`ServerCore::handle_timeout`] has work to do.
    pub fn next_timeout(&self) -> Option<i64> {
        self.blocked.iter().filter_map(|b| b.retry_at_ms).min()
    }

    /// Retries blocked transactions whose `wait` timeout has come.
    pub fn handle_timeout(&mut self, now_ms: i64) -> Vec<Output> {
        let due: Vec<String> = self
            .blocked
            .iter()
            .filter(|b| b.retry_at_ms.is_some_and(|t| t <= now_ms))
            .map(|b| b.db.clone())
            .collect();
        let mut out = Vec::new();
        for db in due {
            self.retry_blocked(&db, now_ms, &mut out);
        }
        out
    }

    /// One message from `session`.
    pub fn handle(&mut self, session: SessionId, msg: Message, now_ms: i64) -> Vec<Output> {
        let mut out = Vec::new();
        match msg {
            Message::Request { method, params, id } => {
                self.request(session, &method, params, id, now_ms, &mut out)
            }
            Message::Notification { method, params } => {
                if method == "cancel" {
                    self.cancel(session, &params, &mut out);
                } else {
                    debug!(session, %method, "ignoring notification");
                }
            }
            // Replies to our echo probes; the driver has already counted them as activity.
            Message::Response { .. } | Message::Error { .. } => {}
        }
        out
    }

    fn request(
        &mut self,
        session: SessionId,
        method: &str,
        params: Vec<Value>,
        id: Value,
        now_ms: i64,
        out: &mut Vec<Output>,
    ) {
        let params_json = Value::Array(params.clone());
        let result = match method {
            "list_dbs" => Ok(Value::Array(
                self.dbs
                    .keys()
                    .map(String::as_str)
                    .chain(std::iter::once(server_db::NAME))
                    .map(|n| Value::String(n.to_owned()))
                    .collect(),
            )),
            "get_schema" => self.get_schema(&params, &params_json),
            "get_server_id" => Ok(Value::String(self.server_id.to_string())),
            "echo" => Ok(params_json.clone()),
            "set_db_change_aware" => Ok(json!({})),
            "transact" => {
                return self.transact(session, params, id, now_ms, out);
            }
            "monitor" | "monitor_cond" | "monitor_cond_since" => {
                self.monitor(session, method, &params, &params_json)
            }
            "monitor_cond_change" => self.monitor_cond_change(session, &params, &params_json, out),
            "monitor_cancel" => self.monitor_cancel(session, &params),
            "lock" | "steal" | "unlock" => self.lock(session, method, &params, &params_json, out),
            _ => Err(MethodError::Bare("unknown method")),
        };
        out.push(Output::Send(session, reply(id, result)));
    }

    fn get_schema(&self, params: &[Value], params_json: &Value) -> Result<Value, MethodError> {
        let name = single_string(params, params_json)?;
        self.database(name)
            .map(|db| db.schema().to_json())
            .ok_or_else(|| MethodError::unknown_database("get_schema", params_json, name))
    }

    fn transact(
        &mut self,
        session: SessionId,
        params: Vec<Value>,
        id: Value,
        now_ms: i64,
        out: &mut Vec<Output>,
    ) {
        let Some(name) = params.first().and_then(Value::as_str).map(str::to_owned) else {
            let err = MethodError::syntax(&Value::Array(params), "transact needs a database name");
            out.push(Output::Send(session, reply(id, Err(err))));
            return;
        };
        if name == server_db::NAME {
            let result = server_db::transact(&mut self.server_db, &params[1..], now_ms);
            out.push(Output::Send(session, reply(id, Ok(result))));
            return;
        }
        if !self.dbs.contains_key(&name) {
            let err = MethodError::unknown_database("transact", &Value::Array(params), &name);
            out.push(Output::Send(session, reply(id, Err(err))));
            return;
        }
        let mut ops = params;
        ops.remove(0);
        let blocked = Blocked {
            session,
            id,
            db: name,
            ops,
            started_ms: now_ms,
            retry_at_ms: None,
        };
        if let Some(b) = self.execute(blocked, now_ms, out) {
            self.blocked.push(b);
        }
    }

    /// Runs one transaction; gives it back if it must wait.
    fn execute(&mut self, mut txn: Blocked, now_ms: i64, out: &mut Vec<Output>) -> Option<Blocked> {
        let locks = &self.locks;
        let session = txn.session;
        let holds_lock = |name: &str| locks.owns(name, session);
        let ctx = TxnContext {
            now_ms,
            started_ms: txn.started_ms,
            holds_lock: &holds_lock,
        };
        let entry = self.dbs.get_mut(&txn.db)?;
        match txn::execute(&mut entry.db, &txn.ops, &ctx) {
            TxnOutcome::Blocked { retry_at_ms } => {
                txn.retry_at_ms = retry_at_ms;
                None.or(Some(txn))
            }
            TxnOutcome::Done {
                reply: results,
                commit,
            } => {
                if let Some(commit) = commit {
                    let needs_record = commit.changes.needs_log_record(entry.db.schema());
                    if let Some(persist) = entry.persist.as_mut().filter(|_| needs_record) {
                        let record = commit.changes.to_log_record(
                            entry.db.schema(),
                            wall_clock_ms(),
                            commit.comment.as_deref(),
                        );
                        if let Err(e) = persist.append(&record, commit.durable) {
                            // The in-memory commit stands; a lost log write is fatal to
                            // durability, so say so loudly and keep serving.
                            warn!(db = %txn.db, error = %e, "writing the database log failed");
                        }
                        if let Err(e) = persist.maybe_compact(&entry.db) {
                            warn!(db = %txn.db, error = %e, "compacting the database log failed");
                        }
                    }
                    let changes = Arc::new(commit.changes);
                    let txn_id = entry.history.push(changes.clone());
                    self.notify_monitors(&txn.db, &changes, txn_id, out);
                    out.push(Output::Send(
                        txn.session,
                        reply(txn.id.clone(), Ok(Value::Array(results))),
                    ));
                    let db = txn.db.clone();
                    self.retry_blocked(&db, now_ms, out);
                } else {
                    out.push(Output::Send(
                        txn.session,
                        reply(txn.id, Ok(Value::Array(results))),
                    ));
                }
                None
            }
        }
    }

    /// Re-executes the transactions blocked on `db` (after a commit or a timeout).
    fn retry_blocked(&mut self, db: &str, now_ms: i64, out: &mut Vec<Output>) {
        let (mine, others): (Vec<Blocked>, Vec<Blocked>) = std::mem::take(&mut self.blocked)
            .into_iter()
            .partition(|b| b.db == db);
        self.blocked = others;
        for b in mine {
            if let Some(still) = self.execute(b, now_ms, out) {
                self.blocked.push(still);
            }
        }
    }

    fn cancel(&mut self, session: SessionId, params: &[Value], out: &mut Vec<Output>) {
        let Some(target) = params.first() else { return };
        if let Some(pos) = self
            .blocked
            .iter()
            .position(|b| b.session == session && &b.id == target)
        {
            let b = self.blocked.remove(pos);
            out.push(Output::Send(
                session,
                Message::Error {
                    error: Value::String("canceled".into()),
                    id: b.id,
                },
            ));
        }
    }

    fn notify_monitors(&self, db: &str, changes: &Changes, txn_id: Uuid, out: &mut Vec<Output>) {
        for (sid, session) in &self.sessions {
            for (mon_id, monitor) in session.monitors.values() {
                if monitor.db != db {
                    continue;
                }
                let Some(updates) = monitor.updates(changes) else {
                    continue;
                };
                out.push(Output::Send(
                    *sid,
                    update_message(monitor.protocol, mon_id, txn_id, updates),
                ));
            }
        }
    }

    fn monitor(
        &mut self,
        session: SessionId,
        method: &str,
        params: &[Value],
        params_json: &Value,
    ) -> Result<Value, MethodError> {
        let protocol = match method {
            "monitor" => Protocol::V1,
            "monitor_cond" => Protocol::V2,
            _ => Protocol::V3,
        };
        let needed = if protocol == Protocol::V3 { 4 } else { 3 };
        if params.len() < needed - usize::from(protocol == Protocol::V3) || params.len() > needed {
            return Err(MethodError::syntax(
                params_json,
                format!("{method} needs {needed} parameters"),
            ));
        }
        let name = params[0]
            .as_str()
            .ok_or_else(|| MethodError::syntax(params_json, "database name must be a string"))?;
        let mon_id = params[1].clone();
        let key = monitor_key(&mon_id);
        let sess = self.sessions.entry(session).or_default();
        if sess.monitors.contains_key(&key) {
            return Err(MethodError::syntax(&mon_id, "duplicate monitor ID"));
        }
        let db = if name == server_db::NAME {
            &self.server_db
        } else {
            &self
                .dbs
                .get(name)
                .ok_or_else(|| MethodError::unknown_database(method, params_json, name))?
                .db
        };
        let monitor = Monitor::parse(db.schema(), protocol, &params[2])?;
        let result = match protocol {
            Protocol::V1 | Protocol::V2 => monitor.initial(db),
            Protocol::V3 => {
                let since = params
                    .get(3)
                    .and_then(Value::as_str)
                    .and_then(|s| Uuid::parse_str(s).ok())
                    .unwrap_or(Uuid::nil());
                let history = self.dbs.get(name).map(|e| &e.history);
                let last = history.map(History::last_id).unwrap_or(Uuid::nil());
                match history.and_then(|h| h.since(since)) {
                    Some(missed) => {
                        let merged = history::merge(&missed);
                        let updates = monitor.updates(&merged).unwrap_or_else(|| json!({}));
                        json!([true, last.to_string(), updates])
                    }
                    None => json!([false, last.to_string(), monitor.initial(db)]),
                }
            }
        };
        self.sessions
            .entry(session)
            .or_default()
            .monitors
            .insert(key, (mon_id, monitor));
        Ok(result)
    }

    fn monitor_cond_change(
        &mut self,
        session: SessionId,
        params: &[Value],
        params_json: &Value,
        out: &mut Vec<Output>,
    ) -> Result<Value, MethodError> {
        let [old_id, new_id, requests] = params else {
            return Err(MethodError::syntax(
                params_json,
                "monitor_cond_change needs 3 parameters",
            ));
        };
        let sess = self.sessions.entry(session).or_default();
        let old_key = monitor_key(old_id);
        let new_key = monitor_key(new_id);
        if new_key != old_key && sess.monitors.contains_key(&new_key) {
            return Err(MethodError::syntax(new_id, "duplicate monitor ID"));
        }
        let Some((_, mut monitor)) = sess.monitors.remove(&old_key) else {
            return Err(MethodError::syntax(old_id, "unknown monitor session"));
        };
        let db = if monitor.db == server_db::NAME {
            &self.server_db
        } else {
            match self.dbs.get(&monitor.db) {
                Some(e) => &e.db,
                None => return Err(MethodError::syntax(old_id, "database went away")),
            }
        };
        let result = monitor.change_conditions(db, requests);
        let txn_id = self
            .dbs
            .get(&monitor.db)
            .map(|e| e.history.last_id())
            .unwrap_or(Uuid::nil());
        let protocol = monitor.protocol;
        let sess = self.sessions.entry(session).or_default();
        match result {
            Ok(updates) => {
                sess.monitors.insert(new_key, (new_id.clone(), monitor));
                if let Some(u) = updates {
                    out.push(Output::Send(
                        session,
                        update_message(protocol, new_id, txn_id, u),
                    ));
                }
                Ok(json!({}))
            }
            Err(e) => {
                sess.monitors.insert(old_key, (old_id.clone(), monitor));
                Err(e)
            }
        }
    }

    fn monitor_cancel(
        &mut self,
        session: SessionId,
        params: &[Value],
    ) -> Result<Value, MethodError> {
        let Some(id) = params.first() else {
            return Err(MethodError::Bare("unknown monitor"));
        };
        let sess = self.sessions.entry(session).or_default();
        match sess.monitors.remove(&monitor_key(id)) {
            Some(_) => Ok(json!({})),
            None => Err(MethodError::Bare("unknown monitor")),
        }
    }

    fn lock(
        &mut self,
        session: SessionId,
        method: &str,
        params: &[Value],
        params_json: &Value,
        out: &mut Vec<Output>,
    ) -> Result<Value, MethodError> {
        let name = single_string(params, params_json)?;
        match method {
            "unlock" => {
                if !self.locks.is_queued(name, session) {
                    return Err(MethodError::syntax(
                        params_json,
                        "\"unlock\" without \"lock\" or \"steal\"",
                    ));
                }
                let effects = self.locks.unlock(name, session);
                lock_notifications(&effects, out);
                Ok(json!({}))
            }
            _ if self.locks.is_queued(name, session) => Err(MethodError::syntax(
                params_json,
                format!("must issue \"unlock\" before new \"{method}\""),
            )),
            "lock" => Ok(json!({ "locked": self.locks.lock(name, session) })),
            _ => {
                let effects = self.locks.steal(name, session);
                lock_notifications(&effects, out);
                Ok(json!({ "locked": true }))
            }
        }
    }
}

impl Default for ServerCore {
    fn default() -> Self {
        ServerCore::new()
    }
}

fn lock_notifications(effects: &LockEffects, out: &mut Vec<Output>) {
    for (method, list) in [("locked", &effects.locked), ("stolen", &effects.stolen)] {
        for (session, name) in list {
            let note = Message::notification(method, vec![Value::String(name.clone())]);
            out.push(Output::Send(*session, note));
        }
    }
}

fn update_message(protocol: Protocol, mon_id: &Value, txn_id: Uuid, updates: Value) -> Message {
    let params = match protocol {
        Protocol::V3 => vec![mon_id.clone(), Value::String(txn_id.to_string()), updates],
        _ => vec![mon_id.clone(), updates],
    };
    Message::notification(protocol.method(), params)
}

fn reply(id: Value, result: Result<Value, MethodError>) -> Message {
    match result {
        Ok(result) => Message::Response { result, id },
        Err(e) => Message::Error {
            error: e.to_json(),
            id,
        },
    }
}

fn single_string<'a>(params: &'a [Value], params_json: &Value) -> Result<&'a str, MethodError> {
    match params {
        [Value::String(s)] => Ok(s),
        _ => Err(MethodError::syntax(
            params_json,
            "expected one string parameter",
        )),
    }
}

/// Wall-clock milliseconds for the log's `_date`.
fn wall_clock_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// The schema of `_Server`, re-exported for tools.
pub fn server_schema() -> Arc<DatabaseSchema> {
    server_db::schema()
}
