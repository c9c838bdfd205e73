//! `<database-schema>`: name, version, cksum, tables.
//!
//! Invariants: every `refTable` names a table of this schema; tables are kept by name.
//! If no table declares `isRoot`, every table is a root (garbage collection is off), as
//! ovsdb(7) says for schemas that predate `isRoot`.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde_json::{json, Map, Value};

use super::table::{valid_id, TableSchema};
use super::types::bad;
use crate::error::Result;

#[derive(Debug, Clone, PartialEq)]
pub struct DatabaseSchema {
    pub name: String,
    pub version: String,
    pub cksum: Option<String>,
    pub tables: BTreeMap<String, Arc<TableSchema>>,
    any_root: bool,
}

impl DatabaseSchema {
    pub fn from_json(json: &Value) -> Result<DatabaseSchema> {
        let o = json
            .as_object()
            .ok_or_else(|| bad(json, "schema must be an object"))?;
        if let Some(k) = o
            .keys()
            .find(|k| !["name", "version", "cksum", "tables", "doc"].contains(&k.as_str()))
        {
            return Err(bad(
                json,
                format!("unknown member \"{k}\" in database schema"),
            ));
        }
        let name = o
            .get("name")
            .and_then(Value::as_str)
            .filter(|n| valid_id(n))
            .ok_or_else(|| bad(json, "schema requires a valid string member \"name\""))?;
        let version = match o.get("version") {
            None => String::new(),
            Some(Value::String(v)) if valid_version(v) => v.clone(),
            Some(v) => return Err(bad(v, "schema version must be \"<x>.<y>.<z>\"")),
        };
        let cksum = match o.get("cksum") {
            None => None,
            Some(Value::String(c)) => Some(c.clone()),
            Some(v) => return Err(bad(v, "cksum must be a string")),
        };
        let tables_json = o
            .get("tables")
            .and_then(Value::as_object)
            .ok_or_else(|| bad(json, "schema requires object member \"tables\""))?;
        let mut tables = BTreeMap::new();
        for (tname, tjson) in tables_json {
            tables.insert(
                tname.clone(),
                Arc::new(TableSchema::from_json(tname, tjson)?),
            );
        }
        for t in tables.values() {
            for c in &t.columns {
                for b in std::iter::once(&c.type_.key).chain(c.type_.value.as_ref()) {
                    if let Some(r) = &b.ref_table {
                        if !tables.contains_key(r) {
                            return Err(bad(
                                json,
                                format!(
                                    "column {} in table {} refers to undefined table {r}",
                                    c.name, t.name
                                ),
                            ));
                        }
                    }
                }
            }
        }
        let any_root = tables.values().any(|t| t.is_root);
        Ok(DatabaseSchema {
            name: name.to_string(),
            version,
            cksum,
            tables,
            any_root,
        })
    }

    /// Parses schema text (the content of a `.ovsschema` file).
    pub fn parse_str(text: &str) -> Result<DatabaseSchema> {
        let v: Value = serde_json::from_str(text)
            .map_err(|e| crate::error::OvsdbError::syntax(format!("invalid JSON: {e}")))?;
        DatabaseSchema::from_json(&v)
    }

    pub fn table(&self, name: &str) -> Option<&Arc<TableSchema>> {
        self.tables.get(name)
    }

    /// Effective root-ness: rows of non-root tables are garbage collected when no strong
    /// reference points to them.
    pub fn is_root(&self, table: &str) -> bool {
        !self.any_root || self.tables.get(table).is_some_and(|t| t.is_root)
    }

    /// What `get_schema` returns.
    pub fn to_json(&self) -> Value {
        let mut o = Map::new();
        o.insert("name".into(), json!(self.name));
        if !self.version.is_empty() {
            o.insert("version".into(), json!(self.version));
        }
        if let Some(c) = &self.cksum {
            o.insert("cksum".into(), json!(c));
        }
        let tables: Map<String, Value> = self
            .tables
            .iter()
            .map(|(n, t)| (n.clone(), t.to_json()))
            .collect();
        o.insert("tables".into(), Value::Object(tables));
        Value::Object(o)
    }
}

fn valid_version(v: &str) -> bool {
    let parts: Vec<&str> = v.split('.').collect();
    parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}
