//! `<condition>`s (RFC 7047 §5.1): `[column, function, value]`, plus the boolean
//! conditions `true`/`false` that Open vSwitch accepts (monitor_cond uses them).
//!
//! Invariants: `column` is an index into the table's columns; `arg` conforms to the
//! type the function requires (the column type, relaxed to any size for `includes` and
//! `excludes` on non-scalar columns); ordering functions only exist on scalar integer or
//! real columns.

use serde_json::Value;

use crate::data::{Atom, Datum, NameResolver, NoNames};
use crate::db::Row;
use crate::error::{ErrorKind, OvsdbError, Result};
use crate::schema::{AtomicType, TableSchema};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Function {
    Lt,
    Le,
    Eq,
    Ne,
    Ge,
    Gt,
    Includes,
    Excludes,
}

impl Function {
    pub fn parse(s: &str) -> Option<Function> {
        Some(match s {
            "<" => Function::Lt,
            "<=" => Function::Le,
            "==" => Function::Eq,
            "!=" => Function::Ne,
            ">=" => Function::Ge,
            ">" => Function::Gt,
            "includes" => Function::Includes,
            "excludes" => Function::Excludes,
            _ => return None,
        })
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Function::Lt => "<",
            Function::Le => "<=",
            Function::Eq => "==",
            Function::Ne => "!=",
            Function::Ge => ">=",
            Function::Gt => ">",
            Function::Includes => "includes",
            Function::Excludes => "excludes",
        }
    }
    fn is_ordering(self) -> bool {
        matches!(
            self,
            Function::Lt | Function::Le | Function::Ge | Function::Gt
        )
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    /// `true` or `false`.
    Bool(bool),
    Column {
        column: usize,
        function: Function,
        arg: Datum,
    },
}

impl Condition {
    /// Parses one condition; named uuids are not allowed.
    pub fn parse(table: &TableSchema, json: &Value) -> Result<Condition> {
        Condition::parse_with(table, json, &mut NoNames)
    }

    /// Parses one condition, resolving `named-uuid`s through `names`.
    pub fn parse_with(
        table: &TableSchema,
        json: &Value,
        names: &mut dyn NameResolver,
    ) -> Result<Condition> {
        let (col, func, arg) = match json {
            Value::Bool(b) => return Ok(Condition::Bool(*b)),
            Value::Array(a) => match a.as_slice() {
                [Value::String(c), Value::String(f), arg] => (c, f, arg),
                _ => return Err(OvsdbError::syntax("Parse error in condition.").with_syntax(json)),
            },
            _ => return Err(OvsdbError::syntax("Parse error in condition.").with_syntax(json)),
        };
        let column = table.column_index(col).ok_or_else(|| {
            OvsdbError::new(
                ErrorKind::UnknownColumn,
                format!("No column {col} in table {}.", table.name),
            )
            .with_syntax(json)
        })?;
        let function = Function::parse(func).ok_or_else(|| {
            OvsdbError::new(
                ErrorKind::UnknownFunction,
                format!("No function named {func}."),
            )
        })?;
        let ctype = &table.columns[column].type_;
        let t = match function {
            f if f.is_ordering() => {
                if !(ctype.is_scalar()
                    && matches!(ctype.key.atomic, AtomicType::Integer | AtomicType::Real))
                {
                    return Err(OvsdbError::syntax(format!(
                        "Type mismatch: \"{func}\" operator may not be applied to column {col} of type {}.",
                        ctype.describe()
                    ))
                    .with_syntax(json));
                }
                ctype.clone()
            }
            Function::Includes | Function::Excludes if !ctype.is_scalar() => ctype.relaxed(),
            _ => ctype.clone(),
        };
        let arg = Datum::from_json(&t, arg, names)?;
        Ok(Condition::Column {
            column,
            function,
            arg,
        })
    }

    /// Parses a `where` array (all must hold).
    pub fn parse_where(
        table: &TableSchema,
        json: &Value,
        names: &mut dyn NameResolver,
    ) -> Result<Vec<Condition>> {
        let list = json
            .as_array()
            .ok_or_else(|| OvsdbError::syntax("where clause must be an array").with_syntax(json))?;
        list.iter()
            .map(|c| Condition::parse_with(table, c, names))
            .collect()
    }

    /// The RFC 7047 JSON form (what a client sends in `where` or `monitor_cond`).
    pub fn to_json(&self, table: &TableSchema) -> Value {
        match self {
            Condition::Bool(b) => Value::Bool(*b),
            Condition::Column {
                column,
                function,
                arg,
            } => Value::Array(vec![
                Value::String(
                    table
                        .columns
                        .get(*column)
                        .map(|c| c.name.clone())
                        .unwrap_or_default(),
                ),
                Value::String(function.as_str().to_string()),
                arg.to_json(),
            ]),
        }
    }

    /// Evaluates the condition on `row`.
    pub fn matches(&self, row: &Row) -> bool {
        let (column, function, arg) = match self {
            Condition::Bool(b) => return *b,
            Condition::Column {
                column,
                function,
                arg,
            } => (*column, *function, arg),
        };
        let Some(value) = row.get(column) else {
            return false;
        };
        match function {
            Function::Eq => value == arg,
            Function::Ne => value != arg,
            Function::Includes => value.includes(arg),
            Function::Excludes => value.excludes(arg),
            ord => match (value.as_scalar(), arg.as_scalar()) {
                // Reals compare numerically (-0.0 == 0.0), not by the atoms' total order.
                (Some(Atom::Real(a)), Some(Atom::Real(b))) => compare(ord, a, b),
                (Some(a), Some(b)) => compare(ord, a, b),
                _ => false,
            },
        }
    }
}

fn compare<T: PartialOrd>(f: Function, a: &T, b: &T) -> bool {
    match f {
        Function::Lt => a < b,
        Function::Le => a <= b,
        Function::Ge => a >= b,
        _ => a > b,
    }
}

/// True when every condition holds (an empty list matches every row).
pub fn matches_all(conds: &[Condition], row: &Row) -> bool {
    conds.iter().all(|c| c.matches(row))
}
