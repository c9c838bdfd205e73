//! `Datum`: the value of one column, a sorted set of atoms or a sorted map.
//!
//! Invariants: a datum is a `Map` exactly when its column type has a value type; keys
//! are unique and kept sorted by the `BTreeSet`/`BTreeMap`; a scalar is a 1-element set.

use std::collections::{BTreeMap, BTreeSet};

use uuid::Uuid;

use super::atom::Atom;
use crate::error::{OvsdbError, Result};
use crate::schema::Type;

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Datum {
    Set(BTreeSet<Atom>),
    Map(BTreeMap<Atom, Atom>),
}

impl Datum {
    /// A 1-element set.
    pub fn scalar(a: Atom) -> Datum {
        Datum::Set(BTreeSet::from([a]))
    }
    pub fn empty_set() -> Datum {
        Datum::Set(BTreeSet::new())
    }
    pub fn empty_map() -> Datum {
        Datum::Map(BTreeMap::new())
    }
    /// The empty datum of the right shape for `t`.
    pub fn empty_for(t: &Type) -> Datum {
        if t.is_map() {
            Datum::empty_map()
        } else {
            Datum::empty_set()
        }
    }

    /// The default value of a column of type `t`: empty if `min` is 0, otherwise one
    /// default atom (a default key/value pair for maps).
    pub fn default_for(t: &Type) -> Datum {
        if t.min == 0 {
            return Datum::empty_for(t);
        }
        let k = Atom::default_for(t.key.atomic);
        match &t.value {
            Some(v) => Datum::Map(BTreeMap::from([(k, Atom::default_for(v.atomic))])),
            None => Datum::scalar(k),
        }
    }

    pub fn len(&self) -> usize {
        match self {
            Datum::Set(s) => s.len(),
            Datum::Map(m) => m.len(),
        }
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    pub fn is_map(&self) -> bool {
        matches!(self, Datum::Map(_))
    }

    /// The keys (the elements, for a set).
    pub fn keys(&self) -> Box<dyn Iterator<Item = &Atom> + '_> {
        match self {
            Datum::Set(s) => Box::new(s.iter()),
            Datum::Map(m) => Box::new(m.keys()),
        }
    }
    /// The map values (nothing for a set).
    pub fn values(&self) -> Box<dyn Iterator<Item = &Atom> + '_> {
        match self {
            Datum::Set(_) => Box::new(std::iter::empty()),
            Datum::Map(m) => Box::new(m.values()),
        }
    }
    pub fn into_keys(self) -> BTreeSet<Atom> {
        match self {
            Datum::Set(s) => s,
            Datum::Map(m) => m.into_keys().collect(),
        }
    }
    /// The single element of a 1-element set.
    pub fn as_scalar(&self) -> Option<&Atom> {
        match self {
            Datum::Set(s) if s.len() == 1 => s.iter().next(),
            _ => None,
        }
    }

    /// Uuids referenced through `t`'s key and value types that satisfy `pick`
    /// (for example "strong references").
    pub fn refs<'a>(
        &'a self,
        t: &'a Type,
        pick: impl Fn(&crate::schema::BaseType) -> bool + 'a,
    ) -> impl Iterator<Item = Uuid> + 'a {
        let kp = pick(&t.key);
        let vp = t.value.as_ref().is_some_and(&pick);
        let ks = self.keys().filter(move |_| kp).filter_map(Atom::as_uuid);
        let vs = self.values().filter(move |_| vp).filter_map(Atom::as_uuid);
        ks.chain(vs)
    }

    /// Checks element count and every atom against `t`.
    pub fn check(&self, t: &Type) -> Result<()> {
        if self.is_map() != t.is_map() {
            return Err(OvsdbError::syntax(format!("expected {}", t.describe())));
        }
        for k in self.keys() {
            k.check(&t.key)?;
        }
        if let Some(vt) = &t.value {
            for v in self.values() {
                v.check(vt)?;
            }
        }
        self.check_len(t)
    }

    /// Checks the element count only ("constraint violation").
    pub fn check_len(&self, t: &Type) -> Result<()> {
        if t.allows_len(self.len()) {
            return Ok(());
        }
        Err(OvsdbError::constraint(count_message(self.len(), t)))
    }

    /// `self ⊇ other` (sets: every element; maps: every key-value pair).
    pub fn includes(&self, other: &Datum) -> bool {
        match (self, other) {
            (Datum::Set(a), Datum::Set(b)) => b.is_subset(a),
            (Datum::Map(a), Datum::Map(b)) => b.iter().all(|(k, v)| a.get(k) == Some(v)),
            _ => false,
        }
    }
    /// `self ∩ other = ∅` (sets: elements; maps: key-value pairs).
    pub fn excludes(&self, other: &Datum) -> bool {
        match (self, other) {
            (Datum::Set(a), Datum::Set(b)) => a.is_disjoint(b),
            (Datum::Map(a), Datum::Map(b)) => b.iter().all(|(k, v)| a.get(k) != Some(v)),
            _ => true,
        }
    }
}

/// The ovsdb-server wording for a bad element count.
pub(crate) fn count_message(n: usize, t: &Type) -> String {
    let what = if t.is_map() { "map" } else { "set" };
    match t.max {
        Some(max) if max == t.min => {
            format!("{what} must have exactly {max} members but {n} are present")
        }
        Some(max) => format!(
            "{what} must have {} to {max} members but {n} are present",
            t.min
        ),
        // ovsdb-server prints "unlimited" as UINT_MAX.
        None => format!(
            "{what} must have {} to 4294967295 members but {n} are present",
            t.min
        ),
    }
}
