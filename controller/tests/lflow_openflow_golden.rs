//! Golden test of the whole logical-flow compiler (match *and* actions): every logical flow
//! real ovn-northd 23.03 wrote goes through [`FlowCompiler`], and the resulting OpenFlow
//! flows in the logical tables must be exactly the flows the real ovn-controller 23.03
//! installed (`ovs-ofctl -O OpenFlow15 dump-flows br-int`), compared as `ovs-ofctl` text
//! without cookies and with conjunction ids replaced by `ID`.
//!
//! Port keys and residency come from the reference `Port_Binding` and `Chassis` tables
//! (`sb-port-binding.txt`, `sb-chassis.txt`): ports bound to the chassis resolve in matches
//! and actions, ports bound elsewhere only in actions (ovn-controller drops flows matching
//! a remote `inport`).
//!
//! The compared tables are those logical flows land in: OpenFlow 8 + N for logical ingress
//! table N and 42 + N for egress; the physical hand-off tables (0, 37..41, 64..) are not
//! logical-flow output. Each test prints its match rate; every corpus must match 100%.
//!
//! Load balancers (`ct_lb_mark(backends=...)`) send packets to select groups: both sides'
//! `group:ID` are replaced by the group's content (`dump-groups` text without its id), so
//! the flows *and* the groups they use are compared, whatever ids each side allocated;
//! where the capture has the switch's whole group table, the compiler's desired groups
//! must be exactly that table.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::{
    anonymise_conj, data, gw_datapaths, lb_datapaths, legacy_datapaths, logical_flows,
    probe_lookup, reference_lookup, router_datapaths,
};
use controller::lflow::{FlowCompiler, LogicalFlowRow, MapLookup};
use openflow::text::{format_group, Flow};

/// A flow's `dump-flows` text without the cookie.
fn flow_text(f: &Flow) -> String {
    let mut f = f.clone();
    f.cookie = 0;
    let text = f.to_dump_string();
    anonymise_conj(text.strip_prefix("cookie=0x0, ").unwrap())
}

/// `group_id=N,REST` lines of `dump-groups` → N → REST.
fn group_contents<'a>(lines: impl Iterator<Item = &'a str>) -> BTreeMap<u32, String> {
    lines
        .filter_map(|l| l.trim().strip_prefix("group_id="))
        .map(|l| {
            let (id, rest) = l.split_once(',').unwrap();
            (id.parse().unwrap(), rest.to_string())
        })
        .collect()
}

/// `group:N` replaced by `group:[CONTENT]` (group N's `dump-groups` text without its id).
fn expand_groups(text: &str, groups: &BTreeMap<u32, String>) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(pos) = rest.find("group:") {
        out.push_str(&rest[..pos + 6]);
        rest = &rest[pos + 6..];
        let end = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        let id: u32 = rest[..end].parse().unwrap();
        let content = groups
            .get(&id)
            .unwrap_or_else(|| panic!("group {id} missing in {text}"));
        out.push_str(&format!("[{content}]"));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// `table=T, priority=P,MATCH actions=A` lines of the real dump, by (table, priority),
/// exactly as ovs-ofctl printed them (conjunction ids anonymised, groups expanded).
fn real_flows(text: &str, groups: &BTreeMap<u32, String>) -> BTreeMap<(u8, u16), BTreeSet<String>> {
    let mut out: BTreeMap<(u8, u16), BTreeSet<String>> = BTreeMap::new();
    for line in text.lines() {
        let line = line.trim();
        let Some(rest) = line.strip_prefix("table=") else {
            continue;
        };
        let (table, rest) = rest.split_once(", priority=").unwrap();
        let prio = &rest[..rest.find([',', ' ']).unwrap()];
        out.entry((table.parse().unwrap(), prio.parse().unwrap()))
            .or_default()
            .insert(expand_groups(&anonymise_conj(line), groups));
    }
    out
}

struct Case<'a> {
    lflows: &'a str,
    openflow: &'a str,
    datapaths: Vec<(&'a str, u32, MapLookup)>,
    /// Logical flows (by match text) whose real flows the test data leaves out.
    skip: &'a [&'a str],
    /// (table, priority) groups known to differ, with the reason; they must still differ
    /// (so that this list shrinks when the cause is fixed).
    known: &'a [(u8, u16, &'a str)],
    /// Skip-reason kinds expected from the compiler, with their counts.
    expected_skips: &'a [(&'a str, u64)],
    /// The real `dump-groups` of the chassis, and whether it is the switch's whole group
    /// table for this corpus (then the compiler's desired groups must equal it).
    groups: Option<(&'a str, bool)>,
}

struct Outcome {
    real: usize,
    matched: usize,
    failures: Vec<String>,
    skipped: BTreeMap<String, u64>,
}

fn run(case: &Case<'_>) -> Outcome {
    let lflows = logical_flows(&data(case.lflows));
    let real_groups = case
        .groups
        .map(|(f, _)| group_contents(data(f).lines()))
        .unwrap_or_default();
    let real = real_flows(&data(case.openflow), &real_groups);
    let mut compiler = FlowCompiler::new();
    let mut ours: BTreeMap<(u8, u16), BTreeSet<String>> = BTreeMap::new();
    let mut tables = BTreeSet::new();
    let mut skipped_keys = BTreeSet::new();
    for (n, lf) in lflows.iter().enumerate() {
        let table = lf.pipeline.openflow_table(lf.table).unwrap();
        tables.insert(table);
        let key = (table, lf.priority);
        if case.skip.iter().any(|m| lf.matches.contains(m)) {
            skipped_keys.insert(key);
            continue;
        }
        let (_, dp_key, lookup) = case
            .datapaths
            .iter()
            .find(|(name, _, _)| *name == lf.datapath)
            .unwrap_or_else(|| panic!("no lookup for datapath {}", lf.datapath));
        let row = LogicalFlowRow {
            uuid: uuid::Uuid::from_u128(0x1000_0000_0000_4000_8000_0000_0000_0000 + n as u128),
            pipeline: lf.pipeline,
            table_id: lf.table,
            priority: lf.priority,
            match_: &lf.matches,
            actions: &lf.actions,
            datapath_key: *dp_key,
        };
        // An error is counted by the compiler; its real flows show up as missing below.
        if let Ok(flows) = compiler.compile(&row, lookup) {
            let set = ours.entry(key).or_default();
            for f in flows {
                set.insert(flow_text(&f));
            }
        }
    }
    let mut outcome = Outcome {
        real: 0,
        matched: 0,
        failures: Vec::new(),
        skipped: compiler.skipped().clone(),
    };
    let our_groups = group_contents(
        compiler
            .groups()
            .values()
            .map(format_group)
            .collect::<Vec<_>>()
            .iter()
            .map(String::as_str),
    );
    if let Some((_, true)) = case.groups {
        let ours: BTreeSet<&String> = our_groups.values().collect();
        let theirs: BTreeSet<&String> = real_groups.values().collect();
        if ours != theirs {
            outcome.failures.push(format!(
                "group table:\n  real: {theirs:#?}\n  rovn: {ours:#?}"
            ));
        }
    }
    let ours: BTreeMap<(u8, u16), BTreeSet<String>> = ours
        .into_iter()
        .map(|(k, v)| (k, v.iter().map(|f| expand_groups(f, &our_groups)).collect()))
        .collect();
    let empty = BTreeSet::new();
    let keys: BTreeSet<(u8, u16)> = ours
        .keys()
        .chain(real.keys().filter(|(t, _)| tables.contains(t)))
        .copied()
        .collect();
    for key in keys {
        if skipped_keys.contains(&key) {
            continue;
        }
        let o = ours.get(&key).unwrap_or(&empty);
        let r = real.get(&key).unwrap_or(&empty);
        outcome.real += r.len();
        outcome.matched += r.intersection(o).count();
        if o != r {
            let missing: Vec<_> = r.difference(o).collect();
            let extra: Vec<_> = o.difference(r).collect();
            outcome.failures.push(format!(
                "table={} priority={}:\n  missing (real has, rovn lacks): {missing:#?}\n  extra (rovn has, real lacks): {extra:#?}",
                key.0, key.1
            ));
        }
    }
    eprintln!(
        "{}: {}/{} real logical-table flows reproduced exactly ({:.1}%), {} groups differ, skipped lflows: {:?}",
        case.lflows,
        outcome.matched,
        outcome.real,
        100.0 * outcome.matched as f64 / outcome.real.max(1) as f64,
        outcome.failures.len(),
        outcome.skipped
    );
    outcome
}

fn check_exact(case: Case<'_>) {
    let mut o = run(&case);
    assert!(o.real > 0);
    for (t, p, why) in case.known {
        let head = format!("table={t} priority={p}:");
        let before = o.failures.len();
        o.failures.retain(|f| !f.starts_with(&head));
        assert_eq!(
            before,
            o.failures.len() + 1,
            "table {t} priority {p} was expected to differ ({why}); update the known list"
        );
    }
    let expected: BTreeMap<String, u64> = case
        .expected_skips
        .iter()
        .map(|(k, n)| (k.to_string(), *n))
        .collect();
    assert!(
        o.failures.is_empty() && o.skipped == expected,
        "{} groups differ (skipped: {:?}):\n{}",
        o.failures.len(),
        o.skipped,
        o.failures.join("\n")
    );
}

#[test]
fn basic_switch_flows_equal_real_ovn_controller() {
    check_exact(Case {
        lflows: "sb-lflow-list.txt",
        openflow: "ch1-br-int-flows.txt",
        datapaths: vec![("ls1", 1, reference_lookup("ch1"))],
        skip: &[],
        known: &[],
        expected_skips: &[],
        groups: None,
    });
}

#[test]
fn drop_acl_flows_equal_real_ovn_controller() {
    check_exact(Case {
        lflows: "sb-lflow-list-with-acl.txt",
        openflow: "ch2-br-int-flows-with-acl.txt",
        datapaths: vec![("ls1", 1, reference_lookup("ch2"))],
        skip: &[],
        known: &[],
        expected_skips: &[],
        groups: None,
    });
}

#[test]
fn stateful_acl_flows_equal_real_ovn_controller() {
    check_exact(Case {
        lflows: "sb-lflow-list-stateful-acl.txt",
        openflow: "ch1-br-int-flows-stateful-acl.txt",
        datapaths: vec![("ls1", 1, reference_lookup("ch1"))],
        skip: &[],
        known: &[],
        expected_skips: &[],
        groups: None,
    });
}

#[test]
fn probe_acl_flows_equal_real_ovn_controller() {
    // The probe sandbox bound lsp1 with key 2 on ch1 (see the data README).
    check_exact(Case {
        lflows: "probe-sb-lflow-list.txt",
        openflow: "probe-ch1-br-int-flows.txt",
        datapaths: vec![("ls1", 1, probe_lookup())],
        skip: &[
            // Its 1,100 real flows are left out of the test data.
            "inport == \"lsp1\" && eth.src != {00:00:00:00:00:01, 00:00:00:00:00:02}",
            // The real ovn-controller installed plain ip/ipv6 flows without nw_tos/nw_ecn.
            "ip.dscp == 8 && ip.ecn == 1",
        ],
        known: &[],
        expected_skips: &[],
        groups: None,
    });
}

#[test]
fn router_and_load_balancer_flows_equal_real_ovn_controller() {
    // The probe sandbox plus router lr1, SNAT/DNAT and load balancer lb1 (data README).
    // Its flows use lb1's groups 1 (ls1) and 2 (lr1), whose content comes from the lb
    // capture (same lb1, same ids there); that file holds more groups, so only the
    // groups the flows use are compared.
    check_exact(Case {
        lflows: "router-sb-lflow-list.txt",
        openflow: "router-ch1-br-int-flows.txt",
        datapaths: router_datapaths(),
        skip: &[
            "inport == \"lsp1\" && eth.src != {00:00:00:00:00:01, 00:00:00:00:00:02}",
            "tcp.src != {1, 2}",
            "ip.dscp == 8 && ip.ecn == 1",
        ],
        known: &[],
        expected_skips: &[],
        groups: Some(("lb-ch1-br-int-groups.txt", false)),
    });
}

#[test]
fn load_balancer_groups_equal_real_ovn_controller() {
    // Reference sandbox plus lr1 and five load balancers: dp_hash and hash selection,
    // IPv4/IPv6, with and without ports, on a switch and a router (data README).
    check_exact(Case {
        lflows: "lb-sb-lflow-list.txt",
        openflow: "lb-ch1-br-int-flows.txt",
        datapaths: lb_datapaths(),
        skip: &[],
        known: &[],
        expected_skips: &[],
        groups: Some(("lb-ch1-br-int-groups.txt", true)),
    });
}

#[test]
fn gateway_nat_flows_equal_real_ovn_controller() {
    // The lb sandbox with lrp2's gateway on ch1: common-zone NAT (`ct_dnat_in_czone`,
    // `ct_snat_in_czone`) and a dnat_and_snat with ports 2000-3000 (data README).
    check_exact(Case {
        lflows: "gw-sb-lflow-list.txt",
        openflow: "gw-ch1-br-int-flows.txt",
        datapaths: gw_datapaths(),
        skip: &[],
        known: &[],
        expected_skips: &[],
        groups: Some(("lb-ch1-br-int-groups.txt", true)),
    });
}

#[test]
fn legacy_conntrack_flows_equal_real_ovn_controller() {
    // A chassis without the ct_lb_mark feature makes northd fall back to `ct_lb` and to
    // conntrack state in ct_label (data README).
    check_exact(Case {
        lflows: "legacy-sb-lflow-list.txt",
        openflow: "legacy-ch1-br-int-flows.txt",
        datapaths: legacy_datapaths(),
        skip: &[],
        known: &[],
        expected_skips: &[],
        groups: Some(("legacy-ch1-br-int-groups.txt", true)),
    });
}
