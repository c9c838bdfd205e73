//! `Database`: one schema and its committed tables, plus the transaction-view helpers
//! (`row_in`, `rows_in`, `write`, `remove`) that read committed rows through a pending
//! `Changes` overlay.
//!
//! Invariant: the committed tables always satisfy every schema constraint; they are only
//! modified by `commit`, with changes that passed `integrity::check`.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use uuid::Uuid;

use super::changes::{Changes, RowChange};
use super::integrity;
use super::row::Row;
use super::table::Table;
use crate::schema::DatabaseSchema;

#[derive(Debug, Clone)]
pub struct Database {
    schema: Arc<DatabaseSchema>,
    tables: BTreeMap<String, Table>,
    /// Committed strong references into rows of non-root tables: target uuid → number of
    /// references (as `isRoot` garbage collection counts them). Kept by `commit`.
    strong_refs_in: HashMap<Uuid, usize>,
}

impl Database {
    pub fn new(schema: Arc<DatabaseSchema>) -> Database {
        let tables = schema
            .tables
            .iter()
            .map(|(n, t)| (n.clone(), Table::new(t.clone())))
            .collect();
        Database {
            schema,
            tables,
            strong_refs_in: HashMap::new(),
        }
    }

    pub fn schema(&self) -> &Arc<DatabaseSchema> {
        &self.schema
    }
    pub fn table(&self, name: &str) -> Option<&Table> {
        self.tables.get(name)
    }
    pub fn tables(&self) -> impl Iterator<Item = (&String, &Table)> {
        self.tables.iter()
    }

    /// The row as the pending transaction sees it.
    pub fn row_in<'a>(&'a self, changes: &'a Changes, table: &str, uuid: &Uuid) -> Option<&'a Row> {
        match changes.get(table, uuid) {
            Some(c) => c.new.as_ref(),
            None => self.tables.get(table).and_then(|t| t.get(uuid)),
        }
    }

    /// Every row of `table` as the pending transaction sees it, in no particular order.
    pub fn rows_iter<'a>(
        &'a self,
        changes: &'a Changes,
        table: &str,
    ) -> impl Iterator<Item = &'a Row> + 'a {
        let committed = self.tables.get(table).map(|t| &t.rows);
        let pending = changes.tables.get(table);
        committed
            .into_iter()
            .flat_map(|rows| rows.iter())
            .filter(move |(u, _)| pending.is_none_or(|p| !p.contains_key(u)))
            .map(|(_, r)| r)
            .chain(
                pending
                    .into_iter()
                    .flat_map(|p| p.values().filter_map(|c| c.new.as_ref())),
            )
    }

    /// Number of rows of `table` as the pending transaction sees it.
    pub fn count_in(&self, changes: &Changes, table: &str) -> usize {
        let committed = self.tables.get(table).map_or(0, Table::len);
        let delta: isize = changes.tables.get(table).map_or(0, |p| {
            p.values()
                .map(|c| match (&c.old, &c.new) {
                    (None, Some(_)) => 1,
                    (Some(_), None) => -1,
                    _ => 0,
                })
                .sum()
        });
        committed.saturating_add_signed(delta)
    }

    /// Every row of `table` as the pending transaction sees it, in uuid order.
    pub fn rows_in<'a>(&'a self, changes: &'a Changes, table: &str) -> Vec<&'a Row> {
        let committed = self.tables.get(table).map(|t| &t.rows);
        let pending = changes.tables.get(table);
        let mut out: Vec<&Row> = Vec::new();
        if let Some(rows) = committed {
            out.extend(
                rows.iter()
                    .filter(|(u, _)| pending.is_none_or(|p| !p.contains_key(u)))
                    .map(|(_, r)| r),
            );
        }
        if let Some(p) = pending {
            out.extend(p.values().filter_map(|c| c.new.as_ref()));
        }
        out.sort_by_key(|r| r.uuid());
        out
    }

    /// Records `row` as the new version of its row in `table`.
    pub(crate) fn write(&self, changes: &mut Changes, table: &str, row: Row) {
        let uuid = row.uuid();
        let entry = changes.tables.entry(table.to_string()).or_default();
        match entry.get_mut(&uuid) {
            Some(c) => c.new = Some(row),
            None => {
                let old = self.tables.get(table).and_then(|t| t.get(&uuid)).cloned();
                entry.insert(
                    uuid,
                    RowChange {
                        old,
                        new: Some(row),
                    },
                );
            }
        }
    }

    /// Records the deletion of a row of `table`.
    pub(crate) fn remove(&self, changes: &mut Changes, table: &str, uuid: &Uuid) {
        let entry = changes.tables.entry(table.to_string()).or_default();
        match entry.get_mut(uuid) {
            Some(c) if c.old.is_none() => {
                entry.remove(uuid);
            }
            Some(c) => c.new = None,
            None => {
                if let Some(old) = self.tables.get(table).and_then(|t| t.get(uuid)).cloned() {
                    entry.insert(
                        *uuid,
                        RowChange {
                            old: Some(old),
                            new: None,
                        },
                    );
                }
            }
        }
    }

    /// Number of committed strong references to `uuid`, a row of a non-root table.
    pub(crate) fn strong_refs_to(&self, uuid: &Uuid) -> usize {
        self.strong_refs_in.get(uuid).copied().unwrap_or(0)
    }

    /// Applies checked changes to the committed tables.
    pub(crate) fn commit(&mut self, changes: &Changes) {
        let schema = self.schema.clone();
        let counts = &mut self.strong_refs_in;
        for (table, _, change) in changes.iter() {
            let Some(ts) = schema.table(table) else {
                continue;
            };
            integrity::for_each_strong_ref_change(
                ts,
                change.old.as_ref(),
                change.new.as_ref(),
                |rt, u, d| {
                    if schema.is_root(rt) {
                        return;
                    }
                    let n = counts.entry(u).or_default();
                    *n = n.saturating_add_signed(d);
                    if *n == 0 {
                        counts.remove(&u);
                    }
                },
            );
        }
        for (table, uuid, change) in changes.iter() {
            if let Some(t) = self.tables.get_mut(table) {
                match &change.new {
                    Some(r) => t.put(r.clone()),
                    None => {
                        t.take(uuid);
                    }
                }
            }
        }
    }

    /// Total number of rows (all tables).
    pub fn n_rows(&self) -> usize {
        self.tables.values().map(Table::len).sum()
    }
}
