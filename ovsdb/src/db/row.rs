//! `Row`: one row of a table, with its datums indexed like `TableSchema::columns`.
//!
//! Invariant: `values[UUID_COLUMN]` is the scalar uuid `uuid`, `values[VERSION_COLUMN]`
//! the scalar uuid `version`; every other datum conforms to its column's type.

use std::sync::Arc;

use serde_json::{Map, Value};
use uuid::Uuid;

use crate::data::{Atom, Datum};
use crate::schema::{TableSchema, UUID_COLUMN, VERSION_COLUMN};

/// The datums are shared between copies (a committed row, the transaction that changed
/// it, the history): cloning a row is O(1), and `set` copies them only when shared.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    uuid: Uuid,
    version: Uuid,
    values: Arc<Vec<Datum>>,
}

impl Row {
    /// A row holding each column's default value.
    pub fn new_default(table: &TableSchema, uuid: Uuid, version: Uuid) -> Row {
        let mut values: Vec<Datum> = table
            .columns
            .iter()
            .map(|c| Datum::default_for(&c.type_))
            .collect();
        values[UUID_COLUMN] = Datum::scalar(Atom::Uuid(uuid));
        values[VERSION_COLUMN] = Datum::scalar(Atom::Uuid(version));
        Row {
            uuid,
            version,
            values: Arc::new(values),
        }
    }

    /// Stores `d` in column `idx`; a shared datum vector is copied first, except the
    /// datum being replaced.
    fn put(&mut self, idx: usize, d: Datum) {
        if idx >= self.values.len() {
            return;
        }
        match Arc::get_mut(&mut self.values) {
            Some(v) => v[idx] = d,
            None => {
                let mut d = Some(d);
                let v: Vec<Datum> = self
                    .values
                    .iter()
                    .enumerate()
                    .map(|(i, x)| match d.take_if(|_| i == idx) {
                        Some(new) => new,
                        None => x.clone(),
                    })
                    .collect();
                self.values = Arc::new(v);
            }
        }
    }

    pub fn uuid(&self) -> Uuid {
        self.uuid
    }
    pub fn version(&self) -> Uuid {
        self.version
    }
    pub fn set_version(&mut self, v: Uuid) {
        self.version = v;
        self.put(VERSION_COLUMN, Datum::scalar(Atom::Uuid(v)));
    }

    /// The datum of column `idx` (an index into `TableSchema::columns`).
    pub fn get(&self, idx: usize) -> Option<&Datum> {
        self.values.get(idx)
    }
    /// The datum of the column named `name`.
    pub fn get_by_name(&self, table: &TableSchema, name: &str) -> Option<&Datum> {
        table.column_index(name).and_then(|i| self.get(i))
    }
    /// Replaces a user column's datum (the implicit columns cannot be set this way).
    pub fn set(&mut self, idx: usize, d: Datum) {
        if idx > VERSION_COLUMN {
            self.put(idx, d);
        }
    }
    pub fn values(&self) -> &[Datum] {
        &self.values
    }

    /// True when the user columns equal `other`'s (ignores `_version`).
    pub fn same_data(&self, other: &Row) -> bool {
        self.uuid == other.uuid
            && (Arc::ptr_eq(&self.values, &other.values)
                || self.values[VERSION_COLUMN + 1..] == other.values[VERSION_COLUMN + 1..])
    }

    /// `{column: datum}` for the given column indexes (all columns when `None`).
    pub fn to_json(&self, table: &TableSchema, columns: Option<&[usize]>) -> Value {
        let mut o = Map::new();
        let mut put = |i: usize| {
            if let (Some(c), Some(d)) = (table.columns.get(i), self.values.get(i)) {
                o.insert(c.name.clone(), d.to_json());
            }
        };
        match columns {
            Some(cols) => cols.iter().for_each(|i| put(*i)),
            None => (0..table.columns.len()).for_each(&mut put),
        }
        Value::Object(o)
    }

    /// Like `to_json`, but leaving out columns that hold their type's default value (what
    /// `update2` "initial"/"insert" and the log's inserted rows carry).
    pub fn to_json_nondefault(&self, table: &TableSchema, columns: Option<&[usize]>) -> Value {
        let mut o = Map::new();
        let mut put = |i: usize| {
            if let (Some(c), Some(d)) = (table.columns.get(i), self.values.get(i)) {
                if *d != Datum::default_for(&c.type_) {
                    o.insert(c.name.clone(), d.to_json());
                }
            }
        };
        match columns {
            Some(cols) => cols.iter().for_each(|i| put(*i)),
            None => (0..table.columns.len()).for_each(&mut put),
        }
        Value::Object(o)
    }

    /// Indexes of the columns whose values differ between `self` and `new`.
    pub fn changed_columns(&self, new: &Row) -> Vec<usize> {
        (0..self.values.len().min(new.values.len()))
            .filter(|i| self.values[*i] != new.values[*i])
            .collect()
    }

    /// The `update2` "modify" row from `self` to `new`: each changed column (among
    /// `columns`, or all) as `Datum::diff`. `_version` is left out.
    pub fn diff_json(&self, new: &Row, table: &TableSchema, columns: Option<&[usize]>) -> Value {
        let mut o = Map::new();
        for i in self.changed_columns(new) {
            if i == VERSION_COLUMN || columns.is_some_and(|c| !c.contains(&i)) {
                continue;
            }
            if let (Some(c), Some(a), Some(b)) = (table.columns.get(i), self.get(i), new.get(i)) {
                o.insert(c.name.clone(), a.diff(b, &c.type_).to_json());
            }
        }
        Value::Object(o)
    }
}
