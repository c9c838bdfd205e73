//! Transcript tests for the IDL core: monitor replies and notifications captured from a
//! real ovsdb-server (`tests/data/idl/capture.py`) are fed to `IdlCore` one by one; after
//! each, the replica must equal what `select` returned from the server at that point, and
//! the tracked changes must be exactly the difference from the previous state.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use ovsdb::data::{Datum, NoNames};
use ovsdb::idl::{IdlCore, TrackedChanges};
use ovsdb::schema::DatabaseSchema;
use ovsdb::txn::Condition;
use serde_json::Value;
use uuid::Uuid;

/// table → uuid → column → value, for the monitored columns.
type Snapshot = BTreeMap<String, BTreeMap<Uuid, BTreeMap<String, Datum>>>;

fn transcript() -> Value {
    let text = std::fs::read_to_string(common::data_path("idl/ordinals_transcript.json"))
        .expect("transcript present");
    serde_json::from_str(&text).expect("transcript is JSON")
}

/// An IDL set up as the captured request asks (tables, columns, conditions).
fn core_for(schema: &Arc<DatabaseSchema>, params: &Value) -> IdlCore {
    let mut core = IdlCore::new(schema.clone());
    for (table, reqs) in params[2].as_object().expect("requests") {
        let req = &reqs[0];
        let cols: Vec<&str> = req["columns"]
            .as_array()
            .expect("columns")
            .iter()
            .map(|c| c.as_str().expect("column name"))
            .collect();
        core.monitor(table, Some(&cols)).expect("monitor");
        if let Some(w) = req.get("where") {
            let ts = schema.table(table).expect("table");
            let conds = Condition::parse_where(ts, w, &mut NoNames).expect("conditions");
            core.set_conditions(table, Some(conds))
                .expect("set conditions");
        }
    }
    core
}

fn replica_snapshot(core: &IdlCore) -> Snapshot {
    let mut out = Snapshot::new();
    for (tname, m) in core.monitors() {
        let ts = core.schema().table(tname).expect("table");
        let rows = out.entry(tname.clone()).or_default();
        for row in core.replica().rows(tname) {
            let cols = m
                .column_names()
                .map(|c| {
                    (
                        c.to_string(),
                        row.get_by_name(ts, c).expect("column").clone(),
                    )
                })
                .collect();
            rows.insert(row.uuid(), cols);
        }
    }
    out
}

fn server_snapshot(core: &IdlCore, json: &Value) -> Snapshot {
    let mut out = Snapshot::new();
    for (tname, m) in core.monitors() {
        let ts = core.schema().table(tname).expect("table");
        let rows = out.entry(tname.clone()).or_default();
        for r in json[tname].as_array().expect("rows") {
            let uuid = Uuid::parse_str(r["_uuid"][1].as_str().expect("uuid")).expect("uuid");
            let cols = m
                .column_names()
                .map(|c| {
                    let t = &ts.column(c).expect("column").type_;
                    (
                        c.to_string(),
                        Datum::from_json(t, &r[c], &mut NoNames).expect("datum"),
                    )
                })
                .collect();
            rows.insert(uuid, cols);
        }
    }
    out
}

/// Per table: inserted, modified (with columns), deleted uuids.
type Expected = BTreeMap<
    String,
    (
        BTreeSet<Uuid>,
        BTreeMap<Uuid, BTreeSet<String>>,
        BTreeSet<Uuid>,
    ),
>;

/// What tracking must report between two snapshots.
fn expected_changes(old: &Snapshot, new: &Snapshot) -> Expected {
    let mut out = Expected::new();
    for (t, new_rows) in new {
        let empty = BTreeMap::new();
        let old_rows = old.get(t).unwrap_or(&empty);
        let e = out.entry(t.clone()).or_default();
        for (u, cols) in new_rows {
            match old_rows.get(u) {
                None => {
                    e.0.insert(*u);
                }
                Some(oc) => {
                    let changed: BTreeSet<String> = cols
                        .iter()
                        .filter(|(c, v)| oc.get(*c) != Some(v))
                        .map(|(c, _)| c.clone())
                        .collect();
                    if !changed.is_empty() {
                        e.1.insert(*u, changed);
                    }
                }
            }
        }
        e.2 = old_rows
            .keys()
            .filter(|u| !new_rows.contains_key(u))
            .copied()
            .collect();
    }
    out
}

/// Compares tracked changes with the expected ones; deleted rows must carry their last
/// contents.
fn check_changes(
    core: &IdlCore,
    got: &TrackedChanges,
    want: &Expected,
    old: &Snapshot,
    what: &str,
) {
    let tables: BTreeSet<&String> = got.tables.keys().chain(want.keys()).collect();
    for t in tables {
        let d = Default::default();
        let g = got.tables.get(t).unwrap_or(&d);
        let dw = Default::default();
        let w = want.get(t).unwrap_or(&dw);
        assert_eq!(g.inserted, w.0, "{what}: inserted in {t}");
        assert_eq!(g.modified, w.1, "{what}: modified in {t}");
        let gk: BTreeSet<Uuid> = g.deleted.keys().copied().collect();
        assert_eq!(gk, w.2, "{what}: deleted in {t}");
        let ts = core.schema().table(t).expect("table");
        for (u, row) in &g.deleted {
            for (c, v) in &old[t][u] {
                assert_eq!(
                    row.get_by_name(ts, c),
                    Some(v),
                    "{what}: deleted row {u} column {c}"
                );
            }
        }
    }
}

/// Runs one session's events on `core`, checking the replica and the changes after each.
fn run_session(core: &mut IdlCore, session: &Value, mut prev: Snapshot) -> Snapshot {
    let name = session["name"].as_str().expect("name");
    let method = session["method"].as_str().expect("method");
    for (i, ev) in session["events"]
        .as_array()
        .expect("events")
        .iter()
        .enumerate()
    {
        let what = format!("session {name} event {i}");
        let seq0 = core.seqno();
        let mut changed = false;
        if let Some(reply) = ev.get("reply") {
            changed |= match method {
                "monitor_cond_since" => core.handle_monitor_reply(reply),
                _ => core.handle_monitor_cond_reply(reply),
            }
            .unwrap_or_else(|e| panic!("{what}: {e}"));
        }
        for n in ev
            .get("notifications")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let params = &n["params"];
            changed |= match n["method"].as_str() {
                Some("update3") => core.handle_update3(params),
                Some("update2") => core.handle_update2(params),
                other => panic!("{what}: unexpected notification {other:?}"),
            }
            .unwrap_or_else(|e| panic!("{what}: {e}"));
        }
        let want = server_snapshot(core, &ev["snapshot"]);
        assert_eq!(
            replica_snapshot(core),
            want,
            "{what}: replica differs from the server"
        );
        let changes = core.take_changes();
        check_changes(
            core,
            &changes,
            &expected_changes(&prev, &want),
            &prev,
            &what,
        );
        assert_eq!(changed, !changes.is_empty(), "{what}: changed flag");
        assert!(core.seqno() >= seq0 + u64::from(changed), "{what}: seqno");
        prev = want;
    }
    prev
}

#[test]
fn replica_follows_the_real_server() {
    let t = transcript();
    let schema = common::load_schema(t["schema"].as_str().expect("schema"));
    let sessions: BTreeMap<&str, &Value> = t["sessions"]
        .as_array()
        .expect("sessions")
        .iter()
        .map(|s| (s["name"].as_str().expect("name"), s))
        .collect();

    // main: from nothing, the request must be the captured one byte for byte.
    let main = sessions["main"];
    let mut core = core_for(&schema, &main["params"]);
    assert_eq!(core.monitor_cond_since_params(), main["params"]);
    let after_main = run_session(&mut core, main, Snapshot::new());
    let last = core.last_txn_id().expect("txn id").to_string();
    assert_ne!(last, ovsdb::idl::ZERO_TXN_ID);

    // resumed: the same IDL reconnects and asks for what it missed.
    let resumed = sessions["resumed"];
    let mut again = core.clone();
    assert_eq!(again.monitor_cond_since_params(), resumed["params"]);
    assert_eq!(
        resumed["events"][0]["reply"][0], true,
        "server found the txn id"
    );
    let seq = again.seqno();
    run_session(&mut again, resumed, after_main.clone());
    assert_eq!(again.seqno(), seq + 1);

    // unknown_txn_id: found = false replaces the replica; only real differences are
    // reported as changes.
    let unknown = sessions["unknown_txn_id"];
    assert_eq!(unknown["events"][0]["reply"][0], false);
    let mut replaced = core.clone();
    run_session(&mut replaced, unknown, after_main);

    // conditional: rows entering and leaving the condition.
    let cond = sessions["conditional"];
    let mut c = core_for(&schema, &cond["params"]);
    assert_eq!(c.monitor_cond_since_params(), cond["params"]);
    run_session(&mut c, cond, Snapshot::new());

    // update2: monitor_cond and its notifications.
    let u2 = sessions["update2"];
    let mut c = core_for(&schema, &u2["params"]);
    run_session(&mut c, u2, Snapshot::new());
    assert!(c.replica().rows("ordinals").next().is_none());
}
