//! RFC 7047 §5.1 JSON for datums, both ways: `["set", [...]]`, `["map", [[k, v], ...]]`,
//! a bare atom for a 1-element set, `["uuid", ...]` and `["named-uuid", ...]` atoms.
//!
//! Parsing checks the datum against its `Type`: wrong shape, duplicates and bad counts
//! are "syntax error"s, violated base-type constraints are "constraint violation"s.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Value};

use super::atom::{Atom, NameResolver};
use super::datum::{count_message, Datum};
use crate::error::{OvsdbError, Result};
use crate::schema::Type;

impl Datum {
    /// Parses and type-checks `json` as a value of type `t`.
    pub fn from_json(t: &Type, json: &Value, names: &mut dyn NameResolver) -> Result<Datum> {
        let d = if let Some(vt) = &t.value {
            let pairs = tagged(json, "map").ok_or_else(|| {
                OvsdbError::syntax("expected [\"map\", <array>]").with_syntax(json)
            })?;
            let mut m = BTreeMap::new();
            for p in pairs {
                let (k, v) = match p.as_array().map(Vec::as_slice) {
                    Some([k, v]) => (k, v),
                    _ => {
                        return Err(OvsdbError::syntax("expected [key, value] pair").with_syntax(p))
                    }
                };
                let k = Atom::from_json(&t.key, k, names)?;
                let v = Atom::from_json(vt, v, names)?;
                if m.insert(k, v).is_some() {
                    return Err(OvsdbError::syntax("map contains duplicate key").with_syntax(json));
                }
            }
            Datum::Map(m)
        } else if let Some(elems) = tagged(json, "set") {
            let mut s = BTreeSet::new();
            for e in elems {
                if !s.insert(Atom::from_json(&t.key, e, names)?) {
                    return Err(
                        OvsdbError::syntax("set contains duplicate value").with_syntax(json)
                    );
                }
            }
            Datum::Set(s)
        } else {
            Datum::scalar(Atom::from_json(&t.key, json, names)?)
        };
        if !t.allows_len(d.len()) {
            return Err(OvsdbError::syntax(count_message(d.len(), t)).with_syntax(json));
        }
        Ok(d)
    }

    /// RFC 7047 JSON: maps as `["map", ...]`, 1-element sets as the bare atom, other sets
    /// as `["set", ...]`.
    pub fn to_json(&self) -> Value {
        match self {
            Datum::Map(m) => {
                let pairs: Vec<Value> = m
                    .iter()
                    .map(|(k, v)| json!([k.to_json(), v.to_json()]))
                    .collect();
                json!(["map", pairs])
            }
            Datum::Set(s) if s.len() == 1 => s.iter().next().map(Atom::to_json).unwrap_or_default(),
            Datum::Set(s) => json!(["set", s.iter().map(Atom::to_json).collect::<Vec<_>>()]),
        }
    }
}

/// `[tag, [...]]` → the inner array.
fn tagged<'a>(json: &'a Value, tag: &str) -> Option<&'a Vec<Value>> {
    match json.as_array().map(Vec::as_slice) {
        Some([Value::String(t), Value::Array(inner)]) if t == tag => Some(inner),
        _ => None,
    }
}
