//! `IdlTxn`: a transaction built against the replica, turned into `transact` params.
//!
//! Optimistic, as the OVS IDL: nothing here changes the replica; the changes come back
//! through the monitor once the server commits them. What the transaction read and must
//! not have changed is stated with `verify`, which becomes a `wait` operation (`until
//! "=="` on the read values, `timeout` 0): if another client changed that column, the
//! server fails the whole transaction and the caller retries against the newer replica.
//!
//! Rows inserted by the transaction get a provisional uuid at once, usable in any value
//! or as the target of `set`/`mutate`/`delete`; in the JSON every provisional uuid is
//! written as `["named-uuid", "rowN"]` and the reply maps it to the real uuid.
//!
//! Operation order in the request: waits (verifies), inserts (with every column `set` on
//! them), updates (one per row, all its `set` columns), mutations (in call order),
//! deletes, comment.
//!
//! Invariants: every value was type-checked against its column; every referenced
//! existing row of a monitored table is in the replica; immutable columns are only set
//! on inserted rows.

use std::collections::{BTreeMap, HashMap};

use serde_json::{json, Map, Value};
use uuid::Uuid;

use super::error::IdlError;
use super::monitor::TableMonitor;
use super::replica::Replica;
use super::reply::PendingTxn;
use crate::data::{Atom, Datum};
use crate::schema::{ColumnSchema, TableSchema, VERSION_COLUMN};
use crate::txn::{Mutation, MutationArg, Mutator};

#[derive(Debug)]
struct NewRow {
    table: String,
    uuid: Uuid,
    values: BTreeMap<usize, Datum>,
}

#[derive(Debug)]
pub struct IdlTxn<'a> {
    replica: &'a Replica,
    monitors: &'a BTreeMap<String, TableMonitor>,
    waits: BTreeMap<(String, Uuid), BTreeMap<usize, Datum>>,
    inserts: Vec<NewRow>,
    /// Provisional uuid → index in `inserts`.
    provisional: HashMap<Uuid, usize>,
    updates: Vec<((String, Uuid), BTreeMap<usize, Datum>)>,
    mutations: Vec<(String, Uuid, Mutation)>,
    deletes: Vec<(String, Uuid)>,
    comment: Option<String>,
}

impl<'a> IdlTxn<'a> {
    pub(crate) fn new(
        replica: &'a Replica,
        monitors: &'a BTreeMap<String, TableMonitor>,
    ) -> IdlTxn<'a> {
        IdlTxn {
            replica,
            monitors,
            waits: BTreeMap::new(),
            inserts: Vec::new(),
            provisional: HashMap::new(),
            updates: Vec::new(),
            mutations: Vec::new(),
            deletes: Vec::new(),
            comment: None,
        }
    }

    /// Inserts a row into `table` (every column at its default until `set`); returns its
    /// provisional uuid.
    pub fn insert(&mut self, table: &str) -> Result<Uuid, IdlError> {
        self.table(table)?;
        let uuid = Uuid::new_v4();
        self.provisional.insert(uuid, self.inserts.len());
        self.inserts.push(NewRow {
            table: table.to_string(),
            uuid,
            values: BTreeMap::new(),
        });
        Ok(uuid)
    }

    /// True when `uuid` is a row this transaction inserts.
    pub fn is_inserted(&self, uuid: &Uuid) -> bool {
        self.provisional.contains_key(uuid)
    }

    /// Sets a column of an existing row or of a row this transaction inserts.
    pub fn set(
        &mut self,
        table: &str,
        row: Uuid,
        column: &str,
        value: Datum,
    ) -> Result<(), IdlError> {
        let ts = self.table(table)?;
        let (idx, col) = user_column(ts, column)?;
        value
            .check(&col.type_)
            .map_err(|e| IdlError::bad_value(table, column, e))?;
        if let Some(n) = self.provisional.get(&row) {
            let new = &mut self.inserts[*n];
            if new.table != table {
                return Err(no_row(table, row));
            }
            new.values.insert(idx, value);
            return Ok(());
        }
        if !col.mutable {
            return Err(IdlError::Immutable {
                table: table.to_string(),
                column: column.to_string(),
            });
        }
        self.existing(table, row)?;
        let key = (table.to_string(), row);
        match self.updates.iter_mut().find(|(k, _)| *k == key) {
            Some((_, cols)) => {
                cols.insert(idx, value);
            }
            None => self.updates.push((key, BTreeMap::from([(idx, value)]))),
        }
        Ok(())
    }

    /// Adds a mutation of one column of one row (checked as the server checks it).
    pub fn mutate(
        &mut self,
        table: &str,
        row: Uuid,
        column: &str,
        mutator: Mutator,
        arg: MutationArg,
    ) -> Result<(), IdlError> {
        let ts = self.table(table)?;
        user_column(ts, column)?;
        if !self.provisional.contains_key(&row) {
            self.existing(table, row)?;
        }
        let arg_json = match &arg {
            MutationArg::Atom(a) => a.to_json(),
            MutationArg::Datum(d) => d.to_json(),
        };
        let j = json!([column, mutator.as_str(), arg_json]);
        let m = Mutation::parse(ts, &j, &mut crate::data::NoNames)
            .map_err(|e| IdlError::bad_value(table, column, e))?;
        self.mutations.push((table.to_string(), row, m));
        Ok(())
    }

    /// Inserts elements into a set column (or pairs into a map column; keys already
    /// present keep their values, as RFC 7047 `insert` does).
    pub fn insert_into(
        &mut self,
        table: &str,
        row: Uuid,
        column: &str,
        elems: Datum,
    ) -> Result<(), IdlError> {
        self.mutate(
            table,
            row,
            column,
            Mutator::Insert,
            MutationArg::Datum(elems),
        )
    }

    /// Deletes elements from a set column (or, given a set of keys or a map, entries of
    /// a map column).
    pub fn delete_from(
        &mut self,
        table: &str,
        row: Uuid,
        column: &str,
        elems: Datum,
    ) -> Result<(), IdlError> {
        self.mutate(
            table,
            row,
            column,
            Mutator::Delete,
            MutationArg::Datum(elems),
        )
    }

    /// Sets `key` to `value` in a map column, whatever it held before (delete, then
    /// insert, in one mutate operation).
    pub fn map_set(
        &mut self,
        table: &str,
        row: Uuid,
        column: &str,
        key: Atom,
        value: Atom,
    ) -> Result<(), IdlError> {
        self.delete_from(table, row, column, Datum::scalar(key.clone()))?;
        self.insert_into(
            table,
            row,
            column,
            Datum::Map(BTreeMap::from([(key, value)])),
        )
    }

    /// Deletes a row.
    pub fn delete(&mut self, table: &str, row: Uuid) -> Result<(), IdlError> {
        self.table(table)?;
        if !self.provisional.contains_key(&row) {
            self.existing(table, row)?;
        }
        self.deletes.push((table.to_string(), row));
        Ok(())
    }

    /// Makes the commit fail if `column` of `row` no longer holds the value the replica
    /// holds now.
    pub fn verify(&mut self, table: &str, row: Uuid, column: &str) -> Result<(), IdlError> {
        let ts = self.table(table)?;
        let (idx, _) = user_column(ts, column)?;
        let m = self
            .monitors
            .get(table)
            .ok_or_else(|| IdlError::TableNotMonitored(table.to_string()))?;
        if !m.is_column_monitored(idx) {
            return Err(IdlError::ColumnNotMonitored {
                table: table.to_string(),
                column: column.to_string(),
            });
        }
        let r = self
            .replica
            .row(table, &row)
            .ok_or_else(|| no_row(table, row))?;
        let value = r
            .get(idx)
            .cloned()
            .unwrap_or_else(|| Datum::empty_for(&ts.columns[idx].type_));
        self.waits
            .entry((table.to_string(), row))
            .or_default()
            .insert(idx, value);
        Ok(())
    }

    /// Attaches a comment (ovsdb-server logs it).
    pub fn comment(&mut self, text: &str) {
        self.comment = Some(text.to_string());
    }

    /// True when the transaction has no operation.
    pub fn is_empty(&self) -> bool {
        self.waits.is_empty()
            && self.inserts.is_empty()
            && self.updates.is_empty()
            && self.mutations.is_empty()
            && self.deletes.is_empty()
    }

    /// The `transact` params `[db, op...]` and what is needed to read the reply.
    pub fn build(self) -> (Value, PendingTxn) {
        let schema = self.replica.schema().clone();
        let names: HashMap<Uuid, String> = self
            .inserts
            .iter()
            .enumerate()
            .map(|(i, r)| (r.uuid, format!("row{i}")))
            .collect();
        let enc = Encoder { names: &names };
        let mut ops: Vec<Value> = vec![json!(schema.name)];
        let mut waits = Vec::new();
        let mut inserts = Vec::new();
        let col_name = |t: &str, i: usize| -> String {
            schema
                .table(t)
                .and_then(|ts| ts.columns.get(i))
                .map_or_else(String::new, |c| c.name.clone())
        };
        for ((table, uuid), cols) in &self.waits {
            waits.push(ops.len() - 1);
            let names: Vec<String> = cols.keys().map(|i| col_name(table, *i)).collect();
            let row: Map<String, Value> = cols
                .iter()
                .map(|(i, d)| (col_name(table, *i), enc.datum(d)))
                .collect();
            ops.push(json!({
                "op": "wait", "table": table, "where": enc.by_uuid(uuid),
                "columns": names, "until": "==", "rows": [row], "timeout": 0
            }));
        }
        for r in &self.inserts {
            inserts.push((ops.len() - 1, r.uuid));
            let row: Map<String, Value> = r
                .values
                .iter()
                .map(|(i, d)| (col_name(&r.table, *i), enc.datum(d)))
                .collect();
            ops.push(json!({
                "op": "insert", "table": r.table, "row": row,
                "uuid-name": names.get(&r.uuid)
            }));
        }
        for ((table, uuid), cols) in &self.updates {
            let row: Map<String, Value> = cols
                .iter()
                .map(|(i, d)| (col_name(table, *i), enc.datum(d)))
                .collect();
            ops.push(
                json!({"op": "update", "table": table, "where": enc.by_uuid(uuid), "row": row}),
            );
        }
        for (table, uuid, m) in &self.mutations {
            let arg = match &m.arg {
                MutationArg::Atom(a) => enc.atom(a),
                MutationArg::Datum(d) => enc.datum(d),
            };
            let mutation = json!([col_name(table, m.column), m.mutator.as_str(), arg]);
            ops.push(json!({
                "op": "mutate", "table": table, "where": enc.by_uuid(uuid),
                "mutations": [mutation]
            }));
        }
        for (table, uuid) in &self.deletes {
            ops.push(json!({"op": "delete", "table": table, "where": enc.by_uuid(uuid)}));
        }
        if let Some(c) = &self.comment {
            ops.push(json!({"op": "comment", "comment": c}));
        }
        let n_ops = ops.len() - 1;
        (Value::Array(ops), PendingTxn::new(n_ops, inserts, waits))
    }

    fn table(&self, name: &str) -> Result<&'a TableSchema, IdlError> {
        self.replica
            .schema()
            .table(name)
            .map(|t| t.as_ref())
            .ok_or_else(|| IdlError::UnknownTable(name.to_string()))
    }

    /// An existing row must be in the replica when its table is monitored.
    fn existing(&self, table: &str, row: Uuid) -> Result<(), IdlError> {
        match self.replica.table(table) {
            Some(rows) if !rows.contains_key(&row) => Err(no_row(table, row)),
            _ => Ok(()),
        }
    }
}

fn no_row(table: &str, uuid: Uuid) -> IdlError {
    IdlError::NoSuchRow {
        table: table.to_string(),
        uuid,
    }
}

fn user_column<'t>(
    ts: &'t TableSchema,
    column: &str,
) -> Result<(usize, &'t ColumnSchema), IdlError> {
    ts.column_index(column)
        .filter(|i| *i > VERSION_COLUMN)
        .map(|i| (i, &ts.columns[i]))
        .ok_or_else(|| IdlError::UnknownColumn {
            table: ts.name.clone(),
            column: column.to_string(),
        })
}

/// RFC 7047 JSON for values, with the transaction's provisional uuids written as
/// `["named-uuid", name]`. The shapes are `Datum::to_json`'s; only uuid atoms differ.
struct Encoder<'n> {
    names: &'n HashMap<Uuid, String>,
}

impl Encoder<'_> {
    fn atom(&self, a: &Atom) -> Value {
        match a {
            Atom::Uuid(u) => match self.names.get(u) {
                Some(n) => json!(["named-uuid", n]),
                None => a.to_json(),
            },
            _ => a.to_json(),
        }
    }
    fn datum(&self, d: &Datum) -> Value {
        match d {
            Datum::Map(m) => {
                let pairs: Vec<Value> = m
                    .iter()
                    .map(|(k, v)| json!([self.atom(k), self.atom(v)]))
                    .collect();
                json!(["map", pairs])
            }
            Datum::Set(s) if s.len() == 1 => s.iter().next().map_or(Value::Null, |a| self.atom(a)),
            Datum::Set(s) => json!(["set", s.iter().map(|a| self.atom(a)).collect::<Vec<_>>()]),
        }
    }
    fn by_uuid(&self, u: &Uuid) -> Value {
        json!([["_uuid", "==", self.atom(&Atom::Uuid(*u))]])
    }
}
