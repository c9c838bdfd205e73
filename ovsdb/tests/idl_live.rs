//! The IDL against a real ovsdb-server: a monitor over the unix socket keeps an
//! `IdlCore`'s replica; transactions built by `IdlTxn` are sent with `ovsdb-client
//! transact` exactly as built, and must do what was intended; a `verify` must make the
//! commit fail when another client changed the verified column, and only then.
//!
//! Skipped, with a notice, when the Open vSwitch tools are not installed.

mod common;
mod live;

use std::collections::BTreeMap;

use live::{Peer, Server};
use ovsdb::data::{Atom, Datum};
use ovsdb::error::ErrorKind;
use ovsdb::idl::{IdlCore, TxnError};
use ovsdb::txn::{MutationArg, Mutator};
use serde_json::json;
use uuid::Uuid;

/// Applies the next `update3` to `core`.
fn sync(core: &mut IdlCore, mon: &mut Peer) {
    let n = mon.next_notification();
    assert_eq!(n["method"], "update3", "{n}");
    core.handle_update3(&n["params"]).expect("update3 applies");
}

fn s(x: &str) -> Atom {
    Atom::String(x.into())
}
fn get<'a>(core: &'a IdlCore, table: &str, u: &Uuid, col: &str) -> &'a Datum {
    core.replica().get(table, u, col).expect("value")
}

#[test]
fn idl_transactions_against_the_real_server() {
    let Some(server) = Server::start(&common::data_path("ordinals.ovsschema")) else {
        return;
    };
    let schema = common::load_schema("ordinals.ovsschema");
    let mut core = IdlCore::new(schema);
    core.monitor_all();
    let mut mon = Peer::connect(&server.sock());
    let reply = mon.call("monitor_cond_since", core.monitor_cond_since_params());
    core.handle_monitor_reply(&reply).expect("reply");
    assert!(core.replica().is_empty());

    // Insert two rows, one referring to the other by its provisional uuid.
    let mut txn = core.txn();
    let a = txn.insert("ordinals").unwrap();
    let kid = txn.insert("child").unwrap();
    txn.set("ordinals", a, "number", Datum::scalar(Atom::Integer(1)))
        .unwrap();
    txn.set("ordinals", a, "name", Datum::scalar(s("a")))
        .unwrap();
    txn.set("ordinals", a, "fixed", Datum::scalar(s("immutable")))
        .unwrap();
    txn.set("ordinals", a, "kids", Datum::scalar(Atom::Uuid(kid)))
        .unwrap();
    txn.set("child", kid, "v", Datum::scalar(Atom::Integer(7)))
        .unwrap();
    // Operations on a row inserted by the same transaction go by its named uuid.
    txn.insert_into("ordinals", a, "tags", Datum::scalar(s("x")))
        .unwrap();
    txn.comment("idl live test");
    let (params, pending) = txn.build();
    let done = pending
        .handle_reply(&server.transact(&params))
        .expect("commit");
    let a_real = done.real_uuid(&a).expect("a inserted");
    let kid_real = done.real_uuid(&kid).expect("kid inserted");
    assert_ne!(a, a_real, "provisional uuids are not the server's");
    // Optimistic: nothing changes locally until the monitor says so.
    assert!(core.replica().is_empty());
    sync(&mut core, &mut mon);
    assert_eq!(
        get(&core, "ordinals", &a_real, "name"),
        &Datum::scalar(s("a"))
    );
    assert_eq!(
        get(&core, "ordinals", &a_real, "kids"),
        &Datum::scalar(Atom::Uuid(kid_real))
    );
    assert_eq!(
        get(&core, "ordinals", &a_real, "tags"),
        &Datum::scalar(s("x"))
    );
    assert_eq!(
        get(&core, "child", &kid_real, "v"),
        &Datum::scalar(Atom::Integer(7))
    );
    let ch = core.take_changes();
    assert!(ch.table("ordinals").unwrap().inserted.contains(&a_real));

    // Update and mutate an existing row.
    let mut txn = core.txn();
    txn.set("ordinals", a_real, "name", Datum::scalar(s("b")))
        .unwrap();
    txn.set("ordinals", a_real, "color", Datum::scalar(s("green")))
        .unwrap();
    txn.map_set("ordinals", a_real, "opts", s("k"), Atom::Integer(1))
        .unwrap();
    txn.insert_into("ordinals", a_real, "tags", Datum::scalar(s("y")))
        .unwrap();
    txn.delete_from("ordinals", a_real, "tags", Datum::scalar(s("x")))
        .unwrap();
    txn.mutate(
        "ordinals",
        a_real,
        "number",
        Mutator::Add,
        MutationArg::Atom(Atom::Integer(4)),
    )
    .unwrap();
    let (params, pending) = txn.build();
    pending
        .handle_reply(&server.transact(&params))
        .expect("commit");
    sync(&mut core, &mut mon);
    assert_eq!(
        get(&core, "ordinals", &a_real, "number"),
        &Datum::scalar(Atom::Integer(5))
    );
    assert_eq!(
        get(&core, "ordinals", &a_real, "tags"),
        &Datum::scalar(s("y"))
    );
    assert_eq!(
        get(&core, "ordinals", &a_real, "opts"),
        &Datum::Map(BTreeMap::from([(s("k"), Atom::Integer(1))]))
    );
    let ch = core.take_changes();
    let cols: Vec<&str> = ch.table("ordinals").unwrap().modified[&a_real]
        .iter()
        .map(String::as_str)
        .collect();
    assert_eq!(cols, ["color", "name", "number", "opts", "tags"]);
    // map_set replaces an existing key's value.
    let mut txn = core.txn();
    txn.map_set("ordinals", a_real, "opts", s("k"), Atom::Integer(2))
        .unwrap();
    let (params, pending) = txn.build();
    pending
        .handle_reply(&server.transact(&params))
        .expect("commit");
    sync(&mut core, &mut mon);
    assert_eq!(
        get(&core, "ordinals", &a_real, "opts"),
        &Datum::Map(BTreeMap::from([(s("k"), Atom::Integer(2))]))
    );

    // verify: another client changes the verified column between build and commit.
    let mut txn = core.txn();
    txn.verify("ordinals", a_real, "name").unwrap();
    txn.set("ordinals", a_real, "color", Datum::scalar(s("red")))
        .unwrap();
    let (params, pending) = txn.build();
    let other = server.transact(&json!(["ordinals", {"op": "update", "table": "ordinals",
        "where": [["number", "==", 5]], "row": {"name": "c"}}]));
    assert_eq!(other[0]["count"], 1);
    let err = pending.handle_reply(&server.transact(&params)).unwrap_err();
    assert!(matches!(err, TxnError::Conflict { op: 0 }), "{err}");
    assert!(err.is_retryable());
    sync(&mut core, &mut mon);
    assert_eq!(
        get(&core, "ordinals", &a_real, "color"),
        &Datum::scalar(s("green"))
    );
    // Rebuilt from the updated replica, the same transaction commits.
    let mut txn = core.txn();
    txn.verify("ordinals", a_real, "name").unwrap();
    txn.set("ordinals", a_real, "color", Datum::scalar(s("red")))
        .unwrap();
    let (params, pending) = txn.build();
    // A change to a column that was not verified does not matter.
    server.transact(&json!(["ordinals", {"op": "update", "table": "ordinals",
        "where": [["number", "==", 5]], "row": {"flag": true}}]));
    pending
        .handle_reply(&server.transact(&params))
        .expect("commit");
    sync(&mut core, &mut mon);
    sync(&mut core, &mut mon);
    assert_eq!(
        get(&core, "ordinals", &a_real, "color"),
        &Datum::scalar(s("red"))
    );
    assert_eq!(
        get(&core, "ordinals", &a_real, "flag"),
        &Datum::scalar(Atom::Boolean(true))
    );

    // A deleted verified row is a conflict too.
    let mut txn = core.txn();
    txn.verify("ordinals", a_real, "color").unwrap();
    let (params, pending) = txn.build();
    server.transact(&json!(["ordinals", {"op": "insert", "table": "ordinals",
        "row": {"number": 9, "name": "nine"}}]));
    sync(&mut core, &mut mon);
    let b = core
        .replica()
        .rows("ordinals")
        .find(|r| r.uuid() != a_real)
        .map(|r| r.uuid())
        .unwrap();
    server.transact(&json!(["ordinals", {"op": "delete", "table": "ordinals",
        "where": [["number", "==", 5]]}]));
    assert!(matches!(
        pending.handle_reply(&server.transact(&params)),
        Err(TxnError::Conflict { .. })
    ));
    sync(&mut core, &mut mon);
    assert!(core.replica().row("ordinals", &a_real).is_none());
    // Its child was garbage-collected with it.
    assert_eq!(core.replica().len("child"), 0);
    let ch = core.take_changes();
    assert!(ch.table("child").unwrap().deleted.contains_key(&kid_real));

    // Server-side failures map to their error kinds: a duplicate index key fails the
    // commit (after the operations), an immutable column fails its operation.
    let mut txn = core.txn();
    let dup = txn.insert("ordinals").unwrap();
    txn.set("ordinals", dup, "number", Datum::scalar(Atom::Integer(9)))
        .unwrap();
    txn.set("ordinals", dup, "name", Datum::scalar(s("dup")))
        .unwrap();
    let (params, pending) = txn.build();
    match pending.handle_reply(&server.transact(&params)) {
        Err(TxnError::Failed { op: None, error }) => {
            assert_eq!(error.kind, ErrorKind::ConstraintViolation)
        }
        other => panic!("{other:?}"),
    }
    let mut txn = core.txn();
    assert!(txn
        .set("ordinals", b, "fixed", Datum::scalar(s("no")))
        .is_err());
    txn.delete("ordinals", b).unwrap();
    let (params, pending) = txn.build();
    pending
        .handle_reply(&server.transact(&params))
        .expect("delete");
    sync(&mut core, &mut mon);
    assert_eq!(core.replica().len("ordinals"), 0);
}

#[test]
fn condition_change_against_the_real_server() {
    let Some(server) = Server::start(&common::data_path("ordinals.ovsschema")) else {
        return;
    };
    for n in 1..=4 {
        server.transact(&json!(["ordinals", {"op": "insert", "table": "ordinals",
            "row": {"number": n, "name": format!("n{n}")}}]));
    }
    let schema = common::load_schema("ordinals.ovsschema");
    let mut core = IdlCore::new(schema);
    core.monitor("ordinals", Some(&["number", "name"])).unwrap();
    let lt3 = core
        .condition(
            "ordinals",
            "number",
            ovsdb::txn::Function::Lt,
            Datum::scalar(Atom::Integer(3)),
        )
        .unwrap();
    core.set_conditions("ordinals", Some(vec![lt3])).unwrap();
    let mut mon = Peer::connect(&server.sock());
    let reply = mon.call("monitor_cond_since", core.monitor_cond_since_params());
    core.handle_monitor_reply(&reply).unwrap();
    assert_eq!(core.replica().len("ordinals"), 2);
    core.take_changes();

    // Narrow the condition: rows that no longer match are deleted from the replica.
    let eq4 = core
        .condition(
            "ordinals",
            "number",
            ovsdb::txn::Function::Ge,
            Datum::scalar(Atom::Integer(2)),
        )
        .unwrap();
    core.set_conditions("ordinals", Some(vec![eq4])).unwrap();
    let params = core.monitor_cond_change_params().unwrap();
    let r = mon.call("monitor_cond_change", params);
    assert!(r.is_object() || r.is_null(), "{r}");
    sync(&mut core, &mut mon);
    let numbers: Vec<i64> = core
        .replica()
        .rows("ordinals")
        .map(|r| {
            let ts = core.schema().table("ordinals").unwrap();
            r.get_by_name(ts, "number")
                .and_then(Datum::as_scalar)
                .and_then(Atom::as_integer)
                .unwrap()
        })
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    assert_eq!(numbers, [2, 3, 4]);
    let ch = core.take_changes();
    let t = ch.table("ordinals").unwrap();
    assert_eq!((t.inserted.len(), t.deleted.len()), (2, 1));
}
