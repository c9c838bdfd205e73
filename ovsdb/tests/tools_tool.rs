//! `rovn-ovsdb-tool` against the real `ovsdb-tool` and `ovsdb-server`: files each tool
//! writes are read by the other (and served by the real server), and both print the
//! same thing for the same file (UUIDs and dates masked, line order ignored).

mod harness;

use std::path::Path;

use harness::{normalise, run, Impl, Server, NB_SCHEMA};

const ROVN: &str = env!("CARGO_BIN_EXE_rovn-ovsdb-tool");

fn s(v: &[&str]) -> Vec<String> {
    v.iter().map(|x| x.to_string()).collect()
}

fn p(path: &Path) -> String {
    path.display().to_string()
}

/// Replaces `YYYY-MM-DD HH:MM:SS.mmm` dates by `<date>`.
fn mask_dates(text: &str) -> String {
    text.lines()
        .map(|l| match l.strip_prefix("record ") {
            Some(rest) => match rest.find(": ") {
                Some(i) if rest[i + 2..].len() >= 23 && rest.as_bytes()[i + 6] == b'-' => {
                    format!("record {}: <date>{}", &rest[..i], &rest[i + 2 + 23..])
                }
                _ => l.to_string(),
            },
            None => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Runs `args` with both tools; asserts equal status and output.
fn same(args: &[String]) -> String {
    let real = run("ovsdb-tool", args);
    let ours = run(ROVN, args);
    assert_eq!(
        real.status, ours.status,
        "status of {args:?}: {real:?} vs {ours:?}"
    );
    assert_eq!(
        normalise(&mask_dates(&real.stdout)),
        normalise(&mask_dates(&ours.stdout)),
        "stdout of {args:?}:\n--- ovsdb-tool\n{}\n--- rovn-ovsdb-tool\n{}",
        real.stdout,
        ours.stdout
    );
    assert_eq!(
        real.stderr.replace("ovsdb-tool:", "TOOL:"),
        ours.stderr.replace("rovn-ovsdb-tool:", "TOOL:"),
        "stderr of {args:?}"
    );
    real.stdout
}

const INSERT: &str = r#"["OVN_Northbound",
    {"op":"comment","comment":"first"},
    {"op":"insert","table":"Logical_Switch","row":{"name":"sw0","external_ids":["map",[["k","v"]]]}},
    {"op":"insert","table":"Address_Set","row":{"name":"a b","addresses":["set",["1","x"]]}}]"#;
const UPDATE: &str = r#"["OVN_Northbound",
    {"op":"update","table":"Logical_Switch","where":[["name","==","sw0"]],"row":{"name":"sw1"}},
    {"op":"delete","table":"Address_Set","where":[]}]"#;
const SELECT: &str = r#"["OVN_Northbound",
    {"op":"select","table":"Logical_Switch","where":[],"columns":["name","external_ids"]},
    {"op":"select","table":"Address_Set","where":[],"columns":["name"]}]"#;
const BAD: &str = r#"["OVN_Northbound",{"op":"insert","table":"Logical_Switch","row":{"name":5}}]"#;

#[test]
fn schema_and_db_queries_match() {
    let dir = tempfile::tempdir().unwrap();
    let db = p(&dir.path().join("nb.db"));
    assert_eq!(run("ovsdb-tool", &s(&["create", &db, NB_SCHEMA])).status, 0);
    for cmd in ["schema-name", "schema-version", "schema-cksum"] {
        assert!(!same(&s(&[cmd, NB_SCHEMA])).is_empty());
    }
    for cmd in ["db-name", "db-version", "db-cksum", "show-log"] {
        assert!(!same(&s(&[cmd, &db])).is_empty());
    }
    same(&s(&["show-log", &p(&dir.path().join("missing.db"))]));
}

#[test]
fn files_we_create_work_with_the_real_tools_and_server() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db0.db");
    let out = run(ROVN, &s(&["create", &p(&db), NB_SCHEMA]));
    assert_eq!(out.status, 0, "{out:?}");
    // Our transact, then the real tool reads it.
    let out = run(ROVN, &s(&["transact", &p(&db), INSERT]));
    assert_eq!(out.status, 0, "{out:?}");
    assert!(!out.stdout.contains("error"), "{}", out.stdout);
    let real = run("ovsdb-tool", &s(&["query", &p(&db), SELECT]));
    assert!(
        real.stdout.contains("sw0") && real.stdout.contains("a b"),
        "{real:?}"
    );
    assert_eq!(
        run("ovsdb-tool", &s(&["-mm", "show-log", &p(&db)])).status,
        0
    );
    // Compact with ours, then the real server serves it and updates it.
    assert_eq!(run(ROVN, &s(&["compact", &p(&db)])).status, 0);
    {
        let server = Server::start_on(Impl::Real, dir, vec![db.clone()]);
        let out = run("ovsdb-client", &s(&["transact", &server.remote(), UPDATE]));
        assert!(!out.stdout.contains("error"), "{}", out.stdout);
        let dump = run(
            "ovsdb-client",
            &s(&[
                "dump",
                &server.remote(),
                "OVN_Northbound",
                "Logical_Switch",
                "name",
            ]),
        );
        assert!(dump.stdout.contains("sw1"), "{dump:?}");
        // ...and we read what the real server wrote.
        let ours = run(ROVN, &s(&["query", &p(&db), SELECT]));
        assert!(
            ours.stdout.contains("sw1") && !ours.stdout.contains("a b"),
            "{ours:?}"
        );
        let log = same(&s(&["-mm", "show-log", &p(&db)]));
        assert!(log.contains("record 2"), "{log}");
        same(&s(&["-m", "show-log", &p(&db)]));
    }
}

#[test]
fn transact_query_and_compact_match_ovsdb_tool() {
    let dir = tempfile::tempdir().unwrap();
    let a = p(&dir.path().join("a.db"));
    let b = p(&dir.path().join("b.db"));
    assert_eq!(run("ovsdb-tool", &s(&["create", &a, NB_SCHEMA])).status, 0);
    assert_eq!(run(ROVN, &s(&["create", &b, NB_SCHEMA])).status, 0);
    same(&s(&["show-log", &b]));
    // Same transactions on twin files, by each tool on its own file.
    for txn in [INSERT, SELECT, BAD, UPDATE, SELECT] {
        let real = run("ovsdb-tool", &s(&["transact", &a, txn]));
        let ours = run(ROVN, &s(&["transact", &b, txn]));
        assert_eq!(real.status, ours.status, "{txn}");
        assert_eq!(normalise(&real.stdout), normalise(&ours.stdout), "{txn}");
    }
    // query reads (and never writes: ovsdb-tool opens the file read-only).
    let real = run("ovsdb-tool", &s(&["query", &a, SELECT]));
    let ours = run(ROVN, &s(&["query", &b, SELECT]));
    assert_eq!(normalise(&real.stdout), normalise(&ours.stdout));
    let ours = run(ROVN, &s(&["query", &b, INSERT]));
    assert_eq!(ours.status, 0, "{ours:?}");
    for (tool, file) in [("ovsdb-tool", &a), (ROVN, &b)] {
        let out = run(tool, &s(&["show-log", file]));
        assert_eq!(
            out.stdout.matches("record ").count(),
            3,
            "{tool}: {}",
            out.stdout
        );
    }
    // Each tool's show-log of both files agrees.
    for file in [&a, &b] {
        for m in ["-m", "-mm"] {
            same(&s(&[m, "show-log", file]));
        }
    }
    // Compaction by each tool, read back by the other.
    assert_eq!(run("ovsdb-tool", &s(&["compact", &a])).status, 0);
    assert_eq!(run(ROVN, &s(&["compact", &b])).status, 0);
    for (tool, file) in [(ROVN, &a), ("ovsdb-tool", &b)] {
        let out = run(tool, &s(&["query", file, SELECT]));
        assert!(out.stdout.contains("sw1"), "{tool} {file}: {out:?}");
        let log = run(tool, &s(&["show-log", file]));
        assert_eq!(
            log.stdout.matches("record ").count(),
            2,
            "{tool}: {}",
            log.stdout
        );
    }
    let dst = p(&dir.path().join("c.db"));
    assert_eq!(run(ROVN, &s(&["compact", &b, &dst])).status, 0);
    let out = run("ovsdb-tool", &s(&["query", &dst, SELECT]));
    assert!(out.stdout.contains("sw1"), "{out:?}");
}
