//! Transaction execution beyond what the differential test can observe through
//! ovsdb-client (the ideas of upstream's ovsdb-execution.at and ovsdb-transaction.at):
//! blocking `wait`, `assert` with a held lock, the commit set, `_version`, atomicity,
//! garbage collection chains, and log replay of the older full-row form.

mod common;

use common::{error_of, ordinals_db, run};
use ovsdb::db::Database;
use ovsdb::schema::DatabaseSchema;
use ovsdb::txn::{execute, TxnContext, TxnOutcome};
use serde_json::{json, Value};

fn ops(s: &str) -> Vec<Value> {
    serde_json::from_str(s).expect("json")
}

#[test]
fn wait_blocks_then_times_out() {
    let mut db = ordinals_db();
    let never = |_: &str| false;
    let w = ops(
        r#"[{"op":"wait","table":"ordinals","where":[],"columns":["number"],"until":"!=","rows":[],"timeout":100}]"#,
    );
    let ctx = TxnContext {
        now_ms: 50,
        started_ms: 10,
        holds_lock: &never,
    };
    match execute(&mut db, &w, &ctx) {
        TxnOutcome::Blocked { retry_at_ms } => assert_eq!(retry_at_ms, Some(110)),
        other => panic!("{other:?}"),
    }
    let ctx = TxnContext {
        now_ms: 110,
        started_ms: 10,
        holds_lock: &never,
    };
    match execute(&mut db, &w, &ctx) {
        TxnOutcome::Done { reply, commit } => {
            assert_eq!(error_of(&reply).as_deref(), Some("timed out"));
            assert!(commit.is_none());
        }
        other => panic!("{other:?}"),
    }
    let forever = ops(
        r#"[{"op":"insert","table":"ordinals","row":{"name":"a"}},{"op":"wait","table":"ordinals","where":[["number",">",5]],"until":"==","rows":[{"number":9}]}]"#,
    );
    match execute(&mut db, &forever, &ctx) {
        TxnOutcome::Blocked { retry_at_ms } => assert_eq!(retry_at_ms, None),
        other => panic!("{other:?}"),
    }
    assert_eq!(db.n_rows(), 0, "a blocked transaction changes nothing");
    // Once a row with number 9 exists, the same request goes through.
    run(
        &mut db,
        r#"[{"op":"insert","table":"ordinals","row":{"number":9,"name":"nine"}}]"#,
    );
    match execute(&mut db, &forever, &ctx) {
        TxnOutcome::Blocked { .. } => panic!("still blocked"),
        TxnOutcome::Done { reply, .. } => assert_eq!(error_of(&reply), None, "{reply:?}"),
    }
}

#[test]
fn assert_uses_the_lock_oracle() {
    let mut db = ordinals_db();
    let holds = |l: &str| l == "mine";
    let ctx = TxnContext {
        now_ms: 0,
        started_ms: 0,
        holds_lock: &holds,
    };
    let TxnOutcome::Done { reply, .. } = execute(
        &mut db,
        &ops(r#"[{"op":"assert","lock":"mine"},{"op":"assert","lock":"theirs"}]"#),
        &ctx,
    ) else {
        panic!("blocked")
    };
    assert_eq!(reply[0], json!({}));
    assert_eq!(reply[1]["error"], "not owner");
}

#[test]
fn commit_set_versions_and_atomicity() {
    let mut db = ordinals_db();
    let (reply, commit) = run(
        &mut db,
        r#"[{"op":"insert","table":"ordinals","row":{"number":1,"name":"a"},"uuid-name":"a"},{"op":"comment","comment":"c1"},{"op":"comment","comment":"c2"},{"op":"commit","durable":true}]"#,
    );
    assert_eq!(reply.len(), 4);
    let c = commit.expect("commit");
    assert!(c.durable);
    assert_eq!(c.comment.as_deref(), Some("c1\nc2"));
    let (_, _, change) = c.changes.iter().next().expect("one change");
    assert!(change.old.is_none());
    let row = change.new.clone().expect("new row");
    let v1 = row.version();
    assert!(!v1.is_nil());

    // A no-op update commits nothing and keeps the version.
    let (reply, commit) = run(
        &mut db,
        r#"[{"op":"update","table":"ordinals","where":[],"row":{"number":1}}]"#,
    );
    assert_eq!(reply, vec![json!({"count": 1})]);
    assert!(commit.is_none());
    let t = db.table("ordinals").expect("table");
    assert_eq!(t.get(&row.uuid()).map(|r| r.version()), Some(v1));

    // A real update bumps it and the commit carries old and new.
    let (_, commit) = run(
        &mut db,
        r#"[{"op":"update","table":"ordinals","where":[],"row":{"number":2}}]"#,
    );
    let c = commit.expect("commit");
    let (_, _, change) = c.changes.iter().next().expect("change");
    assert_eq!(change.old.as_ref().map(|r| r.version()), Some(v1));
    assert_ne!(change.new.as_ref().map(|r| r.version()), Some(v1));

    // A failing transaction leaves everything as it was.
    let before = db.snapshot_record();
    let (reply, commit) = run(
        &mut db,
        r#"[{"op":"delete","table":"ordinals","where":[]},{"op":"insert","table":"ordinals","row":{"number":"bad"}}]"#,
    );
    assert_eq!(reply.len(), 2);
    assert_eq!(reply[0], json!({"count": 1}));
    assert_eq!(error_of(&reply).as_deref(), Some("syntax error"));
    assert!(commit.is_none());
    assert_eq!(db.snapshot_record(), before);
}

#[test]
fn uuid_member_and_duplicates() {
    let mut db = ordinals_db();
    let u = "11111111-2222-3333-4444-555555555555";
    let (reply, _) = run(
        &mut db,
        &format!(r#"[{{"op":"insert","table":"ordinals","uuid":"{u}","row":{{"name":"a"}}}}]"#),
    );
    assert_eq!(reply[0], json!({"uuid": ["uuid", u]}));
    let (reply, _) = run(
        &mut db,
        &format!(r#"[{{"op":"insert","table":"ordinals","uuid":"{u}","row":{{"name":"b"}}}}]"#),
    );
    assert_eq!(error_of(&reply).as_deref(), Some("duplicate uuid"));
    let (reply, _) = run(
        &mut db,
        r#"[{"op":"insert","table":"ordinals","uuid":"nope","row":{}}]"#,
    );
    assert_eq!(error_of(&reply).as_deref(), Some("syntax error"));
}

#[test]
fn forward_named_uuid_and_gc_chains() {
    let schema = DatabaseSchema::from_json(&json!({"name": "g", "tables": {
        "root": {"columns": {"c": {"type": {"key": {"type": "uuid", "refTable": "node"}, "min": 0, "max": 1}}}, "isRoot": true},
        "node": {"columns": {"next": {"type": {"key": {"type": "uuid", "refTable": "node"}, "min": 0, "max": 1}}, "n": {"type": "integer"}}}
    }}))
    .expect("schema");
    let mut db = Database::new(std::sync::Arc::new(schema));
    // The root refers to n1 before n1 is inserted; n1 -> n2 -> n3.
    let (reply, _) = run(
        &mut db,
        r#"[
        {"op":"insert","table":"root","row":{"c":["named-uuid","n1"]}},
        {"op":"insert","table":"node","uuid-name":"n1","row":{"n":1,"next":["named-uuid","n2"]}},
        {"op":"insert","table":"node","uuid-name":"n2","row":{"n":2,"next":["named-uuid","n3"]}},
        {"op":"insert","table":"node","uuid-name":"n3","row":{"n":3}},
        {"op":"insert","table":"node","row":{"n":4}}]"#,
    );
    assert_eq!(error_of(&reply), None, "{reply:?}");
    assert_eq!(
        db.table("node").map(|t| t.len()),
        Some(3),
        "the orphan n4 is collected"
    );
    // Dropping the root's reference collects the whole chain.
    let (_, commit) = run(
        &mut db,
        r#"[{"op":"update","table":"root","where":[],"row":{"c":["set",[]]}}]"#,
    );
    assert_eq!(db.table("node").map(|t| t.len()), Some(0));
    let c = commit.expect("commit");
    assert_eq!(c.changes.tables.get("node").map(|t| t.len()), Some(3));
    // Deleting a referenced node directly is an integrity violation.
    run(
        &mut db,
        r#"[{"op":"insert","table":"root","row":{"c":["named-uuid","x"]}},{"op":"insert","table":"node","uuid-name":"x","row":{"n":5}}]"#,
    );
    let (reply, _) = run(&mut db, r#"[{"op":"delete","table":"node","where":[]}]"#);
    assert_eq!(reply.len(), 2);
    assert_eq!(
        error_of(&reply).as_deref(),
        Some("referential integrity violation")
    );
}

#[test]
fn no_root_tables_means_no_gc() {
    let schema = DatabaseSchema::from_json(&json!({"name": "g", "tables": {
        "a": {"columns": {"n": {"type": "integer"}}}}}))
    .expect("schema");
    let mut db = Database::new(std::sync::Arc::new(schema));
    run(&mut db, r#"[{"op":"insert","table":"a","row":{"n":1}}]"#);
    assert_eq!(db.table("a").map(|t| t.len()), Some(1));
}

#[test]
fn replay_full_row_records() {
    let mut db = ordinals_db();
    let u = "550e8400-e29b-41d4-a716-446655440000";
    db.apply_log_record(
        &json!({"_date": 1, "ordinals": {u: {"number": 3, "tags": ["set", ["a", "b"]]}}}),
    )
    .expect("insert");
    // Older, non-diff form: a modified column carries its full new value.
    db.apply_log_record(&json!({"_date": 2, "ordinals": {u: {"tags": ["set", ["b"]]}}}))
        .expect("modify");
    let (reply, _) = run(
        &mut db,
        r#"[{"op":"select","table":"ordinals","where":[],"columns":["number","tags"]}]"#,
    );
    assert_eq!(reply[0], json!({"rows": [{"number": 3, "tags": "b"}]}));
    // Diff form: the set column toggles elements.
    db.apply_log_record(&json!({"_is_diff": true, "ordinals": {u: {"tags": ["set", ["b", "c"]]}}}))
        .expect("diff");
    let (reply, _) = run(
        &mut db,
        r#"[{"op":"select","table":"ordinals","where":[],"columns":["tags"]}]"#,
    );
    assert_eq!(reply[0], json!({"rows": [{"tags": "c"}]}));
    // A set diff may hold more elements than the column allows ({c} -> {a, b, d} is the
    // 4-element diff {a, b, c, d} on a max-3 column); ovsdb-tool 3.1 writes such records
    // and then cannot read them back. We can.
    db.apply_log_record(
        &json!({"_is_diff": true, "ordinals": {u: {"tags": ["set", ["a", "b", "c", "d"]]}}}),
    )
    .expect("wide diff");
    let (reply, _) = run(
        &mut db,
        r#"[{"op":"select","table":"ordinals","where":[],"columns":["tags"]}]"#,
    );
    assert_eq!(
        reply[0],
        json!({"rows": [{"tags": ["set", ["a", "b", "d"]]}]})
    );
    db.apply_log_record(&json!({"ordinals": {u: null}}))
        .expect("delete");
    assert_eq!(db.n_rows(), 0);
    for bad in [
        json!([]),
        json!({"nosuch": {}}),
        json!({"ordinals": {"x": {}}}),
        json!({"ordinals": {u: {"nosuch": 1}}}),
        json!({"ordinals": {u: {"number": "x"}}}),
    ] {
        assert!(db.apply_log_record(&bad).is_err(), "{bad}");
    }
}

#[test]
fn commit_set_includes_weak_ref_cleanup_and_row_diffs() {
    let mut db = ordinals_db();
    run(
        &mut db,
        r#"[{"op":"insert","table":"ordinals","uuid-name":"a","row":{"number":1,"name":"a"}},
                     {"op":"insert","table":"ordinals","row":{"number":2,"name":"b","weak":["named-uuid","a"],"opts":["map",[["k",1],["j",2]]]}}]"#,
    );
    let (_, commit) = run(
        &mut db,
        r#"[{"op":"delete","table":"ordinals","where":[["number","==",1]]},
                                      {"op":"mutate","table":"ordinals","where":[["number","==",2]],"mutations":[["opts","insert",["map",[["z",3]]]],["opts","delete",["set",["k"]]]]}]"#,
    );
    let c = commit.expect("commit");
    let rows = c.changes.tables.get("ordinals").expect("ordinals changed");
    assert_eq!(
        rows.len(),
        2,
        "the deleted row and the row that lost its weak reference"
    );
    let ts = db.schema().table("ordinals").cloned().expect("schema");
    let modified = rows
        .values()
        .find(|ch| ch.new.is_some())
        .expect("modified row");
    let (old, new) = (
        modified.old.as_ref().expect("old"),
        modified.new.as_ref().expect("new"),
    );
    assert_eq!(
        old.diff_json(new, &ts, None),
        json!({"opts": ["map", [["k", 1], ["z", 3]]], "weak": old.get_by_name(&ts, "weak").map(|d| d.to_json())})
    );
    assert_eq!(
        new.to_json_nondefault(&ts, None).get("opts"),
        Some(&json!(["map", [["j", 2], ["z", 3]]]))
    );
    assert!(new.to_json_nondefault(&ts, None).get("weak").is_none());
    assert_eq!(old.changed_columns(new).len(), 3, "opts, weak and _version");
}

#[test]
fn references_inside_maps() {
    let schema = DatabaseSchema::from_json(&json!({"name": "m", "tables": {
        "a": {"columns": {
            "m": {"type": {"key": "string", "value": {"type": "uuid", "refTable": "b", "refType": "weak"}, "min": 0, "max": "unlimited"}},
            "n": {"type": {"key": {"type": "uuid", "refTable": "b"}, "value": "integer", "min": 0, "max": "unlimited"}}}, "isRoot": true},
        "b": {"columns": {"v": {"type": "integer"}}, "isRoot": true}
    }}))
    .expect("schema");
    let mut db = Database::new(std::sync::Arc::new(schema));
    let (reply, _) = run(
        &mut db,
        r#"[
        {"op":"insert","table":"b","uuid-name":"b1","row":{"v":1}},
        {"op":"insert","table":"b","uuid-name":"b2","row":{"v":2}},
        {"op":"insert","table":"a","row":{"m":["map",[["x",["named-uuid","b1"]],["y",["named-uuid","b2"]],["z",["named-uuid","nowhere"]]]],"n":["map",[[["named-uuid","b1"],7]]]}}]"#,
    );
    assert_eq!(error_of(&reply), None, "{reply:?}");
    let count = |db: &mut Database| {
        let (r, _) = run(
            db,
            r#"[{"op":"select","table":"a","where":[],"columns":["m"]}]"#,
        );
        r[0]["rows"][0]["m"][1].as_array().map(Vec::len)
    };
    assert_eq!(
        count(&mut db),
        Some(2),
        "the never-existing weak target is dropped at once"
    );
    let (reply, commit) = run(
        &mut db,
        r#"[{"op":"delete","table":"b","where":[["v","==",2]]}]"#,
    );
    assert_eq!(error_of(&reply), None);
    assert_eq!(count(&mut db), Some(1));
    assert_eq!(
        commit.map(|c| c.changes.tables.get("a").map(|t| t.len())),
        Some(Some(1))
    );
    let (reply, _) = run(
        &mut db,
        r#"[{"op":"delete","table":"b","where":[["v","==",1]]}]"#,
    );
    assert_eq!(
        error_of(&reply).as_deref(),
        Some("referential integrity violation")
    );
    let (reply, _) = run(
        &mut db,
        r#"[{"op":"mutate","table":"a","where":[],"mutations":[["n","insert",["map",[[["uuid","550e8400-e29b-41d4-a716-446655440000"],1]]]]]}]"#,
    );
    assert_eq!(
        error_of(&reply).as_deref(),
        Some("referential integrity violation")
    );
}
