//! Typed `Operation`s (RFC 7047 §5.2 plus Open vSwitch's `insert` `uuid` member),
//! parsed from one element of a `transact` request.
//!
//! Errors in the operation's frame (missing or unknown `op`, unknown table, missing,
//! mistyped or extra members) are "syntax error"s prefixed with "Parsing ovsdb operation
//! N of M failed: ", as ovsdb-server words them; errors inside rows, conditions and
//! mutations are reported as themselves.

use std::sync::Arc;

use serde_json::{Map, Value};
use uuid::Uuid;

use super::condition::Condition;
use super::mutation::Mutation;
use super::symtab::SymbolTable;
use crate::data::{parse_uuid, Datum};
use crate::error::{ErrorKind, OvsdbError, Result};
use crate::schema::{DatabaseSchema, TableSchema, VERSION_COLUMN};

/// `(column index, value)` pairs of a `<row>`.
pub type RowValues = Vec<(usize, Datum)>;

#[derive(Debug, Clone)]
pub enum Operation {
    Insert {
        table: Arc<TableSchema>,
        uuid: Uuid,
        row: RowValues,
    },
    Select {
        table: Arc<TableSchema>,
        conditions: Vec<Condition>,
        columns: Option<Vec<usize>>,
    },
    Update {
        table: Arc<TableSchema>,
        conditions: Vec<Condition>,
        row: RowValues,
    },
    Mutate {
        table: Arc<TableSchema>,
        conditions: Vec<Condition>,
        mutations: Vec<Mutation>,
    },
    Delete {
        table: Arc<TableSchema>,
        conditions: Vec<Condition>,
    },
    Wait {
        table: Arc<TableSchema>,
        conditions: Vec<Condition>,
        columns: Vec<usize>,
        /// True for `"until": "=="`, false for `"!="`.
        until_equal: bool,
        rows: Vec<Vec<Datum>>,
        timeout_ms: Option<i64>,
    },
    Commit {
        durable: bool,
    },
    Abort,
    Comment(String),
    Assert {
        lock: String,
    },
}

/// Where the operation sits in the request, for error texts.
#[derive(Debug, Clone, Copy)]
pub struct Position {
    pub index: usize,
    pub count: usize,
}

impl Operation {
    pub fn parse(
        schema: &DatabaseSchema,
        json: &Value,
        pos: Position,
        names: &mut SymbolTable,
    ) -> Result<Operation> {
        let frame = |details: String| {
            OvsdbError::syntax(format!(
                "Parsing ovsdb operation {} of {} failed: {details}",
                pos.index + 1,
                pos.count
            ))
            .with_syntax(json)
        };
        let o = json.as_object().ok_or_else(|| {
            OvsdbError::syntax(format!(
                "Parsing ovsdb operation {} of {} failed: Object expected.",
                pos.index + 1,
                pos.count
            ))
        })?;
        let op = match o.get("op") {
            Some(Value::String(s)) => s.as_str(),
            Some(_) => return Err(frame("Type mismatch for member 'op'.".into())),
            None => return Err(frame("Required 'op' member is missing.".into())),
        };
        let members: &[&str] = match op {
            "insert" => &["table", "row", "uuid-name", "uuid"],
            "select" => &["table", "where", "columns"],
            "update" => &["table", "where", "row"],
            "mutate" => &["table", "where", "mutations"],
            "delete" => &["table", "where"],
            "wait" => &["table", "where", "columns", "until", "rows", "timeout"],
            "commit" => &["durable"],
            "abort" => &[],
            "comment" => &["comment"],
            "assert" => &["lock"],
            _ => return Err(frame(format!("No operation \"{op}\""))),
        };
        let m = Members { o, frame: &frame };
        if let Some(k) = o
            .keys()
            .find(|k| *k != "op" && !members.contains(&k.as_str()))
        {
            return Err(frame(format!(
                "Member '{k}' is present but not allowed here."
            )));
        }
        let table = if members.contains(&"table") {
            let name = m.string("table")?;
            Some(
                schema
                    .table(name)
                    .cloned()
                    .ok_or_else(|| frame(format!("No table named {name}.")))?,
            )
        } else {
            None
        };
        // Frame members first, so that their errors carry the prefix.
        for k in members
            .iter()
            .filter(|k| !["uuid-name", "uuid", "columns", "timeout"].contains(k))
        {
            m.required(k)?;
        }
        let Some(table) = table else {
            return Ok(match op {
                "commit" => Operation::Commit {
                    durable: m.boolean("durable")?,
                },
                "abort" => Operation::Abort,
                "comment" => Operation::Comment(m.string("comment")?.to_string()),
                _ => Operation::Assert {
                    lock: m.string("lock")?.to_string(),
                },
            });
        };
        let ts = &*table;
        let conditions = match o.get("where") {
            Some(w) => {
                if !w.is_array() {
                    return Err(frame("Type mismatch for member 'where'.".into()));
                }
                Condition::parse_where(ts, w, names)?
            }
            None => Vec::new(),
        };
        Ok(match op {
            "insert" => {
                let chosen = match o.get("uuid") {
                    None => None,
                    Some(v @ Value::String(s)) => Some(
                        parse_uuid(s)
                            .ok_or_else(|| OvsdbError::syntax("bad uuid").with_syntax(v))?,
                    ),
                    Some(_) => return Err(frame("Type mismatch for member 'uuid'.".into())),
                };
                let uuid = match o.get("uuid-name") {
                    None => chosen.unwrap_or_else(Uuid::new_v4),
                    Some(Value::String(name)) if is_id(name) => {
                        names.declare(name, chosen).ok_or_else(|| {
                            OvsdbError::new(
                                ErrorKind::DuplicateUuidName,
                                "This \"uuid-name\" appeared on an earlier \"insert\" operation.",
                            )
                            .with_syntax(&Value::String(name.clone()))
                        })?
                    }
                    Some(_) => return Err(frame("Type mismatch for member 'uuid-name'.".into())),
                };
                let row = parse_row(ts, m.object("row")?, RowUse::Insert, names)?;
                Operation::Insert { table, uuid, row }
            }
            "select" => {
                let columns = o.get("columns").map(|c| parse_columns(ts, c)).transpose()?;
                Operation::Select {
                    table,
                    conditions,
                    columns,
                }
            }
            "update" => {
                let row = parse_row(ts, m.object("row")?, RowUse::Update, names)
                    .map_err(|e| e.with_syntax(json))?;
                Operation::Update {
                    table,
                    conditions,
                    row,
                }
            }
            "mutate" => {
                let list = m.array("mutations")?;
                let mutations = list
                    .iter()
                    .map(|mj| Mutation::parse(ts, mj, names))
                    .collect::<Result<Vec<_>>>()?;
                Operation::Mutate {
                    table,
                    conditions,
                    mutations,
                }
            }
            "delete" => Operation::Delete { table, conditions },
            _ => {
                let until_equal = match m.string("until")? {
                    "==" => true,
                    "!=" => false,
                    other => {
                        return Err(OvsdbError::syntax("\"until\" must be \"==\" or \"!=\"")
                            .with_syntax(&Value::String(other.to_string())))
                    }
                };
                let timeout_ms = match o.get("timeout") {
                    None => None,
                    Some(v) => match v.as_i64() {
                        Some(t) if t >= 0 => Some(t),
                        Some(_) => {
                            return Err(
                                OvsdbError::syntax("timeout must be nonnegative").with_syntax(v)
                            )
                        }
                        None => return Err(frame("Type mismatch for member 'timeout'.".into())),
                    },
                };
                let given = m.array("rows")?;
                let columns = match o.get("columns") {
                    Some(c) => parse_columns(ts, c)?,
                    None => {
                        let mut cols = Vec::new();
                        for r in given.iter().filter_map(Value::as_object) {
                            for k in r.keys() {
                                if let Some(i) = ts.column_index(k).filter(|i| !cols.contains(i)) {
                                    cols.push(i);
                                }
                            }
                        }
                        cols
                    }
                };
                let mut rows = Vec::new();
                for r in given {
                    let ro = r.as_object().ok_or_else(|| {
                        OvsdbError::syntax("row must be an object").with_syntax(r)
                    })?;
                    let vals = parse_row(ts, ro, RowUse::Match, names)?;
                    rows.push(
                        columns
                            .iter()
                            .map(|c| {
                                vals.iter()
                                    .find(|(i, _)| i == c)
                                    .map(|(_, d)| d.clone())
                                    .unwrap_or_else(|| Datum::default_for(&ts.columns[*c].type_))
                            })
                            .collect(),
                    );
                }
                Operation::Wait {
                    table,
                    conditions,
                    columns,
                    until_equal,
                    rows,
                    timeout_ms,
                }
            }
        })
    }
}

struct Members<'a, F: Fn(String) -> OvsdbError> {
    o: &'a Map<String, Value>,
    frame: &'a F,
}

impl<F: Fn(String) -> OvsdbError> Members<'_, F> {
    fn required(&self, k: &str) -> Result<&Value> {
        self.o
            .get(k)
            .ok_or_else(|| (self.frame)(format!("Required '{k}' member is missing.")))
    }
    fn mismatch(&self, k: &str) -> OvsdbError {
        (self.frame)(format!("Type mismatch for member '{k}'."))
    }
    fn string(&self, k: &str) -> Result<&str> {
        self.required(k)?.as_str().ok_or_else(|| self.mismatch(k))
    }
    fn boolean(&self, k: &str) -> Result<bool> {
        self.required(k)?.as_bool().ok_or_else(|| self.mismatch(k))
    }
    fn object(&self, k: &str) -> Result<&Map<String, Value>> {
        self.required(k)?
            .as_object()
            .ok_or_else(|| self.mismatch(k))
    }
    fn array(&self, k: &str) -> Result<&Vec<Value>> {
        self.required(k)?.as_array().ok_or_else(|| self.mismatch(k))
    }
}

#[derive(Clone, Copy, PartialEq)]
enum RowUse {
    Insert,
    Update,
    Match,
}

/// Parses a `<row>`: unknown columns are "unknown column"; `update` may not touch
/// immutable columns (`_uuid`, `_version`, `mutable: false`); `insert` ignores the
/// implicit columns, as ovsdb-server does.
fn parse_row(
    ts: &TableSchema,
    o: &Map<String, Value>,
    usage: RowUse,
    names: &mut SymbolTable,
) -> Result<RowValues> {
    let row_json = Value::Object(o.clone());
    let mut out = Vec::new();
    for (name, v) in o {
        let idx = ts.column_index(name).ok_or_else(|| {
            OvsdbError::new(
                ErrorKind::UnknownColumn,
                format!("No column {name} in table {}.", ts.name),
            )
            .with_syntax(&row_json)
        })?;
        let col = &ts.columns[idx];
        match usage {
            RowUse::Insert if idx <= VERSION_COLUMN => continue,
            RowUse::Update if !col.mutable => {
                return Err(OvsdbError::constraint(format!(
                    "Cannot update immutable column {name} in table {}.",
                    ts.name
                )))
            }
            _ => {}
        }
        out.push((idx, Datum::from_json(&col.type_, v, names)?));
    }
    Ok(out)
}

/// Parses a `columns` array into column indexes.
fn parse_columns(ts: &TableSchema, json: &Value) -> Result<Vec<usize>> {
    let expected =
        || OvsdbError::syntax("array of distinct column names expected").with_syntax(json);
    let list = json.as_array().ok_or_else(expected)?;
    let mut out = Vec::new();
    for c in list {
        let name = c.as_str().ok_or_else(expected)?;
        let i = ts.column_index(name).ok_or_else(|| {
            OvsdbError::syntax(format!("{name} is not a valid column name")).with_syntax(json)
        })?;
        if out.contains(&i) {
            return Err(expected());
        }
        out.push(i);
    }
    Ok(out)
}

/// `<id>` (RFC 7047 §3.1): a letter or underscore, then letters, digits, underscores.
fn is_id(s: &str) -> bool {
    let mut c = s.chars();
    matches!(c.next(), Some(ch) if ch.is_ascii_alphabetic() || ch == '_')
        && c.all(|ch| ch.is_ascii_alphanumeric() || ch == '_')
}
