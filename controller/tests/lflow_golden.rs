//! Golden tests: the logical flows real ovn-northd 23.03 wrote, compiled by rovn, against
//! the OpenFlow flows the real ovn-controller 23.03 installed for them.
//!
//! Data (in `tests/data/lflow/`, see its README):
//! - `sb-lflow-list*.txt`: `ovn-sbctl lflow-list` of the reference two-chassis sandbox
//!   (plain, one drop ACL, stateful port-group ACLs);
//! - `ch1-br-int-flows*.txt`, `ch2-br-int-flows-with-acl.txt`: `ovs-ofctl -O OpenFlow15
//!   dump-flows br-int` on the chassis, counters and cookies stripped;
//! - `probe-*.txt`: the same sandbox with 40 extra ACLs that exercise sets, ranges, `!=`,
//!   address sets, conjunctive matches, ND, VLAN, conntrack and register fields.
//!
//! Logical ingress table N is OpenFlow table 8+N, egress table N is 42+N. For every
//! (OpenFlow table, priority) that logical flows land in, the union of rovn's matches must
//! equal the union of the real controller's matches, conjunction ids aside.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use controller::lflow::actions::parse_actions;
use controller::lflow::logical_fields::Pipeline;
use controller::lflow::{parse_match, FlowOptions, MapLookup, MatchCompiler, SymbolTable};

struct LogicalFlow {
    datapath: String,
    pipeline: Pipeline,
    table: u8,
    priority: u16,
    matches: String,
    actions: String,
}

fn data(name: &str) -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/lflow")
        .join(name);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Parses `ovn-sbctl lflow-list` output.
fn logical_flows(text: &str) -> Vec<LogicalFlow> {
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
        let actions = actions.strip_suffix(')').unwrap();
        out.push(LogicalFlow {
            datapath: datapath.clone(),
            pipeline,
            table,
            priority,
            matches: matches.to_string(),
            actions: actions.to_string(),
        });
    }
    out
}

/// `id` of every `conj_id=` / `conjunction(` replaced by `ID`.
fn anonymise_conj(s: &str) -> String {
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

/// Parses cleaned `ovs-ofctl dump-flows` output into (table, priority) -> match texts.
/// A flow whose actions are conjunctions keeps them (`MATCH actions=conjunction(ID,k/n)`).
fn openflow_flows(text: &str) -> BTreeMap<(u8, u16), BTreeSet<String>> {
    let mut out: BTreeMap<(u8, u16), BTreeSet<String>> = BTreeMap::new();
    for line in text.lines() {
        let Some(rest) = line.trim().strip_prefix("table=") else {
            continue;
        };
        let (table, rest) = rest.split_once(", priority=").unwrap();
        let (head, actions) = rest.split_once(" actions=").unwrap();
        let (prio, m) = head.split_once(',').unwrap_or((head, ""));
        let mut entry = m.to_string();
        if actions.starts_with("conjunction(") {
            entry = format!("{entry} actions={actions}");
        }
        out.entry((table.parse().unwrap(), prio.parse().unwrap()))
            .or_default()
            .insert(anonymise_conj(&entry));
    }
    out
}

struct Case<'a> {
    lflows: &'a str,
    openflow: &'a str,
    /// Per logical datapath: its tunnel key and this chassis' view of its names.
    datapaths: Vec<(&'a str, u64, MapLookup)>,
    /// Logical flows (by match text) left out, with the reason.
    skip: &'a [(&'a str, &'a str)],
}

fn check(case: Case<'_>) {
    let lflows = logical_flows(&data(case.lflows));
    let real = openflow_flows(&data(case.openflow));
    let symtab = SymbolTable::ovn();

    let mut ours: BTreeMap<(u8, u16), BTreeSet<String>> = BTreeMap::new();
    let mut skipped_keys = BTreeSet::new();
    for (n, lf) in lflows.iter().enumerate() {
        let key = (lf.pipeline.openflow_table(lf.table).unwrap(), lf.priority);
        if case.skip.iter().any(|(m, _)| lf.matches.contains(m)) {
            skipped_keys.insert(key);
            continue;
        }
        let expr =
            parse_match(&lf.matches).unwrap_or_else(|e| panic!("match {:?}: {e}", lf.matches));
        let actions =
            parse_actions(&lf.actions).unwrap_or_else(|e| panic!("actions {:?}: {e}", lf.actions));
        let (_, dp_key, lookup) = case
            .datapaths
            .iter()
            .find(|(name, _, _)| *name == lf.datapath)
            .unwrap_or_else(|| panic!("no lookup for datapath {}", lf.datapath));
        let compiler = MatchCompiler::new(lookup);
        let opts = FlowOptions {
            metadata: Some(*dp_key),
            conj_id: n as u32 + 1,
        };
        let flows = compiler
            .compile(&expr, &actions.prerequisites(symtab), &opts)
            .unwrap_or_else(|e| panic!("compile {:?}: {e}", lf.matches));
        let set = ours.entry(key).or_default();
        for f in flows {
            set.insert(anonymise_conj(&f.to_string()));
        }
    }

    let lflow_tables = |t: u8| (8..=34).contains(&t) || (42..=51).contains(&t);
    let keys: BTreeSet<(u8, u16)> = ours
        .keys()
        .chain(real.keys().filter(|(t, _)| lflow_tables(*t)))
        .copied()
        .filter(|k| !skipped_keys.contains(k))
        .collect();
    let mut failures = Vec::new();
    let empty = BTreeSet::new();
    let mut compared = 0;
    for key in keys {
        let (o, r) = (
            ours.get(&key).unwrap_or(&empty),
            real.get(&key).unwrap_or(&empty),
        );
        compared += r.len();
        if o != r {
            let missing: Vec<_> = r.difference(o).collect();
            let extra: Vec<_> = o.difference(r).collect();
            failures.push(format!(
                "table={} priority={}:\n  missing (real has, rovn lacks): {missing:#?}\n  extra (rovn has, real lacks): {extra:#?}",
                key.0, key.1
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} groups differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
    eprintln!("{}: {compared} real flows compared", case.lflows);
    assert!(compared > 0);
}

/// ch1 of the reference sandbox: lsp1 (key 1) is bound here, lsp2 (key 2) is remote, so
/// flows that test `inport == "lsp2"` are not installed (a remote port does not resolve).
fn ch1_lookup() -> MapLookup {
    MapLookup::new()
        .port("lsp1", 1)
        .port("_MC_flood", 0x8000)
        .port("_MC_flood_l2", 0x8004)
        .address_set("svc_monitor_mac", &["d6:90:c5:85:7a:4c"])
        .port_group("pg_pods", &["lsp1", "lsp2"])
}

#[test]
fn basic_switch_pipeline_matches_real_ovn_controller() {
    check(Case {
        lflows: "sb-lflow-list.txt",
        openflow: "ch1-br-int-flows.txt",
        datapaths: vec![("ls1", 1, ch1_lookup())],
        skip: &[],
    });
}

#[test]
fn drop_acl_matches_real_ovn_controller() {
    let ch2 = MapLookup::new()
        .port("lsp2", 2)
        .port("_MC_flood", 0x8000)
        .port("_MC_flood_l2", 0x8004)
        .address_set("svc_monitor_mac", &["d6:90:c5:85:7a:4c"]);
    check(Case {
        lflows: "sb-lflow-list-with-acl.txt",
        openflow: "ch2-br-int-flows-with-acl.txt",
        datapaths: vec![("ls1", 1, ch2)],
        skip: &[],
    });
}

#[test]
fn stateful_port_group_acls_match_real_ovn_controller() {
    check(Case {
        lflows: "sb-lflow-list-stateful-acl.txt",
        openflow: "ch1-br-int-flows-stateful-acl.txt",
        datapaths: vec![("ls1", 1, ch1_lookup())],
        skip: &[],
    });
}

#[test]
fn probe_acls_match_real_ovn_controller() {
    // The probe sandbox bound lsp1 with key 2 on ch1.
    let lookup = MapLookup::new()
        .port("lsp1", 2)
        .port("_MC_flood", 0x8000)
        .port("_MC_flood_l2", 0x8004)
        .address_set("svc_monitor_mac", &["fe:39:fc:d5:5e:e3"])
        .address_set("as1", &["10.1.0.1", "10.1.0.2", "10.2.0.0/16"])
        .address_set("as6", &["fd00::1", "fd00::2"]);
    check(Case {
        lflows: "probe-sb-lflow-list.txt",
        openflow: "probe-ch1-br-int-flows.txt",
        datapaths: vec![("ls1", 1, lookup)],
        skip: &[
            (
                "inport == \"lsp1\" && eth.src != {00:00:00:00:00:01, 00:00:00:00:00:02}",
                "its 1,100 real flows are left out of the test data",
            ),
            (
                "ip.dscp == 8 && ip.ecn == 1",
                "the real ovn-controller installed plain ip/ipv6 flows without nw_tos/nw_ecn",
            ),
        ],
    });
}

#[test]
fn router_and_load_balancer_match_real_ovn_controller() {
    // The probe sandbox plus router lr1 (lrp1 10.0.0.1/24 + fd00::1/64 on ls1, lrp2
    // 192.168.1.1/24 + fd01::1/64 on ls2), an SNAT, a dnat_and_snat, a default route and
    // load balancer lb1 (10.0.0.100:80 -> 10.0.0.11:80, 10.0.0.12:80) on ls1 and lr1.
    let ls1 = MapLookup::new()
        .port("lsp1", 2)
        .port("ls1-lr1", 3)
        .port("_MC_flood", 0x8000)
        .port("_MC_flood_l2", 0x8004)
        .address_set("svc_monitor_mac", &["fe:39:fc:d5:5e:e3"])
        .address_set("as1", &["10.1.0.1", "10.1.0.2", "10.2.0.0/16"])
        .address_set("as6", &["fd00::1", "fd00::2"]);
    let lr1 = MapLookup::new()
        .port("lrp1", 1)
        .port("lrp2", 2)
        .address_set("_rtr_lb_2_ip4", &["10.0.0.100"]);
    let ls2 = MapLookup::new()
        .port("ls2-lr1", 1)
        .port("_MC_flood", 0x8000)
        .port("_MC_flood_l2", 0x8004)
        .address_set("svc_monitor_mac", &["fe:39:fc:d5:5e:e3"]);
    check(Case {
        lflows: "router-sb-lflow-list.txt",
        openflow: "router-ch1-br-int-flows.txt",
        datapaths: vec![("ls1", 1, ls1), ("lr1", 2, lr1), ("ls2", 3, ls2)],
        skip: &[
            (
                "inport == \"lsp1\" && eth.src != {00:00:00:00:00:01, 00:00:00:00:00:02}",
                "its 1,100 real flows are left out of the test data",
            ),
            (
                "tcp.src != {1, 2}",
                "its real flows are left out of this data set (see the probe data set)",
            ),
            (
                "ip.dscp == 8 && ip.ecn == 1",
                "the real ovn-controller installed plain ip/ipv6 flows without nw_tos/nw_ecn",
            ),
        ],
    });
}
