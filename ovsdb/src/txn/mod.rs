//! Transactions: `transact` requests parsed into typed `Operation`s, `Condition`s and
//! `Mutation`s, executed all-or-nothing (`execute`), with replies and error objects as
//! ovsdb-server sends them, and the committed change set (`Commit`).
//!
//! ```
//! use std::sync::Arc;
//! use ovsdb::{db::Database, schema::DatabaseSchema, txn::{execute, TxnContext, TxnOutcome}};
//! use serde_json::json;
//!
//! let schema = DatabaseSchema::from_json(&json!({"name": "d", "tables": {
//!     "t": {"columns": {"n": {"type": "integer"}}, "indexes": [["n"]]}}})).unwrap();
//! let mut db = Database::new(Arc::new(schema));
//! let no_locks = |_: &str| false;
//! let ctx = TxnContext { now_ms: 0, started_ms: 0, holds_lock: &no_locks };
//! let ops = [json!({"op": "insert", "table": "t", "row": {"n": 1}})];
//! let TxnOutcome::Done { reply, commit } = execute(&mut db, &ops, &ctx) else { unreachable!() };
//! assert!(reply[0]["uuid"].is_array());
//! let commit = commit.expect("the insert changed the database");
//! let record = commit.changes.to_log_record(db.schema(), 0, None);
//! assert_eq!(record["_is_diff"], json!(true));
//!
//! // The same row again breaks the index: results so far, then the error object.
//! let TxnOutcome::Done { reply, commit } = execute(&mut db, &ops, &ctx) else { unreachable!() };
//! assert_eq!(reply.len(), 2);
//! assert_eq!(reply[1]["error"], "constraint violation");
//! assert!(commit.is_none());
//! ```

mod condition;
mod exec;
mod mutation;
mod ops;
mod symtab;

pub use crate::db::{Changes, RowChange};
pub use condition::{matches_all, Condition, Function};
pub use exec::execute;
pub use mutation::{Mutation, MutationArg, Mutator};
pub use ops::{Operation, Position, RowValues};
pub use symtab::SymbolTable;

/// What the server knows when it runs a transaction.
pub struct TxnContext<'a> {
    /// Monotonic clock, for `wait`.
    pub now_ms: i64,
    /// When the transaction first arrived.
    pub started_ms: i64,
    /// For `assert`: does this session hold the named lock?
    pub holds_lock: &'a dyn Fn(&str) -> bool,
}

/// The result of `execute`.
#[derive(Debug)]
pub enum TxnOutcome {
    /// The reply array (one result per operation, plus a trailing error object on
    /// failure) and, if anything changed and nothing failed, the committed change set.
    Done {
        reply: Vec<serde_json::Value>,
        commit: Option<Commit>,
    },
    /// A `wait` is unmet and its timeout has not elapsed: nothing was changed; the server
    /// re-executes the same request after the next commit, or at `retry_at_ms`.
    Blocked { retry_at_ms: Option<i64> },
}

/// A committed transaction.
#[derive(Debug, Clone, PartialEq)]
pub struct Commit {
    pub changes: Changes,
    pub durable: bool,
    pub comment: Option<String>,
}
