//! The `_Server` database: one `Database` row per served database, read by the OVS IDL
//! (and ovn-nbctl, ovsdb-client) before it monitors anything. Read-only to clients.

use std::sync::Arc;

use serde_json::{json, Value};

use crate::db::Database;
use crate::schema::DatabaseSchema;
use crate::txn::{self, TxnContext, TxnOutcome};

/// The reserved database name.
pub const NAME: &str = "_Server";

/// The `_Server` schema that ovsdb-server 3.x publishes (version 1.2.0).
const SCHEMA: &str = r#"{
  "name": "_Server",
  "version": "1.2.0",
  "tables": {
    "Database": {
      "columns": {
        "name": {"type": "string"},
        "model": {"type": {"key": {"type": "string",
                                   "enum": ["set", ["clustered", "relay", "standalone"]]}}},
        "connected": {"type": "boolean"},
        "leader": {"type": "boolean"},
        "schema": {"type": {"key": "string", "min": 0}},
        "sid": {"type": {"key": "uuid", "min": 0}},
        "cid": {"type": {"key": "uuid", "min": 0}},
        "index": {"type": {"key": "integer", "min": 0}}
      }
    }
  }
}"#;

/// The parsed `_Server` schema.
pub fn schema() -> Arc<DatabaseSchema> {
    let json: Value = serde_json::from_str(SCHEMA).expect("built-in _Server schema is JSON");
    Arc::new(DatabaseSchema::from_json(&json).expect("built-in _Server schema is valid"))
}

/// An empty `_Server` database holding its own row.
pub fn new_database() -> Database {
    let schema = schema();
    let mut db = Database::new(schema.clone());
    add_row(&mut db, &schema);
    db
}

/// Adds the row describing `served`.
pub fn add_row(db: &mut Database, served: &DatabaseSchema) {
    let schema_text = if served.name == NAME {
        json!(["set", []])
    } else {
        Value::String(served.to_json().to_string())
    };
    let op = json!({
        "op": "insert",
        "table": "Database",
        "row": {
            "name": served.name,
            "model": "standalone",
            "connected": true,
            "leader": true,
            "schema": schema_text,
        }
    });
    let no_locks = |_: &str| false;
    let ctx = TxnContext {
        now_ms: 0,
        started_ms: 0,
        holds_lock: &no_locks,
    };
    // Inserting a well-typed row into an unconstrained table cannot fail.
    let _ = txn::execute(db, &[op], &ctx);
}

/// A client transaction on `_Server`: reads are served, writes refused as ovsdb-server
/// refuses them.
pub fn transact(db: &mut Database, ops: &[Value], now_ms: i64) -> Value {
    for op in ops {
        if let Some(kind @ ("insert" | "update" | "mutate" | "delete")) =
            op.get("op").and_then(Value::as_str)
        {
            return json!([{
                "details": format!("{kind} operation not allowed on table in reserved database {NAME}"),
                "error": "not allowed",
            }]);
        }
    }
    let no_locks = |_: &str| false;
    let ctx = TxnContext {
        now_ms,
        started_ms: now_ms,
        holds_lock: &no_locks,
    };
    match txn::execute(db, ops, &ctx) {
        TxnOutcome::Done { reply, .. } => Value::Array(reply),
        TxnOutcome::Blocked { .. } => json!([{
            "details": "\"wait\" on _Server is not supported",
            "error": "not supported",
        }]),
    }
}
