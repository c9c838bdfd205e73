//! Applying typed table updates to the replica, all or nothing.
//!
//! `plan` computes every resulting row against the current replica (and against rows
//! changed earlier in the same batch) without touching it; only when the whole batch is
//! valid does `commit` write the rows and record the tracked changes. So a bad message
//! (a modify or delete of an unknown row, an insert of a known one, a diff that breaks a
//! column's size bounds) leaves the replica as it was.
//!
//! A full replacement (`found: false`, or a plain `monitor_cond` reply) lists every row
//! as `initial`; rows of the monitored tables that are not listed are deleted, rows that
//! are listed again are compared column by column.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use uuid::Uuid;

use super::error::IdlError;
use super::replica::Replica;
use super::track::{changed_columns, TrackedChanges};
use super::update::{RowUpdate, TableUpdates};
use crate::db::Row;
use crate::schema::TableSchema;

/// One row's planned change: `old`/`new` `None` for insert/delete.
#[derive(Debug)]
pub(crate) struct Planned {
    table: Arc<TableSchema>,
    uuid: Uuid,
    old: Option<Row>,
    new: Option<Row>,
}

/// The resulting rows of a batch, not yet applied.
#[derive(Debug, Default)]
pub(crate) struct Plan {
    rows: BTreeMap<(String, Uuid), Planned>,
}

/// Plans `updates` against `replica`. With `replace`, every row of the monitored tables
/// that the batch does not list is planned for deletion.
pub(crate) fn plan(
    replica: &Replica,
    updates: &TableUpdates,
    replace: bool,
) -> Result<Plan, IdlError> {
    let mut plan = Plan::default();
    for tu in &updates.tables {
        let tname = &tu.table.name;
        if !replica.tables.contains_key(tname) {
            return Err(IdlError::TableNotMonitored(tname.clone()));
        }
        for (uuid, ru) in &tu.rows {
            let key = (tname.clone(), *uuid);
            let first = !plan.rows.contains_key(&key);
            let entry = plan.rows.entry(key).or_insert_with(|| {
                let committed = replica.row(tname, uuid).cloned();
                Planned {
                    table: tu.table.clone(),
                    uuid: *uuid,
                    old: committed.clone(),
                    new: committed,
                }
            });
            // During a replacement, every listed row starts from scratch.
            let current = if replace && first {
                None
            } else {
                entry.new.take()
            };
            entry.new = apply_one(&tu.table, *uuid, current, ru)?;
        }
    }
    if replace {
        for (tname, rows) in &replica.tables {
            let Some(ts) = replica.schema().table(tname) else {
                continue;
            };
            for (uuid, row) in rows {
                plan.rows
                    .entry((tname.clone(), *uuid))
                    .or_insert_with(|| Planned {
                        table: ts.clone(),
                        uuid: *uuid,
                        old: Some(row.clone()),
                        new: None,
                    });
            }
        }
    }
    Ok(plan)
}

fn apply_one(
    table: &TableSchema,
    uuid: Uuid,
    current: Option<Row>,
    ru: &RowUpdate,
) -> Result<Option<Row>, IdlError> {
    let exists = || IdlError::RowExists {
        table: table.name.clone(),
        uuid,
    };
    let missing = || IdlError::NoSuchRow {
        table: table.name.clone(),
        uuid,
    };
    match ru {
        RowUpdate::Initial(values) | RowUpdate::Insert(values) => {
            if current.is_some() {
                return Err(exists());
            }
            let mut row = Row::new_default(table, uuid, Uuid::nil());
            for (i, d) in values {
                row.set(*i, d.clone());
            }
            Ok(Some(row))
        }
        RowUpdate::Modify(diffs) => {
            let mut row = current.ok_or_else(missing)?;
            for (i, diff) in diffs {
                let col = &table.columns[*i];
                let old = row
                    .get(*i)
                    .cloned()
                    .unwrap_or_else(|| crate::data::Datum::empty_for(&col.type_));
                let new = old
                    .apply_diff(diff, &col.type_)
                    .map_err(|e| IdlError::bad_value(&table.name, &col.name, e))?;
                row.set(*i, new);
            }
            Ok(Some(row))
        }
        RowUpdate::Delete => {
            current.ok_or_else(missing)?;
            Ok(None)
        }
    }
}

/// Writes a plan into the replica and records it in `tracked`. Returns true if any row
/// changed.
pub(crate) fn commit(replica: &mut Replica, plan: Plan, tracked: &mut TrackedChanges) -> bool {
    let mut changed = false;
    for ((tname, _), p) in plan.rows {
        let rows = replica.tables.entry(tname.clone()).or_default();
        match (p.old, p.new) {
            (None, Some(new)) => {
                tracked.insert(&p.table, &new);
                rows.insert(p.uuid, new);
                changed = true;
            }
            (Some(old), Some(new)) => {
                let cols: BTreeSet<String> = changed_columns(&p.table, &old, &new);
                if !cols.is_empty() {
                    tracked.modify(&tname, p.uuid, cols);
                    rows.insert(p.uuid, new);
                    changed = true;
                }
            }
            (Some(old), None) => {
                rows.remove(&p.uuid);
                tracked.delete(&tname, old);
                changed = true;
            }
            (None, None) => {}
        }
    }
    changed
}
