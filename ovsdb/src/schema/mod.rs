//! Database schemas as parsed from `.ovsschema` files (RFC 7047 §3.2, ovsdb(5)).
//!
//! Parsing never panics; every malformed schema yields a "syntax error" `OvsdbError`
//! whose details name the problem.

mod column;
mod database;
mod table;
mod types;

pub use column::ColumnSchema;
pub use database::DatabaseSchema;
pub use table::{TableSchema, UUID_COLUMN, VERSION_COLUMN};
pub use types::{AtomicType, BaseType, RefType, Type};
