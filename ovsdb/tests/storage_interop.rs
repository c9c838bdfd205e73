//! The storage layer against the real `ovsdb-tool`: files we write are read by it, files
//! it writes are read by us, torn tails are ignored and truncated, clustered files refused.
//! Tests that need `ovsdb-tool` print a note and pass when it is not installed.

use std::path::Path;
use std::process::Command;

use ovsdb::storage::{encode_record, LogReader, LogWriter, StorageError};
use serde_json::{json, Value};

const NB_SCHEMA: &str = "/usr/share/ovn/ovn-nb.ovsschema";

fn have_tool() -> bool {
    let ok = Command::new("ovsdb-tool").arg("--version").output().is_ok()
        && Path::new(NB_SCHEMA).exists();
    if !ok {
        if std::env::var_os("CI").is_some() {
            panic!("a reference tool this test needs is missing in CI: scripts/install-deps.sh installs it");
        }
        eprintln!("ovsdb-tool or {NB_SCHEMA} not installed; skipping interop check");
    }
    ok
}

fn tool(args: &[&str]) -> String {
    let out = Command::new("ovsdb-tool")
        .args(args)
        .output()
        .expect("run ovsdb-tool");
    assert!(
        out.status.success(),
        "ovsdb-tool {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn nb_schema() -> Value {
    serde_json::from_str(&std::fs::read_to_string(NB_SCHEMA).unwrap()).unwrap()
}

fn select_names(db: &Path) -> String {
    tool(&[
        "query",
        db.to_str().unwrap(),
        r#"["OVN_Northbound",{"op":"select","table":"Logical_Switch","where":[],"columns":["name"]}]"#,
    ])
}

fn insert_record(uuid: &str, name: &str) -> Value {
    json!({"_date": 1_795_315_484_718_i64, "Logical_Switch": {uuid: {"name": name}}, "_is_diff": true})
}

#[test]
fn our_file_is_read_by_ovsdb_tool() {
    if !have_tool() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("nb.db");
    let mut w = LogWriter::create(&db, &nb_schema()).unwrap();
    w.append(
        &insert_record("26dc8f88-2cef-4656-907e-474b2804138b", "sw0"),
        true,
    )
    .unwrap();
    w.append(
        &json!({"_date": 1_795_315_484_719_i64, "_comment": "two\nlines",
                "Logical_Switch": {"b6e1a2f0-0000-4000-8000-000000000001": {"name": "sw1"}}, "_is_diff": true}),
        false,
    )
    .unwrap();
    w.sync().unwrap();
    let names = select_names(&db);
    assert!(names.contains("sw0") && names.contains("sw1"), "{names}");
    let log = tool(&["show-log", db.to_str().unwrap()]);
    assert!(log.contains("record 2") && log.contains("two"), "{log}");

    // ...and after compaction, too.
    let snapshot =
        json!({"Logical_Switch": {"26dc8f88-2cef-4656-907e-474b2804138b": {"name": "only"}}});
    w.compact(&nb_schema(), &snapshot).unwrap();
    w.append(
        &insert_record("b6e1a2f0-0000-4000-8000-000000000002", "after"),
        true,
    )
    .unwrap();
    let names = select_names(&db);
    assert!(
        names.contains("only") && names.contains("after") && !names.contains("sw1"),
        "{names}"
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temp file left behind"
    );
    let mut r = LogReader::open(&db).unwrap();
    assert_eq!(r.read_all().unwrap().len(), 3);
    assert_eq!(r.offset(), w.offset());
}

#[test]
fn ovsdb_tool_file_is_read_by_us() {
    if !have_tool() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("nb.db");
    let p = db.to_str().unwrap();
    tool(&["create", p, NB_SCHEMA]);
    tool(&[
        "transact",
        p,
        r#"["OVN_Northbound",{"op":"insert","table":"Logical_Switch","row":{"name":"a"}}]"#,
    ]);
    tool(&[
        "transact",
        p,
        r#"["OVN_Northbound",{"op":"insert","table":"Logical_Switch","row":{"name":"b\"{"}},{"op":"comment","comment":"hi"}]"#,
    ]);
    let mut r = LogReader::open(&db).unwrap();
    let recs = r.read_all().unwrap();
    assert_eq!(r.tail_error(), None);
    assert_eq!(recs.len(), 3);
    assert_eq!(recs[0]["name"], json!("OVN_Northbound"));
    assert_eq!(recs[2]["_comment"], json!("hi"));
    let row = recs[2]["Logical_Switch"]
        .as_object()
        .unwrap()
        .values()
        .next()
        .unwrap();
    assert_eq!(row["name"], json!("b\"{"));
    assert_eq!(r.offset(), std::fs::metadata(&db).unwrap().len());
    // Our encoding of its records is byte-identical.
    let bytes = std::fs::read(&db).unwrap();
    let ours: Vec<u8> = recs.iter().flat_map(encode_record).collect();
    assert_eq!(ours, bytes);
}

#[test]
fn torn_tail_at_every_offset_is_ignored_and_truncated() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let schema = json!({"name": "T", "version": "1.0.0", "tables": {"t": {"columns": {"name": {"type": "string"}}}}});
    let mut w = LogWriter::create(&db, &schema).unwrap();
    w.append(
        &json!({"t": {"00000000-0000-4000-8000-000000000001": {"name": "x"}}}),
        true,
    )
    .unwrap();
    let good = w.offset();
    w.append(
        &json!({"_comment": "é\n", "t": {"00000000-0000-4000-8000-000000000002": {"name": "y"}}}),
        true,
    )
    .unwrap();
    drop(w);
    let full = std::fs::read(&db).unwrap();
    let torn = dir.path().join("torn.db");
    for cut in good as usize..full.len() {
        std::fs::write(&torn, &full[..cut]).unwrap();
        let mut r = LogReader::open(&torn).unwrap();
        assert_eq!(r.read_all().unwrap().len(), 2, "cut at {cut}");
        assert_eq!(r.offset(), good);
        assert_eq!(
            r.tail_error().is_some(),
            cut > good as usize,
            "cut at {cut}"
        );
        // Flipped byte in the last record: also ignored.
        let mut bad = full.clone();
        bad[cut] ^= 0x01; // (not 0x20: hex digits are case-insensitive)
        std::fs::write(&torn, &bad).unwrap();
        let mut r = LogReader::open(&torn).unwrap();
        assert_eq!(r.read_all().unwrap().len(), 2, "flip at {cut}");
        assert!(r.tail_error().is_some());
    }
    // The writer truncates the bad tail and appends after the last good record.
    std::fs::write(&torn, &full[..full.len() - 3]).unwrap();
    let (mut w, recs) = LogWriter::open(&torn).unwrap();
    assert_eq!(recs.len(), 2);
    assert_eq!(std::fs::metadata(&torn).unwrap().len(), good);
    w.append(&json!({"t": {}}), true).unwrap();
    let mut r = LogReader::open(&torn).unwrap();
    assert_eq!(r.read_all().unwrap().len(), 3);
    assert_eq!(r.tail_error(), None);
}

#[test]
fn torn_file_repaired_by_us_is_accepted_by_ovsdb_tool() {
    if !have_tool() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("nb.db");
    let mut w = LogWriter::create(&db, &nb_schema()).unwrap();
    w.append(
        &insert_record("26dc8f88-2cef-4656-907e-474b2804138b", "kept"),
        true,
    )
    .unwrap();
    w.append(
        &insert_record("26dc8f88-2cef-4656-907e-474b2804138c", "torn"),
        true,
    )
    .unwrap();
    drop(w);
    let len = std::fs::metadata(&db).unwrap().len();
    std::fs::OpenOptions::new()
        .write(true)
        .open(&db)
        .unwrap()
        .set_len(len - 10)
        .unwrap();
    let (mut w, _) = LogWriter::open(&db).unwrap();
    w.append(
        &insert_record("26dc8f88-2cef-4656-907e-474b2804138d", "new"),
        true,
    )
    .unwrap();
    let names = select_names(&db);
    assert!(
        names.contains("kept") && names.contains("new") && !names.contains("torn"),
        "{names}"
    );
}

#[test]
fn clustered_and_foreign_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path().join("c.db");
    if have_tool() {
        tool(&[
            "create-cluster",
            c.to_str().unwrap(),
            NB_SCHEMA,
            "unix:x.sock",
        ]);
    } else {
        std::fs::write(
            &c,
            b"OVSDB CLUSTER 3 0000000000000000000000000000000000000000\n{}\n",
        )
        .unwrap();
    }
    assert!(matches!(
        LogReader::open(&c),
        Err(StorageError::Clustered(_))
    ));
    assert!(matches!(
        LogWriter::open(&c),
        Err(StorageError::Clustered(_))
    ));
    let f = dir.path().join("f.db");
    std::fs::write(&f, b"hello world\n").unwrap();
    assert!(matches!(
        LogReader::open(&f),
        Err(StorageError::NotADatabase { .. })
    ));
    let e = dir.path().join("e.db");
    std::fs::write(&e, b"").unwrap();
    assert!(matches!(
        LogWriter::open(&e),
        Err(StorageError::NotADatabase { .. })
    ));
    assert!(
        LogWriter::create(&f, &json!({})).is_err(),
        "create refuses to overwrite"
    );
}
