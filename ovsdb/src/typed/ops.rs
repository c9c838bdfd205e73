//! Typed rows in and out of the IDL: reading them from the replica, writing them with an
//! `IdlTxn`.
//!
//! `insert` sets only the columns whose values differ from the Rust default (which is
//! the column's OVSDB default), so the server fills in the rest exactly as it would for
//! a hand-written insert; `update` sets only the columns that differ between the old and
//! the new value of the row.

use uuid::Uuid;

use super::{TypedError, TypedRow};
use crate::idl::{IdlError, IdlTxn, Replica};

/// Inserts `row` (its `uuid` is ignored); returns the provisional uuid.
pub fn insert<T: TypedRow>(txn: &mut IdlTxn<'_>, row: &T) -> Result<Uuid, IdlError> {
    let uuid = txn.insert(T::TABLE)?;
    let defaults = T::default().to_values();
    for ((col, value), (_, default)) in row.to_values().into_iter().zip(defaults) {
        if value != default {
            txn.set(T::TABLE, uuid, col, value)?;
        }
    }
    Ok(uuid)
}

/// Writes the columns in which `new` differs from `old` to the row `old.uuid()`.
pub fn update<T: TypedRow>(txn: &mut IdlTxn<'_>, old: &T, new: &T) -> Result<(), IdlError> {
    for ((col, o), (_, n)) in old.to_values().into_iter().zip(new.to_values()) {
        if o != n {
            txn.set(T::TABLE, old.uuid(), col, n)?;
        }
    }
    Ok(())
}

/// Every row of `T`'s table in the replica.
pub fn rows<T: TypedRow>(replica: &Replica) -> impl Iterator<Item = Result<T, TypedError>> + '_ {
    let schema = replica.schema().table(T::TABLE).cloned();
    replica
        .rows(T::TABLE)
        .filter_map(move |r| schema.as_ref().map(|s| T::from_row(s, r)))
}

/// One row of `T`'s table from the replica.
pub fn get<T: TypedRow>(replica: &Replica, uuid: &Uuid) -> Option<Result<T, TypedError>> {
    let schema = replica.schema().table(T::TABLE)?;
    replica.row(T::TABLE, uuid).map(|r| T::from_row(schema, r))
}
