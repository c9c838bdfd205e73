//! `<mutation>`s (RFC 7047 §5.1): `[column, mutator, value]`.
//!
//! Invariants after parsing: the column is mutable; arithmetic mutators only target
//! integer or real sets/scalars (`%=` integers only) and carry one atom of the key type;
//! `insert` carries a datum of the column type with no minimum size; `delete` carries a
//! datum of any size (for maps: a map, or a set of keys).
//! Applying checks integer overflow ("range error"), division by zero ("domain error"),
//! then the column's constraints ("constraint violation").

use std::collections::BTreeSet;

use serde_json::Value;

use crate::data::{Atom, Datum, NameResolver};
use crate::error::{ErrorKind, OvsdbError, Result};
use crate::schema::{AtomicType, BaseType, TableSchema, Type};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mutator {
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Insert,
    Delete,
}

impl Mutator {
    pub fn parse(s: &str) -> Option<Mutator> {
        Some(match s {
            "+=" => Mutator::Add,
            "-=" => Mutator::Sub,
            "*=" => Mutator::Mul,
            "/=" => Mutator::Div,
            "%=" => Mutator::Mod,
            "insert" => Mutator::Insert,
            "delete" => Mutator::Delete,
            _ => return None,
        })
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Mutator::Add => "+=",
            Mutator::Sub => "-=",
            Mutator::Mul => "*=",
            Mutator::Div => "/=",
            Mutator::Mod => "%=",
            Mutator::Insert => "insert",
            Mutator::Delete => "delete",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum MutationArg {
    /// The operand of an arithmetic mutator.
    Atom(Atom),
    /// The operand of `insert`/`delete`.
    Datum(Datum),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Mutation {
    pub column: usize,
    pub mutator: Mutator,
    pub arg: MutationArg,
}

impl Mutation {
    pub fn parse(
        table: &TableSchema,
        json: &Value,
        names: &mut dyn NameResolver,
    ) -> Result<Mutation> {
        let (col, m, arg) = match json.as_array().map(Vec::as_slice) {
            Some([Value::String(c), Value::String(m), arg]) => (c, m, arg),
            _ => return Err(OvsdbError::syntax("Parse error in mutation.").with_syntax(json)),
        };
        let column = table.column_index(col).ok_or_else(|| {
            OvsdbError::new(
                ErrorKind::UnknownColumn,
                format!("No column {col} in table {}.", table.name),
            )
            .with_syntax(json)
        })?;
        let mutator = Mutator::parse(m).ok_or_else(|| {
            OvsdbError::new(ErrorKind::UnknownMutator, format!("No mutator named {m}."))
        })?;
        let c = &table.columns[column];
        if !c.mutable {
            return Err(OvsdbError::constraint(format!(
                "Cannot mutate immutable column {col} in table {}.",
                table.name
            ))
            .with_syntax(json));
        }
        let t = &c.type_;
        let mismatch = || {
            OvsdbError::syntax(format!(
                "Type mismatch: \"{m}\" operator may not be applied to column {col} of type {}.",
                t.describe()
            ))
            .with_syntax(json)
        };
        let arg = match mutator {
            Mutator::Insert | Mutator::Delete => {
                let mut at = Type {
                    min: 0,
                    ..t.clone()
                };
                if mutator == Mutator::Delete {
                    at.max = None;
                }
                if mutator == Mutator::Delete && t.is_map() && !is_tagged_map(arg) {
                    let keys = Type {
                        key: t.key.clone(),
                        value: None,
                        min: 0,
                        max: None,
                    };
                    MutationArg::Datum(Datum::from_json(&keys, arg, names)?)
                } else {
                    MutationArg::Datum(Datum::from_json(&at, arg, names)?)
                }
            }
            arith => {
                let numeric = matches!(t.key.atomic, AtomicType::Integer | AtomicType::Real);
                if t.is_map()
                    || !numeric
                    || (arith == Mutator::Mod && t.key.atomic != AtomicType::Integer)
                {
                    return Err(mismatch());
                }
                MutationArg::Atom(Atom::from_json_unchecked(t.key.atomic, arg, names)?)
            }
        };
        Ok(Mutation {
            column,
            mutator,
            arg,
        })
    }

    /// The RFC 7047 JSON form `[column, mutator, value]`.
    pub fn to_json(&self, table: &TableSchema) -> Value {
        let arg = match &self.arg {
            MutationArg::Atom(a) => a.to_json(),
            MutationArg::Datum(d) => d.to_json(),
        };
        Value::Array(vec![
            Value::String(
                table
                    .columns
                    .get(self.column)
                    .map(|c| c.name.clone())
                    .unwrap_or_default(),
            ),
            Value::String(self.mutator.as_str().to_string()),
            arg,
        ])
    }

    /// The new value of the column after this mutation.
    pub fn apply(&self, value: &Datum, t: &Type) -> Result<Datum> {
        let out = match (&self.arg, value) {
            (MutationArg::Atom(operand), Datum::Set(s)) => {
                let mut out = BTreeSet::new();
                for a in s {
                    out.insert(arith(self.mutator, a, operand, &t.key)?);
                }
                if out.len() != s.len() {
                    return Err(OvsdbError::constraint(format!(
                        "Result of \"{}\" operation contains duplicates.",
                        self.mutator.as_str()
                    )));
                }
                Datum::Set(out)
            }
            (MutationArg::Atom(_), Datum::Map(_)) => {
                return Err(OvsdbError::syntax("arithmetic mutation on a map"))
            }
            (MutationArg::Datum(d), v) => match (self.mutator, v, d) {
                (Mutator::Insert, Datum::Set(a), Datum::Set(b)) => {
                    // A few elements into a big set: copy it and insert them, rather
                    // than merging element by element.
                    let mut out = a.clone();
                    out.extend(b.iter().cloned());
                    Datum::Set(out)
                }
                (Mutator::Insert, Datum::Map(a), Datum::Map(b)) => {
                    let mut m = a.clone();
                    for (k, v) in b {
                        m.entry(k.clone()).or_insert_with(|| v.clone());
                    }
                    Datum::Map(m)
                }
                (Mutator::Delete, Datum::Set(a), Datum::Set(b)) => {
                    let mut out = a.clone();
                    for x in b {
                        out.remove(x);
                    }
                    Datum::Set(out)
                }
                (Mutator::Delete, Datum::Map(a), Datum::Map(b)) => Datum::Map(
                    a.iter()
                        .filter(|(k, v)| b.get(k) != Some(v))
                        .map(|(k, v)| (k.clone(), v.clone()))
                        .collect(),
                ),
                (Mutator::Delete, Datum::Map(a), Datum::Set(keys)) => Datum::Map(
                    a.iter()
                        .filter(|(k, _)| !keys.contains(k))
                        .map(|(k, v)| (k.clone(), v.clone()))
                        .collect(),
                ),
                _ => {
                    return Err(OvsdbError::syntax(
                        "mutation does not match the column type",
                    ))
                }
            },
        };
        if !t.allows_len(out.len()) {
            return Err(OvsdbError::constraint(format!(
                "Attempted to store {} elements in {}.",
                out.len(),
                t.describe()
            )));
        }
        out.check(t)?;
        Ok(out)
    }
}

fn is_tagged_map(json: &Value) -> bool {
    matches!(json.as_array().map(Vec::as_slice), Some([Value::String(t), _]) if t == "map")
}

fn arith(m: Mutator, a: &Atom, b: &Atom, base: &BaseType) -> Result<Atom> {
    let range = || {
        OvsdbError::new(
            ErrorKind::RangeError,
            format!("Result of \"{}\" operation is out of range.", m.as_str()),
        )
    };
    let div0 = || OvsdbError::new(ErrorKind::DomainError, "Division by zero.");
    let r = match (a, b) {
        (Atom::Integer(x), Atom::Integer(y)) => Atom::Integer(match m {
            Mutator::Add => x.checked_add(*y).ok_or_else(range)?,
            Mutator::Sub => x.checked_sub(*y).ok_or_else(range)?,
            Mutator::Mul => x.checked_mul(*y).ok_or_else(range)?,
            Mutator::Div if *y == 0 => return Err(div0()),
            Mutator::Div => x.checked_div(*y).ok_or_else(range)?,
            Mutator::Mod if *y == 0 => return Err(div0()),
            _ => x.wrapping_rem(*y),
        }),
        (Atom::Real(x), Atom::Real(y)) => {
            let v = match m {
                Mutator::Add => x + y,
                Mutator::Sub => x - y,
                Mutator::Mul => x * y,
                Mutator::Div if *y == 0.0 => return Err(div0()),
                Mutator::Div => x / y,
                _ => return Err(OvsdbError::syntax("%= is not defined on reals")),
            };
            if !v.is_finite() {
                return Err(range());
            }
            Atom::Real(v)
        }
        _ => return Err(OvsdbError::syntax("mutation operand has the wrong type")),
    };
    r.check(base)?;
    Ok(r)
}
