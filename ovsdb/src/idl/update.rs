//! Typed `<table-updates2>` (ovsdb-server(7), `update2`/`update3` and the replies of
//! `monitor_cond`/`monitor_cond_since`): per table, per row uuid, one of `initial`,
//! `insert`, `modify` (column diffs, see `Datum::diff`) or `delete`.
//!
//! Parsing checks everything against the schema before anything is applied: unknown
//! tables or columns, values of the wrong type, malformed uuids and shapes are errors.
//! `initial`/`insert` values have their column's exact type; `modify` diffs are parsed
//! with the count bounds relaxed, since a set's symmetric difference may be larger than
//! the set itself may be.

use std::sync::Arc;

use serde_json::Value;
use uuid::Uuid;

use super::error::IdlError;
use crate::data::{parse_uuid, Datum, NoNames};
use crate::schema::{DatabaseSchema, TableSchema};

/// `(column index, datum)` pairs.
pub type ColumnValues = Vec<(usize, Datum)>;

#[derive(Debug, Clone, PartialEq)]
pub enum RowUpdate {
    /// A row present when the monitor started (full values of the sent columns).
    Initial(ColumnValues),
    /// A newly inserted row (full values).
    Insert(ColumnValues),
    /// Column diffs to apply to the current values.
    Modify(ColumnValues),
    Delete,
}

#[derive(Debug, Clone)]
pub struct TableUpdate {
    pub table: Arc<TableSchema>,
    pub rows: Vec<(Uuid, RowUpdate)>,
}

/// A whole `<table-updates2>` object.
#[derive(Debug, Clone, Default)]
pub struct TableUpdates {
    pub tables: Vec<TableUpdate>,
}

impl TableUpdates {
    pub fn parse(schema: &DatabaseSchema, json: &Value) -> Result<TableUpdates, IdlError> {
        let obj = json
            .as_object()
            .ok_or_else(|| IdlError::malformed("table-updates2", "not an object"))?;
        let mut tables = Vec::with_capacity(obj.len());
        for (tname, tjson) in obj {
            let table = schema
                .table(tname)
                .ok_or_else(|| IdlError::UnknownTable(tname.clone()))?;
            let rows_json = tjson.as_object().ok_or_else(|| {
                IdlError::malformed("table-update2", format!("{tname}: not an object"))
            })?;
            let mut rows = Vec::with_capacity(rows_json.len());
            for (u, rjson) in rows_json {
                let uuid = parse_uuid(u).ok_or_else(|| {
                    IdlError::malformed("row-update2", format!("{tname}: bad uuid \"{u}\""))
                })?;
                rows.push((uuid, parse_row_update(table, rjson)?));
            }
            tables.push(TableUpdate {
                table: table.clone(),
                rows,
            });
        }
        Ok(TableUpdates { tables })
    }
}

fn parse_row_update(table: &TableSchema, json: &Value) -> Result<RowUpdate, IdlError> {
    let bad = |d: &str| IdlError::malformed("row-update2", format!("{}: {d}", table.name));
    let obj = json.as_object().ok_or_else(|| bad("not an object"))?;
    let mut it = obj.iter();
    let (kind, body) = match (it.next(), it.next()) {
        (Some(one), None) => one,
        _ => return Err(bad("must have exactly one member")),
    };
    match kind.as_str() {
        "initial" => Ok(RowUpdate::Initial(parse_values(table, body, false)?)),
        "insert" => Ok(RowUpdate::Insert(parse_values(table, body, false)?)),
        "modify" => Ok(RowUpdate::Modify(parse_values(table, body, true)?)),
        "delete" if body.is_null() || body.as_object().is_some_and(|o| o.is_empty()) => {
            Ok(RowUpdate::Delete)
        }
        "delete" => Err(bad("\"delete\" must be null")),
        other => Err(bad(&format!("unknown member \"{other}\""))),
    }
}

/// `{column: value}` → typed values; `diff` relaxes the count bounds.
fn parse_values(table: &TableSchema, json: &Value, diff: bool) -> Result<ColumnValues, IdlError> {
    let obj = json.as_object().ok_or_else(|| {
        IdlError::malformed(
            "row-update2",
            format!("{}: row is not an object", table.name),
        )
    })?;
    let mut out = Vec::with_capacity(obj.len());
    for (cname, v) in obj {
        let idx = table
            .column_index(cname)
            .ok_or_else(|| IdlError::UnknownColumn {
                table: table.name.clone(),
                column: cname.clone(),
            })?;
        let col = &table.columns[idx];
        let t = if diff {
            col.type_.relaxed()
        } else {
            col.type_.clone()
        };
        let d = Datum::from_json(&t, v, &mut NoNames)
            .map_err(|e| IdlError::bad_value(&table.name, cname, e))?;
        out.push((idx, d));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn schema() -> DatabaseSchema {
        DatabaseSchema::from_json(&json!({"name": "d", "tables": {"T": {"columns": {
            "s": {"type": {"key": "string", "min": 0, "max": 2}}}}}}))
        .unwrap()
    }
    const U: &str = "00000000-0000-0000-0000-000000000001";

    #[test]
    fn kinds() {
        let s = schema();
        let u = TableUpdates::parse(
            &s,
            &json!({"T": {U: {"modify": {"s": ["set", ["a", "b", "c"]]}}}}),
        )
        .unwrap();
        // A diff may be bigger than the column allows.
        assert!(matches!(&u.tables[0].rows[0].1, RowUpdate::Modify(v) if v[0].1.len() == 3));
        let u = TableUpdates::parse(&s, &json!({"T": {U: {"delete": null}}})).unwrap();
        assert_eq!(u.tables[0].rows[0].1, RowUpdate::Delete);
        // Full values may not.
        assert!(TableUpdates::parse(
            &s,
            &json!({"T": {U: {"insert": {"s": ["set", ["a", "b", "c"]]}}}})
        )
        .is_err());
        assert!(TableUpdates::parse(&s, &json!({"T": {U: {"initial": {"_uuid": 1}}}})).is_err());
    }
}
