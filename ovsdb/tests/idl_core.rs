//! IDL core behaviour without a server: malformed messages never panic and never change
//! the replica; change tracking merges across batches; transactions give the expected
//! JSON and reject what the server would reject; replies map to outcomes.

mod common;

use std::collections::BTreeMap;

use ovsdb::data::{Atom, Datum};
use ovsdb::db::Row;
use ovsdb::error::ErrorKind;
use ovsdb::idl::{IdlCore, IdlError, TxnError};
use serde_json::{json, Value};
use uuid::Uuid;

const U1: &str = "00000000-0000-0000-0000-000000000001";
const U2: &str = "00000000-0000-0000-0000-000000000002";

fn u(s: &str) -> Uuid {
    Uuid::parse_str(s).unwrap()
}

fn core() -> IdlCore {
    let mut c = IdlCore::new(common::load_schema("ordinals.ovsschema"));
    c.monitor_all();
    c
}

fn rows(c: &IdlCore) -> BTreeMap<String, BTreeMap<Uuid, Row>> {
    ["ordinals", "child", "wk"]
        .iter()
        .map(|t| {
            (
                t.to_string(),
                c.replica().table(t).cloned().unwrap_or_default(),
            )
        })
        .collect()
}

fn update3(c: &IdlCore, updates: Value) -> Value {
    json!([
        c.monitor_id(),
        "11111111-0000-0000-0000-000000000000",
        updates
    ])
}

/// A core holding one ordinals row U1 (number 1, tags {a, b, c}).
fn populated() -> IdlCore {
    let mut c = core();
    let reply = json!([false, "00000000-0000-0000-0000-000000000000", {
        "ordinals": {U1: {"initial": {"number": 1, "name": "one",
                                       "tags": ["set", ["a", "b", "c"]]}}}
    }]);
    c.handle_monitor_reply(&reply).unwrap();
    c.take_changes();
    c
}

#[test]
fn bad_updates_change_nothing() {
    let bad = [
        json!({"nosuch": {}}),
        json!({"ordinals": []}),
        json!({"ordinals": {"not-a-uuid": {"delete": null}}}),
        json!({"ordinals": {U2: {"modify": {"name": "x"}}}}),
        json!({"ordinals": {U2: {"delete": null}}}),
        json!({"ordinals": {U1: {"insert": {"name": "x"}}}}),
        json!({"ordinals": {U1: {"modify": {"nosuch": 1}}}}),
        json!({"ordinals": {U1: {"modify": {"number": "x"}}}}),
        json!({"ordinals": {U1: {"modify": {"color": "pink"}}}}),
        json!({"ordinals": {U1: {"frob": {}}}}),
        json!({"ordinals": {U1: {"modify": {}, "delete": null}}}),
        json!({"ordinals": {U1: {"delete": 1}}}),
        json!({"ordinals": {U1: "x"}}),
        // A diff that would give tags four elements (max 3).
        json!({"ordinals": {U1: {"modify": {"tags": "d"}}}}),
        // The first row is fine, the second is not: neither is applied.
        json!({"ordinals": {U2: {"insert": {"number": 2, "name": "two"}},
                            "00000000-0000-0000-0000-000000000003": {"delete": null}}}),
        json!([]),
        json!(null),
    ];
    for b in bad {
        let mut c = populated();
        let before = rows(&c);
        let seq = c.seqno();
        let p = update3(&c, b.clone());
        assert!(c.handle_update3(&p).is_err(), "accepted {b}");
        assert_eq!(rows(&c), before, "changed by {b}");
        assert_eq!(c.seqno(), seq);
        assert!(c.take_changes().is_empty());
    }
}

#[test]
fn bad_frames_are_errors() {
    let mut c = populated();
    let before = rows(&c);
    for p in [
        json!(null),
        json!([]),
        json!(["wrong-monitor", "x", {}]),
        json!([c.monitor_id(), 5, {}]),
        json!([c.monitor_id(), "x"]),
    ] {
        assert!(c.handle_update3(&p).is_err(), "{p}");
    }
    assert!(matches!(
        c.handle_update2(&json!(["wrong", {}])),
        Err(IdlError::WrongMonitor { .. })
    ));
    for r in [
        json!(null),
        json!([true, "x"]),
        json!(["yes", "x", {}]),
        json!([true, 1, {}]),
    ] {
        assert!(c.handle_monitor_reply(&r).is_err(), "{r}");
    }
    assert_eq!(rows(&c), before);
}

/// Every node of every captured message replaced by junk: no panic, and a rejected
/// message leaves the replica as it was.
#[test]
fn mangled_transcript_messages_never_panic() {
    let text = std::fs::read_to_string(common::data_path("idl/ordinals_transcript.json")).unwrap();
    let t: Value = serde_json::from_str(&text).unwrap();
    let main = &t["sessions"][0];
    let mut base = core();
    base.handle_monitor_reply(&main["events"][0]["reply"])
        .unwrap();
    let junk = [
        json!(null),
        json!(1),
        json!("x"),
        json!([]),
        json!({}),
        json!(["set", [1]]),
    ];
    let mut tried = 0;
    for ev in main["events"].as_array().unwrap().iter().skip(1) {
        for n in ev["notifications"].as_array().unwrap() {
            let params = &n["params"];
            for path in paths(params) {
                for j in &junk {
                    let mut m = params.clone();
                    *path_mut(&mut m, &path) = j.clone();
                    let mut c = base.clone();
                    let before = rows(&c);
                    if c.handle_update3(&m).is_err() {
                        assert_eq!(rows(&c), before);
                    }
                    tried += 1;
                }
            }
            base.handle_update3(params).unwrap();
        }
    }
    assert!(tried > 500, "{tried}");
}

fn paths(v: &Value) -> Vec<Vec<String>> {
    let mut out = vec![vec![]];
    match v {
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                for mut p in paths(x) {
                    p.insert(0, i.to_string());
                    out.push(p);
                }
            }
        }
        Value::Object(o) => {
            for (k, x) in o {
                for mut p in paths(x) {
                    p.insert(0, k.clone());
                    out.push(p);
                }
            }
        }
        _ => {}
    }
    out
}

fn path_mut<'a>(v: &'a mut Value, path: &[String]) -> &'a mut Value {
    path.iter().fold(v, |v, k| match v {
        Value::Array(a) => &mut a[k.parse::<usize>().unwrap()],
        Value::Object(o) => o.get_mut(k).unwrap(),
        _ => unreachable!(),
    })
}

#[test]
fn tracking_merges_batches() {
    let mut c = populated();
    // Inserted, then modified: still just inserted.
    c.handle_update3(&update3(
        &c,
        json!({"ordinals": {U2: {"insert": {"number": 2}}}}),
    ))
    .unwrap();
    c.handle_update3(&update3(
        &c,
        json!({"ordinals": {U2: {"modify": {"name": "two"}}}}),
    ))
    .unwrap();
    // Modified twice: the union of the columns.
    c.handle_update3(&update3(
        &c,
        json!({"ordinals": {U1: {"modify": {"name": "uno"}}}}),
    ))
    .unwrap();
    c.handle_update3(&update3(
        &c,
        json!({"ordinals": {U1: {"modify": {"tags": "a"}}}}),
    ))
    .unwrap();
    let ch = c.take_changes();
    let t = ch.table("ordinals").unwrap();
    assert_eq!(t.inserted.iter().collect::<Vec<_>>(), [&u(U2)]);
    let cols: Vec<&str> = t.modified[&u(U1)].iter().map(String::as_str).collect();
    assert_eq!(cols, ["name", "tags"]);
    assert_eq!(
        c.replica().get("ordinals", &u(U1), "tags"),
        Some(&Datum::Set(
            [Atom::String("b".into()), Atom::String("c".into())].into()
        ))
    );
    // Inserted then deleted: nothing. Modified then deleted: deleted, with its last row.
    c.handle_update3(&update3(
        &c,
        json!({"ordinals": {
        "00000000-0000-0000-0000-000000000003": {"insert": {"number": 3}}}}),
    ))
    .unwrap();
    c.handle_update3(&update3(
        &c,
        json!({"ordinals": {U1: {"modify": {"number": 10}}}}),
    ))
    .unwrap();
    c.handle_update3(&update3(
        &c,
        json!({"ordinals": {
        "00000000-0000-0000-0000-000000000003": {"delete": null}, U1: {"delete": null}}}),
    ))
    .unwrap();
    let ch = c.take_changes();
    let t = ch.table("ordinals").unwrap();
    assert!(t.inserted.is_empty() && t.modified.is_empty());
    let ts = c.schema().table("ordinals").unwrap().clone();
    assert_eq!(t.deleted.len(), 1);
    assert_eq!(
        t.deleted[&u(U1)].get_by_name(&ts, "number"),
        Some(&Datum::scalar(Atom::Integer(10)))
    );
    assert_eq!(c.seqno(), 8);
    let two = c
        .condition(
            "ordinals",
            "name",
            ovsdb::txn::Function::Eq,
            Datum::scalar(Atom::String("two".into())),
        )
        .unwrap();
    let found: Vec<Uuid> = c
        .replica()
        .select("ordinals", &[two])
        .map(|r| r.uuid())
        .collect();
    assert_eq!(found, [u(U2)]);
    // A message that changes nothing does not bump the sequence number.
    c.handle_update3(&update3(&c, json!({}))).unwrap();
    assert_eq!(c.seqno(), 8);
    let two = c
        .condition(
            "ordinals",
            "name",
            ovsdb::txn::Function::Eq,
            Datum::scalar(Atom::String("two".into())),
        )
        .unwrap();
    let found: Vec<Uuid> = c
        .replica()
        .select("ordinals", &[two])
        .map(|r| r.uuid())
        .collect();
    assert_eq!(found, [u(U2)]);
    assert_eq!(
        c.last_txn_id(),
        Some("11111111-0000-0000-0000-000000000000")
    );
}

#[test]
fn monitor_requests() {
    let mut c = IdlCore::new(common::load_schema("ordinals.ovsschema"));
    c.monitor("ordinals", Some(&["name", "number", "name"]))
        .unwrap();
    c.monitor("child", None).unwrap();
    assert!(c.monitor("nosuch", None).is_err());
    assert!(c.monitor("child", Some(&["_uuid"])).is_err());
    let cond = c
        .condition(
            "ordinals",
            "number",
            ovsdb::txn::Function::Lt,
            Datum::scalar(Atom::Integer(5)),
        )
        .unwrap();
    assert!(c
        .condition(
            "ordinals",
            "number",
            ovsdb::txn::Function::Lt,
            Datum::scalar(Atom::Boolean(true))
        )
        .is_err());
    c.set_conditions("ordinals", Some(vec![cond])).unwrap();
    assert_eq!(
        c.monitor_cond_since_params(),
        json!(["ordinals", "rovn-idl-ordinals", {
            "child": [{"columns": ["v", "strong"]}],
            "ordinals": [{"columns": ["number", "name"], "where": [["number", "<", 5]]}]
        }, "00000000-0000-0000-0000-000000000000"])
    );
    assert_eq!(c.monitor_cond_change_params(), None);
    c.set_conditions("ordinals", None).unwrap();
    assert_eq!(
        c.monitor_cond_change_params(),
        Some(json!(["rovn-idl-ordinals", "rovn-idl-ordinals", {
            "child": [{"where": [true]}], "ordinals": [{"where": [true]}]
        }]))
    );
}

#[test]
fn transaction_json() {
    let c = populated();
    let mut txn = c.txn();
    let n = txn.insert("ordinals").unwrap();
    let kid = txn.insert("child").unwrap();
    txn.set(
        "ordinals",
        n,
        "name",
        Datum::scalar(Atom::String("n".into())),
    )
    .unwrap();
    txn.set("ordinals", n, "kids", Datum::scalar(Atom::Uuid(kid)))
        .unwrap();
    txn.verify("ordinals", u(U1), "tags").unwrap();
    txn.verify("ordinals", u(U1), "number").unwrap();
    txn.set("ordinals", u(U1), "weak", Datum::scalar(Atom::Uuid(n)))
        .unwrap();
    txn.set(
        "ordinals",
        u(U1),
        "flag",
        Datum::scalar(Atom::Boolean(true)),
    )
    .unwrap();
    txn.delete_from(
        "ordinals",
        u(U1),
        "tags",
        Datum::scalar(Atom::String("a".into())),
    )
    .unwrap();
    txn.delete("child", kid).unwrap();
    txn.comment("why");
    let (params, pending) = txn.build();
    let uu = json!([["_uuid", "==", ["uuid", U1]]]);
    assert_eq!(
        params,
        json!(["ordinals",
            {"op": "wait", "table": "ordinals", "where": uu, "columns": ["number", "tags"],
             "until": "==", "rows": [{"number": 1, "tags": ["set", ["a", "b", "c"]]}],
             "timeout": 0},
            {"op": "insert", "table": "ordinals", "uuid-name": "row0",
             "row": {"name": "n", "kids": ["named-uuid", "row1"]}},
            {"op": "insert", "table": "child", "uuid-name": "row1", "row": {}},
            {"op": "update", "table": "ordinals", "where": uu,
             "row": {"flag": true, "weak": ["named-uuid", "row0"]}},
            {"op": "mutate", "table": "ordinals", "where": uu,
             "mutations": [["tags", "delete", "a"]]},
            {"op": "delete", "table": "child", "where": [["_uuid", "==", ["named-uuid", "row1"]]]},
            {"op": "comment", "comment": "why"}
        ])
    );
    assert_eq!(pending.n_ops(), 7);
    // The server's answer: real uuids for the inserts.
    let r = json!([{}, {"uuid": ["uuid", U2]}, {"uuid": ["uuid", "00000000-0000-0000-0000-000000000009"]},
                   {"count": 1}, {"count": 1}, {"count": 1}, {}]);
    let done = pending.handle_reply(&r).unwrap();
    assert_eq!(done.real_uuid(&n), Some(u(U2)));
    assert_eq!(done.inserted.len(), 2);
    // A failed wait is a conflict; other errors keep their kind and position.
    let r = json!([{"error": "timed out", "details": "..."}, null, null, null, null, null, null]);
    assert_eq!(pending.handle_reply(&r), Err(TxnError::Conflict { op: 0 }));
    let r = json!([{}, {"error": "constraint violation", "details": "d"}]);
    match pending.handle_reply(&r) {
        Err(TxnError::Failed { op: Some(1), error }) => {
            assert_eq!(error.kind, ErrorKind::ConstraintViolation);
            assert_eq!(error.details, "d");
        }
        other => panic!("{other:?}"),
    }
    let mut ok: Vec<Value> = r.as_array().unwrap().clone();
    ok[1] = json!({"uuid": ["uuid", U2]});
    ok.extend([
        json!({"uuid": ["uuid", U2]}),
        json!({}),
        json!({}),
        json!({}),
        json!({}),
    ]);
    ok.push(json!({"error": "referential integrity violation", "details": "x"}));
    assert!(matches!(
        pending.handle_reply(&Value::Array(ok)),
        Err(TxnError::Failed { op: None, .. })
    ));
    for bad in [
        json!(null),
        json!([{}]),
        json!([{"error": "frob"}]),
        json!([{}, {"uuid": "x"}, {}, {}, {}, {}, {}]),
    ] {
        assert!(
            matches!(pending.handle_reply(&bad), Err(TxnError::MalformedReply(_))),
            "{bad}"
        );
    }
}

#[test]
fn transaction_checks() {
    let mut c = populated();
    let mut txn = c.txn();
    let s = |x: &str| Datum::scalar(Atom::String(x.into()));
    assert!(matches!(
        txn.insert("nosuch"),
        Err(IdlError::UnknownTable(_))
    ));
    assert!(matches!(
        txn.set("ordinals", u(U1), "nosuch", s("x")),
        Err(IdlError::UnknownColumn { .. })
    ));
    assert!(matches!(
        txn.set("ordinals", u(U1), "_uuid", Datum::scalar(Atom::Uuid(u(U2)))),
        Err(IdlError::UnknownColumn { .. })
    ));
    assert!(matches!(
        txn.set("ordinals", u(U1), "number", s("x")),
        Err(IdlError::BadValue { .. })
    ));
    assert!(matches!(
        txn.set("ordinals", u(U1), "color", s("pink")),
        Err(IdlError::BadValue { .. })
    ));
    assert!(matches!(
        txn.set("ordinals", u(U1), "fixed", s("x")),
        Err(IdlError::Immutable { .. })
    ));
    assert!(matches!(
        txn.set("ordinals", u(U2), "name", s("x")),
        Err(IdlError::NoSuchRow { .. })
    ));
    assert!(matches!(
        txn.verify("ordinals", u(U2), "name"),
        Err(IdlError::NoSuchRow { .. })
    ));
    assert!(matches!(
        txn.mutate(
            "ordinals",
            u(U1),
            "name",
            ovsdb::txn::Mutator::Add,
            ovsdb::txn::MutationArg::Atom(Atom::Integer(1))
        ),
        Err(IdlError::BadValue { .. })
    ));
    let n = txn.insert("ordinals").unwrap();
    assert!(txn.set("ordinals", n, "fixed", s("ok on insert")).is_ok());
    assert!(txn
        .set("child", n, "v", Datum::scalar(Atom::Integer(1)))
        .is_err());
    assert!(!txn.is_empty());
    drop(txn);
    // Verify needs the column to be monitored.
    let mut c2 = IdlCore::new(c.schema().clone());
    c2.monitor("ordinals", Some(&["name"])).unwrap();
    c2.handle_monitor_reply(&json!([false, "x", {"ordinals": {U1: {"initial": {"name": "a"}}}}]))
        .unwrap();
    let mut txn = c2.txn();
    assert!(matches!(
        txn.verify("ordinals", u(U1), "number"),
        Err(IdlError::ColumnNotMonitored { .. })
    ));
    assert!(txn.verify("ordinals", u(U1), "name").is_ok());
    assert!(matches!(
        txn.verify("child", u(U1), "v"),
        Err(IdlError::TableNotMonitored(_))
    ));
    // The replica is untouched by local transactions.
    let before = rows(&c);
    let mut txn = c.txn();
    txn.delete("ordinals", u(U1)).unwrap();
    let _ = txn.build();
    assert_eq!(rows(&c), before);
    let _ = c.take_changes();
}
