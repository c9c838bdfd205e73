//! `<column-schema>` (RFC 7047 §3.2 plus `mutable`, which Open vSwitch adds).
//!
//! Invariant: `_uuid` and `_version` are implicit columns that are never mutable and
//! never ephemeral; user columns may not start with an underscore.

use serde_json::{json, Map, Value};

use super::types::{bad, AtomicType, Type};
use crate::error::Result;

#[derive(Debug, Clone, PartialEq)]
pub struct ColumnSchema {
    pub name: String,
    pub type_: Type,
    /// False: the column can only be set by `insert`.
    pub mutable: bool,
    /// True: not written to disk.
    pub ephemeral: bool,
}

impl ColumnSchema {
    /// The implicit `_uuid` column.
    pub fn uuid_column() -> ColumnSchema {
        ColumnSchema::implicit("_uuid")
    }
    /// The implicit `_version` column.
    pub fn version_column() -> ColumnSchema {
        ColumnSchema::implicit("_version")
    }
    fn implicit(name: &str) -> ColumnSchema {
        ColumnSchema {
            name: name.into(),
            type_: Type::scalar(AtomicType::Uuid),
            mutable: false,
            ephemeral: false,
        }
    }

    pub fn from_json(name: &str, json: &Value) -> Result<ColumnSchema> {
        let o = json
            .as_object()
            .ok_or_else(|| bad(json, "column schema must be an object"))?;
        if let Some(k) = o
            .keys()
            .find(|k| !["type", "ephemeral", "mutable"].contains(&k.as_str()))
        {
            return Err(bad(
                json,
                format!("unknown member \"{k}\" in column {name}"),
            ));
        }
        let type_ = Type::from_json(
            o.get("type")
                .ok_or_else(|| bad(json, format!("column {name} requires member \"type\"")))?,
        )?;
        let flag = |k: &str, default: bool| -> Result<bool> {
            match o.get(k) {
                None => Ok(default),
                Some(Value::Bool(b)) => Ok(*b),
                Some(_) => Err(bad(json, format!("\"{k}\" must be a boolean"))),
            }
        };
        Ok(ColumnSchema {
            name: name.to_string(),
            type_,
            mutable: flag("mutable", true)?,
            ephemeral: flag("ephemeral", false)?,
        })
    }

    pub fn to_json(&self) -> Value {
        let mut o = Map::new();
        o.insert("type".into(), self.type_.to_json());
        if self.ephemeral {
            o.insert("ephemeral".into(), json!(true));
        }
        if !self.mutable {
            o.insert("mutable".into(), json!(false));
        }
        Value::Object(o)
    }

    /// True for `_uuid` and `_version`.
    pub fn is_implicit(&self) -> bool {
        self.name.starts_with('_')
    }
}
