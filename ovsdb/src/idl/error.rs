//! `IdlError`: why the IDL refused a request, a monitor message or a transaction step.
//!
//! Invariant: every error that comes from a server message leaves the replica exactly as
//! it was before that message.

use uuid::Uuid;

use crate::error::OvsdbError;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum IdlError {
    #[error("table {0} is not in the schema")]
    UnknownTable(String),
    #[error("table {table} has no column {column}")]
    UnknownColumn { table: String, column: String },
    #[error("table {0} is not monitored")]
    TableNotMonitored(String),
    #[error("column {table}.{column} is not monitored")]
    ColumnNotMonitored { table: String, column: String },
    #[error("column {table}.{column} is immutable")]
    Immutable { table: String, column: String },
    #[error("row {uuid} of table {table} is not in the replica")]
    NoSuchRow { table: String, uuid: Uuid },
    #[error("row {uuid} of table {table} is already in the replica")]
    RowExists { table: String, uuid: Uuid },
    #[error("value for {table}.{column}: {source}")]
    BadValue {
        table: String,
        column: String,
        source: Box<OvsdbError>,
    },
    #[error("malformed {what}: {details}")]
    Malformed { what: &'static str, details: String },
    #[error("update for monitor {got}, expected {expected}")]
    WrongMonitor { got: String, expected: String },
}

impl IdlError {
    pub(crate) fn malformed(what: &'static str, details: impl Into<String>) -> IdlError {
        IdlError::Malformed {
            what,
            details: details.into(),
        }
    }
    pub(crate) fn bad_value(table: &str, column: &str, source: OvsdbError) -> IdlError {
        IdlError::BadValue {
            table: table.to_string(),
            column: column.to_string(),
            source: Box::new(source),
        }
    }
}
