//! The in-memory database: committed tables of rows, the pending-change overlay that
//! transactions write into, the commit-time integrity rules, and the on-disk log record
//! format (ovsdb(5)).

mod changes;
mod database;
pub(crate) mod integrity;
mod log;
mod row;
mod table;

pub use changes::{Changes, RowChange};
pub use database::Database;
pub use log::LogError;
pub use row::Row;
pub use table::Table;
