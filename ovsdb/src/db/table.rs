//! `Table`: the committed rows of one table, by uuid, and one hash index per schema
//! index (key: the indexed columns' datums, in index order).
//!
//! Invariant: `indexes[i]` maps the key of every row to that row's uuid; keys are unique
//! because commits are checked first. Rows change only through `put`/`take`, which keep
//! the indexes in step.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use uuid::Uuid;

use super::row::Row;
use crate::data::Datum;
use crate::schema::TableSchema;

#[derive(Debug, Clone)]
pub struct Table {
    pub schema: Arc<TableSchema>,
    pub rows: BTreeMap<Uuid, Row>,
    indexes: Vec<HashMap<Vec<Datum>, Uuid>>,
}

impl Table {
    pub fn new(schema: Arc<TableSchema>) -> Table {
        let indexes = vec![HashMap::new(); schema.indexes.len()];
        Table {
            schema,
            rows: BTreeMap::new(),
            indexes,
        }
    }
    pub fn get(&self, uuid: &Uuid) -> Option<&Row> {
        self.rows.get(uuid)
    }
    pub fn len(&self) -> usize {
        self.rows.len()
    }
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The key of `row` in index number `i`.
    pub fn index_key(&self, i: usize, row: &Row) -> Vec<Datum> {
        self.schema.indexes[i]
            .iter()
            .filter_map(|c| row.get(*c).cloned())
            .collect()
    }

    /// The committed row holding `key` in index number `i`.
    pub fn index_lookup(&self, i: usize, key: &[Datum]) -> Option<Uuid> {
        self.indexes.get(i).and_then(|ix| ix.get(key).copied())
    }

    /// Inserts or replaces a row.
    pub(crate) fn put(&mut self, row: Row) {
        self.take(&row.uuid());
        for i in 0..self.indexes.len() {
            let key = self.index_key(i, &row);
            self.indexes[i].insert(key, row.uuid());
        }
        self.rows.insert(row.uuid(), row);
    }

    /// Removes a row.
    pub(crate) fn take(&mut self, uuid: &Uuid) -> Option<Row> {
        let row = self.rows.remove(uuid)?;
        for i in 0..self.indexes.len() {
            let key = self.index_key(i, &row);
            if self.indexes[i].get(&key) == Some(uuid) {
                self.indexes[i].remove(&key);
            }
        }
        Some(row)
    }
}
