//! `WorkDb`: the working copy of the NB replica that the commands of one `rovn-nbctl`
//! invocation read and change, and the one place that turns its changes into an IDL
//! transaction.
//!
//! Commands separated by `--` run in one transaction and each sees the effect of the
//! ones before it (as with the C IDL, whose rows reflect a transaction's writes), so
//! commands never write to the transaction directly: they change the working copy, and
//! [`WorkDb::write`] emits the difference from the replica at the end.
//!
//! Invariants:
//! - `base` is the replica as it was when the copy was taken and never changes;
//! - `cur` holds every row as the commands left it. A deleted row is gone from `cur`
//!   and every reference to it is removed from the rows that held it; a non-root row
//!   that nothing references any more is gone too (the server would collect it);
//! - rows inserted here get a fresh uuid that stands for the row until commit;
//! - `write` emits: inserts (only non-default columns); for existing rows, a
//!   `mutate` (delete/insert of the elements that changed) for reference-set columns
//!   (memberships such as a switch's `ports`), and a `verify` plus a `set` for every
//!   other changed column; and deletes. Nothing for an unchanged copy.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use ovsdb::data::{Atom, Datum};
use ovsdb::db::Row;
use ovsdb::idl::{IdlError, IdlTxn, Replica};
use ovsdb::schema::{DatabaseSchema, TableSchema, VERSION_COLUMN};
use ovsdb::typed::TypedRow;
use uuid::Uuid;

type Tables = BTreeMap<String, BTreeMap<Uuid, Row>>;

/// One row-level change, for printing a diff (`apply --dry-run`) and for tests.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum RowChange {
    Insert {
        table: String,
        uuid: Uuid,
    },
    Update {
        table: String,
        uuid: Uuid,
        columns: Vec<String>,
    },
    Delete {
        table: String,
        uuid: Uuid,
    },
}

#[derive(Debug, Clone)]
pub struct WorkDb {
    schema: Arc<DatabaseSchema>,
    base: Tables,
    cur: Tables,
    inserted: BTreeSet<Uuid>,
    /// Per table, `name` → rows, built on the first lookup in that table and kept up to
    /// date by every change of a row set or a `name` column.
    names: RefCell<BTreeMap<String, HashMap<String, BTreeSet<Uuid>>>>,
    /// The tables the replica holds (the others read as empty and are never
    /// garbage-collected here: rows they reference are invisible).
    monitored: BTreeSet<String>,
}

impl WorkDb {
    /// A working copy of every table of `replica`'s schema.
    pub fn from_replica(replica: &Replica) -> WorkDb {
        let schema = replica.schema().clone();
        let base: Tables = schema
            .tables
            .keys()
            .map(|t| {
                let rows = replica
                    .table(t)
                    .map(|rows| rows.iter().map(|(u, r)| (*u, r.clone())).collect())
                    .unwrap_or_default();
                (t.clone(), rows)
            })
            .collect();
        let monitored = schema
            .tables
            .keys()
            .filter(|t| replica.table(t).is_some())
            .cloned()
            .collect();
        WorkDb {
            schema,
            cur: base.clone(),
            base,
            inserted: BTreeSet::new(),
            names: RefCell::new(BTreeMap::new()),
            monitored,
        }
    }

    pub fn schema(&self) -> &Arc<DatabaseSchema> {
        &self.schema
    }

    /// The schema of `table`, or an error naming it.
    pub fn table_schema(&self, table: &str) -> Result<&Arc<TableSchema>, String> {
        self.schema
            .table(table)
            .ok_or_else(|| format!("unknown table \"{table}\""))
    }

    /// The rows of `table`, in uuid order.
    pub fn rows<'a>(&'a self, table: &str) -> impl Iterator<Item = &'a Row> + 'a {
        self.cur.get(table).into_iter().flat_map(|t| t.values())
    }

    pub fn row(&self, table: &str, uuid: &Uuid) -> Option<&Row> {
        self.cur.get(table).and_then(|t| t.get(uuid))
    }

    /// One column of one row.
    pub fn get(&self, table: &str, uuid: &Uuid, column: &str) -> Option<&Datum> {
        let ts = self.schema.table(table)?;
        self.row(table, uuid)?.get_by_name(ts, column)
    }

    /// The uuids of the rows of `table` whose `column` holds exactly the string `value`
    /// (without converting rows to typed values: lookups by name stay cheap in big
    /// tables).
    pub fn find_by_string(&self, table: &str, column: &str, value: &str) -> Vec<Uuid> {
        let Some(idx) = self
            .schema
            .table(table)
            .and_then(|t| t.column_index(column))
        else {
            return Vec::new();
        };
        if column == "name" {
            let mut names = self.names.borrow_mut();
            let index = names.entry(table.to_string()).or_insert_with(|| {
                let mut m: HashMap<String, BTreeSet<Uuid>> = HashMap::new();
                for r in self.rows(table) {
                    if let Some(n) = name_of(r, idx) {
                        m.entry(n.to_string()).or_default().insert(r.uuid());
                    }
                }
                m
            });
            return index
                .get(value)
                .map(|s| s.iter().copied().collect())
                .unwrap_or_default();
        }
        let want = Atom::String(value.to_string());
        self.rows(table)
            .filter(
                |r| matches!(r.get(idx), Some(Datum::Set(s)) if s.len() == 1 && s.contains(&want)),
            )
            .map(Row::uuid)
            .collect()
    }

    /// The uuids of the rows of `table` whose set `column` contains `atom`.
    pub fn find_containing(&self, table: &str, column: &str, atom: &Atom) -> Vec<Uuid> {
        let Some(idx) = self
            .schema
            .table(table)
            .and_then(|t| t.column_index(column))
        else {
            return Vec::new();
        };
        self.rows(table)
            .filter(|r| matches!(r.get(idx), Some(Datum::Set(s)) if s.contains(atom)))
            .map(Row::uuid)
            .collect()
    }

    /// Every row of `T`'s table as a typed row, in uuid order.
    pub fn all<T: TypedRow>(&self) -> Result<Vec<T>, String> {
        let ts = self.table_schema(T::TABLE)?.clone();
        self.rows(T::TABLE)
            .map(|r| T::from_row(&ts, r).map_err(|e| e.to_string()))
            .collect()
    }

    /// One typed row.
    pub fn typed<T: TypedRow>(&self, uuid: &Uuid) -> Option<T> {
        let ts = self.schema.table(T::TABLE)?;
        T::from_row(ts, self.row(T::TABLE, uuid)?).ok()
    }

    /// Stores every column of `row` into the existing row `row.uuid()`.
    pub fn put<T: TypedRow>(&mut self, row: &T) -> Result<(), String> {
        for (col, value) in row.to_values() {
            self.set(T::TABLE, row.uuid(), col, value)?;
        }
        Ok(())
    }

    /// Inserts `row` (its uuid is ignored); returns the new row's uuid.
    pub fn insert<T: TypedRow>(&mut self, row: &T) -> Result<Uuid, String> {
        let uuid = self.insert_raw(T::TABLE)?;
        for (col, value) in row.to_values() {
            self.set(T::TABLE, uuid, col, value)?;
        }
        Ok(uuid)
    }

    /// Inserts a row of `table` with every column at its default.
    pub fn insert_raw(&mut self, table: &str) -> Result<Uuid, String> {
        let ts = self.table_schema(table)?.clone();
        let uuid = Uuid::new_v4();
        let row = Row::new_default(&ts, uuid, Uuid::nil());
        let name_idx = ts.column_index("name");
        if let (Some(index), Some(idx)) = (self.names.get_mut().get_mut(table), name_idx) {
            if let Some(n) = name_of(&row, idx) {
                index.entry(n.to_string()).or_default().insert(uuid);
            }
        }
        self.cur
            .entry(table.to_string())
            .or_default()
            .insert(uuid, row);
        self.inserted.insert(uuid);
        Ok(uuid)
    }

    /// True when `uuid` is a row inserted by this invocation.
    pub fn is_inserted(&self, uuid: &Uuid) -> bool {
        self.inserted.contains(uuid)
    }

    /// Sets one column, checked against the column's type.
    pub fn set(
        &mut self,
        table: &str,
        uuid: Uuid,
        column: &str,
        value: Datum,
    ) -> Result<(), String> {
        let ts = self.table_schema(table)?.clone();
        let idx = ts
            .column_index(column)
            .filter(|i| *i > VERSION_COLUMN)
            .ok_or_else(|| {
                format!("{table} does not contain a column whose name matches \"{column}\"")
            })?;
        value
            .check(&ts.columns[idx].type_)
            .map_err(|e| format!("{table}.{column}: {e}"))?;
        let row = self
            .cur
            .get_mut(table)
            .and_then(|t| t.get_mut(&uuid))
            .ok_or_else(|| format!("no row {uuid} in table {table}"))?;
        if column == "name" {
            if let Some(index) = self.names.get_mut().get_mut(table) {
                if let Some(old) = name_of(row, idx) {
                    if let Some(set) = index.get_mut(old) {
                        set.remove(&uuid);
                    }
                }
                if let Datum::Set(s) = &value {
                    if let (1, Some(Atom::String(n))) = (s.len(), s.first()) {
                        index.entry(n.clone()).or_default().insert(uuid);
                    }
                }
            }
        }
        row.set(idx, value);
        Ok(())
    }

    /// Adds (`add`) or removes a uuid in a set-of-references column of one row, in
    /// place: no typed round trip of the whole set, so adding a port to a switch with
    /// thousands stays cheap.
    pub fn update_ref_set(
        &mut self,
        table: &str,
        uuid: Uuid,
        column: &str,
        member: Uuid,
        add: bool,
    ) -> Result<(), String> {
        let ts = self.table_schema(table)?.clone();
        let idx = ts
            .column_index(column)
            .filter(|i| *i > VERSION_COLUMN && ts.columns[*i].type_.key.ref_table.is_some())
            .ok_or_else(|| format!("{table}.{column} is not a reference column"))?;
        let row = self
            .cur
            .get_mut(table)
            .and_then(|t| t.get_mut(&uuid))
            .ok_or_else(|| format!("no row {uuid} in table {table}"))?;
        let mut set = match row.get(idx) {
            Some(Datum::Set(s)) => s.clone(),
            _ => return Err(format!("{table}.{column} is not a set")),
        };
        let changed = if add {
            set.insert(Atom::Uuid(member))
        } else {
            set.remove(&Atom::Uuid(member))
        };
        if changed {
            row.set(idx, Datum::Set(set));
        }
        Ok(())
    }

    /// Deletes a row, removes every reference to it, and drops the non-root rows that
    /// nothing references any more.
    pub fn delete(&mut self, table: &str, uuid: Uuid) {
        let Some(rows) = self.cur.get_mut(table) else {
            return;
        };
        let Some(row) = rows.remove(&uuid) else {
            return;
        };
        self.unindex(table, &row);
        self.inserted.remove(&uuid);
        self.scrub(&BTreeSet::from([uuid]));
        self.collect_garbage();
    }

    /// Drops a removed row from the name index.
    fn unindex(&mut self, table: &str, row: &Row) {
        let Some(idx) = self
            .schema
            .table(table)
            .and_then(|t| t.column_index("name"))
        else {
            return;
        };
        if let (Some(index), Some(n)) = (self.names.get_mut().get_mut(table), name_of(row, idx)) {
            if let Some(set) = index.get_mut(n) {
                set.remove(&row.uuid());
            }
        }
    }

    /// Removes references to `gone` from every column of every row.
    fn scrub(&mut self, gone: &BTreeSet<Uuid>) {
        let schema = self.schema.clone();
        for (tname, rows) in self.cur.iter_mut() {
            let Some(ts) = schema.table(tname) else {
                continue;
            };
            for (idx, col) in ts.user_columns() {
                let key_ref = col.type_.key.ref_table.is_some();
                let val_ref = col
                    .type_
                    .value
                    .as_ref()
                    .is_some_and(|v| v.ref_table.is_some());
                if !key_ref && !val_ref {
                    continue;
                }
                for row in rows.values_mut() {
                    let Some(d) = row.get(idx) else { continue };
                    let hit = |a: &Atom| a.as_uuid().is_some_and(|u| gone.contains(&u));
                    let new = match d {
                        Datum::Set(s) if s.iter().any(hit) => {
                            Datum::Set(s.iter().filter(|a| !hit(a)).cloned().collect())
                        }
                        Datum::Map(m) if m.iter().any(|(k, v)| hit(k) || hit(v)) => Datum::Map(
                            m.iter()
                                .filter(|(k, v)| !hit(k) && !hit(v))
                                .map(|(k, v)| (k.clone(), v.clone()))
                                .collect(),
                        ),
                        _ => continue,
                    };
                    row.set(idx, new);
                }
            }
        }
    }

    /// Drops pre-existing non-root rows that no row references any more (repeatedly,
    /// as the server's garbage collection does).
    fn collect_garbage(&mut self) {
        let collectable = self.collectable();
        loop {
            let referenced = self.referenced();
            let mut gone = BTreeSet::new();
            for (tname, rows) in &self.cur {
                if !collectable.contains(tname) {
                    continue;
                }
                for u in rows.keys() {
                    if !referenced.contains(u) && !self.inserted.contains(u) {
                        gone.insert((tname.clone(), *u));
                    }
                }
            }
            if gone.is_empty() {
                return;
            }
            for (t, u) in &gone {
                if let Some(row) = self.cur.get_mut(t).and_then(|rows| rows.remove(u)) {
                    self.unindex(t, &row);
                }
            }
            self.scrub(&gone.into_iter().map(|(_, u)| u).collect());
        }
    }

    /// The non-root tables whose rows can be collected here: monitored, and every table
    /// that refers to them strongly is monitored too (so "unreferenced" is known).
    fn collectable(&self) -> BTreeSet<String> {
        // Tables with a strong reference column to `target`.
        let refers_strongly = |ts: &TableSchema, target: &str| {
            ts.user_columns().any(|(_, c)| {
                let k =
                    c.type_.key.ref_table.as_deref() == Some(target) && c.type_.key.is_strong_ref();
                let v =
                    c.type_.value.as_ref().is_some_and(|v| {
                        v.ref_table.as_deref() == Some(target) && v.is_strong_ref()
                    });
                k || v
            })
        };
        self.monitored
            .iter()
            .filter(|t| !self.schema.is_root(t))
            .filter(|t| {
                self.schema
                    .tables
                    .values()
                    .filter(|ts| refers_strongly(ts, t))
                    .all(|r| self.monitored.contains(&r.name))
            })
            .cloned()
            .collect()
    }

    /// Every uuid that some row references strongly.
    fn referenced(&self) -> BTreeSet<Uuid> {
        let mut out = BTreeSet::new();
        for (tname, rows) in &self.cur {
            let Some(ts) = self.schema.table(tname) else {
                continue;
            };
            for (idx, col) in ts.user_columns() {
                let strong_key = col.type_.key.ref_table.is_some() && col.type_.key.is_strong_ref();
                let strong_val = col
                    .type_
                    .value
                    .as_ref()
                    .is_some_and(|v| v.ref_table.is_some() && v.is_strong_ref());
                if !strong_key && !strong_val {
                    continue;
                }
                for row in rows.values() {
                    match row.get(idx) {
                        Some(Datum::Set(s)) if strong_key => {
                            out.extend(s.iter().filter_map(Atom::as_uuid));
                        }
                        Some(Datum::Map(m)) => {
                            for (k, v) in m {
                                if strong_key {
                                    out.extend(k.as_uuid());
                                }
                                if strong_val {
                                    out.extend(v.as_uuid());
                                }
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
        out
    }

    /// The changes from the replica, in table then uuid order.
    pub fn changes(&self) -> Vec<RowChange> {
        let mut out = Vec::new();
        for (table, rows) in &self.cur {
            let base = self.base.get(table);
            let ts = self.schema.table(table);
            for (uuid, row) in rows {
                match base.and_then(|b| b.get(uuid)) {
                    None => out.push(RowChange::Insert {
                        table: table.clone(),
                        uuid: *uuid,
                    }),
                    Some(old) => {
                        let columns: Vec<String> = old
                            .changed_columns(row)
                            .into_iter()
                            .filter(|i| *i > VERSION_COLUMN)
                            .filter_map(|i| ts.map(|t| t.columns[i].name.clone()))
                            .collect();
                        if !columns.is_empty() {
                            out.push(RowChange::Update {
                                table: table.clone(),
                                uuid: *uuid,
                                columns,
                            });
                        }
                    }
                }
            }
            if let Some(b) = base {
                for uuid in b.keys().filter(|u| !rows.contains_key(u)) {
                    out.push(RowChange::Delete {
                        table: table.clone(),
                        uuid: *uuid,
                    });
                }
            }
        }
        out
    }

    /// The value a column had in the replica (for diffs).
    pub fn base_get(&self, table: &str, uuid: &Uuid, column: &str) -> Option<&Datum> {
        let ts = self.schema.table(table)?;
        self.base.get(table)?.get(uuid)?.get_by_name(ts, column)
    }

    /// Writes the changes into `txn`. Returns, for each inserted row, its uuid here →
    /// the transaction's provisional uuid.
    pub fn write(&self, txn: &mut IdlTxn<'_>) -> Result<BTreeMap<Uuid, Uuid>, IdlError> {
        let changes = self.changes();
        let mut map = BTreeMap::new();
        for c in &changes {
            if let RowChange::Insert { table, uuid } = c {
                map.insert(*uuid, txn.insert(table)?);
            }
        }
        for c in &changes {
            match c {
                RowChange::Insert { table, uuid } => {
                    let (Some(ts), Some(row)) = (self.schema.table(table), self.row(table, uuid))
                    else {
                        continue;
                    };
                    for (idx, col) in ts.user_columns() {
                        let Some(d) = row.get(idx) else { continue };
                        if *d != Datum::default_for(&col.type_) {
                            txn.set(table, map[uuid], &col.name, remap(d, &map))?;
                        }
                    }
                }
                RowChange::Update {
                    table,
                    uuid,
                    columns,
                } => {
                    let ts = self.schema.table(table);
                    for col in columns {
                        let Some(d) = self.get(table, uuid, col) else {
                            continue;
                        };
                        let is_ref_set = ts.and_then(|t| t.column(col)).is_some_and(|c| {
                            c.type_.value.is_none() && c.type_.key.ref_table.is_some()
                        });
                        match (is_ref_set, d, self.base_get(table, uuid, col)) {
                            // Membership (a switch's ports, a group's ACLs): mutate, as
                            // ovn-nbctl's partial updates do, so that concurrent writers
                            // add and remove members without conflicts and a big set is
                            // not resent whole.
                            (true, Datum::Set(new), Some(Datum::Set(old))) => {
                                let gone: BTreeSet<Atom> = old.difference(new).cloned().collect();
                                let added: BTreeSet<Atom> = new.difference(old).cloned().collect();
                                if !gone.is_empty() {
                                    txn.delete_from(table, *uuid, col, Datum::Set(gone))?;
                                }
                                if !added.is_empty() {
                                    txn.insert_into(
                                        table,
                                        *uuid,
                                        col,
                                        remap(&Datum::Set(added), &map),
                                    )?;
                                }
                            }
                            _ => {
                                txn.verify(table, *uuid, col)?;
                                txn.set(table, *uuid, col, remap(d, &map))?;
                            }
                        }
                    }
                }
                RowChange::Delete { table, uuid } => txn.delete(table, *uuid)?,
            }
        }
        Ok(map)
    }
}

/// The string a row holds in column `idx`, if it holds exactly one.
fn name_of(row: &Row, idx: usize) -> Option<&str> {
    match row.get(idx) {
        Some(Datum::Set(s)) if s.len() == 1 => s.first().and_then(Atom::as_str),
        _ => None,
    }
}

/// `d` with the uuids of rows inserted here replaced by their provisional uuids.
fn remap(d: &Datum, map: &BTreeMap<Uuid, Uuid>) -> Datum {
    let a = |x: &Atom| match x {
        Atom::Uuid(u) => Atom::Uuid(*map.get(u).unwrap_or(u)),
        other => other.clone(),
    };
    match d {
        Datum::Set(s) => Datum::Set(s.iter().map(a).collect()),
        Datum::Map(m) => Datum::Map(m.iter().map(|(k, v)| (a(k), a(v))).collect()),
    }
}
