//! Commit-time checks and fix-ups, in ovsdb-server's order of effects:
//! 1. drop modifications that change nothing;
//! 2. garbage-collect rows of non-root tables left without strong references;
//! 3. strong references must point at existing rows ("referential integrity violation");
//! 4. weak references to missing rows are removed, which may leave a column below its
//!    `min` ("constraint violation");
//! 5. `maxRows` and 6. index uniqueness ("constraint violation");
//! 7. every inserted or modified row gets a fresh `_version`.
//!
//! Invariant: on `Ok`, applying the changes yields a database satisfying every schema
//! constraint; on `Err`, the changes must be discarded.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use uuid::Uuid;

use super::changes::Changes;
use super::database::Database;
use super::row::Row;
use crate::data::{Atom, Datum};
use crate::error::{ErrorKind, OvsdbError, Result};
use crate::schema::{BaseType, TableSchema};

/// One reference-carrying column: its index and the table it points to.
struct RefCol<'a> {
    col: usize,
    target: &'a str,
}

fn ref_cols(ts: &TableSchema, pick: fn(&BaseType) -> bool) -> Vec<RefCol<'_>> {
    let mut out = Vec::new();
    for (i, c) in ts.columns.iter().enumerate() {
        for b in std::iter::once(&c.type_.key).chain(c.type_.value.as_ref()) {
            if let (true, Some(t)) = (pick(b), b.ref_table.as_deref()) {
                if !out.iter().any(|r: &RefCol| r.col == i && r.target == t) {
                    out.push(RefCol { col: i, target: t });
                }
            }
        }
    }
    out
}

/// Strong references held by `row` of table `ts`: (target table, uuid).
fn strong_refs<'a>(ts: &'a TableSchema, row: &Row) -> Vec<(&'a str, Uuid)> {
    strong_refs_by_column(ts, row)
        .into_iter()
        .map(|(_, t, u)| (t, u))
        .collect()
}

/// Strong references held by `row`: (column index, target table, uuid).
fn strong_refs_by_column<'a>(ts: &'a TableSchema, row: &Row) -> Vec<(usize, &'a str, Uuid)> {
    let mut out = Vec::new();
    for (i, c) in ts.columns.iter().enumerate() {
        let Some(d) = row.get(i) else { continue };
        let t = &c.type_;
        if let Some(rt) = t.key.ref_table.as_deref().filter(|_| t.key.is_strong_ref()) {
            out.extend(d.keys().filter_map(Atom::as_uuid).map(|u| (i, rt, u)));
        }
        if let Some(v) = t.value.as_ref().filter(|v| v.is_strong_ref()) {
            if let Some(rt) = v.ref_table.as_deref() {
                out.extend(d.values().filter_map(Atom::as_uuid).map(|u| (i, rt, u)));
            }
        }
    }
    out
}

/// The strong references `new` holds that `old` (the same row before the transaction)
/// does not, in the order `strong_refs_by_column` lists them; a column whose value
/// changed other than as a plain set of references is listed whole.
fn added_strong_refs_by_column<'a>(
    ts: &'a TableSchema,
    old: &Row,
    new: &Row,
) -> Vec<(usize, &'a str, Uuid)> {
    let mut out = Vec::new();
    for (i, c) in ts.columns.iter().enumerate() {
        let t = &c.type_;
        let key_rt = t.key.ref_table.as_deref().filter(|_| t.key.is_strong_ref());
        let val_rt = t
            .value
            .as_ref()
            .filter(|v| v.is_strong_ref())
            .and_then(|v| v.ref_table.as_deref());
        if key_rt.is_none() && val_rt.is_none() {
            continue;
        }
        let Some(d) = new.get(i) else { continue };
        match (old.get(i), d, key_rt, val_rt) {
            (Some(Datum::Set(a)), Datum::Set(b), Some(rt), None) => {
                if a.len() != b.len() || a != b {
                    out.extend(
                        b.symmetric_difference(a)
                            .filter(|x| b.contains(x))
                            .filter_map(Atom::as_uuid)
                            .map(|u| (i, rt, u)),
                    );
                }
            }
            (Some(o), _, _, _) if o == d => {}
            _ => {
                if let Some(rt) = key_rt {
                    out.extend(d.keys().filter_map(Atom::as_uuid).map(|u| (i, rt, u)));
                }
                if let Some(rt) = val_rt {
                    out.extend(d.values().filter_map(Atom::as_uuid).map(|u| (i, rt, u)));
                }
            }
        }
    }
    out
}

/// Runs every check, completing `changes` with GC deletions, weak-reference removals and
/// new `_version`s.
pub fn check(db: &Database, changes: &mut Changes) -> Result<()> {
    drop_noops(changes);
    if changes.is_empty() {
        return Ok(());
    }
    collect_garbage(db, changes);
    check_strong_refs(db, changes)?;
    remove_weak_refs(db, changes)?;
    check_max_rows(db, changes)?;
    check_indexes(db, changes)?;
    drop_noops(changes);
    for rows in changes.tables.values_mut() {
        for c in rows.values_mut() {
            if let Some(new) = &mut c.new {
                new.set_version(Uuid::new_v4());
            }
        }
    }
    Ok(())
}

fn drop_noops(changes: &mut Changes) {
    for rows in changes.tables.values_mut() {
        rows.retain(|_, c| match (&c.old, &c.new) {
            (Some(o), Some(n)) => !o.same_data(n),
            (None, None) => false,
            _ => true,
        });
    }
    changes.tables.retain(|_, rows| !rows.is_empty());
}

/// Calls `f(target table, uuid, +1/-1)` for every strong reference that `new` holds and
/// `old` does not (+1) or `old` holds and `new` does not (-1), column by column. A set
/// column is compared element-wise (no work for elements both hold); a map column
/// counts each occurrence, as `strong_refs` does.
pub(crate) fn for_each_strong_ref_change<'a>(
    ts: &'a TableSchema,
    old: Option<&Row>,
    new: Option<&Row>,
    mut f: impl FnMut(&'a str, Uuid, isize),
) {
    for (i, c) in ts.columns.iter().enumerate() {
        let t = &c.type_;
        let key_rt = t.key.ref_table.as_deref().filter(|_| t.key.is_strong_ref());
        let val_rt = t
            .value
            .as_ref()
            .filter(|v| v.is_strong_ref())
            .and_then(|v| v.ref_table.as_deref());
        if key_rt.is_none() && val_rt.is_none() {
            continue;
        }
        let o = old.and_then(|r| r.get(i));
        let n = new.and_then(|r| r.get(i));
        if let (Some(Datum::Set(a)), Some(Datum::Set(b)), Some(rt), None) = (o, n, key_rt, val_rt) {
            if a.len() == b.len() && a == b {
                continue;
            }
            // One merged walk over both sets; the (few) differing elements are then
            // placed by a lookup.
            for x in a.symmetric_difference(b) {
                if let Some(u) = x.as_uuid() {
                    f(rt, u, if b.contains(x) { 1 } else { -1 });
                }
            }
            continue;
        }
        if let (Some(a), Some(b)) = (o, n) {
            if a == b {
                continue;
            }
        }
        for (d, sign) in [(o, -1), (n, 1)] {
            let Some(d) = d else { continue };
            if let Some(rt) = key_rt {
                for u in d.keys().filter_map(Atom::as_uuid) {
                    f(rt, u, sign);
                }
            }
            if let Some(rt) = val_rt {
                for u in d.values().filter_map(Atom::as_uuid) {
                    f(rt, u, sign);
                }
            }
        }
    }
}

fn collect_garbage(db: &Database, changes: &mut Changes) {
    let schema = db.schema().clone();
    if schema.tables.keys().all(|t| schema.is_root(t)) {
        return;
    }
    // Candidates: rows of non-root tables the transaction wrote, and rows that lost a
    // strong reference. `delta`: how the transaction changes inbound strong-reference
    // counts to rows of non-root tables (the committed counts are kept by `Database`).
    let mut work: Vec<(&str, Uuid)> = Vec::new();
    let mut delta: HashMap<Uuid, isize> = HashMap::new();
    for (table, uuid, c) in changes.iter() {
        let Some((name, ts)) = schema.tables.get_key_value(table) else {
            continue;
        };
        if c.new.is_some() && !schema.is_root(name) {
            work.push((name.as_str(), *uuid));
        }
        for_each_strong_ref_change(ts, c.old.as_ref(), c.new.as_ref(), |rt, u, d| {
            if !schema.is_root(rt) {
                *delta.entry(u).or_default() += d;
                if d < 0 {
                    work.push((rt, u));
                }
            }
        });
    }
    if work.is_empty() {
        return;
    }
    // Inbound strong-reference counts over the pending view, filled in on first use.
    let mut counts: HashMap<Uuid, usize> = HashMap::new();
    let count_of = |counts: &mut HashMap<Uuid, usize>, u: Uuid| -> usize {
        *counts.entry(u).or_insert_with(|| {
            let n = db.strong_refs_to(&u) as isize + delta.get(&u).copied().unwrap_or(0);
            n.max(0) as usize
        })
    };
    let mut done: HashSet<Uuid> = HashSet::new();
    while let Some((table, uuid)) = work.pop() {
        if done.contains(&uuid) || count_of(&mut counts, uuid) > 0 {
            continue;
        }
        let Some(row) = db.row_in(changes, table, &uuid).cloned() else {
            continue;
        };
        let Some(ts) = schema.table(table) else {
            continue;
        };
        done.insert(uuid);
        for (rt, u) in strong_refs(ts, &row) {
            if !schema.is_root(rt) {
                count_of(&mut counts, u);
                if let Some(n) = counts.get_mut(&u) {
                    *n = n.saturating_sub(1);
                }
                work.push((rt, u));
            }
        }
        db.remove(changes, table, &uuid);
    }
}

/// Uuids deleted by the transaction, per table.
fn deleted(changes: &Changes) -> BTreeMap<String, BTreeSet<Uuid>> {
    let mut out: BTreeMap<String, BTreeSet<Uuid>> = BTreeMap::new();
    for (t, u, c) in changes.iter() {
        if c.new.is_none() {
            out.entry(t.to_string()).or_default().insert(*u);
        }
    }
    out
}

/// The rows of `table` that may hold references needing a check: all of them when a
/// referenced table lost rows, otherwise only the ones the transaction wrote.
fn rows_to_scan<'a>(
    db: &'a Database,
    changes: &'a Changes,
    table: &str,
    cols: &[RefCol<'_>],
    deleted: &BTreeMap<String, BTreeSet<Uuid>>,
) -> Vec<&'a Row> {
    if cols.iter().any(|r| deleted.contains_key(r.target)) {
        db.rows_iter(changes, table).collect()
    } else {
        changes
            .tables
            .get(table)
            .map(|rows| rows.values().filter_map(|c| c.new.as_ref()).collect())
            .unwrap_or_default()
    }
}

fn check_strong_refs(db: &Database, changes: &Changes) -> Result<()> {
    let schema = db.schema();
    let deleted = deleted(changes);
    for (name, ts) in &schema.tables {
        let cols = ref_cols(ts, BaseType::is_strong_ref);
        if cols.is_empty() {
            continue;
        }
        let rows = rows_to_scan(db, changes, name, &cols, &deleted);
        // With no referenced row deleted, the references a written row already held
        // before the transaction still point at rows: only the new ones need a look.
        let only_added = !cols.iter().any(|r| deleted.contains_key(r.target));
        for row in &rows {
            let refs = match changes.get(name, &row.uuid()).and_then(|c| c.old.as_ref()) {
                Some(old) if only_added => added_strong_refs_by_column(ts, old, row),
                _ => strong_refs_by_column(ts, row),
            };
            for (col, rt, u) in refs {
                if db.row_in(changes, rt, &u).is_some() {
                    continue;
                }
                if deleted.get(rt).is_some_and(|d| d.contains(&u)) {
                    let n = count_refs_to(db, changes, u);
                    return Err(OvsdbError::new(
                        ErrorKind::ReferentialIntegrityViolation,
                        format!("cannot delete {rt} row {u} because of {n} remaining reference(s)"),
                    ));
                }
                let col = &ts.columns[col].name;
                return Err(OvsdbError::new(
                    ErrorKind::ReferentialIntegrityViolation,
                    format!(
                        "Table {name} column {col} row {} references nonexistent row {u} in table {rt}.",
                        row.uuid()
                    ),
                ));
            }
        }
    }
    Ok(())
}

fn count_refs_to(db: &Database, changes: &Changes, target: Uuid) -> usize {
    let mut n = 0;
    for (name, ts) in &db.schema().tables {
        for row in db.rows_iter(changes, name) {
            n += strong_refs(ts, row)
                .iter()
                .filter(|(_, u)| *u == target)
                .count();
        }
    }
    n
}

fn remove_weak_refs(db: &Database, changes: &mut Changes) -> Result<()> {
    let schema = db.schema().clone();
    let deleted = deleted(changes);
    for (name, ts) in &schema.tables {
        let cols = ref_cols(ts, BaseType::is_weak_ref);
        if cols.is_empty() {
            continue;
        }
        let mut rewrites: Vec<Row> = Vec::new();
        for row in rows_to_scan(db, changes, name, &cols, &deleted) {
            let mut new_row = row.clone();
            let mut changed = false;
            for rc in &cols {
                let c = &ts.columns[rc.col];
                let Some(d) = row.get(rc.col) else { continue };
                let live = |a: &Atom, b: &BaseType| match (a.as_uuid(), b.is_weak_ref()) {
                    (Some(u), true) => b
                        .ref_table
                        .as_deref()
                        .is_some_and(|t| db.row_in(changes, t, &u).is_some()),
                    _ => true,
                };
                let kept = match d {
                    Datum::Set(s) => Datum::Set(
                        s.iter()
                            .filter(|a| live(a, &c.type_.key))
                            .cloned()
                            .collect(),
                    ),
                    Datum::Map(m) => Datum::Map(
                        m.iter()
                            .filter(|(k, v)| {
                                live(k, &c.type_.key)
                                    && c.type_.value.as_ref().is_none_or(|vt| live(v, vt))
                            })
                            .map(|(k, v)| (k.clone(), v.clone()))
                            .collect(),
                    ),
                };
                if kept.len() == d.len() {
                    continue;
                }
                if !c.type_.allows_len(kept.len()) {
                    let inserted = changes
                        .get(name, &row.uuid())
                        .is_some_and(|ch| ch.old.is_none());
                    let nil = Atom::Uuid(Uuid::nil());
                    let had_nil = d.keys().any(|k| *k == nil) || d.values().any(|v| *v == nil);
                    let msg = if inserted && had_nil {
                        format!(
                            "Weak reference column \"{}\" in \"{name}\" row {} (inserted within this transaction) contained all-zeros UUID (probably as the default value for this column) but deleting this value caused a constraint volation because this column is not allowed to be empty.",
                            c.name,
                            row.uuid()
                        )
                    } else {
                        format!(
                            "Deletion of {} weak reference(s) to deleted (or never-existing) rows from column \"{}\" in \"{name}\" row {}{} caused this column to become empty, but constraints on this column disallow an empty column.",
                            d.len() - kept.len(),
                            c.name,
                            row.uuid(),
                            if inserted { " (inserted within this transaction)" } else { "" }
                        )
                    };
                    return Err(OvsdbError::constraint(msg));
                }
                new_row.set(rc.col, kept);
                changed = true;
            }
            if changed {
                rewrites.push(new_row);
            }
        }
        for r in rewrites {
            db.write(changes, name, r);
        }
    }
    Ok(())
}

fn check_max_rows(db: &Database, changes: &Changes) -> Result<()> {
    for name in changes.tables.keys() {
        let Some(max) = db.schema().table(name).and_then(|t| t.max_rows) else {
            continue;
        };
        let n = db.count_in(changes, name) as u64;
        if n > max {
            return Err(OvsdbError::constraint(format!(
                "transaction causes \"{name}\" table to contain {n} rows, greater than the schema-defined limit of {max} row(s)"
            )));
        }
    }
    Ok(())
}

fn check_indexes(db: &Database, changes: &Changes) -> Result<()> {
    for (name, rows) in &changes.tables {
        let (Some(ts), Some(table)) = (db.schema().table(name), db.table(name)) else {
            continue;
        };
        for (i, index) in ts.indexes.iter().enumerate() {
            // Keys of the rows this transaction wrote: unique among themselves...
            let mut pending: HashMap<Vec<Datum>, &Row> = HashMap::new();
            for row in rows.values().filter_map(|c| c.new.as_ref()) {
                let key = table.index_key(i, row);
                if let Some(first) = pending.get(&key) {
                    return Err(index_error(ts, index, &key, first, row, changes));
                }
                pending.insert(key, row);
            }
            // ...and not held by a committed row the transaction left alone.
            for (key, row) in &pending {
                let Some(other) = table.index_lookup(i, key) else {
                    continue;
                };
                if other == row.uuid() || changes.get(name, &other).is_some() {
                    continue;
                }
                // ovsdb-server names the transaction's row first.
                if let Some(existing) = table.get(&other) {
                    return Err(index_error(ts, index, key, row, existing, changes));
                }
            }
        }
    }
    Ok(())
}

fn index_error(
    ts: &TableSchema,
    index: &[usize],
    key: &[Datum],
    first: &Row,
    second: &Row,
    changes: &Changes,
) -> OvsdbError {
    let names: Vec<String> = index
        .iter()
        .map(|i| format!("\"{}\"", ts.columns[*i].name))
        .collect();
    let values: Vec<String> = key.iter().map(display_datum).collect();
    let cols = if names.len() == 1 {
        format!("column {}", names[0])
    } else {
        format!("columns {}", and_list(&names))
    };
    let status = |r: &Row| match changes.get(&ts.name, &r.uuid()) {
        Some(c) => match &c.old {
            None => "was inserted by this transaction".to_string(),
            Some(old) => {
                let before: Vec<String> = index
                    .iter()
                    .filter_map(|i| old.get(*i))
                    .map(display_datum)
                    .collect();
                format!(
                    "had the following index values before the transaction: {}",
                    and_list(&before)
                )
            }
        },
        None => "existed in the database before this transaction and was not modified by the \
                 transaction"
            .to_string(),
    };
    OvsdbError::constraint(format!(
        "Transaction causes multiple rows in \"{}\" table to have identical values ({}) for index on {cols}.  First row, with UUID {}, {}.  Second row, with UUID {}, {}.",
        ts.name,
        and_list(&values),
        first.uuid(),
        status(first),
        second.uuid(),
        status(second)
    ))
}

fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [a] => a.clone(),
        [a, b] => format!("{a} and {b}"),
        [init @ .., last] => format!("{}, and {last}", init.join(", ")),
    }
}

/// ovs-vsctl-like text for a datum, as used in error details.
pub(crate) fn display_datum(d: &Datum) -> String {
    let atom = |a: &Atom| match a {
        Atom::String(s) if needs_quotes(s) => serde_json::Value::String(s.clone()).to_string(),
        other => other.to_string(),
    };
    match d {
        Datum::Set(s) if s.len() == 1 => s.iter().map(atom).collect(),
        Datum::Set(s) => format!("[{}]", s.iter().map(atom).collect::<Vec<_>>().join(", ")),
        Datum::Map(m) => format!(
            "{{{}}}",
            m.iter()
                .map(|(k, v)| format!("{}={}", atom(k), atom(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// Whether a string must be quoted to read back as a string (as ovs-vsctl prints).
fn needs_quotes(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        None => true,
        Some(c) if !(c.is_ascii_alphabetic() || c == '_') => true,
        Some(_) => {
            !s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "_-.".contains(c))
                || s == "true"
                || s == "false"
        }
    }
}
