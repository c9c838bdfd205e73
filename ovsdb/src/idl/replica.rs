//! `Replica`: the local copy of the monitored tables, read-only for consumers.
//!
//! Invariants: there is one entry per monitored table; every row is a `db::Row` of that
//! table's schema whose monitored columns hold the server's values and whose other
//! columns hold their defaults; rows change only through `IdlCore`, from monitor
//! messages (never from local transactions).

use std::collections::BTreeMap;
use std::sync::Arc;

use uuid::Uuid;

use crate::data::Datum;
use crate::db::Row;
use crate::schema::DatabaseSchema;
use crate::txn::{matches_all, Condition};

#[derive(Debug, Clone)]
pub struct Replica {
    schema: Arc<DatabaseSchema>,
    pub(crate) tables: BTreeMap<String, BTreeMap<Uuid, Row>>,
}

impl Replica {
    pub(crate) fn new(schema: Arc<DatabaseSchema>) -> Replica {
        Replica {
            schema,
            tables: BTreeMap::new(),
        }
    }
    pub fn schema(&self) -> &Arc<DatabaseSchema> {
        &self.schema
    }
    /// The rows of a monitored table, by uuid.
    pub fn table(&self, name: &str) -> Option<&BTreeMap<Uuid, Row>> {
        self.tables.get(name)
    }
    /// The rows of a table (nothing if it is not monitored).
    pub fn rows<'a>(&'a self, table: &str) -> impl Iterator<Item = &'a Row> + 'a {
        self.tables.get(table).into_iter().flat_map(|t| t.values())
    }
    pub fn row(&self, table: &str, uuid: &Uuid) -> Option<&Row> {
        self.tables.get(table).and_then(|t| t.get(uuid))
    }
    /// The rows of `table` that satisfy every condition, evaluated as the server
    /// evaluates a `where` clause (see `IdlCore::condition` to build them). Columns that
    /// are not monitored hold their defaults.
    pub fn select<'a>(
        &'a self,
        table: &str,
        conditions: &'a [Condition],
    ) -> impl Iterator<Item = &'a Row> + 'a {
        self.rows(table).filter(move |r| matches_all(conditions, r))
    }
    /// The value of one column of one row.
    pub fn get(&self, table: &str, uuid: &Uuid, column: &str) -> Option<&Datum> {
        let ts = self.schema.table(table)?;
        self.row(table, uuid)?.get_by_name(ts, column)
    }
    /// The number of rows in a table.
    pub fn len(&self, table: &str) -> usize {
        self.tables.get(table).map_or(0, BTreeMap::len)
    }
    /// True when no monitored table has any row.
    pub fn is_empty(&self) -> bool {
        self.tables.values().all(BTreeMap::is_empty)
    }
}
