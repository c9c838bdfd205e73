//! Typed rows generated from the schemas: one struct per table with one typed field per
//! column, for the NB (`nb`), SB (`sb`) and Open_vSwitch (`vswitch`) databases.
//!
//! Field types: integer `i64`, real `f64`, boolean `bool`, string `String`, uuid `Uuid`;
//! a column with exactly one value is `T`, with at most one `Option<T>`, a set
//! `BTreeSet<T>`, a map `BTreeMap<K, V>` (reals, which are not `Ord`, go in `Vec`s).
//! A string column with an `enum` constraint gets a generated Rust enum (one variant per
//! allowed value, plus `Other(String)` so that a value a newer schema adds still reads
//! and round-trips instead of failing); build them with `From<&str>`, which never
//! yields `Other` for a listed value. Enum columns whose values would not make distinct
//! variant names stay `String`.
//! References are `Uuid`s; the referenced table is named in the field's doc.
//!
//! The generated files are never edited by hand: `codegen` writes them from
//! `ovsdb/schemas/`, and `tests/typed_codegen.rs` fails when they drift.

pub mod codegen;
pub mod convert;
mod error;
mod ops;

pub mod nb;
pub mod sb;
pub mod vswitch;

pub use error::TypedError;
pub use ops::{get, insert, rows, update};

use uuid::Uuid;

use crate::data::Datum;
use crate::db::Row;
use crate::schema::TableSchema;

/// A generated row struct.
pub trait TypedRow: Sized + Default {
    /// The table's name in the schema.
    const TABLE: &'static str;
    /// The user columns, in schema order.
    const COLUMNS: &'static [&'static str];
    /// The row's `_uuid`.
    fn uuid(&self) -> Uuid;
    /// Reads a row of `table` (which must be `TABLE`); columns not in the row read as
    /// their defaults only if the row holds them (replica rows hold every column).
    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError>;
    /// Every user column's value, in schema order.
    fn to_values(&self) -> Vec<(&'static str, Datum)>;
}
