//! Golden test for the SB content beyond logical flows: Datapath_Binding,
//! Port_Binding, Multicast_Group, Port_Group and Address_Set as the real ovn-northd
//! 23.03 wrote them for each scenario in tests/data.

mod common;

use std::collections::BTreeMap;

use common::*;
use northd::sb;
use serde_json::Value;

fn table(scenario: &str, t: &str) -> Vec<BTreeMap<String, Value>> {
    read_table_json(&data_dir().join(scenario).join(format!("sb-{t}.json")))
}

fn one(v: &Value) -> String {
    datum_strings(v).into_iter().next().unwrap_or_default()
}

#[test]
fn datapath_and_port_bindings_match() {
    for sc in scenarios() {
        let nb = load_nb(&sc);
        // Fresh allocation: switches are created in name order in every scenario.
        let dps = sb::datapath_bindings(&nb, &BTreeMap::new());
        let want_dp: BTreeMap<String, u32> = table(&sc, "Datapath_Binding")
            .iter()
            .map(|r| {
                let ids = datum_strings(&r["external_ids"]);
                let name = ids.iter().find_map(|s| s.strip_prefix("name=")).unwrap();
                (name.to_string(), r["tunnel_key"].as_u64().unwrap() as u32)
            })
            .collect();
        let got_dp: BTreeMap<String, u32> =
            dps.iter().map(|d| (d.name.clone(), d.tunnel_key)).collect();
        assert_eq!(got_dp, want_dp, "{sc}: datapath keys");

        let want_pb = table(&sc, "Port_Binding");
        let existing: BTreeMap<String, u32> = want_pb
            .iter()
            .map(|r| {
                (
                    r["logical_port"].as_str().unwrap().to_string(),
                    r["tunnel_key"].as_u64().unwrap() as u32,
                )
            })
            .collect();
        // Seeded with the keys in use, allocation keeps them exactly.
        let pbs = sb::port_bindings(&nb, &existing);
        assert_eq!(pbs.len(), want_pb.len(), "{sc}");
        for r in &want_pb {
            let name = r["logical_port"].as_str().unwrap();
            let pb = pbs.iter().find(|p| p.logical_port == name).unwrap();
            assert_eq!(pb.tunnel_key, existing[name], "{sc}/{name}");
            assert_eq!(pb.type_, r["type"].as_str().unwrap(), "{sc}/{name} type");
            let mut mac = pb.mac.clone();
            mac.sort();
            assert_eq!(mac, datum_strings(&r["mac"]), "{sc}/{name} mac");
            let opts: Vec<String> = pb.options.iter().map(|(k, v)| format!("{k}={v}")).collect();
            assert_eq!(opts, datum_strings(&r["options"]), "{sc}/{name} options");
            let mut ps = pb.port_security.clone();
            ps.sort();
            assert_eq!(
                ps,
                datum_strings(&r["port_security"]),
                "{sc}/{name} port_security"
            );
            let dp_key = dps
                .iter()
                .find(|d| d.switch == pb.switch)
                .unwrap()
                .tunnel_key;
            let want_dp_key = want_dp
                .values()
                .copied()
                .find(|k| {
                    table(&sc, "Datapath_Binding").iter().any(|d| {
                        d["tunnel_key"].as_u64() == Some(u64::from(*k))
                            && d["_uuid"] == r["datapath"]
                    })
                })
                .unwrap();
            assert_eq!(dp_key, want_dp_key, "{sc}/{name} datapath");
        }
        // Fresh allocation hands out the same set of keys, 1..=n per datapath.
        let fresh = sb::port_bindings(&nb, &BTreeMap::new());
        for d in &dps {
            let mut got: Vec<u32> = fresh
                .iter()
                .filter(|p| p.switch == d.switch)
                .map(|p| p.tunnel_key)
                .collect();
            got.sort();
            assert_eq!(got, (1..=got.len() as u32).collect::<Vec<_>>(), "{sc}");
        }
    }
}

#[test]
fn multicast_groups_match() {
    for sc in scenarios() {
        let nb = load_nb(&sc);
        let pb_names: BTreeMap<String, String> = table(&sc, "Port_Binding")
            .iter()
            .map(|r| {
                (
                    one(&r["_uuid"]),
                    r["logical_port"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        let dp_names: BTreeMap<String, String> = table(&sc, "Datapath_Binding")
            .iter()
            .map(|r| {
                let ids = datum_strings(&r["external_ids"]);
                let n = ids.iter().find_map(|s| s.strip_prefix("name=")).unwrap();
                (one(&r["_uuid"]), n.to_string())
            })
            .collect();
        let mut want: Vec<(String, String, u32, Vec<String>)> = table(&sc, "Multicast_Group")
            .iter()
            .map(|r| {
                let mut ports: Vec<String> = datum_strings(&r["ports"])
                    .iter()
                    .map(|u| pb_names[u].clone())
                    .collect();
                ports.sort();
                (
                    dp_names[&one(&r["datapath"])].clone(),
                    r["name"].as_str().unwrap().to_string(),
                    r["tunnel_key"].as_u64().unwrap() as u32,
                    ports,
                )
            })
            .collect();
        want.sort();
        let mut got: Vec<(String, String, u32, Vec<String>)> = sb::multicast_groups(&nb)
            .into_iter()
            .map(|m| {
                (
                    nb.switches[&m.switch].name.clone(),
                    m.name.to_string(),
                    m.tunnel_key,
                    m.ports,
                )
            })
            .collect();
        got.sort();
        assert_eq!(got, want, "{sc}");
    }
}

#[test]
fn port_groups_and_address_sets_match() {
    for sc in scenarios() {
        let nb = load_nb(&sc);
        let dps = sb::datapath_bindings(&nb, &BTreeMap::new());
        let want_pg: BTreeMap<String, Vec<String>> = table(&sc, "Port_Group")
            .iter()
            .map(|r| {
                (
                    r["name"].as_str().unwrap().to_string(),
                    datum_strings(&r["ports"]),
                )
            })
            .collect();
        let got_pg: BTreeMap<String, Vec<String>> = sb::port_groups(&nb, &dps)
            .into_iter()
            .map(|p| (p.name, p.ports))
            .collect();
        assert_eq!(got_pg, want_pg, "{sc}: port groups");

        let want_as: BTreeMap<String, Vec<String>> = table(&sc, "Address_Set")
            .iter()
            .map(|r| {
                (
                    r["name"].as_str().unwrap().to_string(),
                    datum_strings(&r["addresses"]),
                )
            })
            .collect();
        let got_as: BTreeMap<String, Vec<String>> = sb::address_sets(&nb)
            .into_iter()
            .map(|a| (a.name, a.addresses))
            .collect();
        assert_eq!(got_as, want_as, "{sc}: address sets");
    }
}
