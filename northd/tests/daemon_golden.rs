//! rovn-northd as a daemon on the golden scenarios: each scenario's NB database file
//! (written by the real ovsdb-server, compiled by the real ovn-northd 23.03) is served
//! by our rovn-ovsdb-server and by the real ovsdb-server in turn, rovn-northd writes a
//! fresh SB, and `ovn-nbctl --wait=sb sync` returns only once it has. The SB must then
//! hold exactly what the real ovn-northd wrote: the same logical flows (`lflow-list`),
//! port bindings (name, key, type, mac, options), multicast groups, port groups and
//! address sets.

mod common;
mod harness;

use std::collections::BTreeMap;

use common::{data_dir, datum_strings, scenarios};
use harness::*;
use serde_json::Value;

fn table_rows(text: &str) -> Vec<BTreeMap<String, Value>> {
    let j: Value = serde_json::from_str(text).unwrap();
    let heads: Vec<String> = j["headings"]
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
            heads
                .iter()
                .cloned()
                .zip(r.as_array().unwrap().iter().cloned())
                .collect()
        })
        .collect()
}

/// A table reduced to comparable strings: the given columns, uuids left out.
fn summary(rows: &[BTreeMap<String, Value>], cols: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = rows
        .iter()
        .map(|r| {
            cols.iter()
                .map(|c| format!("{c}={:?}", datum_strings(&r[*c])))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    v.sort();
    v
}

const TABLES: &[(&str, &[&str])] = &[
    // Keys are compared as a set: ovn-northd handed them out in the order the ports
    // were created, which an NB file does not record.
    ("Port_Binding", &["tunnel_key"]),
    (
        "Port_Binding",
        &[
            "logical_port",
            "type",
            "mac",
            "options",
            "port_security",
            "tag",
            "parent_port",
        ],
    ),
    ("Multicast_Group", &["name", "tunnel_key"]),
    ("Port_Group", &["name", "ports"]),
    ("Address_Set", &["name", "addresses"]),
    ("Datapath_Binding", &["tunnel_key"]),
];

fn check(kind: Impl) {
    let mut problems = Vec::new();
    for sc in scenarios() {
        let dir = tempfile::Builder::new()
            .prefix("rovn-nd-")
            .tempdir()
            .unwrap();
        let golden = data_dir().join(&sc);
        let nb = Server::start(
            kind,
            dir.path(),
            "nb",
            NB_SCHEMA,
            Some(&golden.join("nb.db")),
        );
        let sb = Server::start(kind, dir.path(), "sb", SB_SCHEMA, None);
        let _northd = Northd::start(dir.path(), "northd", &nb.remote(), &sb.remote());
        nbctl(&nb.remote(), &["--wait=sb", "sync"]);
        let want = normalise_lflows(&std::fs::read_to_string(golden.join("lflows.txt")).unwrap());
        let got = lflows(&sb.remote());
        if want != got {
            let w: Vec<&str> = want.lines().collect();
            let g: Vec<&str> = got.lines().collect();
            let mut msg = format!("{kind:?}/{sc}: lflows differ\n");
            for l in w.iter().filter(|l| !g.contains(l)) {
                msg += &format!("  missing {l}\n");
            }
            for l in g.iter().filter(|l| !w.contains(l)) {
                msg += &format!("  extra   {l}\n");
            }
            problems.push(msg);
        }
        for (t, cols) in TABLES {
            let want =
                table_rows(&std::fs::read_to_string(golden.join(format!("sb-{t}.json"))).unwrap());
            let got = table_rows(&sbctl(&sb.remote(), &["--format=json", "list", t]));
            // Multicast_Group/Port_Group ports are uuids in the SB; compare names only
            // where the column holds names.
            let cols: Vec<&str> = cols.to_vec();
            let (w, g) = (summary(&want, &cols), summary(&got, &cols));
            if w != g {
                problems.push(format!(
                    "{kind:?}/{sc}: {t} differs\n  want {w:?}\n  got  {g:?}"
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn golden_scenarios_on_rovn_ovsdb_server() {
    if !have_tools(&["ovsdb-tool", "ovn-nbctl", "ovn-sbctl", "ovs-appctl"]) {
        return;
    }
    check(Impl::Rovn);
}

#[test]
fn golden_scenarios_on_real_ovsdb_server() {
    if !have_tools(&[
        "ovsdb-server",
        "ovsdb-tool",
        "ovn-nbctl",
        "ovn-sbctl",
        "ovs-appctl",
    ]) {
        return;
    }
    check(Impl::Real);
}
