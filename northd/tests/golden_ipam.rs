//! IPAM against ovn-northd 23.03: the `dynamic_addresses` it wrote in each scenario's
//! NB (tests/data/*/nb-lsp.json), recomputed from scratch and recomputed keeping the
//! existing ones; and the flows of the IPAM scenario built from our own assignment.

mod common;

use std::collections::BTreeMap;

use common::*;
use northd::ipam;
use northd::lflow::switch_flows;

fn want_dynamic(scenario: &str) -> BTreeMap<String, String> {
    read_table_json(&data_dir().join(scenario).join("nb-lsp.json"))
        .iter()
        .filter_map(|r| {
            let d = datum_strings(&r["dynamic_addresses"]);
            Some((r["name"].as_str()?.to_string(), d.first()?.clone()))
        })
        .collect()
}

#[test]
fn dynamic_addresses_from_scratch_match_ovn_northd() {
    for sc in scenarios() {
        let mut nb = load_nb(&sc);
        for p in nb.ports.values_mut() {
            p.dynamic_addresses = None;
        }
        // In the scenarios ports were added one by one in name order, which is the
        // order our IPAM serves them in.
        let got: BTreeMap<String, String> = ipam::apply(&mut nb)
            .unwrap()
            .iter()
            .map(|(u, a)| (nb.ports[u].name.clone(), a.to_string()))
            .collect();
        assert_eq!(got, want_dynamic(&sc), "{sc}");
    }
}

#[test]
fn existing_dynamic_addresses_are_kept() {
    let sc = "ipam-dynamic";
    let mut nb = load_nb(sc);
    let before = nb.ports.clone();
    let got = ipam::apply(&mut nb).unwrap();
    for (u, p) in &before {
        assert_eq!(got.get(u), p.dynamic_addresses.as_ref(), "{}", p.name);
    }
}

#[test]
fn ipam_scenario_flows_from_our_assignment() {
    let sc = "ipam-dynamic";
    let mut nb = load_nb(sc);
    for p in nb.ports.values_mut() {
        p.dynamic_addresses = None;
    }
    ipam::apply(&mut nb).unwrap();
    let text = std::fs::read_to_string(data_dir().join(sc).join("lflows.txt")).unwrap();
    for (dp, want) in parse_lflow_list(&text) {
        let ls = nb.switch_by_name(&dp).unwrap();
        let mut got: Vec<String> = switch_flows(&nb, ls)
            .iter()
            .map(|f| f.lflow_list_line())
            .collect();
        let mut want = want;
        got.sort();
        want.sort();
        assert_eq!(got, want, "{dp}");
    }
}
