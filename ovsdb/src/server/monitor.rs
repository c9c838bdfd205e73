//! Monitors: `monitor` (update), `monitor_cond` (update2) and `monitor_cond_since`
//! (update3), as `ovsdb-server(7)` describes and ovsdb-server behaves on the wire.
//!
//! Invariants:
//! * a monitor's tables and columns were checked against the schema when it was made;
//! * an update is computed from a committed [`Changes`] only, never from a partial one;
//! * a row that matched nothing before and after a change yields no update; a row whose
//!   monitored columns did not change yields no update;
//! * for update2/update3, `initial`/`insert` rows omit columns holding their default value,
//!   and `modify` carries `Datum::diff` per changed column, as ovsdb-server sends.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde_json::{Map, Value};

use crate::data::{Datum, NoNames};
use crate::db::{Database, Row};
use crate::schema::{DatabaseSchema, TableSchema, VERSION_COLUMN};
use crate::txn::{Changes, Condition};

use super::error::MethodError;

/// Which notification method (and row update format) a monitor uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    /// `monitor` → `update` with `old`/`new`.
    V1,
    /// `monitor_cond` → `update2` with `initial`/`insert`/`delete`/`modify`.
    V2,
    /// `monitor_cond_since` → `update3` (update2 rows plus the last transaction id).
    V3,
}

impl Protocol {
    /// The notification method name.
    pub fn method(self) -> &'static str {
        match self {
            Protocol::V1 => "update",
            Protocol::V2 => "update2",
            Protocol::V3 => "update3",
        }
    }
}

/// Which kinds of change a table monitor reports (`"select"` member).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Select {
    /// Rows present when the monitor starts.
    pub initial: bool,
    /// Rows inserted later.
    pub insert: bool,
    /// Rows deleted later.
    pub delete: bool,
    /// Rows modified later.
    pub modify: bool,
}

impl Default for Select {
    fn default() -> Self {
        Select {
            initial: true,
            insert: true,
            delete: true,
            modify: true,
        }
    }
}

/// What one monitor watches in one table.
#[derive(Debug, Clone)]
pub struct TableMonitor {
    table: Arc<TableSchema>,
    /// Indexes into `table.columns`, in request order, without duplicates.
    columns: Vec<usize>,
    select: Select,
    /// `None` = every row (no `where`, or `monitor` v1). Unlike a transaction's `where`,
    /// a monitor's clauses are alternatives: a row matches if any holds, and an empty
    /// list matches every row (ovsdb-server(7), monitor_cond).
    condition: Option<Vec<Condition>>,
}

/// One monitor of one session.
#[derive(Debug, Clone)]
pub struct Monitor {
    /// Database name.
    pub db: String,
    /// Update format.
    pub protocol: Protocol,
    tables: BTreeMap<String, TableMonitor>,
}

impl Monitor {
    /// Parses the `monitor-requests` object (third parameter of every monitor method).
    pub fn parse(
        schema: &DatabaseSchema,
        protocol: Protocol,
        requests: &Value,
    ) -> Result<Monitor, MethodError> {
        let obj = requests
            .as_object()
            .ok_or_else(|| MethodError::syntax(requests, "monitor requests must be an object"))?;
        let mut tables = BTreeMap::new();
        for (table_name, reqs) in obj {
            let table = schema.table(table_name).ok_or_else(|| {
                MethodError::syntax(requests, format!("no table named {table_name}"))
            })?;
            let reqs: Vec<&Value> = match reqs {
                Value::Array(items) => items.iter().collect(),
                other => vec![other],
            };
            let mut merged: Option<TableMonitor> = None;
            for req in reqs {
                let tm = parse_table_request(table, protocol, req)?;
                merged = Some(match merged {
                    None => tm,
                    Some(mut m) => {
                        for c in tm.columns {
                            if !m.columns.contains(&c) {
                                m.columns.push(c);
                            }
                        }
                        m.select.initial |= tm.select.initial;
                        m.select.insert |= tm.select.insert;
                        m.select.delete |= tm.select.delete;
                        m.select.modify |= tm.select.modify;
                        m
                    }
                });
            }
            if let Some(tm) = merged {
                tables.insert(table_name.clone(), tm);
            }
        }
        Ok(Monitor {
            db: schema.name.clone(),
            protocol,
            tables,
        })
    }

    /// The `table-updates` for the rows present now (the monitor reply).
    pub fn initial(&self, db: &Database) -> Value {
        let mut out = Map::new();
        for (name, tm) in &self.tables {
            if !tm.select.initial {
                continue;
            }
            let Some(table) = db.table(name) else {
                continue;
            };
            let mut rows = Map::new();
            for (uuid, row) in &table.rows {
                if !tm.matches(row) {
                    continue;
                }
                let update = match self.protocol {
                    Protocol::V1 => one("new", Value::Object(tm.row_json(row, false))),
                    _ => one("initial", Value::Object(tm.row_json(row, true))),
                };
                rows.insert(uuid.to_string(), update);
            }
            if !rows.is_empty() {
                out.insert(name.clone(), Value::Object(rows));
            }
        }
        Value::Object(out)
    }

    /// The `table-updates` that `changes` implies for this monitor, or `None`.
    pub fn updates(&self, changes: &Changes) -> Option<Value> {
        let mut out = Map::new();
        for (name, tm) in &self.tables {
            let Some(rows) = changes.tables.get(name) else {
                continue;
            };
            let mut updates = Map::new();
            for (uuid, change) in rows {
                if let Some(u) = self.row_update(tm, change.old.as_ref(), change.new.as_ref()) {
                    updates.insert(uuid.to_string(), u);
                }
            }
            if !updates.is_empty() {
                out.insert(name.clone(), Value::Object(updates));
            }
        }
        (!out.is_empty()).then_some(Value::Object(out))
    }

    /// `monitor_cond_change`: replaces the conditions of the named tables and returns the
    /// update2 rows that make the client's view equal to the new conditions.
    pub fn change_conditions(
        &mut self,
        db: &Database,
        requests: &Value,
    ) -> Result<Option<Value>, MethodError> {
        let obj = requests
            .as_object()
            .ok_or_else(|| MethodError::syntax(requests, "condition requests must be an object"))?;
        let schema = db.schema().clone();
        let mut out = Map::new();
        for (name, reqs) in obj {
            let table = schema
                .table(name)
                .ok_or_else(|| MethodError::syntax(requests, format!("no table named {name}")))?;
            let Some(tm) = self.tables.get_mut(name) else {
                return Err(MethodError::syntax(
                    requests,
                    format!("table {name} is not monitored"),
                ));
            };
            let req = match reqs {
                Value::Array(items) => items.first().cloned().unwrap_or(Value::Null),
                other => other.clone(),
            };
            let new_condition = match req.get("where") {
                Some(w) => Some(parse_where(table, w)?),
                None => None,
            };
            let old = std::mem::replace(&mut tm.condition, new_condition);
            let mut rows = Map::new();
            if let Some(t) = db.table(name) {
                for (uuid, row) in &t.rows {
                    let was = old.as_ref().is_none_or(|c| matches_any(c, row));
                    let is = tm.matches(row);
                    match (was, is) {
                        (false, true) => {
                            rows.insert(
                                uuid.to_string(),
                                one("insert", Value::Object(tm.row_json(row, true))),
                            );
                        }
                        (true, false) => {
                            rows.insert(uuid.to_string(), one("delete", Value::Null));
                        }
                        _ => {}
                    }
                }
            }
            if !rows.is_empty() {
                out.insert(name.clone(), Value::Object(rows));
            }
        }
        Ok((!out.is_empty()).then_some(Value::Object(out)))
    }

    fn row_update(&self, tm: &TableMonitor, old: Option<&Row>, new: Option<&Row>) -> Option<Value> {
        let was = old.is_some_and(|r| tm.matches(r));
        let is = new.is_some_and(|r| tm.matches(r));
        let v1 = self.protocol == Protocol::V1;
        match (old, new, was, is) {
            (_, Some(n), false, true) if tm.select.insert => Some(if v1 {
                one("new", Value::Object(tm.row_json(n, false)))
            } else {
                one("insert", Value::Object(tm.row_json(n, true)))
            }),
            (Some(o), _, true, false) if tm.select.delete => Some(if v1 {
                one("old", Value::Object(tm.row_json(o, false)))
            } else {
                one("delete", Value::Null)
            }),
            (Some(o), Some(n), true, true) if tm.select.modify => {
                let changed: Vec<usize> = tm
                    .columns
                    .iter()
                    .copied()
                    .filter(|&c| c != VERSION_COLUMN && o.get(c) != n.get(c))
                    .collect();
                if changed.is_empty() {
                    return None;
                }
                if v1 {
                    let mut old_cols = Map::new();
                    for c in changed {
                        if let Some(d) = o.get(c) {
                            old_cols.insert(tm.table.columns[c].name.clone(), d.to_json());
                        }
                    }
                    let mut m = Map::new();
                    m.insert("new".into(), Value::Object(tm.row_json(n, false)));
                    m.insert("old".into(), Value::Object(old_cols));
                    Some(Value::Object(m))
                } else {
                    let mut diff = Map::new();
                    for c in changed {
                        if let (Some(a), Some(b)) = (o.get(c), n.get(c)) {
                            let column = &tm.table.columns[c];
                            diff.insert(column.name.clone(), a.diff(b, &column.type_).to_json());
                        }
                    }
                    if tm.columns.contains(&VERSION_COLUMN) {
                        diff.insert(
                            "_version".into(),
                            Value::Array(vec!["uuid".into(), n.version().to_string().into()]),
                        );
                    }
                    Some(one("modify", Value::Object(diff)))
                }
            }
            _ => None,
        }
    }
}

impl TableMonitor {
    fn matches(&self, row: &Row) -> bool {
        self.condition.as_ref().is_none_or(|c| matches_any(c, row))
    }

    /// The monitored columns of `row` as a JSON object; with `skip_defaults`, columns
    /// holding their type's default value are left out (update2 `initial`/`insert`).
    fn row_json(&self, row: &Row, skip_defaults: bool) -> Map<String, Value> {
        let mut m = Map::new();
        for &i in &self.columns {
            let (Some(column), Some(datum)) = (self.table.columns.get(i), row.get(i)) else {
                continue;
            };
            if skip_defaults && i != VERSION_COLUMN && *datum == Datum::default_for(&column.type_) {
                continue;
            }
            m.insert(column.name.clone(), datum.to_json());
        }
        m
    }
}

fn parse_where(table: &TableSchema, json: &Value) -> Result<Vec<Condition>, MethodError> {
    Condition::parse_where(table, json, &mut NoNames).map_err(|e| MethodError::Detailed {
        kind: e.kind.as_str(),
        details: e.details.clone(),
        syntax: json.clone(),
    })
}

fn parse_table_request(
    table: &Arc<TableSchema>,
    protocol: Protocol,
    req: &Value,
) -> Result<TableMonitor, MethodError> {
    let obj = req
        .as_object()
        .ok_or_else(|| MethodError::syntax(req, "monitor request must be an object"))?;
    let columns = match obj.get("columns") {
        None => {
            let mut all: Vec<usize> = table.user_columns().map(|(i, _)| i).collect();
            all.push(VERSION_COLUMN);
            all
        }
        Some(Value::Array(cols)) => {
            let mut out = Vec::with_capacity(cols.len());
            for c in cols {
                let name = c
                    .as_str()
                    .ok_or_else(|| MethodError::syntax(c, "column name must be a string"))?;
                let Some(index) = table.column_index(name).filter(|&i| i != 0) else {
                    return Err(MethodError::syntax(
                        c,
                        format!("{name} is not a valid column name"),
                    ));
                };
                if !out.contains(&index) {
                    out.push(index);
                }
            }
            out
        }
        Some(other) => return Err(MethodError::syntax(other, "columns must be an array")),
    };
    let mut select = Select::default();
    if let Some(sel) = obj.get("select") {
        let sel = sel
            .as_object()
            .ok_or_else(|| MethodError::syntax(sel, "select must be an object"))?;
        for (key, flag) in sel {
            let flag = flag
                .as_bool()
                .ok_or_else(|| MethodError::syntax(flag, "select values must be booleans"))?;
            match key.as_str() {
                "initial" => select.initial = flag,
                "insert" => select.insert = flag,
                "delete" => select.delete = flag,
                "modify" => select.modify = flag,
                _ => {
                    return Err(MethodError::syntax(
                        req,
                        format!("unknown select key {key}"),
                    ))
                }
            }
        }
    }
    let condition = match (protocol, obj.get("where")) {
        (Protocol::V1, Some(w)) => {
            return Err(MethodError::syntax(w, "\"where\" needs monitor_cond"));
        }
        (_, Some(w)) => Some(parse_where(table, w)?),
        (_, None) => None,
    };
    Ok(TableMonitor {
        table: table.clone(),
        columns,
        select,
        condition,
    })
}

fn one(key: &str, value: Value) -> Value {
    let mut m = Map::new();
    m.insert(key.to_owned(), value);
    Value::Object(m)
}

/// Identifies a monitor within a session: its JSON id, serialised canonically.
pub fn monitor_key(id: &Value) -> String {
    id.to_string()
}

/// A monitor condition list matches a row if it is empty or any clause holds.
fn matches_any(clauses: &[Condition], row: &Row) -> bool {
    clauses.is_empty() || clauses.iter().any(|c| c.matches(row))
}
