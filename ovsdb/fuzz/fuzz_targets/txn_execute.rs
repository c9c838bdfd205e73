//! Fuzzes transaction parsing and execution: arbitrary bytes → JSON → `txn::execute` on
//! an in-memory OVN_Northbound database holding a few rows. It must never panic, a
//! failed transaction must leave the database untouched, and a committed one must give
//! a log record that, replayed on the old contents, yields the new contents.
//!
//! Run: `cd ovsdb/fuzz && cargo +nightly fuzz run txn_execute`.
#![no_main]

use std::sync::{Arc, OnceLock};

use libfuzzer_sys::fuzz_target;
use ovsdb::db::Database;
use ovsdb::schema::DatabaseSchema;
use ovsdb::txn::{self, TxnContext, TxnOutcome};
use serde_json::{json, Value};

const NB_SCHEMA: &str = include_str!("../../schemas/ovn-nb.ovsschema");

/// The starting database: a switch with a port, an address set, an ACL and NB_Global.
fn base() -> &'static Database {
    static BASE: OnceLock<Database> = OnceLock::new();
    BASE.get_or_init(|| {
        let schema_json: Value = serde_json::from_str(NB_SCHEMA).expect("NB schema JSON");
        let schema = DatabaseSchema::from_json(&schema_json).expect("NB schema");
        let mut db = Database::new(Arc::new(schema));
        let seed = json!([
            {"op": "insert", "table": "NB_Global", "row": {"name": "global"}},
            {"op": "insert", "table": "Logical_Switch_Port", "uuid-name": "p",
             "row": {"name": "lsp0", "addresses": ["set", ["00:00:00:00:00:01 10.0.0.1"]]}},
            {"op": "insert", "table": "ACL", "uuid-name": "acl",
             "row": {"priority": 10, "direction": "to-lport", "match": "ip4", "action": "drop"}},
            {"op": "insert", "table": "Logical_Switch",
             "row": {"name": "sw0", "ports": ["named-uuid", "p"], "acls": ["named-uuid", "acl"],
                     "external_ids": ["map", [["k", "v"]]]}},
            {"op": "insert", "table": "Address_Set", "row": {"name": "as0", "addresses": ["set", ["1", "2"]]}}
        ]);
        let no_lock = |_: &str| false;
        let ctx = TxnContext { now_ms: 0, started_ms: 0, holds_lock: &no_lock };
        match txn::execute(&mut db, seed.as_array().expect("array"), &ctx) {
            TxnOutcome::Done { reply, commit: Some(_) } => {
                assert!(reply.iter().all(|r| r.get("error").is_none()), "seed failed: {reply:?}");
            }
            other => panic!("seed transaction: {other:?}"),
        }
        db
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(request) = serde_json::from_slice::<Value>(data) else {
        return;
    };
    // Accept both a bare operation array and transact params ["DB", op...].
    let ops: Vec<Value> = match request {
        Value::Array(mut a) => {
            if a.first().is_some_and(Value::is_string) {
                a.remove(0);
            }
            a
        }
        other => vec![other],
    };
    let before = base();
    let mut db = before.clone();
    let no_lock = |name: &str| name == "held";
    let ctx = TxnContext { now_ms: 1_000, started_ms: 0, holds_lock: &no_lock };
    match txn::execute(&mut db, &ops, &ctx) {
        TxnOutcome::Blocked { .. } => {
            assert_eq!(db.snapshot_record(), before.snapshot_record(), "blocked txn changed db");
        }
        TxnOutcome::Done { reply, commit } => {
            let failed = reply.iter().any(|r| r.get("error").is_some());
            assert!(reply.len() >= ops.len().min(1) || ops.is_empty());
            if failed || commit.is_none() {
                assert!(commit.is_none() || !failed, "commit despite an error: {reply:?}");
                assert_eq!(
                    db.snapshot_record(),
                    before.snapshot_record(),
                    "failed or empty txn changed db: {reply:?}"
                );
                return;
            }
            let commit = commit.expect("checked");
            let record = commit
                .changes
                .to_log_record(db.schema(), 1_000, commit.comment.as_deref());
            let mut replay = before.clone();
            replay
                .apply_log_record(&record)
                .unwrap_or_else(|e| panic!("own log record does not replay: {e}: {record}"));
            assert_eq!(
                replay.snapshot_record(),
                db.snapshot_record(),
                "replayed log record differs: {record}"
            );
        }
    }
});
