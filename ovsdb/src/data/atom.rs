//! `Atom`: one integer, real, boolean, string or uuid (RFC 7047 §5.1 `<atom>`).
//!
//! Invariant: atoms are totally ordered (reals by `f64::total_cmp`), first by kind, so
//! sets and maps of atoms have one canonical order.

use std::cmp::Ordering;
use std::fmt;

use serde_json::{json, Value};
use uuid::Uuid;

use crate::error::{OvsdbError, Result};
use crate::schema::{AtomicType, BaseType};

#[derive(Debug, Clone)]
pub enum Atom {
    Integer(i64),
    Real(f64),
    Boolean(bool),
    String(String),
    Uuid(Uuid),
}

/// Turns `["named-uuid", name]` into a uuid: within a transaction, the uuid of the row
/// inserted (or to be inserted) with that `uuid-name`.
pub trait NameResolver {
    fn resolve(&mut self, name: &str) -> Result<Uuid>;
}

/// A resolver for contexts where named uuids are not allowed (schemas, log records).
pub struct NoNames;

impl NameResolver for NoNames {
    fn resolve(&mut self, name: &str) -> Result<Uuid> {
        Err(OvsdbError::syntax(format!(
            "named-uuid \"{name}\" is not allowed here"
        )))
    }
}

impl Atom {
    pub fn atomic_type(&self) -> AtomicType {
        match self {
            Atom::Integer(_) => AtomicType::Integer,
            Atom::Real(_) => AtomicType::Real,
            Atom::Boolean(_) => AtomicType::Boolean,
            Atom::String(_) => AtomicType::String,
            Atom::Uuid(_) => AtomicType::Uuid,
        }
    }

    /// The default value of an atomic type: 0, 0.0, false, "", all-zeros uuid.
    pub fn default_for(t: AtomicType) -> Atom {
        match t {
            AtomicType::Integer => Atom::Integer(0),
            AtomicType::Real => Atom::Real(0.0),
            AtomicType::Boolean => Atom::Boolean(false),
            AtomicType::String => Atom::String(String::new()),
            AtomicType::Uuid => Atom::Uuid(Uuid::nil()),
        }
    }

    pub fn as_uuid(&self) -> Option<Uuid> {
        match self {
            Atom::Uuid(u) => Some(*u),
            _ => None,
        }
    }
    pub fn as_integer(&self) -> Option<i64> {
        match self {
            Atom::Integer(i) => Some(*i),
            _ => None,
        }
    }
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Atom::String(s) => Some(s),
            _ => None,
        }
    }

    /// Parses `json` as an atom of `base`'s atomic type and checks `base`'s constraints.
    pub fn from_json(base: &BaseType, json: &Value, names: &mut dyn NameResolver) -> Result<Atom> {
        let a = Atom::from_json_unchecked(base.atomic, json, names)?;
        a.check(base)?;
        Ok(a)
    }

    /// Parses without checking constraints.
    pub fn from_json_unchecked(
        t: AtomicType,
        json: &Value,
        names: &mut dyn NameResolver,
    ) -> Result<Atom> {
        let err = || OvsdbError::syntax(format!("expected {}", t.as_str())).with_syntax(json);
        Ok(match t {
            AtomicType::Integer => Atom::Integer(json.as_i64().ok_or_else(err)?),
            AtomicType::Real => Atom::Real(json.as_f64().ok_or_else(err)?),
            AtomicType::Boolean => Atom::Boolean(json.as_bool().ok_or_else(err)?),
            AtomicType::String => Atom::String(json.as_str().ok_or_else(err)?.to_string()),
            AtomicType::Uuid => match json.as_array().map(Vec::as_slice) {
                Some([Value::String(tag), Value::String(s)]) if tag == "uuid" => {
                    Atom::Uuid(parse_uuid(s).ok_or_else(|| {
                        OvsdbError::syntax(format!("\"{s}\" is not a valid UUID")).with_syntax(json)
                    })?)
                }
                Some([Value::String(tag), Value::String(name)]) if tag == "named-uuid" => {
                    Atom::Uuid(names.resolve(name).map_err(|e| e.with_syntax(json))?)
                }
                _ => return Err(err()),
            },
        })
    }

    /// Checks `enum`, integer/real ranges and string lengths ("constraint violation").
    pub fn check(&self, base: &BaseType) -> Result<()> {
        if self.atomic_type() != base.atomic {
            return Err(OvsdbError::syntax(format!(
                "expected {}",
                base.atomic.as_str()
            )));
        }
        if let Some(allowed) = &base.enum_ {
            if !allowed.contains(self) {
                let list: Vec<String> = allowed.iter().map(|a| a.to_string()).collect();
                let list = if list.len() == 1 {
                    list.join("")
                } else {
                    format!("[{}]", list.join(", "))
                };
                return Err(OvsdbError::constraint(format!(
                    "{self} is not one of the allowed values ({list})"
                )));
            }
        }
        match self {
            Atom::Integer(i) => {
                range_check(i, base.min_integer.as_ref(), base.max_integer.as_ref())
            }
            Atom::Real(r) => range_check(r, base.min_real.as_ref(), base.max_real.as_ref()),
            Atom::String(s) => {
                let n = s.chars().count() as u64;
                if let Some(lo) = base.min_length.filter(|lo| n < *lo) {
                    return Err(OvsdbError::constraint(format!(
                        "\"{s}\" length {n} is less than minimum allowed length {lo}"
                    )));
                }
                if let Some(hi) = base.max_length.filter(|hi| n > *hi) {
                    return Err(OvsdbError::constraint(format!(
                        "\"{s}\" length {n} is greater than maximum allowed length {hi}"
                    )));
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// RFC 7047 JSON: numbers, booleans, strings, `["uuid", "..."]`.
    pub fn to_json(&self) -> Value {
        match self {
            Atom::Integer(i) => json!(i),
            Atom::Real(r) => json!(r),
            Atom::Boolean(b) => json!(b),
            Atom::String(s) => json!(s),
            Atom::Uuid(u) => json!(["uuid", u.to_string()]),
        }
    }

    fn rank(&self) -> u8 {
        match self {
            Atom::Integer(_) => 0,
            Atom::Real(_) => 1,
            Atom::Boolean(_) => 2,
            Atom::String(_) => 3,
            Atom::Uuid(_) => 4,
        }
    }
}

fn range_check<T: PartialOrd + fmt::Display>(v: &T, lo: Option<&T>, hi: Option<&T>) -> Result<()> {
    match (lo, hi) {
        (Some(lo), Some(hi)) if v < lo || v > hi => Err(OvsdbError::constraint(format!(
            "{v} is not in the valid range {lo} to {hi} (inclusive)"
        ))),
        (Some(lo), None) if v < lo => Err(OvsdbError::constraint(format!(
            "{v} is less than minimum allowed value {lo}"
        ))),
        (None, Some(hi)) if v > hi => Err(OvsdbError::constraint(format!(
            "{v} is greater than maximum allowed value {hi}"
        ))),
        _ => Ok(()),
    }
}

/// Parses the canonical 36-character uuid form (the only one RFC 7047 allows).
pub fn parse_uuid(s: &str) -> Option<Uuid> {
    if s.len() != 36 {
        return None;
    }
    Uuid::parse_str(s).ok()
}

impl fmt::Display for Atom {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Atom::Integer(i) => write!(f, "{i}"),
            Atom::Real(r) => write!(f, "{r}"),
            Atom::Boolean(b) => write!(f, "{b}"),
            Atom::String(s) => write!(f, "{s}"),
            Atom::Uuid(u) => write!(f, "{u}"),
        }
    }
}

impl Ord for Atom {
    fn cmp(&self, other: &Atom) -> Ordering {
        match (self, other) {
            (Atom::Integer(a), Atom::Integer(b)) => a.cmp(b),
            (Atom::Real(a), Atom::Real(b)) => a.total_cmp(b),
            (Atom::Boolean(a), Atom::Boolean(b)) => a.cmp(b),
            (Atom::String(a), Atom::String(b)) => a.cmp(b),
            (Atom::Uuid(a), Atom::Uuid(b)) => a.cmp(b),
            _ => self.rank().cmp(&other.rank()),
        }
    }
}
impl PartialOrd for Atom {
    fn partial_cmp(&self, other: &Atom) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl PartialEq for Atom {
    fn eq(&self, other: &Atom) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Atom {}
impl std::hash::Hash for Atom {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.rank().hash(h);
        match self {
            Atom::Integer(i) => i.hash(h),
            Atom::Real(r) => r.to_bits().hash(h),
            Atom::Boolean(b) => b.hash(h),
            Atom::String(s) => s.hash(h),
            Atom::Uuid(u) => u.hash(h),
        }
    }
}
