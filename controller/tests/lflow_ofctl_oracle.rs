//! The `ovs-ofctl` text that `FlowMatch` prints must be what Open vSwitch itself prints
//! for the same match: `ovs-ofctl parse-flow` (the reference implementation of the syntax)
//! must accept our text and print it back unchanged. This covers fields the reference
//! dumps never show (masked `tcp_flags`, `ipv6_label`, `nd_tll`, conntrack tuple fields,
//! VLAN PCP alone, ...). Skipped when `ovs-ofctl` is not installed.

use std::process::Command;

use controller::lflow::{FlowOptions, MapLookup, MatchCompiler};

const MATCHES: &[&str] = &[
    "1",
    "ct.new && !ct.est && ct.dnat && !ct.snat",
    "ct_mark == 0x10/0xf0 && ct_label[0..63] == 5",
    "pkt.mark == 7",
    "reg0 == 1 && reg9[31] == 1 && xxreg1[0..7] == 255 && flags.loopback == 0",
    "inport == \"lsp1\" && outport == \"_MC_flood\"",
    "vlan.pcp == 5",
    "vlan.vid == 4095",
    "vlan.tci == 0x1234",
    "vlan.tci[0..3] == 5",
    "eth.src == 00:11:22:33:44:55 && eth.dst == 01:00:00:00:00:00/01:00:00:00:00:00",
    "eth.type == 0x88cc",
    "ip4.src == 10.0.0.0/8 && ip4.dst == 192.168.1.1/255.255.0.255",
    "ip6.src == fd00::/64 && ip6.dst == ::1 && ip6.label == 0x12345",
    "ip6.label[0..3] == 1",
    "ip.proto == 47",
    "ip.dscp == 10 && ip.ecn == 2 && ip.ttl == 64",
    "ip.is_frag",
    "ip.later_frag",
    "!ip.is_frag",
    "arp.op == 1 && arp.spa == 10.0.0.1 && arp.tpa == 10.0.0.0/24 && arp.sha == 00:00:00:00:00:01 && arp.tha == 00:00:00:00:00:02",
    "rarp.op == 3",
    "tcp.src == 80 && tcp.dst == 0x100/0xff00",
    "tcp.flags == 0x12",
    "tcp.flags[1] == 1 && tcp.flags[4] == 0",
    "udp.src == 53 || udp.dst == 53",
    "sctp.src == 1 && sctp.dst == 2",
    "icmp4.type == 8 && icmp4.code == 0",
    "icmp6.type == 128 && icmp6.code == 0",
    "nd.target == fe80::1 && nd_ns",
    "nd_ns && nd.sll == 00:00:00:00:00:01",
    "nd_na && nd.tll == 00:00:00:00:00:02",
    "ct_nw_src == 10.0.0.1 && ct_nw_dst == 10.0.0.0/8 && ct_tp_src == 5 && ct_nw_proto == 6",
    "ct_ip6_src == fd00::1 && ct_nw_proto == 17 && ct_tp_dst == 0x10/0xf0",
    "ip4.src == {10.0.0.1, 10.0.0.2} && tcp.dst == {80, 443}",
];

fn ofctl_normalise(m: &str) -> Option<String> {
    let flow = if m.is_empty() {
        "actions=drop".to_string()
    } else {
        format!("{m},actions=drop")
    };
    let out = Command::new("ovs-ofctl")
        .args(["parse-flow", &flow])
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text.lines().find(|l| l.contains(": ADD "))?;
    let rest = &line[line.find(": ADD ").unwrap() + 6..];
    Some(
        rest.strip_suffix("actions=drop")
            .unwrap_or(rest)
            .trim_end()
            .trim_end_matches(',')
            .to_string(),
    )
}

#[test]
fn ovs_ofctl_prints_our_matches_unchanged() {
    if Command::new("ovs-ofctl").arg("--version").output().is_err() {
        if std::env::var_os("CI").is_some() {
            panic!("a reference tool this test needs is missing in CI: scripts/install-deps.sh installs it");
        }
        eprintln!("ovs-ofctl not installed: skipping the oracle test");
        return;
    }
    let lookup = MapLookup::new().port("lsp1", 1).port("_MC_flood", 0x8000);
    let compiler = MatchCompiler::new(&lookup);
    let mut checked = 0;
    let mut failures = Vec::new();
    for m in MATCHES {
        let flows = compiler
            .compile_str(
                m,
                &FlowOptions {
                    metadata: Some(3),
                    conj_id: 5,
                },
            )
            .unwrap_or_else(|e| panic!("{m}: {e}"));
        assert!(!flows.is_empty(), "{m}");
        for f in flows {
            let ours = f.flow_match.to_string();
            match ofctl_normalise(&ours) {
                Some(theirs) if theirs == ours => checked += 1,
                other => failures.push(format!("{m}\n  rovn:      {ours}\n  ovs-ofctl: {other:?}")),
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checked > 40);
}
