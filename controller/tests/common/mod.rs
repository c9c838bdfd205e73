//! Shared by the logical-flow tests: the reference data in `tests/data/lflow/` and what
//! each chassis of the reference sandboxes knows (port keys, residency, address sets).

#![allow(dead_code)]

/// The private ovs-vswitchd harness is the openflow crate's, shared rather than copied.
#[path = "../../../openflow/tests/common/ovs.rs"]
pub mod ovs;

use std::collections::BTreeMap;
use std::path::PathBuf;

use controller::lflow::logical_fields::Pipeline;
use controller::lflow::MapLookup;

pub struct LogicalFlow {
    pub datapath: String,
    pub pipeline: Pipeline,
    pub table: u8,
    pub priority: u16,
    pub matches: String,
    pub actions: String,
}

pub fn data(name: &str) -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/lflow")
        .join(name);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Parses `ovn-sbctl lflow-list` output.
pub fn logical_flows(text: &str) -> Vec<LogicalFlow> {
    let mut pipeline = Pipeline::Ingress;
    let mut datapath = String::new();
    let mut out = Vec::new();
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("Datapath: \"") {
            datapath = rest[..rest.find('"').unwrap()].to_string();
            pipeline = if line.ends_with("egress") {
                Pipeline::Egress
            } else {
                Pipeline::Ingress
            };
            continue;
        }
        let Some(rest) = line.trim().strip_prefix("table=") else {
            continue;
        };
        let table: u8 = rest[..rest.find(|c: char| !c.is_ascii_digit()).unwrap()]
            .parse()
            .unwrap();
        let prio = &rest[rest.find("priority=").unwrap() + 9..];
        let priority: u16 = prio[..prio.find(|c: char| !c.is_ascii_digit()).unwrap()]
            .parse()
            .unwrap();
        let m = &rest[rest.find("match=(").unwrap() + 7..];
        let (matches, actions) = m.split_once("), action=(").unwrap();
        out.push(LogicalFlow {
            datapath: datapath.clone(),
            pipeline,
            table,
            priority,
            matches: matches.to_string(),
            actions: actions.strip_suffix(')').unwrap().to_string(),
        });
    }
    out
}

/// `conj_id=N` and `conjunction(N,` with N replaced by `ID`.
pub fn anonymise_conj(s: &str) -> String {
    let mut out = s.to_string();
    for key in ["conj_id=", "conjunction("] {
        let mut result = String::new();
        let mut rest = out.as_str();
        while let Some(pos) = rest.find(key) {
            result.push_str(&rest[..pos + key.len()]);
            rest = &rest[pos + key.len()..];
            let end = rest
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(rest.len());
            result.push_str("ID");
            rest = &rest[end..];
        }
        result.push_str(rest);
        out = result;
    }
    out
}

/// Per logical port: (tunnel key, bound chassis name), from the reference SB dumps.
pub fn port_bindings() -> BTreeMap<String, (u32, String)> {
    let mut chassis = BTreeMap::new();
    let mut uuid = String::new();
    for line in data("sb-chassis.txt").lines() {
        if let Some((k, v)) = line.split_once(':') {
            match k.trim() {
                "_uuid" => uuid = v.trim().to_string(),
                "name" => {
                    chassis.insert(uuid.clone(), v.trim().trim_matches('"').to_string());
                }
                _ => {}
            }
        }
    }
    let mut out = BTreeMap::new();
    let (mut bound, mut name, mut key) = (String::new(), String::new(), 0u32);
    for line in data("sb-port-binding.txt")
        .lines()
        .chain(std::iter::once(""))
    {
        match line.split_once(':').map(|(k, v)| (k.trim(), v.trim())) {
            Some(("chassis", v)) => bound = chassis.get(v).cloned().unwrap_or_default(),
            Some(("logical_port", v)) => name = v.trim_matches('"').to_string(),
            Some(("tunnel_key", v)) => key = v.parse().unwrap(),
            _ if line.trim().is_empty() && !name.is_empty() => {
                out.insert(std::mem::take(&mut name), (key, std::mem::take(&mut bound)));
            }
            _ => {}
        }
    }
    out
}

/// What `chassis` knows about ls1 in the reference sandbox.
pub fn reference_lookup(chassis: &str) -> MapLookup {
    let mut l = MapLookup::new()
        .port("_MC_flood", 0x8000)
        .port("_MC_unknown", 0x8001)
        .port("_MC_flood_l2", 0x8004)
        .address_set("svc_monitor_mac", &["d6:90:c5:85:7a:4c"])
        .port_group("pg_pods", &["lsp1", "lsp2"]);
    let bindings = port_bindings();
    assert!(bindings.len() >= 2, "port bindings parse: {bindings:?}");
    for (name, (key, bound)) in bindings {
        l = if bound == chassis {
            l.port(&name, key).resident(&name)
        } else {
            l.remote_port(&name, key)
        };
    }
    l
}

/// ch1 of the probe sandbox (lsp1 = key 2 here).
pub fn probe_lookup() -> MapLookup {
    MapLookup::new()
        .port("lsp1", 2)
        .remote_port("lsp2", 1)
        .port("_MC_flood", 0x8000)
        .port("_MC_unknown", 0x8001)
        .port("_MC_flood_l2", 0x8004)
        .address_set("svc_monitor_mac", &["fe:39:fc:d5:5e:e3"])
        .address_set("as1", &["10.1.0.1", "10.1.0.2", "10.2.0.0/16"])
        .address_set("as6", &["fd00::1", "fd00::2"])
}

/// Datapaths of a chassis: (datapath name, tunnel key, what the chassis knows of it).
pub type Datapaths = Vec<(&'static str, u32, MapLookup)>;

/// ch1 of the router sandbox: ls1, lr1, ls2.
pub fn router_datapaths() -> Datapaths {
    let ls1 = probe_lookup().port("ls1-lr1", 3);
    let lr1 = MapLookup::new()
        .router()
        .port("lrp1", 1)
        .port("lrp2", 2)
        .address_set("_rtr_lb_2_ip4", &["10.0.0.100"]);
    let ls2 = MapLookup::new()
        .port("ls2-lr1", 1)
        .port("_MC_flood", 0x8000)
        .port("_MC_unknown", 0x8001)
        .port("_MC_flood_l2", 0x8004)
        .address_set("svc_monitor_mac", &["fe:39:fc:d5:5e:e3"]);
    vec![("ls1", 1, ls1), ("lr1", 2, lr1), ("ls2", 3, ls2)]
}

/// ch1 of the load-balancer sandbox (`lb-*`): the reference sandbox (lsp1 = key 1 on
/// ch1, lsp2 = key 2 on ch2) plus lr1 and ls2 as in the router sandbox.
pub fn lb_datapaths() -> Datapaths {
    let mcast = |l: MapLookup| {
        l.port("_MC_flood", 0x8000)
            .port("_MC_unknown", 0x8001)
            .port("_MC_flood_l2", 0x8004)
            .address_set("svc_monitor_mac", &["1e:ff:6b:e9:3b:df"])
    };
    let ls1 = mcast(MapLookup::new())
        .port("lsp1", 1)
        .remote_port("lsp2", 2)
        .port("ls1-lr1", 3);
    let lr1 = MapLookup::new()
        .router()
        .port("lrp1", 1)
        .port("lrp2", 2)
        .address_set("_rtr_lb_2_ip4", &["10.0.0.100"]);
    let ls2 = mcast(MapLookup::new()).port("ls2-lr1", 1);
    vec![("ls1", 1, ls1), ("lr1", 2, lr1), ("ls2", 3, ls2)]
}

/// ch1 of the gateway sandbox (`gw-*`): the lb sandbox with lrp2's gateway (`cr-lrp2`,
/// key 3) on ch1 and a dnat_and_snat with a port range for lsp1 (resident here).
pub fn gw_datapaths() -> Datapaths {
    let mut d = lb_datapaths();
    let lr1 = &mut d[1].2;
    *lr1 = std::mem::take(lr1)
        .port("cr-lrp2", 3)
        .resident("cr-lrp2")
        .resident("lsp1");
    let ls2 = &mut d[2].2;
    *ls2 = std::mem::take(ls2).resident("lsp1");
    d
}

/// ch1 of the legacy sandbox (`legacy-*`): the reference sandbox with lsp1 = key 2 (on
/// ch1), lsp2 = key 1 (on ch2) and a chassis lacking the ct_lb_mark feature.
pub fn legacy_datapaths() -> Datapaths {
    let ls1 = MapLookup::new()
        .port("lsp1", 2)
        .resident("lsp1")
        .remote_port("lsp2", 1)
        .port("_MC_flood", 0x8000)
        .port("_MC_unknown", 0x8001)
        .port("_MC_flood_l2", 0x8004)
        .address_set("svc_monitor_mac", &["e6:30:81:1e:a8:79"]);
    vec![("ls1", 1, ls1)]
}

/// Every logical-flow corpus with the datapaths of the chassis its dump comes from.
pub fn corpora() -> Vec<(&'static str, Datapaths)> {
    vec![
        (
            "sb-lflow-list.txt",
            vec![("ls1", 1, reference_lookup("ch1"))],
        ),
        (
            "sb-lflow-list-with-acl.txt",
            vec![("ls1", 1, reference_lookup("ch2"))],
        ),
        (
            "sb-lflow-list-stateful-acl.txt",
            vec![("ls1", 1, reference_lookup("ch1"))],
        ),
        ("probe-sb-lflow-list.txt", vec![("ls1", 1, probe_lookup())]),
        ("router-sb-lflow-list.txt", router_datapaths()),
        ("lb-sb-lflow-list.txt", lb_datapaths()),
        ("gw-sb-lflow-list.txt", gw_datapaths()),
        ("legacy-sb-lflow-list.txt", legacy_datapaths()),
    ]
}
