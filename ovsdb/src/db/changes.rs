//! `Changes`: what a transaction does, per table and row uuid, as old and new rows
//! (`old: None` = inserted, `new: None` = deleted).
//!
//! Invariant: no entry has both `old` and `new` `None`; `old` is the committed row.

use std::collections::BTreeMap;

use uuid::Uuid;

use super::row::Row;

#[derive(Debug, Clone, PartialEq)]
pub struct RowChange {
    pub old: Option<Row>,
    pub new: Option<Row>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Changes {
    pub tables: BTreeMap<String, BTreeMap<Uuid, RowChange>>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.tables.values().all(BTreeMap::is_empty)
    }
    /// The change to one row, if any.
    pub fn get(&self, table: &str, uuid: &Uuid) -> Option<&RowChange> {
        self.tables.get(table).and_then(|t| t.get(uuid))
    }
    /// Iterates `(table, uuid, change)`.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Uuid, &RowChange)> {
        self.tables
            .iter()
            .flat_map(|(t, rows)| rows.iter().map(move |(u, c)| (t.as_str(), u, c)))
    }
}
