//! No panics on bad input: every node of a set of valid requests, log records and
//! schemas is replaced, one at a time, by junk values, and the result is fed to
//! `execute`, `apply_log_record` and the schema parser. Any outcome but a panic is fine.

mod common;

use ovsdb::db::Database;
use ovsdb::schema::DatabaseSchema;
use serde_json::{json, Value};

fn junk() -> Vec<Value> {
    vec![
        Value::Null,
        json!(-1),
        json!(9223372036854775807i64),
        json!(1.5e308),
        json!(""),
        json!("_uuid"),
        json!([]),
        json!({}),
        json!(["set", [1, "x"]]),
        json!(["map", [[1]]]),
        json!(["uuid", "x"]),
        json!(["named-uuid", "zz"]),
        json!(true),
    ]
}

/// Every path in `v` (as a list of array indexes / object keys).
fn paths(v: &Value, prefix: &mut Vec<Value>, out: &mut Vec<Vec<Value>>) {
    out.push(prefix.clone());
    match v {
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                prefix.push(json!(i));
                paths(x, prefix, out);
                prefix.pop();
            }
        }
        Value::Object(o) => {
            for (k, x) in o {
                prefix.push(json!(k));
                paths(x, prefix, out);
                prefix.pop();
            }
        }
        _ => {}
    }
}

fn replace(v: &Value, path: &[Value], with: &Value) -> Value {
    let Some((first, rest)) = path.split_first() else {
        return with.clone();
    };
    match (v, first) {
        (Value::Array(a), Value::Number(n)) => {
            let i = n.as_u64().unwrap_or(0) as usize;
            let mut a = a.clone();
            if let Some(slot) = a.get_mut(i) {
                *slot = replace(slot, rest, with);
            }
            Value::Array(a)
        }
        (Value::Object(o), Value::String(k)) => {
            let mut o = o.clone();
            if let Some(slot) = o.get_mut(k) {
                *slot = replace(slot, rest, with);
            }
            Value::Object(o)
        }
        _ => v.clone(),
    }
}

fn variants(v: &Value) -> Vec<Value> {
    let mut ps = Vec::new();
    paths(v, &mut Vec::new(), &mut ps);
    let mut out = Vec::new();
    for p in &ps {
        for j in junk() {
            out.push(replace(v, p, &j));
        }
    }
    out
}

#[test]
fn execute_never_panics() {
    let seed = json!([
        {"op":"insert","table":"ordinals","uuid-name":"a","row":{"number":1,"name":"a","small":["set",[1]],"opts":["map",[["k",1]]],"kids":["named-uuid","c"],"weak":["named-uuid","a"]}},
        {"op":"insert","table":"child","uuid-name":"c","row":{"v":1}},
        {"op":"update","table":"ordinals","where":[["number","==",1]],"row":{"color":"red"}},
        {"op":"mutate","table":"ordinals","where":[["tags","includes",["set",[]]]],"mutations":[["number","+=",1],["opts","delete",["set",["k"]]]]},
        {"op":"select","table":"ordinals","where":[true],"columns":["number"]},
        {"op":"wait","table":"ordinals","where":[],"columns":["number"],"until":"!=","rows":[{"number":5}],"timeout":0},
        {"op":"delete","table":"child","where":[["v",">",5]]},
        {"op":"comment","comment":"c"},
        {"op":"commit","durable":false},
        {"op":"assert","lock":"l"}
    ]);
    let never = |_: &str| false;
    let ctx = ovsdb::txn::TxnContext {
        now_ms: 0,
        started_ms: 0,
        holds_lock: &never,
    };
    let mut n = 0;
    for v in variants(&seed) {
        let mut db = common::ordinals_db();
        let ops = v.as_array().cloned().unwrap_or_default();
        let _ = ovsdb::txn::execute(&mut db, &ops, &ctx);
        n += 1;
    }
    assert!(n > 500);
}

#[test]
fn log_replay_never_panics() {
    let u = "550e8400-e29b-41d4-a716-446655440000";
    let seed = json!({"_date": 1, "_is_diff": true, "ordinals": {u: {"number": 3, "tags": ["set", ["a"]], "opts": ["map", [["k", 1]]]}}, "child": {u: null}});
    for v in variants(&seed) {
        let mut db = common::ordinals_db();
        let _ = db.apply_log_record(&v);
        let _ = db.apply_log_record(&v);
        let _ = db.snapshot_record();
    }
}

#[test]
fn schema_parse_never_panics() {
    let text = std::fs::read_to_string(common::data_path("ordinals.ovsschema")).expect("schema");
    let seed: Value = serde_json::from_str(&text).expect("json");
    for v in variants(&seed) {
        if let Ok(s) = DatabaseSchema::from_json(&v) {
            let _ = Database::new(std::sync::Arc::new(s.clone()));
            let _ = DatabaseSchema::from_json(&s.to_json());
        }
    }
}
