//! Executes a `transact` request all-or-nothing on a `Database`.
//!
//! Operations are parsed and run one at a time, in order, against a `Changes` overlay;
//! the first failure ends the transaction: the reply holds the results so far, the
//! error object, and `null`s up to one entry per operation (RFC 7047 §4.1.3). When every
//! operation succeeds, the commit-time checks run; their failure appends one more
//! element. Only then are the changes applied to the database.

use std::collections::HashSet;

use serde_json::{json, Value};

use super::condition::{matches_all, Condition, Function};
use super::ops::{Operation, Position};
use super::symtab::SymbolTable;
use super::{Commit, TxnContext, TxnOutcome};
use crate::data::{Atom, Datum};
use crate::db::{integrity, Changes, Database, Row};
use crate::error::{ErrorKind, OvsdbError, Result};
use crate::schema::UUID_COLUMN;

/// State accumulated while running the operations.
struct Run<'a> {
    db: &'a Database,
    ctx: &'a TxnContext<'a>,
    changes: Changes,
    durable: bool,
    comments: Vec<String>,
}

enum Step {
    Result(Value),
    Blocked(Option<i64>),
}

/// Runs one `transact` request. `ops` are the request's params after the database name
/// (checking that name, "unknown database", is the server's job). On `Done` with a
/// `commit`, `db` already holds the result; on `Blocked` or any error, `db` is unchanged.
pub fn execute(db: &mut Database, ops: &[Value], ctx: &TxnContext) -> TxnOutcome {
    let mut names = SymbolTable::default();
    let mut reply: Vec<Value> = Vec::with_capacity(ops.len() + 1);
    let schema = db.schema().clone();
    let mut run = Run {
        db,
        ctx,
        changes: Changes::default(),
        durable: false,
        comments: Vec::new(),
    };
    for (index, json) in ops.iter().enumerate() {
        let step = Operation::parse(
            &schema,
            json,
            Position {
                index,
                count: ops.len(),
            },
            &mut names,
        )
        .and_then(|op| run.step(op));
        match step {
            Ok(Step::Result(v)) => reply.push(v),
            Ok(Step::Blocked(retry_at_ms)) => return TxnOutcome::Blocked { retry_at_ms },
            Err(e) => {
                reply.push(e.to_json());
                reply.resize(ops.len(), Value::Null);
                return TxnOutcome::Done {
                    reply,
                    commit: None,
                };
            }
        }
    }
    let Run {
        mut changes,
        durable,
        comments,
        ..
    } = run;
    if let Err(e) = integrity::check(db, &mut changes) {
        reply.push(e.to_json());
        return TxnOutcome::Done {
            reply,
            commit: None,
        };
    }
    let comment = (!comments.is_empty()).then(|| comments.join("\n"));
    let commit = if changes.is_empty() {
        None
    } else {
        db.commit(&changes);
        Some(Commit {
            changes,
            durable,
            comment,
        })
    };
    TxnOutcome::Done { reply, commit }
}

impl Run<'_> {
    fn step(&mut self, op: Operation) -> Result<Step> {
        let db = self.db;
        let done = |v: Value| Ok(Step::Result(v));
        match op {
            Operation::Insert { table, uuid, row } => {
                if self.changes.get(&table.name, &uuid).is_some()
                    || db.row_in(&self.changes, &table.name, &uuid).is_some()
                {
                    return Err(OvsdbError::new(
                        ErrorKind::DuplicateUuid,
                        "This UUID would duplicate a UUID already present within the table or deleted within the same transaction.",
                    )
                    .with_syntax(&Value::String(uuid.to_string())));
                }
                let mut r = Row::new_default(&table, uuid, uuid::Uuid::nil());
                for (i, d) in row {
                    r.set(i, d);
                }
                db.write(&mut self.changes, &table.name, r);
                done(json!({ "uuid": ["uuid", uuid.to_string()] }))
            }
            Operation::Select {
                table,
                conditions,
                columns,
            } => {
                // ovsdb-server returns distinct rows: two rows that agree on every
                // selected column appear once.
                let mut seen: HashSet<Vec<Datum>> = HashSet::new();
                let mut rows: Vec<Value> = Vec::new();
                for r in self.matching(&table.name, &conditions) {
                    let key: Vec<Datum> = match &columns {
                        Some(cols) => cols.iter().filter_map(|c| r.get(*c).cloned()).collect(),
                        None => vec![Datum::scalar(Atom::Uuid(r.uuid()))],
                    };
                    if seen.insert(key) {
                        rows.push(r.to_json(&table, columns.as_deref()));
                    }
                }
                done(json!({ "rows": rows }))
            }
            Operation::Update {
                table,
                conditions,
                row,
            } => {
                let targets = self.matching(&table.name, &conditions);
                let n = targets.len();
                for mut r in targets {
                    for (i, d) in &row {
                        r.set(*i, d.clone());
                    }
                    db.write(&mut self.changes, &table.name, r);
                }
                done(json!({ "count": n }))
            }
            Operation::Mutate {
                table,
                conditions,
                mutations,
            } => {
                let targets = self.matching(&table.name, &conditions);
                let n = targets.len();
                for mut r in targets {
                    for m in &mutations {
                        let t = &table.columns[m.column].type_;
                        let new = match r.get(m.column) {
                            Some(old) => m.apply(old, t)?,
                            None => m.apply(&Datum::empty_for(t), t)?,
                        };
                        r.set(m.column, new);
                    }
                    db.write(&mut self.changes, &table.name, r);
                }
                done(json!({ "count": n }))
            }
            Operation::Delete { table, conditions } => {
                let targets = self.matching(&table.name, &conditions);
                for r in &targets {
                    db.remove(&mut self.changes, &table.name, &r.uuid());
                }
                done(json!({ "count": targets.len() }))
            }
            Operation::Wait {
                table,
                conditions,
                columns,
                until_equal,
                mut rows,
                timeout_ms,
            } => {
                let mut actual: Vec<Vec<Datum>> = self
                    .matching(&table.name, &conditions)
                    .iter()
                    .map(|r| columns.iter().filter_map(|c| r.get(*c).cloned()).collect())
                    .collect();
                // Both sides are compared as sets of distinct projected rows.
                actual.sort();
                actual.dedup();
                rows.sort();
                rows.dedup();
                if (actual == rows) == until_equal {
                    return done(json!({}));
                }
                let deadline = timeout_ms.map(|t| self.ctx.started_ms.saturating_add(t));
                match deadline {
                    Some(d) if self.ctx.now_ms >= d => Err(OvsdbError::new(
                        ErrorKind::TimedOut,
                        "\"where\" clause test failed",
                    )),
                    _ => Ok(Step::Blocked(deadline)),
                }
            }
            Operation::Commit { durable } => {
                self.durable |= durable;
                done(json!({}))
            }
            Operation::Abort => Err(OvsdbError::new(ErrorKind::Aborted, "aborted by request")),
            Operation::Comment(c) => {
                self.comments.push(c);
                done(json!({}))
            }
            Operation::Assert { lock } => {
                if (self.ctx.holds_lock)(&lock) {
                    done(json!({}))
                } else {
                    Err(OvsdbError::new(
                        ErrorKind::NotOwner,
                        format!("Asserted lock {lock} not held."),
                    ))
                }
            }
        }
    }

    /// Copies of the rows of `table` matching every condition, in the pending view.
    /// A `_uuid == U` condition (what IDLs send) is a direct lookup, not a scan.
    fn matching(&self, table: &str, conditions: &[Condition]) -> Vec<Row> {
        let by_uuid = conditions.iter().find_map(|c| match c {
            Condition::Column {
                column: UUID_COLUMN,
                function: Function::Eq,
                arg,
            } => arg.as_scalar().and_then(Atom::as_uuid),
            _ => None,
        });
        if let Some(u) = by_uuid {
            return self
                .db
                .row_in(&self.changes, table, &u)
                .filter(|r| matches_all(conditions, r))
                .into_iter()
                .cloned()
                .collect();
        }
        self.db
            .rows_in(&self.changes, table)
            .into_iter()
            .filter(|r| matches_all(conditions, r))
            .cloned()
            .collect()
    }
}
