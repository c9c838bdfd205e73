//! Transaction records of Open vSwitch's standalone database file (ovsdb(5)): after the
//! schema, each record is `{"<table>": {"<uuid>": <row> | null}, "_date": ms,
//! "_comment": "...", "_is_diff": true}`. OVS 3.1 writes diff records: an inserted row
//! lists its non-default columns, a modified row its changed columns as `Datum::diff`s,
//! a deleted row is `null`. Older files hold full new values for modified columns
//! (no `_is_diff`); both are read. Ephemeral columns are never written.

use serde_json::{json, Map, Value};
use uuid::Uuid;

use super::changes::Changes;
use super::database::Database;
use super::row::Row;
use crate::data::{parse_uuid, Datum, NoNames};
use crate::schema::{DatabaseSchema, TableSchema};

/// A log record that cannot be replayed on this database.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("bad log record: {0}")]
pub struct LogError(pub String);

impl Changes {
    /// False when the commit touched only ephemeral columns: ovsdb-server then appends no
    /// record (and `to_log_record` would hold only `_date`/`_comment`/`_is_diff`).
    pub fn needs_log_record(&self, schema: &DatabaseSchema) -> bool {
        self.tables.iter().any(|(table, rows)| {
            let Some(ts) = schema.table(table) else {
                return false;
            };
            rows.values().any(|c| match (&c.old, &c.new) {
                (Some(old), Some(new)) => old
                    .changed_columns(new)
                    .iter()
                    .any(|i| *i > crate::schema::VERSION_COLUMN && !ts.columns[*i].ephemeral),
                _ => true,
            })
        })
    }

    /// The record ovsdb-server appends for this commit.
    pub fn to_log_record(
        &self,
        schema: &DatabaseSchema,
        date_ms: i64,
        comment: Option<&str>,
    ) -> Value {
        let mut rec = Map::new();
        rec.insert("_date".into(), json!(date_ms));
        for (table, rows) in &self.tables {
            let Some(ts) = schema.table(table) else {
                continue;
            };
            let mut out = Map::new();
            for (uuid, c) in rows {
                let v = match (&c.old, &c.new) {
                    (_, None) => Value::Null,
                    (None, Some(new)) => non_default_columns(ts, new),
                    (Some(old), Some(new)) => {
                        let mut o = Map::new();
                        for (i, col) in ts.user_columns().filter(|(_, c)| !c.ephemeral) {
                            if let (Some(a), Some(b)) = (old.get(i), new.get(i)) {
                                if a != b {
                                    o.insert(col.name.clone(), a.diff(b, &col.type_).to_json());
                                }
                            }
                        }
                        if o.is_empty() {
                            continue;
                        }
                        Value::Object(o)
                    }
                };
                out.insert(uuid.to_string(), v);
            }
            if !out.is_empty() {
                rec.insert(table.clone(), Value::Object(out));
            }
        }
        if let Some(c) = comment {
            rec.insert("_comment".into(), json!(c));
        }
        rec.insert("_is_diff".into(), json!(true));
        Value::Object(rec)
    }
}

/// `{column: datum}` for the non-ephemeral columns that differ from their defaults.
fn non_default_columns(ts: &TableSchema, row: &Row) -> Value {
    let mut o = Map::new();
    for (i, col) in ts.user_columns().filter(|(_, c)| !c.ephemeral) {
        if let Some(d) = row.get(i) {
            if *d != Datum::default_for(&col.type_) {
                o.insert(col.name.clone(), d.to_json());
            }
        }
    }
    Value::Object(o)
}

impl Database {
    /// Replays one transaction record (diff or full form) without integrity checks:
    /// the log is trusted to hold only committed transactions.
    pub fn apply_log_record(&mut self, record: &Value) -> Result<(), LogError> {
        let rec = record
            .as_object()
            .ok_or_else(|| LogError("record is not an object".into()))?;
        let is_diff = rec
            .get("_is_diff")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        let mut changes = Changes::default();
        for (table, rows) in rec.iter().filter(|(k, _)| !k.starts_with('_')) {
            let ts = self
                .schema()
                .table(table)
                .cloned()
                .ok_or_else(|| LogError(format!("unknown table {table}")))?;
            let rows = rows
                .as_object()
                .ok_or_else(|| LogError(format!("table {table} is not an object")))?;
            for (u, row_json) in rows {
                let uuid = parse_uuid(u).ok_or_else(|| LogError(format!("bad uuid {u}")))?;
                if row_json.is_null() {
                    self.remove(&mut changes, table, &uuid);
                    continue;
                }
                let cols = row_json
                    .as_object()
                    .ok_or_else(|| LogError(format!("row {u} is not an object or null")))?;
                let existing = self.row_in(&changes, table, &uuid).cloned();
                let is_new = existing.is_none();
                let mut row = existing.unwrap_or_else(|| Row::new_default(&ts, uuid, Uuid::nil()));
                for (name, vj) in cols {
                    let idx = ts
                        .column_index(name)
                        .filter(|i| *i > crate::schema::VERSION_COLUMN)
                        .ok_or_else(|| LogError(format!("unknown column {table}.{name}")))?;
                    let t = &ts.columns[idx].type_;
                    let err =
                        |e: crate::error::OvsdbError| LogError(format!("{table}.{name}: {e}"));
                    let value = if is_diff && !is_new && !t.is_single() {
                        let d = Datum::from_json(&t.relaxed(), vj, &mut NoNames).map_err(err)?;
                        let old = row.get(idx).cloned().unwrap_or_else(|| Datum::empty_for(t));
                        old.apply_diff(&d, t).map_err(err)?
                    } else {
                        Datum::from_json(t, vj, &mut NoNames).map_err(err)?
                    };
                    row.set(idx, value);
                }
                row.set_version(Uuid::new_v4());
                self.write(&mut changes, table, row);
            }
        }
        self.commit(&changes);
        Ok(())
    }

    /// One record holding every row (non-default, non-ephemeral columns): what
    /// compaction writes after the schema.
    pub fn snapshot_record(&self) -> Value {
        let mut rec = Map::new();
        for (name, t) in self.tables() {
            if t.is_empty() {
                continue;
            }
            let rows: Map<String, Value> = t
                .rows
                .iter()
                .map(|(u, r)| (u.to_string(), non_default_columns(&t.schema, r)))
                .collect();
            rec.insert(name.clone(), Value::Object(rows));
        }
        Value::Object(rec)
    }
}
