//! Test helpers: load an NB database file written by ovsdb-server, and read the golden
//! output of the real ovn-northd.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use northd::lflow::switch_flows;
use northd::nb::{snapshot_from_db, NbSnapshot};
use ovsdb::db::Database;
use ovsdb::schema::DatabaseSchema;
use serde_json::Value;

pub fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data")
}

/// Every scenario directory under tests/data.
pub fn scenarios() -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(data_dir())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("nb.db").exists())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// The records of an Open vSwitch standalone database file: each is
/// `OVSDB JSON <len> <sha1>\n<json>\n`; the first is the schema.
pub fn read_db_records(path: &Path) -> Vec<Value> {
    let bytes = std::fs::read(path).unwrap();
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < bytes.len() {
        let nl = pos + bytes[pos..].iter().position(|b| *b == b'\n').unwrap();
        let header = std::str::from_utf8(&bytes[pos..nl]).unwrap();
        let mut words = header.split_whitespace();
        assert_eq!(words.next(), Some("OVSDB"));
        assert_eq!(words.next(), Some("JSON"));
        let len: usize = words.next().unwrap().parse().unwrap();
        let body = &bytes[nl + 1..nl + 1 + len];
        out.push(serde_json::from_slice(body).unwrap());
        pos = nl + 1 + len;
        while pos < bytes.len() && bytes[pos] == b'\n' {
            pos += 1;
        }
    }
    out
}

pub fn load_db(path: &Path) -> Database {
    let records = read_db_records(path);
    let schema = DatabaseSchema::from_json(&records[0]).unwrap();
    let mut db = Database::new(Arc::new(schema));
    for r in &records[1..] {
        db.apply_log_record(r).unwrap();
    }
    db
}

pub fn load_nb(scenario: &str) -> NbSnapshot {
    let db = load_db(&data_dir().join(scenario).join("nb.db"));
    snapshot_from_db(&db).unwrap()
}

/// `ovn-sbctl lflow-list` output: datapath name → flow lines (without the datapath
/// headers, in file order; egress lines are recognisable by their stage name).
pub fn parse_lflow_list(text: &str) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut cur = String::new();
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("Datapath: \"") {
            cur = rest.split('"').next().unwrap().to_string();
            out.entry(cur.clone()).or_default();
        } else if line.starts_with("  table=") {
            out.get_mut(&cur).unwrap().push(line.to_string());
        }
    }
    out
}

/// The stage name of an lflow-list line.
pub fn stage_of(line: &str) -> &str {
    let start = line.find('(').unwrap() + 1;
    line[start..].split([' ', ')']).next().unwrap()
}

/// Groups lines by stage, each group sorted.
pub fn by_stage(lines: &[String]) -> BTreeMap<String, Vec<String>> {
    let mut m: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for l in lines {
        m.entry(stage_of(l).to_string())
            .or_default()
            .push(l.clone());
    }
    for v in m.values_mut() {
        v.sort();
    }
    m
}

/// The rows of `ovn-sbctl --format=json list T` as column → value maps.
pub fn read_table_json(path: &Path) -> Vec<BTreeMap<String, Value>> {
    let j: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let headings: Vec<String> = j["headings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h.as_str().unwrap().to_string())
        .collect();
    j["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            headings
                .iter()
                .cloned()
                .zip(r.as_array().unwrap().iter().cloned())
                .collect()
        })
        .collect()
}

/// An OVSDB JSON datum (`"x"`, `["set", [...]]`, `["uuid", u]`, `["map", ...]`) as a
/// sorted list of strings (map entries as `k=v`).
pub fn datum_strings(v: &Value) -> Vec<String> {
    fn atom(a: &Value) -> String {
        match a {
            Value::String(s) => s.clone(),
            Value::Array(x) if x.len() == 2 && x[0] == "uuid" => x[1].as_str().unwrap().into(),
            other => other.to_string(),
        }
    }
    let mut out: Vec<String> = match v {
        Value::Array(x) if x.len() == 2 && x[0] == "set" => {
            x[1].as_array().unwrap().iter().map(atom).collect()
        }
        Value::Array(x) if x.len() == 2 && x[0] == "map" => x[1]
            .as_array()
            .unwrap()
            .iter()
            .map(|kv| format!("{}={}", atom(&kv[0]), atom(&kv[1])))
            .collect(),
        other => vec![atom(other)],
    };
    out.sort();
    out
}

/// Compares the flows we compile from `nb` with `lflow-list` text, switch by switch and
/// stage by stage; one message per differing stage.
pub fn compare_lflows(scenario: &str, nb: &NbSnapshot, lflow_list: &str) -> Vec<String> {
    let want = parse_lflow_list(lflow_list);
    let mut problems = Vec::new();
    for (dp, want_lines) in &want {
        let Some(ls) = nb.switch_by_name(dp) else {
            problems.push(format!("{scenario}: no switch {dp}"));
            continue;
        };
        let got: Vec<String> = switch_flows(nb, ls)
            .iter()
            .map(|f| f.lflow_list_line())
            .collect();
        let (w, g) = (by_stage(want_lines), by_stage(&got));
        let stages: std::collections::BTreeSet<&String> = w.keys().chain(g.keys()).collect();
        for st in stages {
            let empty = Vec::new();
            let (ws, gs) = (w.get(st).unwrap_or(&empty), g.get(st).unwrap_or(&empty));
            if ws != gs {
                let mut msg = format!("{scenario} / {dp} / {st}:\n");
                for l in ws.iter().filter(|l| !gs.contains(l)) {
                    msg += &format!("  missing {l}\n");
                }
                for l in gs.iter().filter(|l| !ws.contains(l)) {
                    msg += &format!("  extra   {l}\n");
                }
                problems.push(msg);
            }
        }
    }
    for ls in nb.switches.values() {
        if !want.contains_key(&ls.name) {
            problems.push(format!("{scenario}: switch {} not in SB", ls.name));
        }
    }
    problems
}

/// `lflow-list` text without the datapath uuids (which differ between runs).
pub fn without_uuids(lflow_list: &str) -> String {
    lflow_list
        .lines()
        .map(|l| match l.strip_prefix("Datapath: ") {
            Some(rest) => {
                let name = rest.split(" (").next().unwrap();
                let pipeline = rest.rsplit("Pipeline: ").next().unwrap();
                format!("Datapath: {name} Pipeline: {pipeline}")
            }
            None => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}
