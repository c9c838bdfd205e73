//! Column types (RFC 7047 §3.2 `<type>`, `<base-type>`, `<atomic-type>`).
//!
//! Invariants after parsing: `min <= max`, `max >= 1`, `min` is 0 or 1; a value type
//! exists only for maps; constraints only appear on base types they apply to
//! (`minInteger` only on integers, `refTable` only on uuids ...); `enum` is a sorted set
//! of atoms of the base type.

use std::collections::BTreeSet;

use serde_json::{json, Map, Value};

use crate::data::Atom;
use crate::error::{OvsdbError, Result};

/// `integer`, `real`, `boolean`, `string` or `uuid`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AtomicType {
    Integer,
    Real,
    Boolean,
    String,
    Uuid,
}

impl AtomicType {
    pub fn parse(s: &str) -> Option<AtomicType> {
        Some(match s {
            "integer" => AtomicType::Integer,
            "real" => AtomicType::Real,
            "boolean" => AtomicType::Boolean,
            "string" => AtomicType::String,
            "uuid" => AtomicType::Uuid,
            _ => return None,
        })
    }
    pub fn as_str(self) -> &'static str {
        match self {
            AtomicType::Integer => "integer",
            AtomicType::Real => "real",
            AtomicType::Boolean => "boolean",
            AtomicType::String => "string",
            AtomicType::Uuid => "uuid",
        }
    }
}

/// Strength of a reference (`refType`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RefType {
    Strong,
    Weak,
}

/// An atomic type plus its constraints.
#[derive(Debug, Clone, PartialEq)]
pub struct BaseType {
    pub atomic: AtomicType,
    /// Allowed values (sorted), if restricted.
    pub enum_: Option<BTreeSet<Atom>>,
    pub min_integer: Option<i64>,
    pub max_integer: Option<i64>,
    pub min_real: Option<f64>,
    pub max_real: Option<f64>,
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
    /// Referenced table for uuids.
    pub ref_table: Option<String>,
    /// Meaningful only with `ref_table`.
    pub ref_type: RefType,
}

impl BaseType {
    /// An unconstrained base type.
    pub fn new(atomic: AtomicType) -> BaseType {
        BaseType {
            atomic,
            enum_: None,
            min_integer: None,
            max_integer: None,
            min_real: None,
            max_real: None,
            min_length: None,
            max_length: None,
            ref_table: None,
            ref_type: RefType::Strong,
        }
    }

    /// Parses `<base-type>`: a bare atomic-type name or an object.
    pub fn from_json(json: &Value) -> Result<BaseType> {
        match json {
            Value::String(s) => AtomicType::parse(s)
                .map(BaseType::new)
                .ok_or_else(|| bad(json, format!("unknown atomic type \"{s}\""))),
            Value::Object(o) => Self::from_object(json, o),
            _ => Err(bad(json, "base type must be string or object")),
        }
    }

    fn from_object(json: &Value, o: &Map<String, Value>) -> Result<BaseType> {
        const KNOWN: &[&str] = &[
            "type",
            "enum",
            "minInteger",
            "maxInteger",
            "minReal",
            "maxReal",
            "minLength",
            "maxLength",
            "refTable",
            "refType",
        ];
        if let Some(k) = o.keys().find(|k| !KNOWN.contains(&k.as_str())) {
            return Err(bad(json, format!("unknown member \"{k}\" in base type")));
        }
        let name = o
            .get("type")
            .and_then(Value::as_str)
            .ok_or_else(|| bad(json, "base type requires string member \"type\""))?;
        let atomic = AtomicType::parse(name)
            .ok_or_else(|| bad(json, format!("unknown atomic type \"{name}\"")))?;
        let mut b = BaseType::new(atomic);
        let only_for = |member: &str, t: AtomicType| -> Result<()> {
            if o.contains_key(member) && atomic != t {
                Err(bad(
                    json,
                    format!("\"{member}\" is not allowed for type {}", atomic.as_str()),
                ))
            } else {
                Ok(())
            }
        };
        only_for("minInteger", AtomicType::Integer)?;
        only_for("maxInteger", AtomicType::Integer)?;
        only_for("minReal", AtomicType::Real)?;
        only_for("maxReal", AtomicType::Real)?;
        only_for("minLength", AtomicType::String)?;
        only_for("maxLength", AtomicType::String)?;
        only_for("refTable", AtomicType::Uuid)?;
        only_for("refType", AtomicType::Uuid)?;
        // A bound equal to the type's natural limit is no bound: ovsdb-server drops it
        // from get_schema, and so do we.
        b.min_integer = opt_i64(json, o, "minInteger")?.filter(|v| *v != i64::MIN);
        b.max_integer = opt_i64(json, o, "maxInteger")?.filter(|v| *v != i64::MAX);
        b.min_real = opt_f64(json, o, "minReal")?.filter(|v| *v != f64::MIN);
        b.max_real = opt_f64(json, o, "maxReal")?.filter(|v| *v != f64::MAX);
        b.min_length = opt_u64(json, o, "minLength")?.filter(|v| *v != 0);
        b.max_length = opt_u64(json, o, "maxLength")?.filter(|v| *v != u64::from(u32::MAX));
        if b.min_length.is_some_and(|v| v > u64::from(u32::MAX))
            || b.max_length.is_some_and(|v| v > u64::from(u32::MAX))
        {
            return Err(bad(
                json,
                "minLength/maxLength out of valid range 0 to 4294967295",
            ));
        }
        if let (Some(lo), Some(hi)) = (b.min_integer, b.max_integer) {
            if lo > hi {
                return Err(bad(json, "minInteger exceeds maxInteger"));
            }
        }
        if let (Some(lo), Some(hi)) = (b.min_real, b.max_real) {
            if lo > hi {
                return Err(bad(json, "minReal exceeds maxReal"));
            }
        }
        if let (Some(lo), Some(hi)) = (b.min_length, b.max_length) {
            if lo > hi {
                return Err(bad(json, "minLength exceeds maxLength"));
            }
        }
        if let Some(t) = o.get("refTable") {
            let t = t
                .as_str()
                .ok_or_else(|| bad(json, "refTable must be a string"))?;
            b.ref_table = Some(t.to_string());
            b.ref_type = match o.get("refType") {
                None => RefType::Strong,
                Some(Value::String(s)) if s == "strong" => RefType::Strong,
                Some(Value::String(s)) if s == "weak" => RefType::Weak,
                Some(_) => return Err(bad(json, "refType must be \"strong\" or \"weak\"")),
            };
        } else if o.contains_key("refType") {
            return Err(bad(json, "refType requires refTable"));
        }
        if let Some(e) = o.get("enum") {
            let set_type = Type {
                key: BaseType::new(atomic),
                value: None,
                min: 1,
                max: None,
            };
            let d = crate::data::Datum::from_json(&set_type, e, &mut crate::data::NoNames)
                .map_err(|err| bad(json, format!("bad enum: {}", err.details)))?;
            b.enum_ = Some(d.into_keys());
        }
        Ok(b)
    }

    /// Serialises back: a bare name when unconstrained.
    pub fn to_json(&self) -> Value {
        let mut o = Map::new();
        o.insert("type".into(), json!(self.atomic.as_str()));
        if let Some(e) = &self.enum_ {
            let atoms: Vec<Value> = e.iter().map(Atom::to_json).collect();
            let v = if atoms.len() == 1 {
                atoms.into_iter().next().unwrap_or(Value::Null)
            } else {
                json!(["set", atoms])
            };
            o.insert("enum".into(), v);
        }
        if let Some(v) = self.min_integer {
            o.insert("minInteger".into(), json!(v));
        }
        if let Some(v) = self.max_integer {
            o.insert("maxInteger".into(), json!(v));
        }
        if let Some(v) = self.min_real {
            o.insert("minReal".into(), json!(v));
        }
        if let Some(v) = self.max_real {
            o.insert("maxReal".into(), json!(v));
        }
        if let Some(v) = self.min_length {
            o.insert("minLength".into(), json!(v));
        }
        if let Some(v) = self.max_length {
            o.insert("maxLength".into(), json!(v));
        }
        if let Some(t) = &self.ref_table {
            o.insert("refTable".into(), json!(t));
            if self.ref_type == RefType::Weak {
                o.insert("refType".into(), json!("weak"));
            }
        }
        if o.len() == 1 {
            json!(self.atomic.as_str())
        } else {
            Value::Object(o)
        }
    }

    /// True when this base type is a strong reference.
    pub fn is_strong_ref(&self) -> bool {
        self.ref_table.is_some() && self.ref_type == RefType::Strong
    }
    /// True when this base type is a weak reference.
    pub fn is_weak_ref(&self) -> bool {
        self.ref_table.is_some() && self.ref_type == RefType::Weak
    }
}

/// A column type: key, optional value (map), and element-count bounds.
#[derive(Debug, Clone, PartialEq)]
pub struct Type {
    pub key: BaseType,
    pub value: Option<BaseType>,
    /// 0 or 1.
    pub min: u64,
    /// `None` = "unlimited".
    pub max: Option<u64>,
}

impl Type {
    /// A scalar of the given atomic type (min = max = 1).
    pub fn scalar(atomic: AtomicType) -> Type {
        Type {
            key: BaseType::new(atomic),
            value: None,
            min: 1,
            max: Some(1),
        }
    }

    pub fn is_map(&self) -> bool {
        self.value.is_some()
    }
    /// Exactly one element, not a map.
    pub fn is_scalar(&self) -> bool {
        self.value.is_none() && self.min == 1 && self.max == Some(1)
    }
    /// At most one element or pair ("optional", scalar, or a map of at most one pair):
    /// such columns carry their new value, not a difference, in diffs.
    pub fn is_single(&self) -> bool {
        self.max == Some(1)
    }
    /// True when `n` elements are allowed.
    pub fn allows_len(&self, n: usize) -> bool {
        let n = n as u64;
        n >= self.min && self.max.is_none_or(|m| n <= m)
    }
    /// Same key/value types with count bounds relaxed to 0..unlimited.
    pub fn relaxed(&self) -> Type {
        Type {
            key: self.key.clone(),
            value: self.value.clone(),
            min: 0,
            max: None,
        }
    }
    /// A human description, worded as ovsdb-server's error messages word it:
    /// "string", "set of integers", "set of up to 3 strings", "map of (string, integer)
    /// pairs", "set of 1 or more uuids", "map of 1 to 4 (string, string) pairs".
    pub fn describe(&self) -> String {
        let k = self.key.atomic.as_str();
        if self.is_scalar() {
            return k.to_string();
        }
        let mut s = String::from(if self.is_map() { "map" } else { "set" });
        match (self.min, self.max) {
            (0, None) => s.push_str(" of"),
            (n, None) => s.push_str(&format!(" of {n} or more")),
            (0, Some(m)) => s.push_str(&format!(" of up to {m}")),
            (n, Some(m)) => s.push_str(&format!(" of {n} to {m}")),
        }
        match &self.value {
            Some(v) => s.push_str(&format!(" ({k}, {}) pairs", v.atomic.as_str())),
            None => s.push_str(&format!(" {k}s")),
        }
        s
    }

    /// Parses `<type>`: a bare atomic-type name or an object with key/value/min/max.
    pub fn from_json(json: &Value) -> Result<Type> {
        let o = match json {
            Value::String(_) => {
                return Ok(Type {
                    key: BaseType::from_json(json)?,
                    value: None,
                    min: 1,
                    max: Some(1),
                })
            }
            Value::Object(o) => o,
            _ => return Err(bad(json, "type must be string or object")),
        };
        if let Some(k) = o
            .keys()
            .find(|k| !["key", "value", "min", "max"].contains(&k.as_str()))
        {
            return Err(bad(json, format!("unknown member \"{k}\" in type")));
        }
        let key = BaseType::from_json(
            o.get("key")
                .ok_or_else(|| bad(json, "type requires member \"key\""))?,
        )?;
        let value = o.get("value").map(BaseType::from_json).transpose()?;
        let min = match o.get("min") {
            None => 1,
            Some(v) => v
                .as_u64()
                .filter(|m| *m <= 1)
                .ok_or_else(|| bad(json, "\"min\" must be 0 or 1"))?,
        };
        let max =
            match o.get("max") {
                None => Some(1),
                Some(Value::String(s)) if s == "unlimited" => None,
                Some(v) => Some(v.as_u64().filter(|m| *m >= 1).ok_or_else(|| {
                    bad(json, "\"max\" must be a positive integer or \"unlimited\"")
                })?),
            };
        if max.is_some_and(|m| m < min) {
            return Err(bad(json, "\"max\" must be at least \"min\""));
        }
        Ok(Type {
            key,
            value,
            min,
            max,
        })
    }

    pub fn to_json(&self) -> Value {
        if self.value.is_none() && self.min == 1 && self.max == Some(1) {
            if let Value::String(s) = self.key.to_json() {
                return Value::String(s);
            }
        }
        let mut o = Map::new();
        o.insert("key".into(), self.key.to_json());
        if let Some(v) = &self.value {
            o.insert("value".into(), v.to_json());
        }
        if self.min != 1 {
            o.insert("min".into(), json!(self.min));
        }
        match self.max {
            None => {
                o.insert("max".into(), json!("unlimited"));
            }
            Some(1) => {}
            Some(m) => {
                o.insert("max".into(), json!(m));
            }
        }
        Value::Object(o)
    }
}

pub(crate) fn bad(json: &Value, details: impl Into<String>) -> OvsdbError {
    OvsdbError::syntax(details).with_syntax(json)
}

fn opt_i64(json: &Value, o: &Map<String, Value>, k: &str) -> Result<Option<i64>> {
    o.get(k)
        .map(|v| {
            v.as_i64()
                .ok_or_else(|| bad(json, format!("\"{k}\" must be an integer")))
        })
        .transpose()
}
fn opt_u64(json: &Value, o: &Map<String, Value>, k: &str) -> Result<Option<u64>> {
    o.get(k)
        .map(|v| {
            v.as_u64()
                .ok_or_else(|| bad(json, format!("\"{k}\" must be a non-negative integer")))
        })
        .transpose()
}
fn opt_f64(json: &Value, o: &Map<String, Value>, k: &str) -> Result<Option<f64>> {
    o.get(k)
        .map(|v| {
            v.as_f64()
                .ok_or_else(|| bad(json, format!("\"{k}\" must be a number")))
        })
        .transpose()
}
