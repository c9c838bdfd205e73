//! Transcript tests of the sans-IO core: messages in, messages out, time passed in.
//! Expected outputs are what ovsdb-server 3.1 sends for the same exchange.

use std::sync::Arc;

use serde_json::{json, Value};

use crate::db::Database;
use crate::jsonrpc::Message;
use crate::schema::DatabaseSchema;

use super::core::{Output, ServerCore};

const SCHEMA: &str = r#"{"name":"T","version":"1.0.0","tables":{
  "Switch":{"columns":{"name":{"type":"string"},
                       "ports":{"type":{"key":{"type":"uuid","refTable":"Port"},"min":0,"max":"unlimited"}},
                       "tags":{"type":{"key":"string","min":0,"max":"unlimited"}}},
            "isRoot":true,"indexes":[["name"]]},
  "Port":{"columns":{"name":{"type":"string"}}}}}"#;

fn core() -> ServerCore {
    let schema = DatabaseSchema::from_json(&serde_json::from_str(SCHEMA).unwrap()).unwrap();
    let mut core = ServerCore::new();
    core.add_database(Database::new(Arc::new(schema)), None);
    core.connect(1);
    core.connect(2);
    core
}

fn req(method: &str, params: Value, id: i64) -> Message {
    let Value::Array(params) = params else {
        panic!("params must be an array")
    };
    Message::request(method, params, json!(id))
}

/// The outputs as `(session, message-as-JSON)`, uuids replaced by `<uuid>`.
fn wire(outputs: Vec<Output>) -> Vec<(u64, Value)> {
    outputs
        .into_iter()
        .map(|o| match o {
            Output::Send(s, m) => (s, mask(m.to_value())),
            Output::Close(s) => (s, json!("CLOSE")),
        })
        .collect()
}

fn mask(v: Value) -> Value {
    match v {
        Value::String(s) if uuid::Uuid::parse_str(&s).is_ok() && s.len() == 36 => json!("<uuid>"),
        Value::Array(a) => Value::Array(a.into_iter().map(mask).collect()),
        Value::Object(o) => Value::Object(
            o.into_iter()
                .map(|(k, v)| {
                    let k = if uuid::Uuid::parse_str(&k).is_ok() {
                        "<uuid>".to_owned()
                    } else {
                        k
                    };
                    (k, mask(v))
                })
                .collect(),
        ),
        other => other,
    }
}

fn insert_switch(core: &mut ServerCore, session: u64, name: &str, id: i64) -> Vec<(u64, Value)> {
    wire(core.handle(
        session,
        req(
            "transact",
            json!(["T", {"op":"insert","table":"Switch","row":{"name":name}}]),
            id,
        ),
        0,
    ))
}

#[test]
fn list_dbs_includes_server_and_unknown_methods_get_bare_error() {
    let mut c = core();
    assert_eq!(
        wire(c.handle(1, req("list_dbs", json!([]), 1), 0)),
        vec![(1, json!({"id":1,"result":["T","_Server"],"error":null}))]
    );
    assert_eq!(
        wire(c.handle(1, req("foo", json!([]), 2), 0)),
        vec![(1, json!({"id":2,"error":"unknown method"}))]
    );
}

#[test]
fn unknown_database_echoes_params_as_syntax() {
    let mut c = core();
    let out = wire(c.handle(1, req("get_schema", json!(["Nope"]), 3), 0));
    assert_eq!(
        out,
        vec![(
            1,
            json!({"id":3,"error":{"syntax":"[\"Nope\"]",
            "details":"get_schema request specifies unknown database Nope","error":"unknown database"}})
        )]
    );
}

#[test]
fn monitors_of_every_version_hear_a_commit_before_its_reply() {
    let mut c = core();
    let initial = wire(c.handle(
        2,
        req(
            "monitor",
            json!(["T","m1",{"Switch":{"columns":["name"]}}]),
            1,
        ),
        0,
    ));
    assert_eq!(initial, vec![(2, json!({"id":1,"result":{},"error":null}))]);
    wire(c.handle(
        2,
        req(
            "monitor_cond",
            json!(["T","m2",{"Switch":[{"columns":["name","tags"]}]}]),
            2,
        ),
        0,
    ));
    let since = wire(c.handle(2, req("monitor_cond_since",
        json!(["T","m3",{"Switch":[{"columns":["name"]}]},"00000000-0000-0000-0000-000000000000"]), 3), 0));
    assert_eq!(
        since,
        vec![(2, json!({"id":3,"result":[false,"<uuid>",{}],"error":null}))]
    );

    let out = insert_switch(&mut c, 1, "sw0", 9);
    let notes: Vec<&Value> = out
        .iter()
        .filter(|(s, _)| *s == 2)
        .map(|(_, m)| m)
        .collect();
    assert!(notes.contains(&&json!({"id":null,"method":"update",
        "params":["m1",{"Switch":{"<uuid>":{"new":{"name":"sw0"}}}}]})));
    // update2 leaves out columns holding their default (tags = empty set).
    assert!(notes.contains(&&json!({"id":null,"method":"update2",
        "params":["m2",{"Switch":{"<uuid>":{"insert":{"name":"sw0"}}}}]})));
    assert!(notes.contains(&&json!({"id":null,"method":"update3",
        "params":["m3","<uuid>",{"Switch":{"<uuid>":{"insert":{"name":"sw0"}}}}]})));
    assert_eq!(
        out.last().unwrap().0,
        1,
        "the reply comes after the notifications"
    );

    let out = wire(c.handle(
        1,
        req(
            "transact",
            json!(["T",
        {"op":"mutate","table":"Switch","where":[],"mutations":[["tags","insert","a"]]}]),
            10,
        ),
        0,
    ));
    let notes: Vec<&Value> = out
        .iter()
        .filter(|(s, _)| *s == 2)
        .map(|(_, m)| m)
        .collect();
    assert_eq!(notes.len(), 1, "only m2 monitors tags: {notes:?}");
    assert_eq!(
        notes[0],
        &json!({"id":null,"method":"update2",
        "params":["m2",{"Switch":{"<uuid>":{"modify":{"tags":"a"}}}}]})
    );
}

#[test]
fn monitor_cond_since_sends_only_what_was_missed() {
    let mut c = core();
    insert_switch(&mut c, 1, "a", 1);
    let out = wire(c.handle(2, req("monitor_cond_since",
        json!(["T","m",{"Switch":[{"columns":["name"]}]},"00000000-0000-0000-0000-000000000000"]), 2), 0));
    let Value::Array(reply) = &out[0].1["result"] else {
        panic!("{out:?}")
    };
    assert_eq!(reply[0], json!(false));
    // Remember the real last id, as a client would.
    let last = {
        let mut c2 = c.handle(2, req("monitor_cancel", json!(["m"]), 3), 0);
        assert_eq!(c2.len(), 1);
        c2.clear();
        let o = c.handle(2, req("monitor_cond_since",
            json!(["T","m",{"Switch":[{"columns":["name"]}]},"00000000-0000-0000-0000-000000000000"]), 4), 0);
        match &o[0] {
            Output::Send(_, Message::Response { result, .. }) => {
                result[1].as_str().unwrap().to_owned()
            }
            other => panic!("{other:?}"),
        }
    };
    c.handle(2, req("monitor_cancel", json!(["m"]), 5), 0);
    insert_switch(&mut c, 1, "b", 6);
    let out = wire(c.handle(
        2,
        req(
            "monitor_cond_since",
            json!(["T","m",{"Switch":[{"columns":["name"]}]}, last]),
            7,
        ),
        0,
    ));
    assert_eq!(
        out,
        vec![(
            2,
            json!({"id":7,"result":[true,"<uuid>",
        {"Switch":{"<uuid>":{"insert":{"name":"b"}}}}],"error":null})
        )]
    );
}

#[test]
fn conditions_filter_rows_and_condition_change_moves_them() {
    let mut c = core();
    insert_switch(&mut c, 1, "a", 1);
    insert_switch(&mut c, 1, "b", 2);
    let out = wire(c.handle(
        2,
        req(
            "monitor_cond",
            json!(["T","m",{"Switch":[{"columns":["name"],"where":[["name","==","a"]]}]}]),
            3,
        ),
        0,
    ));
    assert_eq!(
        out,
        vec![(
            2,
            json!({"id":3,"result":{"Switch":{"<uuid>":{"initial":{"name":"a"}}}},"error":null})
        )]
    );
    let out = wire(c.handle(
        2,
        req(
            "monitor_cond_change",
            json!(["m","m2",{"Switch":[{"where":[["name","==","b"]]}]}]),
            4,
        ),
        0,
    ));
    assert_eq!(out.len(), 2);
    assert_eq!(out[0].1["method"], json!("update2"));
    assert_eq!(out[0].1["params"][0], json!("m2"));
    assert_eq!(out[1].1, json!({"id":4,"result":{},"error":null}));
    // Renaming b to c makes it leave the monitor: a delete.
    let out = wire(c.handle(
        1,
        req(
            "transact",
            json!(["T",
        {"op":"update","table":"Switch","where":[["name","==","b"]],"row":{"name":"c"}}]),
            5,
        ),
        0,
    ));
    assert_eq!(
        out[0],
        (
            2,
            json!({"id":null,"method":"update2","params":["m2",{"Switch":{"<uuid>":{"delete":null}}}]})
        )
    );
}

#[test]
fn duplicate_monitor_id_and_unknown_monitor_are_errors() {
    let mut c = core();
    c.handle(1, req("monitor", json!(["T","m",{"Switch":{}}]), 1), 0);
    assert_eq!(
        wire(c.handle(1, req("monitor", json!(["T","m",{"Switch":{}}]), 2), 0)),
        vec![(
            1,
            json!({"id":2,"error":{"syntax":"\"m\"","details":"duplicate monitor ID","error":"syntax error"}})
        )]
    );
    assert_eq!(
        wire(c.handle(1, req("monitor_cancel", json!(["zz"]), 3), 0)),
        vec![(1, json!({"id":3,"error":"unknown monitor"}))]
    );
}

#[test]
fn locks_queue_notify_and_are_released_on_disconnect() {
    let mut c = core();
    assert_eq!(
        wire(c.handle(1, req("lock", json!(["L"]), 1), 0)),
        vec![(1, json!({"id":1,"result":{"locked":true},"error":null}))]
    );
    assert_eq!(
        wire(c.handle(2, req("lock", json!(["L"]), 2), 0)),
        vec![(2, json!({"id":2,"result":{"locked":false},"error":null}))]
    );
    assert_eq!(
        wire(c.handle(2, req("steal", json!(["L"]), 3), 0)),
        vec![(
            2,
            json!({"id":3,"error":{"syntax":"[\"L\"]",
            "details":"must issue \"unlock\" before new \"steal\"","error":"syntax error"}})
        )]
    );
    // An assert by the waiter fails with "not owner"; by the owner it passes.
    let out = wire(c.handle(
        2,
        req("transact", json!(["T",{"op":"assert","lock":"L"}]), 4),
        0,
    ));
    assert_eq!(out[0].1["result"][0]["error"], json!("not owner"));
    let out = wire(c.handle(
        1,
        req("transact", json!(["T",{"op":"assert","lock":"L"}]), 5),
        0,
    ));
    assert_eq!(out[0].1["result"], json!([{}]));
    assert_eq!(
        wire(c.disconnect(1)),
        vec![(2, json!({"id":null,"method":"locked","params":["L"]}))]
    );
}

#[test]
fn steal_sends_stolen_to_the_previous_owner() {
    let mut c = core();
    c.handle(1, req("lock", json!(["L"]), 1), 0);
    let out = wire(c.handle(2, req("steal", json!(["L"]), 2), 0));
    assert!(out.contains(&(1, json!({"id":null,"method":"stolen","params":["L"]}))));
    assert!(out.contains(&(2, json!({"id":2,"result":{"locked":true},"error":null}))));
}

#[test]
fn blocked_wait_completes_after_the_commit_it_waits_for() {
    let mut c = core();
    let wait = json!(["T",{"op":"wait","table":"Switch","where":[["name","==","z"]],
        "columns":["name"],"until":"==","rows":[{"name":"z"}],"timeout":1000}]);
    assert!(c.handle(1, req("transact", wait.clone(), 1), 0).is_empty());
    let out = insert_switch(&mut c, 2, "z", 2);
    assert!(
        out.contains(&(1, json!({"id":1,"result":[{}],"error":null}))),
        "{out:?}"
    );

    // Another wait that never succeeds times out when its deadline passes.
    let never = json!(["T",{"op":"wait","table":"Switch","where":[["name","==","q"]],
        "columns":["name"],"until":"==","rows":[{"name":"q"}],"timeout":500}]);
    assert!(c.handle(1, req("transact", never, 3), 100).is_empty());
    assert_eq!(c.next_timeout(), Some(600));
    assert!(c.handle_timeout(599).is_empty());
    let out = wire(c.handle_timeout(600));
    assert_eq!(out[0].1["result"][0]["error"], json!("timed out"));
}

#[test]
fn cancel_answers_the_blocked_request() {
    let mut c = core();
    let wait = json!(["T",{"op":"wait","table":"Switch","where":[],
        "columns":["name"],"until":"!=","rows":[],"timeout":100000}]);
    assert!(c.handle(1, req("transact", wait, 7), 0).is_empty());
    let out = wire(c.handle(1, Message::notification("cancel", vec![json!(7)]), 1));
    assert_eq!(out, vec![(1, json!({"id":7,"error":"canceled"}))]);
    assert_eq!(c.next_timeout(), None);
}

#[test]
fn server_database_is_readable_and_refuses_writes() {
    let mut c = core();
    let out = wire(c.handle(
        1,
        req(
            "transact",
            json!(["_Server",
        {"op":"select","table":"Database","where":[],"columns":["name","model"]}]),
            1,
        ),
        0,
    ));
    let rows = &out[0].1["result"][0]["rows"];
    assert!(
        rows.as_array()
            .unwrap()
            .contains(&json!({"name":"T","model":"standalone"})),
        "{rows}"
    );
    let out = wire(c.handle(
        1,
        req(
            "transact",
            json!(["_Server",
        {"op":"delete","table":"Database","where":[]}]),
            2,
        ),
        0,
    ));
    assert_eq!(out[0].1["result"][0]["error"], json!("not allowed"));
}

#[test]
fn monitor_condition_clauses_are_alternatives_and_empty_means_all() {
    let mut c = core();
    insert_switch(&mut c, 1, "a", 1);
    insert_switch(&mut c, 1, "b", 2);
    insert_switch(&mut c, 1, "c", 3);
    let rows = |out: Vec<Output>| match &out[0] {
        Output::Send(_, Message::Response { result, .. }) => result
            .get("Switch")
            .and_then(Value::as_object)
            .map_or(0, |t| t.len()),
        other => panic!("{other:?}"),
    };
    let out = c.handle(2, req("monitor_cond",
        json!(["T","m",{"Switch":[{"columns":["name"],"where":[["name","==","a"],["name","==","c"]]}]}]), 4), 0);
    assert_eq!(rows(out), 2, "a OR c");
    let out = c.handle(
        2,
        req(
            "monitor_cond",
            json!(["T","all",{"Switch":[{"columns":["name"],"where":[]}]}]),
            5,
        ),
        0,
    );
    assert_eq!(rows(out), 3, "empty condition list = all rows");
    let out = wire(c.handle(
        2,
        req(
            "monitor_cond",
            json!(["T","none",{"Switch":[{"columns":["name"],"where":[false]}]}]),
            6,
        ),
        0,
    ));
    assert_eq!(out[0].1["result"], json!({}));
}
