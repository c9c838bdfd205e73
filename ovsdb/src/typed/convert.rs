//! Conversions between datums and the Rust types of generated fields, used by the
//! generated code: a scalar column is `T`, an optional one `Option<T>`, a set
//! `BTreeSet<T>` (`Vec<f64>` for reals, which are not `Ord`), a map `BTreeMap<K, V>`
//! (`Vec<(f64, V)>` for real keys).
//!
//! Reading never panics: a datum of the wrong shape or atom type is a `TypedError`.
//! Writing gives the datum shape the column type requires (maps are always `Datum::Map`).

use std::collections::{BTreeMap, BTreeSet};

use uuid::Uuid;

use super::error::TypedError;
use crate::data::{Atom, Datum};
use crate::db::Row;
use crate::schema::TableSchema;

/// A Rust type that holds one atom.
pub trait AtomValue: Sized {
    fn from_atom(a: &Atom) -> Option<Self>;
    fn to_atom(&self) -> Atom;
}

impl AtomValue for i64 {
    fn from_atom(a: &Atom) -> Option<i64> {
        a.as_integer()
    }
    fn to_atom(&self) -> Atom {
        Atom::Integer(*self)
    }
}
impl AtomValue for f64 {
    fn from_atom(a: &Atom) -> Option<f64> {
        match a {
            Atom::Real(r) => Some(*r),
            _ => None,
        }
    }
    fn to_atom(&self) -> Atom {
        Atom::Real(*self)
    }
}
impl AtomValue for bool {
    fn from_atom(a: &Atom) -> Option<bool> {
        match a {
            Atom::Boolean(b) => Some(*b),
            _ => None,
        }
    }
    fn to_atom(&self) -> Atom {
        Atom::Boolean(*self)
    }
}
impl AtomValue for String {
    fn from_atom(a: &Atom) -> Option<String> {
        a.as_str().map(str::to_string)
    }
    fn to_atom(&self) -> Atom {
        Atom::String(self.clone())
    }
}
impl AtomValue for Uuid {
    fn from_atom(a: &Atom) -> Option<Uuid> {
        a.as_uuid()
    }
    fn to_atom(&self) -> Atom {
        Atom::Uuid(*self)
    }
}

/// Checks that `row` (of `table`) may be read as the struct of table `want`.
pub fn check_table(table: &TableSchema, want: &'static str) -> Result<(), TypedError> {
    if table.name == want {
        Ok(())
    } else {
        Err(TypedError::WrongTable {
            want,
            got: table.name.clone(),
        })
    }
}

fn datum<'r>(
    table: &TableSchema,
    row: &'r Row,
    column: &'static str,
) -> Result<&'r Datum, TypedError> {
    row.get_by_name(table, column)
        .ok_or_else(|| TypedError::MissingColumn {
            table: table.name.clone(),
            column,
        })
}

fn bad(table: &TableSchema, column: &'static str, d: &Datum) -> TypedError {
    TypedError::BadValue {
        table: table.name.clone(),
        column,
        value: d.to_json().to_string(),
    }
}

/// A column holding exactly one value.
pub fn scalar<T: AtomValue>(
    table: &TableSchema,
    row: &Row,
    column: &'static str,
) -> Result<T, TypedError> {
    let d = datum(table, row, column)?;
    d.as_scalar()
        .and_then(T::from_atom)
        .ok_or_else(|| bad(table, column, d))
}

/// A column holding at most one value.
pub fn optional<T: AtomValue>(
    table: &TableSchema,
    row: &Row,
    column: &'static str,
) -> Result<Option<T>, TypedError> {
    let d = datum(table, row, column)?;
    match d {
        Datum::Set(s) if s.is_empty() => Ok(None),
        _ => d
            .as_scalar()
            .and_then(T::from_atom)
            .map(Some)
            .ok_or_else(|| bad(table, column, d)),
    }
}

fn elems<T: AtomValue>(
    table: &TableSchema,
    column: &'static str,
    d: &Datum,
) -> Result<Vec<T>, TypedError> {
    match d {
        Datum::Set(s) => s
            .iter()
            .map(T::from_atom)
            .collect::<Option<Vec<T>>>()
            .ok_or_else(|| bad(table, column, d)),
        _ => Err(bad(table, column, d)),
    }
}

/// A set column.
pub fn set<T: AtomValue + Ord>(
    table: &TableSchema,
    row: &Row,
    column: &'static str,
) -> Result<BTreeSet<T>, TypedError> {
    let d = datum(table, row, column)?;
    Ok(elems(table, column, d)?.into_iter().collect())
}

/// A set column whose elements are not `Ord` (reals), in the datum's order.
pub fn set_vec<T: AtomValue>(
    table: &TableSchema,
    row: &Row,
    column: &'static str,
) -> Result<Vec<T>, TypedError> {
    let d = datum(table, row, column)?;
    elems(table, column, d)
}

fn pairs<K: AtomValue, V: AtomValue>(
    table: &TableSchema,
    column: &'static str,
    d: &Datum,
) -> Result<Vec<(K, V)>, TypedError> {
    match d {
        Datum::Map(m) => m
            .iter()
            .map(|(k, v)| Some((K::from_atom(k)?, V::from_atom(v)?)))
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| bad(table, column, d)),
        _ => Err(bad(table, column, d)),
    }
}

/// A map column.
pub fn map<K: AtomValue + Ord, V: AtomValue>(
    table: &TableSchema,
    row: &Row,
    column: &'static str,
) -> Result<BTreeMap<K, V>, TypedError> {
    let d = datum(table, row, column)?;
    Ok(pairs(table, column, d)?.into_iter().collect())
}

/// A map column whose keys are not `Ord` (reals), in the datum's order.
pub fn map_vec<K: AtomValue, V: AtomValue>(
    table: &TableSchema,
    row: &Row,
    column: &'static str,
) -> Result<Vec<(K, V)>, TypedError> {
    let d = datum(table, row, column)?;
    pairs(table, column, d)
}

pub fn from_scalar<T: AtomValue>(v: &T) -> Datum {
    Datum::scalar(v.to_atom())
}
pub fn from_optional<T: AtomValue>(v: &Option<T>) -> Datum {
    match v {
        Some(x) => Datum::scalar(x.to_atom()),
        None => Datum::empty_set(),
    }
}
pub fn from_set<'a, T: AtomValue + 'a>(v: impl IntoIterator<Item = &'a T>) -> Datum {
    Datum::Set(v.into_iter().map(AtomValue::to_atom).collect())
}
pub fn from_map<'a, K: AtomValue + 'a, V: AtomValue + 'a>(
    v: impl IntoIterator<Item = (&'a K, &'a V)>,
) -> Datum {
    Datum::Map(
        v.into_iter()
            .map(|(k, v)| (k.to_atom(), v.to_atom()))
            .collect(),
    )
}
pub fn from_pairs<K: AtomValue, V: AtomValue>(v: &[(K, V)]) -> Datum {
    Datum::Map(v.iter().map(|(k, v)| (k.to_atom(), v.to_atom())).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn wrong_shapes_are_errors_not_panics() {
        let j = json!({"columns": {"s": {"type": "string"},
                                   "m": {"type": {"key": "string", "value": "integer",
                                                  "min": 0, "max": "unlimited"}}}});
        let t = TableSchema::from_json("T", &j).unwrap();
        let mut row = Row::new_default(&t, Uuid::nil(), Uuid::nil());
        // A row that breaks its own invariants (as a hand-made one could).
        row.set(2, Datum::empty_set());
        row.set(3, Datum::scalar(Atom::Integer(1)));
        assert!(scalar::<String>(&t, &row, "s").is_err());
        assert!(scalar::<String>(&t, &row, "m").is_err());
        assert!(map::<String, i64>(&t, &row, "m").is_err());
        assert!(set::<String>(&t, &row, "m").is_err());
        assert_eq!(optional::<String>(&t, &row, "s"), Ok(None));
        assert!(matches!(
            scalar::<String>(&t, &row, "nosuch"),
            Err(TypedError::MissingColumn { .. })
        ));
        assert_eq!(
            from_map::<String, i64>(&BTreeMap::new()),
            Datum::empty_map()
        );
        assert_eq!(from_optional::<i64>(&None), Datum::empty_set());
    }
}
