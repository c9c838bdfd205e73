//! The incremental engine's promise, measured in SB operations rather than time: on a
//! network of 1,000 switches × 10 ports (a port group and 5 ACLs per switch), adding
//! one port compiles only that port's flows and writes a small SB transaction.
//!
//! Sans-IO: the NB and SB replicas are `IdlCore`s fed with monitor messages; the first
//! (full) SB transaction is "committed" by turning its insert operations into the
//! `update3` a server would send; then one port is added to the NB and the operations
//! in the next SB transaction are counted, straight from the `transact` params.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use northd::engine::Engine;
use ovsdb::idl::IdlCore;
use ovsdb::schema::DatabaseSchema;
use serde_json::{json, Map, Value};
use uuid::Uuid;

const SWITCHES: usize = 1000;
const PORTS: usize = 10;

fn schema(file: &str) -> Arc<DatabaseSchema> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../ovsdb/schemas")
        .join(file);
    Arc::new(DatabaseSchema::parse_str(&std::fs::read_to_string(p).unwrap()).unwrap())
}

fn uuid_ref(u: Uuid) -> Value {
    json!(["uuid", u.to_string()])
}

fn set(v: Vec<Value>) -> Value {
    json!(["set", v])
}

/// table-updates2 with every row as `initial`, for a `monitor_cond_since` reply.
fn network() -> (Value, HashMap<String, Uuid>) {
    let mut t: Map<String, Value> = Map::new();
    let mut ids = HashMap::new();
    let add = |t: &mut Map<String, Value>, table: &str, row: Value| -> Uuid {
        let u = Uuid::new_v4();
        t.entry(table.to_string())
            .or_insert_with(|| json!({}))
            .as_object_mut()
            .unwrap()
            .insert(u.to_string(), json!({"initial": row}));
        u
    };
    add(
        &mut t,
        "NB_Global",
        json!({"options": ["map", [["mac_prefix", "0a:00:00"],
        ["svc_monitor_mac", "0a:00:00:00:00:fe"], ["max_tunid", "16777215"]]]}),
    );
    for s in 0..SWITCHES {
        let mut ports = Vec::new();
        for p in 0..PORTS {
            let addr = format!(
                "0a:00:{:02x}:{:02x}:00:{:02x} 10.{}.{}.{}",
                s / 256,
                s % 256,
                p + 1,
                s / 256,
                s % 256,
                p + 1
            );
            let u = add(
                &mut t,
                "Logical_Switch_Port",
                json!({"name": format!("p{s}_{p}"), "addresses": addr}),
            );
            ports.push(uuid_ref(u));
        }
        let mut acls = Vec::new();
        for a in 0..5 {
            let (m, action, dir) = match a {
                0 => (format!("outport == @pg{s} && ip4"), "drop", "to-lport"),
                1 => (
                    format!("outport == @pg{s} && icmp4"),
                    "allow-related",
                    "to-lport",
                ),
                2 => (
                    format!("outport == @pg{s} && tcp.dst == 80"),
                    "allow-related",
                    "to-lport",
                ),
                3 => (
                    format!("inport == @pg{s} && ip4"),
                    "allow-related",
                    "from-lport",
                ),
                _ => (
                    format!("outport == @pg{s} && ip4.src == $pg{s}_ip4"),
                    "allow-related",
                    "to-lport",
                ),
            };
            let u = add(
                &mut t,
                "ACL",
                json!({"direction": dir, "priority": 1000 + a,
                "match": m, "action": action}),
            );
            acls.push(uuid_ref(u));
        }
        let ls = add(
            &mut t,
            "Logical_Switch",
            json!({"name": format!("ls{s}"), "ports": set(ports.clone())}),
        );
        let pg = add(
            &mut t,
            "Port_Group",
            json!({"name": format!("pg{s}"), "ports": set(ports),
            "acls": set(acls)}),
        );
        ids.insert(format!("ls{s}"), ls);
        ids.insert(format!("pg{s}"), pg);
    }
    (Value::Object(t), ids)
}

/// The `update3` a server sends after committing a transaction of inserts only:
/// every `named-uuid` becomes the row's new uuid.
fn commit_inserts(ops: &[Value]) -> Value {
    let mut names: HashMap<String, Uuid> = HashMap::new();
    for op in ops {
        if let Some(n) = op.get("uuid-name").and_then(Value::as_str) {
            names.insert(n.to_string(), Uuid::new_v4());
        }
    }
    fn resolve(v: &Value, names: &HashMap<String, Uuid>) -> Value {
        match v {
            Value::Array(a) if a.len() == 2 && a[0] == "named-uuid" => {
                json!(["uuid", names[a[1].as_str().unwrap()].to_string()])
            }
            Value::Array(a) => Value::Array(a.iter().map(|x| resolve(x, names)).collect()),
            Value::Object(o) => Value::Object(
                o.iter()
                    .map(|(k, x)| (k.clone(), resolve(x, names)))
                    .collect(),
            ),
            other => other.clone(),
        }
    }
    let mut t: Map<String, Value> = Map::new();
    for op in ops {
        match op["op"].as_str() {
            Some("insert") => {
                let u = names[op["uuid-name"].as_str().unwrap()];
                t.entry(op["table"].as_str().unwrap().to_string())
                    .or_insert_with(|| json!({}))
                    .as_object_mut()
                    .unwrap()
                    .insert(
                        u.to_string(),
                        json!({"insert": resolve(&op["row"], &names)}),
                    );
            }
            Some("comment") => {}
            other => panic!("the first transaction should only insert, not {other:?}"),
        }
    }
    Value::Object(t)
}

#[test]
fn adding_one_port_to_ten_thousand_writes_a_small_transaction() {
    let mut nb = IdlCore::new(schema("ovn-nb.ovsschema"));
    nb.monitor_all();
    let mut sb = IdlCore::new(schema("ovn-sb.ovsschema"));
    for t in [
        "SB_Global",
        "Datapath_Binding",
        "Port_Binding",
        "Multicast_Group",
        "Port_Group",
        "Address_Set",
        "Logical_Flow",
        "Chassis",
        "Chassis_Private",
    ] {
        sb.monitor(t, None).unwrap();
    }
    let (updates, ids) = network();
    nb.handle_monitor_reply(&json!([false, Uuid::nil().to_string(), updates]))
        .unwrap();
    sb.handle_monitor_reply(&json!([false, Uuid::nil().to_string(), {}]))
        .unwrap();
    nb.take_changes();
    sb.take_changes();

    // The first run is a recompute: everything is inserted.
    let mut engine = Engine::new();
    let (first, params) = {
        let mut txn = sb.txn();
        let out = engine.run(nb.replica(), sb.replica(), &mut txn).unwrap();
        (out, txn.build().0)
    };
    assert!(first.report.recompute);
    assert_eq!(first.report.lflow.switches_recomputed, SWITCHES);
    let ops = params.as_array().unwrap()[1..].to_vec();
    assert_eq!(first.report.sync.flows_inserted, first.report.flows);
    assert!(
        first.report.flows > SWITCHES * PORTS * 5,
        "{:?}",
        first.report
    );
    // Commit it: the SB replica now holds what the engine wrote.
    sb.handle_update3(&json!([
        sb.monitor_id().clone(),
        Uuid::new_v4().to_string(),
        commit_inserts(&ops)
    ]))
    .unwrap();
    let changes = sb.take_changes();
    engine.handle_sb(sb.replica(), &changes);
    {
        // Our own writes echoed back: nothing left to do.
        let mut txn = sb.txn();
        let out = engine.run(nb.replica(), sb.replica(), &mut txn).unwrap();
        assert_eq!(out.report.sync.total(), 0, "{:?}", out.report);
        assert!(txn.is_empty());
    }

    // One more port on ls500, joining its port group: one NB transaction.
    let lsp = Uuid::new_v4();
    let (ls, pg) = (ids["ls500"], ids["pg500"]);
    // In update2 `modify`, a set column holds the elements that changed.
    let update = json!({
        "Logical_Switch_Port": {lsp.to_string(): {"insert": {"name": "p500_new",
            "addresses": "0a:00:01:f4:00:99 10.1.244.99"}}},
        "Logical_Switch": {ls.to_string(): {"modify": {"ports": set(vec![uuid_ref(lsp)])}}},
        "Port_Group": {pg.to_string(): {"modify": {"ports": set(vec![uuid_ref(lsp)])}}},
    });
    nb.handle_update3(&json!([
        nb.monitor_id().clone(),
        Uuid::new_v4().to_string(),
        update
    ]))
    .unwrap();
    let changes = nb.take_changes();
    engine.handle_nb(nb.replica(), &changes);
    let (out, params) = {
        let mut txn = sb.txn();
        let out = engine.run(nb.replica(), sb.replica(), &mut txn).unwrap();
        txn.comment("rovn-northd");
        (out, txn.build().0)
    };
    let ops = &params.as_array().unwrap()[1..];
    let r = out.report;
    eprintln!("port add: {r:?}, {} SB operations", ops.len());
    assert!(!r.recompute);
    // Only that port's flows were computed ...
    assert_eq!(r.lflow.switches_recomputed, 0, "{r:?}");
    assert_eq!(r.lflow.ports_recomputed, 1, "{r:?}");
    assert_eq!(r.lflow.acls_recomputed, 0, "{r:?}");
    assert!((1..=10).contains(&r.sync.flows_inserted), "{r:?}");
    assert_eq!(r.sync.flows_deleted, 0);
    assert_eq!(r.flows, first.report.flows + r.sync.flows_inserted);
    // ... and the transaction holds its flows, its binding, the two multicast groups
    // it joins, the SB port group and the port group's address set, and nothing else.
    let count = |op: &str, table: &str| {
        ops.iter()
            .filter(|o| o["op"] == op && o["table"] == table)
            .count()
    };
    assert_eq!(count("insert", "Logical_Flow"), r.sync.flows_inserted);
    assert_eq!(count("insert", "Port_Binding"), 1);
    assert_eq!(count("update", "Multicast_Group"), 2);
    assert_eq!(count("update", "Port_Group"), 1);
    assert_eq!(count("update", "Address_Set"), 1);
    assert_eq!(ops.len(), r.sync.flows_inserted + 5 + 1, "{ops:#?}");
    assert!(ops.iter().all(|o| o["op"] != "delete"));
}
