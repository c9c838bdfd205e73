//! The on-disk record format, checked against the real `ovsdb-tool`: the same
//! transactions (with uuids chosen through the `uuid` member, so both sides agree) are
//! applied by `ovsdb-tool transact` to a file and by `execute` here; every record we
//! produce with `Changes::to_log_record` must equal the one in the file (except
//! `_date`), and replaying the file's records with `apply_log_record` must rebuild the
//! same database; `ovsdb-tool compact` must write our `snapshot_record`.
//!
//! Skipped, with a notice, when `ovsdb-tool` is not installed.

mod common;

use std::process::Command;

use common::{load_schema, run};
use ovsdb::db::Database;
use serde_json::Value;

const U1: &str = "00000000-0000-0000-0000-000000000001";
const U2: &str = "00000000-0000-0000-0000-000000000002";
const U3: &str = "00000000-0000-0000-0000-000000000003";

fn txns() -> Vec<String> {
    vec![
        format!(r#"[{{"op":"insert","table":"ordinals","uuid":"{U1}","row":{{"number":1,"name":"one","tags":["set",["a","b"]],"opts":["map",[["k",1]]],"scratch":"eph"}}}},{{"op":"comment","comment":"first"}}]"#),
        format!(r#"[{{"op":"insert","table":"ordinals","uuid":"{U2}","row":{{"number":0,"name":"two","weak":["uuid","{U1}"]}}}}]"#),
        r#"[{"op":"update","table":"ordinals","where":[["number","==",1]],"row":{"tags":["set",["b","c"]],"opts":["map",[["k",2],["z",3]]],"color":"red","scratch":"x"}}]"#.to_string(),
        r#"[{"op":"update","table":"ordinals","where":[["number","==",1]],"row":{"color":["set",[]],"opts":["map",[["z",3]]]}}]"#.to_string(),
        r#"[{"op":"update","table":"ordinals","where":[["number","==",1]],"row":{"scratch":"only ephemeral"}}]"#.to_string(),
        format!(r#"[{{"op":"insert","table":"child","uuid":"{U3}","row":{{"v":5}}}},{{"op":"mutate","table":"ordinals","where":[["number","==",0]],"mutations":[["kids","insert",["uuid","{U3}"]],["small","insert",["set",[1,2,3]]]]}}]"#),
        r#"[{"op":"delete","table":"ordinals","where":[["number","==",1]]}]"#.to_string(),
        r#"[{"op":"mutate","table":"ordinals","where":[],"mutations":[["kids","delete",["set",[]]],["small","delete",2]]}]"#.to_string(),
        r#"[{"op":"update","table":"ordinals","where":[],"row":{"kids":["set",[]]}}]"#.to_string(),
        r#"[{"op":"update","table":"ordinals","where":[],"row":{"pair":["map",[["a","b"]]]}}]"#.to_string(),
        r#"[{"op":"update","table":"ordinals","where":[],"row":{"pair":["map",[["c","d"]]]}}]"#.to_string(),
        r#"[{"op":"update","table":"ordinals","where":[],"row":{"pair":["map",[]]}}]"#.to_string(),
        r#"[{"op":"comment","comment":"one"},{"op":"update","table":"ordinals","where":[],"row":{"flag":true}},{"op":"comment","comment":"two"}]"#.to_string(),
    ]
}

/// The JSON records of a standalone database file (schema first).
fn read_records(path: &std::path::Path) -> Vec<Value> {
    let text = std::fs::read_to_string(path).expect("db file");
    text.lines()
        .filter(|l| !l.starts_with("OVSDB JSON"))
        .map(|l| serde_json::from_str(l).expect("record"))
        .collect()
}

fn without_date(v: &Value) -> Value {
    let mut v = v.clone();
    if let Value::Object(o) = &mut v {
        o.remove("_date");
    }
    v
}

#[test]
fn records_match_ovsdb_tool() {
    let ok = Command::new("ovsdb-tool")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        if std::env::var_os("CI").is_some() {
            panic!("a reference tool this test needs is missing in CI: scripts/install-deps.sh installs it");
        }
        eprintln!("NOTICE: ovsdb-tool absent; log format test skipped");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("t.db");
    let schema_path = common::data_path("ordinals.ovsschema");
    assert!(Command::new("ovsdb-tool")
        .arg("create")
        .arg(&file)
        .arg(&schema_path)
        .status()
        .expect("create")
        .success());
    let schema = load_schema("ordinals.ovsschema");
    let mut db = Database::new(schema.clone());
    let mut ours = Vec::new();
    for ops in txns() {
        let params = format!("[\"ordinals\",{}", &ops[1..]);
        let out = Command::new("ovsdb-tool")
            .arg("transact")
            .arg(&file)
            .arg(&params)
            .output()
            .expect("transact");
        let reply: Value = serde_json::from_slice(&out.stdout).expect("reply");
        assert!(
            !reply.to_string().contains("\"error\""),
            "ovsdb-tool failed: {reply}"
        );
        let (r, commit) = run(&mut db, &ops);
        assert!(
            !Value::Array(r.clone()).to_string().contains("\"error\""),
            "we failed: {r:?}"
        );
        if let Some(c) = commit {
            let rec = c.changes.to_log_record(&schema, 0, c.comment.as_deref());
            // ovsdb-tool writes nothing for a commit that only touches ephemeral data.
            let has_rows = rec
                .as_object()
                .is_some_and(|o| o.keys().any(|k| !k.starts_with('_')));
            assert_eq!(c.changes.needs_log_record(&schema), has_rows);
            if has_rows {
                ours.push(rec);
            }
        }
    }
    let records = read_records(&file);
    let theirs: Vec<Value> = records[1..].iter().map(without_date).collect();
    let ours: Vec<Value> = ours.iter().map(without_date).collect();
    assert_eq!(
        theirs.len(),
        ours.len(),
        "record count\n theirs: {theirs:#?}\n ours: {ours:#?}"
    );
    for (i, (t, o)) in theirs.iter().zip(&ours).enumerate() {
        assert_eq!(t, o, "record {i}");
    }
    // Replaying the file's records rebuilds the same database.
    let mut replay = Database::new(schema.clone());
    for rec in &records[1..] {
        replay.apply_log_record(rec).expect("replay");
    }
    assert_eq!(replay.snapshot_record(), db.snapshot_record());
    // ovsdb-tool's compaction writes the same snapshot we do (plus _date and _comment).
    assert!(Command::new("ovsdb-tool")
        .arg("compact")
        .arg(&file)
        .status()
        .expect("compact")
        .success());
    let compacted = read_records(&file);
    assert_eq!(compacted.len(), 2, "schema and one snapshot");
    let mut snap = without_date(&compacted[1]);
    if let Value::Object(o) = &mut snap {
        o.remove("_comment");
    }
    assert_eq!(snap, db.snapshot_record());
    // And a snapshot replays to the same database too.
    let mut again = Database::new(schema);
    again
        .apply_log_record(&db.snapshot_record())
        .expect("snapshot replay");
    assert_eq!(again.snapshot_record(), db.snapshot_record());
}
