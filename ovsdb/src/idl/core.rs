//! `IdlCore`: the sans-IO IDL. It says what to ask the server (`monitor_cond_since`
//! parameters), takes the server's replies and notifications, keeps the replica, the
//! tracked changes and the last transaction id, and starts transactions.
//!
//! Invariants: the replica changes only in `handle_*`, and each call applies a whole
//! message or nothing; `seqno` increases by one for every message that changed the
//! replica; `last_txn_id` is the id from the last `monitor_cond_since` reply or `update3`
//! that was applied, so a reconnect asks only for what was missed.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde_json::{json, Value};

use super::apply::{commit, plan};
use super::error::IdlError;
use super::monitor::{condition_changes, requests, TableMonitor, ZERO_TXN_ID};
use super::replica::Replica;
use super::track::TrackedChanges;
use super::txn::IdlTxn;
use super::update::TableUpdates;
use crate::data::{Datum, NoNames};
use crate::schema::DatabaseSchema;
use crate::txn::{Condition, Function};

/// The method names the IDL uses.
pub const MONITOR_COND_SINCE: &str = "monitor_cond_since";
pub const MONITOR_COND_CHANGE: &str = "monitor_cond_change";
pub const UPDATE2: &str = "update2";
pub const UPDATE3: &str = "update3";

#[derive(Debug, Clone)]
pub struct IdlCore {
    schema: Arc<DatabaseSchema>,
    monitors: BTreeMap<String, TableMonitor>,
    replica: Replica,
    monitor_id: Value,
    last_txn_id: Option<String>,
    seqno: u64,
    tracked: TrackedChanges,
    conditions_dirty: bool,
}

impl IdlCore {
    /// An IDL for `schema`'s database that monitors nothing yet.
    pub fn new(schema: Arc<DatabaseSchema>) -> IdlCore {
        IdlCore {
            replica: Replica::new(schema.clone()),
            monitor_id: json!(format!("rovn-idl-{}", schema.name)),
            schema,
            monitors: BTreeMap::new(),
            last_txn_id: None,
            seqno: 0,
            tracked: TrackedChanges::default(),
            conditions_dirty: false,
        }
    }

    pub fn schema(&self) -> &Arc<DatabaseSchema> {
        &self.schema
    }
    pub fn db_name(&self) -> &str {
        &self.schema.name
    }
    pub fn replica(&self) -> &Replica {
        &self.replica
    }
    /// Increases by one with every applied message that changed the replica.
    pub fn seqno(&self) -> u64 {
        self.seqno
    }
    /// The id of the last transaction whose changes the replica holds, if known.
    pub fn last_txn_id(&self) -> Option<&str> {
        self.last_txn_id.as_deref()
    }
    /// The JSON value that identifies this IDL's monitor in requests and notifications.
    pub fn monitor_id(&self) -> &Value {
        &self.monitor_id
    }
    pub fn monitors(&self) -> &BTreeMap<String, TableMonitor> {
        &self.monitors
    }

    /// Monitors `table`: the named columns, or every column with `None`.
    pub fn monitor(&mut self, table: &str, columns: Option<&[&str]>) -> Result<(), IdlError> {
        let ts = self
            .schema
            .table(table)
            .ok_or_else(|| IdlError::UnknownTable(table.to_string()))?
            .clone();
        let mut idx: Vec<usize> = match columns {
            None => ts.user_columns().map(|(i, _)| i).collect(),
            Some(names) => names
                .iter()
                .map(|n| {
                    ts.column_index(n)
                        .filter(|i| *i > crate::schema::VERSION_COLUMN)
                        .ok_or_else(|| IdlError::UnknownColumn {
                            table: table.to_string(),
                            column: n.to_string(),
                        })
                })
                .collect::<Result<_, _>>()?,
        };
        idx.sort_unstable();
        idx.dedup();
        let conditions = self.monitors.get(table).and_then(|m| m.conditions.clone());
        self.monitors.insert(
            table.to_string(),
            TableMonitor {
                table: ts,
                columns: idx,
                conditions,
            },
        );
        self.replica.tables.entry(table.to_string()).or_default();
        Ok(())
    }

    /// Monitors every column of every table.
    pub fn monitor_all(&mut self) {
        let names: Vec<String> = self.schema.tables.keys().cloned().collect();
        for n in names {
            // Every table of the schema exists, so this cannot fail.
            let _ = self.monitor(&n, None);
        }
    }

    /// A typed condition on a column of a table, checked against the schema.
    pub fn condition(
        &self,
        table: &str,
        column: &str,
        function: Function,
        arg: Datum,
    ) -> Result<Condition, IdlError> {
        let ts = self
            .schema
            .table(table)
            .ok_or_else(|| IdlError::UnknownTable(table.to_string()))?;
        let j = json!([column, function.as_str(), arg.to_json()]);
        Condition::parse_with(ts, &j, &mut NoNames).map_err(|e| match ts.column(column) {
            None => IdlError::UnknownColumn {
                table: table.to_string(),
                column: column.to_string(),
            },
            Some(_) => IdlError::bad_value(table, column, e),
        })
    }

    /// Replaces the conditions of a monitored table (`None`: every row). If a monitor is
    /// already running, `monitor_cond_change_params` then gives the request to send.
    pub fn set_conditions(
        &mut self,
        table: &str,
        conditions: Option<Vec<Condition>>,
    ) -> Result<(), IdlError> {
        let m = self
            .monitors
            .get_mut(table)
            .ok_or_else(|| IdlError::TableNotMonitored(table.to_string()))?;
        m.conditions = conditions;
        self.conditions_dirty = true;
        Ok(())
    }

    /// The `monitor_cond_since` parameters: `[db, monitor-id, requests, last-txn-id]`.
    pub fn monitor_cond_since_params(&mut self) -> Value {
        self.conditions_dirty = false;
        json!([
            self.schema.name,
            self.monitor_id,
            requests(&self.monitors),
            self.last_txn_id.as_deref().unwrap_or(ZERO_TXN_ID)
        ])
    }

    /// If conditions changed since the monitor was requested, the `monitor_cond_change`
    /// parameters `[old-id, new-id, updates]`; the monitor keeps its id.
    pub fn monitor_cond_change_params(&mut self) -> Option<Value> {
        if !self.conditions_dirty {
            return None;
        }
        self.conditions_dirty = false;
        Some(json!([
            self.monitor_id,
            self.monitor_id,
            condition_changes(&self.monitors)
        ]))
    }

    /// The `monitor_cond_since` reply `[found, last-txn-id, table-updates2]`. With
    /// `found` false the updates replace the whole replica.
    pub fn handle_monitor_reply(&mut self, result: &Value) -> Result<bool, IdlError> {
        let (found, txn_id, updates) = match result.as_array().map(Vec::as_slice) {
            Some([Value::Bool(f), Value::String(id), u]) => (*f, id, u),
            _ => {
                return Err(IdlError::malformed(
                    "monitor_cond_since reply",
                    "expected [found, last-txn-id, table-updates2]",
                ))
            }
        };
        let changed = self.apply(updates, !found)?;
        self.last_txn_id = Some(txn_id.clone());
        Ok(changed)
    }

    /// A plain `monitor_cond` reply (a `<table-updates2>`): replaces the whole replica.
    pub fn handle_monitor_cond_reply(&mut self, result: &Value) -> Result<bool, IdlError> {
        let changed = self.apply(result, true)?;
        self.last_txn_id = None;
        Ok(changed)
    }

    /// An `update3` notification's params `[monitor-id, last-txn-id, table-updates2]`.
    pub fn handle_update3(&mut self, params: &Value) -> Result<bool, IdlError> {
        let (id, txn_id, updates) = match params.as_array().map(Vec::as_slice) {
            Some([id, Value::String(t), u]) => (id, t, u),
            _ => {
                return Err(IdlError::malformed(
                    "update3",
                    "expected [monitor-id, last-txn-id, table-updates2]",
                ))
            }
        };
        self.check_monitor(id)?;
        let changed = self.apply(updates, false)?;
        self.last_txn_id = Some(txn_id.clone());
        Ok(changed)
    }

    /// An `update2` notification's params `[monitor-id, table-updates2]`.
    pub fn handle_update2(&mut self, params: &Value) -> Result<bool, IdlError> {
        let (id, updates) = match params.as_array().map(Vec::as_slice) {
            Some([id, u]) => (id, u),
            _ => {
                return Err(IdlError::malformed(
                    "update2",
                    "expected [monitor-id, table-updates2]",
                ))
            }
        };
        self.check_monitor(id)?;
        self.apply(updates, false)
    }

    /// Forgets the last transaction id, so the next `monitor_cond_since` asks for
    /// everything (`found` will be false and the replica replaced). For a driver that
    /// could not apply an update and must resynchronise.
    pub fn forget_txn_id(&mut self) {
        self.last_txn_id = None;
    }

    /// The changes tracked since the last call.
    pub fn take_changes(&mut self) -> TrackedChanges {
        std::mem::take(&mut self.tracked)
    }
    /// The changes tracked so far, without taking them.
    pub fn changes(&self) -> &TrackedChanges {
        &self.tracked
    }

    /// Starts a transaction against the current replica.
    pub fn txn(&self) -> IdlTxn<'_> {
        IdlTxn::new(&self.replica, &self.monitors)
    }

    fn check_monitor(&self, id: &Value) -> Result<(), IdlError> {
        if *id == self.monitor_id {
            Ok(())
        } else {
            Err(IdlError::WrongMonitor {
                got: id.to_string(),
                expected: self.monitor_id.to_string(),
            })
        }
    }

    fn apply(&mut self, updates: &Value, replace: bool) -> Result<bool, IdlError> {
        let parsed = TableUpdates::parse(&self.schema, updates).inspect_err(|e| {
            tracing::warn!(db = %self.schema.name, error = %e, "rejected monitor update");
        })?;
        let p = plan(&self.replica, &parsed, replace).inspect_err(|e| {
            tracing::warn!(db = %self.schema.name, error = %e, "rejected monitor update");
        })?;
        let changed = commit(&mut self.replica, p, &mut self.tracked);
        if changed {
            self.seqno += 1;
        }
        tracing::debug!(db = %self.schema.name, seqno = self.seqno, changed, "applied monitor update");
        Ok(changed)
    }
}
