//! `<table-schema>`: columns (with the implicit `_uuid` at index 0 and `_version` at 1),
//! `maxRows`, `isRoot`, `indexes`.
//!
//! Invariants: column names are unique; `by_name` maps every name to its index in
//! `columns`; every index is a non-empty list of distinct, non-ephemeral column indexes.

use std::collections::HashMap;

use serde_json::{json, Map, Value};

use super::column::ColumnSchema;
use super::types::bad;
use crate::error::Result;

/// Index of `_uuid` in `TableSchema::columns`.
pub const UUID_COLUMN: usize = 0;
/// Index of `_version` in `TableSchema::columns`.
pub const VERSION_COLUMN: usize = 1;

#[derive(Debug, Clone, PartialEq)]
pub struct TableSchema {
    pub name: String,
    /// `_uuid`, `_version`, then the declared columns in schema order.
    pub columns: Vec<ColumnSchema>,
    by_name: HashMap<String, usize>,
    pub max_rows: Option<u64>,
    /// As declared (see `DatabaseSchema::is_root` for the effective value).
    pub is_root: bool,
    /// Each index is a list of column indexes.
    pub indexes: Vec<Vec<usize>>,
}

impl TableSchema {
    pub fn from_json(name: &str, json: &Value) -> Result<TableSchema> {
        let o = json
            .as_object()
            .ok_or_else(|| bad(json, "table schema must be an object"))?;
        if let Some(k) = o
            .keys()
            .find(|k| !["columns", "maxRows", "isRoot", "indexes"].contains(&k.as_str()))
        {
            return Err(bad(json, format!("unknown member \"{k}\" in table {name}")));
        }
        if !valid_id(name) {
            return Err(bad(json, format!("invalid table name \"{name}\"")));
        }
        let cols = o.get("columns").and_then(Value::as_object).ok_or_else(|| {
            bad(
                json,
                format!("table {name} requires object member \"columns\""),
            )
        })?;
        if cols.is_empty() {
            return Err(bad(json, format!("table {name} has no columns")));
        }
        let mut columns = vec![ColumnSchema::uuid_column(), ColumnSchema::version_column()];
        for (cname, cjson) in cols {
            if cname.starts_with('_') || !valid_id(cname) {
                return Err(bad(json, format!("{name}.{cname}: invalid column name")));
            }
            columns.push(ColumnSchema::from_json(cname, cjson)?);
        }
        let by_name = columns
            .iter()
            .enumerate()
            .map(|(i, c)| (c.name.clone(), i))
            .collect();
        let max_rows = match o.get("maxRows") {
            None => None,
            Some(v) => Some(
                v.as_u64()
                    .filter(|n| *n >= 1)
                    .ok_or_else(|| bad(json, "maxRows must be at least 1"))?,
            ),
        };
        let is_root = match o.get("isRoot") {
            None => false,
            Some(Value::Bool(b)) => *b,
            Some(_) => return Err(bad(json, "isRoot must be a boolean")),
        };
        let mut t = TableSchema {
            name: name.to_string(),
            columns,
            by_name,
            max_rows,
            is_root,
            indexes: Vec::new(),
        };
        if let Some(ix) = o.get("indexes") {
            let list = ix
                .as_array()
                .ok_or_else(|| bad(ix, "indexes must be an array"))?;
            for one in list {
                t.indexes.push(t.parse_index(one)?);
            }
        }
        Ok(t)
    }

    fn parse_index(&self, json: &Value) -> Result<Vec<usize>> {
        let names = json
            .as_array()
            .ok_or_else(|| bad(json, "index must be an array"))?;
        if names.is_empty() {
            return Err(bad(json, "index must have at least one column"));
        }
        let mut out = Vec::new();
        for n in names {
            let n = n
                .as_str()
                .ok_or_else(|| bad(json, "index column must be a string"))?;
            let i = self
                .column_index(n)
                .ok_or_else(|| bad(json, format!("table {} has no column {n}", self.name)))?;
            if self.columns[i].ephemeral {
                return Err(bad(
                    json,
                    format!("ephemeral column {n} may not be indexed"),
                ));
            }
            if out.contains(&i) {
                return Err(bad(json, format!("column {n} appears twice in index")));
            }
            out.push(i);
        }
        Ok(out)
    }

    pub fn column_index(&self, name: &str) -> Option<usize> {
        self.by_name.get(name).copied()
    }
    pub fn column(&self, name: &str) -> Option<&ColumnSchema> {
        self.column_index(name).map(|i| &self.columns[i])
    }
    /// The declared columns (without `_uuid`, `_version`).
    pub fn user_columns(&self) -> impl Iterator<Item = (usize, &ColumnSchema)> {
        self.columns.iter().enumerate().skip(2)
    }

    pub fn to_json(&self) -> Value {
        let mut o = Map::new();
        let cols: Map<String, Value> = self
            .user_columns()
            .map(|(_, c)| (c.name.clone(), c.to_json()))
            .collect();
        o.insert("columns".into(), Value::Object(cols));
        if let Some(m) = self.max_rows {
            o.insert("maxRows".into(), json!(m));
        }
        if self.is_root {
            o.insert("isRoot".into(), json!(true));
        }
        if !self.indexes.is_empty() {
            let ix: Vec<Value> = self
                .indexes
                .iter()
                .map(|i| Value::Array(i.iter().map(|c| json!(self.columns[*c].name)).collect()))
                .collect();
            o.insert("indexes".into(), Value::Array(ix));
        }
        Value::Object(o)
    }
}

/// `<id>`: a letter or underscore, then letters, digits, underscores.
pub(crate) fn valid_id(s: &str) -> bool {
    let mut c = s.chars();
    matches!(c.next(), Some(ch) if ch.is_ascii_alphabetic() || ch == '_')
        && c.all(|ch| ch.is_ascii_alphanumeric() || ch == '_')
}
