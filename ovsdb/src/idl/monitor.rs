//! What the IDL monitors: per table, the columns and the optional `where` conditions, and
//! the JSON of the `monitor_cond_since` / `monitor_cond_change` requests built from it
//! (ovsdb-server(7)).
//!
//! Invariants: column indexes are user columns of the table, distinct, in schema order;
//! conditions were type-checked against the table (they are `txn::Condition`s, the same
//! type the server evaluates).

use std::collections::BTreeMap;
use std::sync::Arc;

use serde_json::{json, Map, Value};

use crate::schema::TableSchema;
use crate::txn::Condition;

/// The all-zero transaction id: "I have seen nothing", as the first `monitor_cond_since`
/// sends it.
pub const ZERO_TXN_ID: &str = "00000000-0000-0000-0000-000000000000";

#[derive(Debug, Clone)]
pub struct TableMonitor {
    pub(crate) table: Arc<TableSchema>,
    pub(crate) columns: Vec<usize>,
    /// `None`: every row.
    pub(crate) conditions: Option<Vec<Condition>>,
}

impl TableMonitor {
    /// The monitored column names, in schema order.
    pub fn column_names(&self) -> impl Iterator<Item = &str> {
        self.columns
            .iter()
            .map(|i| self.table.columns[*i].name.as_str())
    }
    pub fn is_column_monitored(&self, idx: usize) -> bool {
        self.columns.contains(&idx)
    }

    /// `[{"columns": [...], "where": [...]}]`.
    fn request(&self) -> Value {
        let mut o = Map::new();
        o.insert(
            "columns".into(),
            json!(self.column_names().collect::<Vec<_>>()),
        );
        if let Some(c) = &self.conditions {
            o.insert("where".into(), conditions_json(&self.table, c));
        }
        json!([Value::Object(o)])
    }
}

/// A condition list as JSON.
pub fn conditions_json(table: &TableSchema, conds: &[Condition]) -> Value {
    Value::Array(conds.iter().map(|c| condition_json(table, c)).collect())
}

/// One condition as JSON: `true`/`false` or `[column, function, value]`.
pub fn condition_json(table: &TableSchema, c: &Condition) -> Value {
    match c {
        Condition::Bool(b) => json!(b),
        Condition::Column {
            column,
            function,
            arg,
        } => {
            let name = table.columns.get(*column).map_or("", |c| c.name.as_str());
            json!([name, function.as_str(), arg.to_json()])
        }
    }
}

/// `<monitor-cond-requests>` for every monitored table.
pub(crate) fn requests(monitors: &BTreeMap<String, TableMonitor>) -> Value {
    Value::Object(
        monitors
            .iter()
            .map(|(name, m)| (name.clone(), m.request()))
            .collect(),
    )
}

/// `<monitor-cond-update>`s for `monitor_cond_change`: only the `where` of each table
/// (`[true]` for tables without conditions).
pub(crate) fn condition_changes(monitors: &BTreeMap<String, TableMonitor>) -> Value {
    Value::Object(
        monitors
            .iter()
            .map(|(name, m)| {
                let w = match &m.conditions {
                    Some(c) => conditions_json(&m.table, c),
                    None => json!([true]),
                };
                (name.clone(), json!([{ "where": w }]))
            })
            .collect(),
    )
}
