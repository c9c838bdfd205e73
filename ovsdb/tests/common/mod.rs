//! Helpers shared by the integration tests: loading test schemas, running `execute`
//! with a fixed context, and normalising replies (uuids, `_version`, row order).
#![allow(dead_code)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use ovsdb::db::Database;
use ovsdb::schema::DatabaseSchema;
use ovsdb::txn::{execute, Commit, TxnContext, TxnOutcome};
use serde_json::Value;

pub fn data_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

pub fn load_schema(name: &str) -> Arc<DatabaseSchema> {
    let text = std::fs::read_to_string(data_path(name)).expect("test schema present");
    Arc::new(DatabaseSchema::parse_str(&text).expect("test schema parses"))
}

pub fn ordinals_db() -> Database {
    Database::new(load_schema("ordinals.ovsschema"))
}

/// Runs `ops` (a JSON array of operations, without the database name) at time 0.
pub fn run(db: &mut Database, ops: &str) -> (Vec<Value>, Option<Commit>) {
    let ops: Vec<Value> = serde_json::from_str(ops).expect("test ops are JSON");
    let never = |_: &str| false;
    let ctx = TxnContext {
        now_ms: 0,
        started_ms: 0,
        holds_lock: &never,
    };
    match execute(db, &ops, &ctx) {
        TxnOutcome::Done { reply, commit } => (reply, commit),
        TxnOutcome::Blocked { .. } => panic!("unexpectedly blocked: {ops:?}"),
    }
}

/// The error name of the last element of a reply, if it is an error object.
pub fn error_of(reply: &[Value]) -> Option<String> {
    reply
        .iter()
        .rev()
        .find_map(|v| v.get("error").and_then(Value::as_str).map(str::to_string))
}

/// Rewrites uuids to `#n` in order of first appearance (per `Normaliser`), `_version`
/// values to `#v`, numbers to f64, and sorts `rows` arrays.
#[derive(Default)]
pub struct Normaliser {
    map: HashMap<String, usize>,
}

impl Normaliser {
    pub fn value(&mut self, v: &Value) -> Value {
        match v {
            Value::Array(a) if a.len() == 2 && a[0] == "uuid" => {
                let s = a[1].as_str().unwrap_or_default();
                Value::Array(vec![a[0].clone(), Value::String(self.uuid(s))])
            }
            Value::Array(a) => Value::Array(a.iter().map(|x| self.value(x)).collect()),
            Value::Object(o) => {
                let mut out = serde_json::Map::new();
                for (k, x) in o {
                    let nx = if k == "_version" {
                        Value::String("#v".into())
                    } else if k == "rows" {
                        let mut rows: Vec<Value> = x
                            .as_array()
                            .map(|a| a.iter().map(|r| self.value(r)).collect())
                            .unwrap_or_default();
                        rows.sort_by_key(canonical);
                        Value::Array(rows)
                    } else {
                        self.value(x)
                    };
                    out.insert(k.clone(), nx);
                }
                Value::Object(out)
            }
            Value::String(s) => Value::String(self.text(s)),
            Value::Number(n) => n
                .as_f64()
                .and_then(serde_json::Number::from_f64)
                .map(Value::Number)
                .unwrap_or(Value::Null),
            other => other.clone(),
        }
    }

    fn uuid(&mut self, s: &str) -> String {
        let n = self.map.len();
        format!("#{}", self.map.entry(s.to_string()).or_insert(n))
    }

    /// Replaces every 36-character uuid inside free text.
    pub fn text(&mut self, s: &str) -> String {
        let b = s.as_bytes();
        let mut out = String::new();
        let mut i = 0;
        while i < b.len() {
            if i + 36 <= b.len() && is_uuid(&b[i..i + 36]) {
                let u = &s[i..i + 36];
                out.push_str(&self.uuid(u));
                i += 36;
            } else {
                let ch = s[i..].chars().next().unwrap_or(' ');
                out.push(ch);
                i += ch.len_utf8();
            }
        }
        out
    }
}

/// JSON text with object keys sorted, for order-insensitive sorting.
pub fn canonical(v: &Value) -> String {
    match v {
        Value::Object(o) => {
            let mut keys: Vec<&String> = o.keys().collect();
            keys.sort();
            let parts: Vec<String> = keys
                .iter()
                .map(|k| format!("{:?}:{}", k, canonical(&o[k.as_str()])))
                .collect();
            format!("{{{}}}", parts.join(","))
        }
        Value::Array(a) => format!(
            "[{}]",
            a.iter().map(canonical).collect::<Vec<_>>().join(",")
        ),
        other => other.to_string(),
    }
}

fn is_uuid(b: &[u8]) -> bool {
    b.iter().enumerate().all(|(i, c)| match i {
        8 | 13 | 18 | 23 => *c == b'-',
        _ => c.is_ascii_hexdigit(),
    })
}
