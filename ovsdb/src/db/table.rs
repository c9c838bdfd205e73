//! `Table`: the committed rows of one table, by uuid, and one hash index per schema
//! index (key: the indexed columns' datums, in index order).
//!
//! Invariant: `indexes[i]` maps the hash of the key of every row to that row's uuid
//! (with the other rows whose keys share the hash, if any); keys are unique because
//! commits are checked first. The keys themselves are not copied: a lookup compares
//! against the rows. Rows change only through `put`/`take`, which keep the indexes in
//! step.

use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use uuid::Uuid;

use super::row::Row;
use crate::data::Datum;
use crate::schema::TableSchema;

#[derive(Debug, Clone)]
pub struct Table {
    pub schema: Arc<TableSchema>,
    pub rows: BTreeMap<Uuid, Row>,
    indexes: Vec<HashMap<u64, Vec<Uuid>>>,
}

/// The hash of an index key, given as its datums in index order.
fn key_hash<'a>(key: impl Iterator<Item = &'a Datum>) -> u64 {
    let mut h = DefaultHasher::new();
    for d in key {
        d.hash(&mut h);
    }
    h.finish()
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
        let cols = self.schema.indexes.get(i)?;
        let slot = self.indexes.get(i)?.get(&key_hash(key.iter()))?;
        slot.iter().copied().find(|u| {
            self.rows.get(u).is_some_and(|row| {
                cols.len() == key.len() && cols.iter().zip(key).all(|(c, k)| row.get(*c) == Some(k))
            })
        })
    }

    /// The hash of `row`'s key in index number `i`.
    fn row_key_hash(&self, i: usize, row: &Row) -> u64 {
        key_hash(self.schema.indexes[i].iter().filter_map(|c| row.get(*c)))
    }

    /// Inserts or replaces a row.
    pub(crate) fn put(&mut self, row: Row) {
        self.take(&row.uuid());
        for i in 0..self.indexes.len() {
            let h = self.row_key_hash(i, &row);
            self.indexes[i]
                .entry(h)
                .or_insert_with(|| Vec::with_capacity(1))
                .push(row.uuid());
        }
        self.rows.insert(row.uuid(), row);
    }

    /// Removes a row.
    pub(crate) fn take(&mut self, uuid: &Uuid) -> Option<Row> {
        let row = self.rows.remove(uuid)?;
        for i in 0..self.indexes.len() {
            let h = self.row_key_hash(i, &row);
            if let Some(slot) = self.indexes[i].get_mut(&h) {
                slot.retain(|u| u != uuid);
                if slot.is_empty() {
                    self.indexes[i].remove(&h);
                }
            }
        }
        Some(row)
    }
}
