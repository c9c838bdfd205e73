//! Change tracking for consumers: which rows were inserted, modified (and in which
//! columns) or deleted since the consumer last took the changes.
//!
//! Invariants, per table: a uuid is in at most one of `inserted`, `modified`, `deleted`.
//! Changes accumulate across batches until taken: a row inserted and then modified is
//! still "inserted"; inserted and then deleted is nothing at all; modified and then
//! deleted is "deleted"; deleted and then inserted again (as after a full resync) is
//! "modified" in the columns whose values differ. `deleted` keeps the row as it was when
//! it was deleted, so consumers can undo what they derived from it.

use std::collections::{BTreeMap, BTreeSet};

use uuid::Uuid;

use crate::db::Row;
use crate::schema::TableSchema;

/// The tracked changes of one table.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TableChanges {
    pub inserted: BTreeSet<Uuid>,
    /// Changed rows and the names of their changed columns.
    pub modified: BTreeMap<Uuid, BTreeSet<String>>,
    /// Deleted rows, with their last contents.
    pub deleted: BTreeMap<Uuid, Row>,
}

impl TableChanges {
    pub fn is_empty(&self) -> bool {
        self.inserted.is_empty() && self.modified.is_empty() && self.deleted.is_empty()
    }
}

/// Tracked changes of every monitored table (tables without changes are absent).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TrackedChanges {
    pub tables: BTreeMap<String, TableChanges>,
}

impl TrackedChanges {
    pub fn is_empty(&self) -> bool {
        self.tables.values().all(TableChanges::is_empty)
    }
    /// The changes of one table, if it has any.
    pub fn table(&self, name: &str) -> Option<&TableChanges> {
        self.tables.get(name).filter(|t| !t.is_empty())
    }

    pub(crate) fn insert(&mut self, table: &TableSchema, new: &Row) {
        let t = self.tables.entry(table.name.clone()).or_default();
        let uuid = new.uuid();
        match t.deleted.remove(&uuid) {
            Some(old) => {
                let cols = changed_columns(table, &old, new);
                if !cols.is_empty() {
                    t.modified.insert(uuid, cols);
                }
            }
            None => {
                t.inserted.insert(uuid);
            }
        }
    }

    pub(crate) fn modify(&mut self, table: &str, uuid: Uuid, columns: BTreeSet<String>) {
        let t = self.tables.entry(table.to_string()).or_default();
        if !t.inserted.contains(&uuid) && !columns.is_empty() {
            t.modified.entry(uuid).or_default().extend(columns);
        }
    }

    pub(crate) fn delete(&mut self, table: &str, old: Row) {
        let t = self.tables.entry(table.to_string()).or_default();
        let uuid = old.uuid();
        if t.inserted.remove(&uuid) {
            return;
        }
        t.modified.remove(&uuid);
        t.deleted.insert(uuid, old);
    }
}

/// Names of the user columns whose values differ between two versions of a row.
pub(crate) fn changed_columns(table: &TableSchema, old: &Row, new: &Row) -> BTreeSet<String> {
    table
        .user_columns()
        .filter(|(i, _)| old.get(*i) != new.get(*i))
        .map(|(_, c)| c.name.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{Atom, Datum};

    fn table() -> TableSchema {
        let j = serde_json::json!({"columns": {"a": {"type": "integer"}, "b": {"type": "string"}}});
        TableSchema::from_json("T", &j).unwrap()
    }
    fn row(t: &TableSchema, n: u128, a: i64) -> Row {
        let mut r = Row::new_default(t, Uuid::from_u128(n), Uuid::nil());
        r.set(2, Datum::scalar(Atom::Integer(a)));
        r
    }

    #[test]
    fn delete_then_insert_is_a_modification_of_what_differs() {
        let t = table();
        let mut c = TrackedChanges::default();
        c.delete("T", row(&t, 1, 5));
        c.insert(&t, &row(&t, 1, 6));
        let tc = c.table("T").unwrap();
        assert!(tc.inserted.is_empty() && tc.deleted.is_empty());
        assert_eq!(
            tc.modified[&Uuid::from_u128(1)],
            BTreeSet::from(["a".to_string()])
        );
        // Deleted and inserted identical: nothing at all.
        let mut c = TrackedChanges::default();
        c.delete("T", row(&t, 2, 5));
        c.insert(&t, &row(&t, 2, 5));
        assert!(c.is_empty());
        assert!(c.table("T").is_none());
    }

    #[test]
    fn insert_modify_delete() {
        let t = table();
        let mut c = TrackedChanges::default();
        c.insert(&t, &row(&t, 1, 1));
        c.modify("T", Uuid::from_u128(1), BTreeSet::from(["a".to_string()]));
        assert_eq!(c.table("T").unwrap().inserted.len(), 1);
        assert!(c.table("T").unwrap().modified.is_empty());
        c.delete("T", row(&t, 1, 1));
        assert!(c.is_empty());
        c.modify("T", Uuid::from_u128(3), BTreeSet::new());
        assert!(c.is_empty(), "an empty column set is no modification");
    }
}
