//! `TypedError`: a row that does not fit its typed struct.

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum TypedError {
    #[error("a row of table {got} cannot be read as {want}")]
    WrongTable { want: &'static str, got: String },
    #[error("table {table} has no column {column}")]
    MissingColumn { table: String, column: &'static str },
    #[error("{table}.{column}: value {value} does not fit the column's Rust type")]
    BadValue {
        table: String,
        column: &'static str,
        value: String,
    },
}
