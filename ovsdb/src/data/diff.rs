//! Column differences, as `update2` "modify" and the diff log records carry them
//! (ovsdb-server(7)): for a column holding at most one value or pair (`max` 1, as
//! ovsdb-tool 3.1 writes it, maps included), the new value; for a set,
//! the symmetric difference; for a map, the pairs whose key is in only one map, plus the
//! new pair for keys whose value changed. Applying a diff to the old value gives the new.

use std::collections::BTreeMap;

use super::datum::Datum;
use crate::error::{OvsdbError, Result};
use crate::schema::Type;

impl Datum {
    /// The difference that turns `self` into `new` (both of type `t`).
    pub fn diff(&self, new: &Datum, t: &Type) -> Datum {
        if t.is_single() {
            return new.clone();
        }
        match (self, new) {
            (Datum::Set(a), Datum::Set(b)) => {
                Datum::Set(a.symmetric_difference(b).cloned().collect())
            }
            (Datum::Map(a), Datum::Map(b)) => {
                let mut out = BTreeMap::new();
                for (k, v) in a {
                    if !b.contains_key(k) {
                        out.insert(k.clone(), v.clone());
                    }
                }
                for (k, v) in b {
                    if a.get(k) != Some(v) {
                        out.insert(k.clone(), v.clone());
                    }
                }
                Datum::Map(out)
            }
            _ => new.clone(),
        }
    }

    /// Applies a diff made by [`Datum::diff`]; the result is checked against `t`'s counts.
    pub fn apply_diff(&self, diff: &Datum, t: &Type) -> Result<Datum> {
        let out = if t.is_single() {
            diff.clone()
        } else {
            match (self, diff) {
                (Datum::Set(a), Datum::Set(d)) => {
                    Datum::Set(a.symmetric_difference(d).cloned().collect())
                }
                (Datum::Map(a), Datum::Map(d)) => {
                    let mut m = a.clone();
                    for (k, v) in d {
                        match m.get(k) {
                            Some(old) if old == v => {
                                m.remove(k);
                            }
                            _ => {
                                m.insert(k.clone(), v.clone());
                            }
                        }
                    }
                    Datum::Map(m)
                }
                _ => return Err(OvsdbError::syntax("diff does not match the column type")),
            }
        };
        out.check_len(t)?;
        Ok(out)
    }
}
