//! What the match compiler does, one idea per table: each row is a logical-flow match and
//! the OpenFlow matches (in `ovs-ofctl` syntax, sorted) it must compile to. The ideas are
//! those OVN's own expression tests check — negation, prerequisites, sets, ranges,
//! conjunctive matches — written down here as examples.

use controller::lflow::{FlowOptions, MapLookup, MatchCompiler};

fn lookup() -> MapLookup {
    MapLookup::new()
        .port("lsp1", 1)
        .port("lsp2", 2)
        .port("_MC_flood", 0x8000)
        .address_set("as1", &["10.1.0.1", "10.2.0.0/16"])
        .address_set("macs", &["00:00:00:00:00:01", "00:00:00:00:00:02"])
        .port_group("pg", &["lsp1", "lsp2", "remote"])
        .resident("lsp1")
}

fn compile(m: &str) -> Vec<String> {
    let l = lookup();
    let c = MatchCompiler::new(&l);
    let mut v: Vec<String> = c
        .compile_str(
            m,
            &FlowOptions {
                metadata: None,
                conj_id: 7,
            },
        )
        .unwrap_or_else(|e| panic!("{m}: {e}"))
        .iter()
        .map(|f| f.to_string())
        .collect();
    v.sort();
    v
}

fn table(rows: &[(&str, &[&str])]) {
    for (m, want) in rows {
        let mut want: Vec<String> = want.iter().map(|s| s.to_string()).collect();
        want.sort();
        assert_eq!(compile(m), want, "match: {m}");
    }
}

#[test]
fn constants_and_booleans() {
    table(&[
        ("1", &[""]),
        ("0", &[]),
        ("!0", &[""]),
        ("!1 || 1", &[""]),
        ("1 && 0", &[]),
    ]);
}

#[test]
fn predicates_expand() {
    table(&[
        ("ip4", &["ip"]),
        ("ip", &["ip", "ipv6"]),
        ("icmp", &["icmp", "icmp6"]),
        ("eth.bcast", &["dl_dst=ff:ff:ff:ff:ff:ff"]),
        ("eth.mcast", &["dl_dst=01:00:00:00:00:00/01:00:00:00:00:00"]),
        ("vlan.present", &["vlan_tci=0x1000/0x1000"]),
        ("ip.first_frag", &["ip,nw_frag=first", "ipv6,nw_frag=first"]),
        ("igmp", &["ip,nw_proto=2"]),
        ("arp", &["arp"]),
        ("ip4 == 1", &["ip"]),
        (
            "nd",
            &[
                "icmp6,nw_ttl=255,icmp_type=135,icmp_code=0",
                "icmp6,nw_ttl=255,icmp_type=136,icmp_code=0",
            ],
        ),
        ("mldv2", &["icmp6,ipv6_dst=ff02::16,icmp_type=143"]),
    ]);
}

#[test]
fn prerequisites_are_added_and_never_negated() {
    table(&[
        // tcp.src implies tcp, tcp implies ip.proto == 6, which implies ip4 || ip6.
        ("tcp.src == 80", &["tcp,tp_src=80", "tcp6,tp_src=80"]),
        // ip4.src implies ip4: the IPv6 half of `tcp` disappears.
        ("ip4.src == 10.0.0.1 && tcp", &["tcp,nw_src=10.0.0.1"]),
        // Contradictory prerequisites: nothing can match.
        ("ip4.src == 10.0.0.1 && ip6.src == ::1", &[]),
        // `!ct.est` is "tracked and not established", not "untracked or not established".
        ("!ct.est", &["ct_state=-est+trk"]),
        ("ct.trk", &["ct_state=+trk"]),
        ("!ct.trk", &["ct_state=-trk"]),
        ("ct.new && ct.dnat", &["ct_state=+new+trk+dnat"]),
        // vlan.vid implies vlan.present.
        ("vlan.vid == 5", &["dl_vlan=5"]),
        (
            "nd.sll == 00:00:00:00:00:01",
            &["icmp6,nw_ttl=255,icmp_type=135,icmp_code=0,nd_sll=00:00:00:00:00:01"],
        ),
    ]);
}

#[test]
fn negation_follows_de_morgan() {
    table(&[
        (
            "!(ct.est && ct.rpl)",
            &["ct_state=-est+trk", "ct_state=-rpl+trk"],
        ),
        ("!(ct.est || ct.rpl)", &["ct_state=-est-rpl+trk"]),
        ("!!ct.est", &["ct_state=+est+trk"]),
        ("!(reg0[0] == 1)", &["reg0=0/0x1"]),
        // != on several bits: some bit differs, one flow per bit.
        ("reg0[0..1] != 3", &["reg0=0/0x1", "reg0=0/0x2"]),
        ("!(reg0[0..1] == 2)", &["reg0=0/0x2", "reg0=0x1/0x1"]),
    ]);
    assert_eq!(
        compile("!(ct.est && ct.rpl)"),
        compile("!ct.est || !ct.rpl")
    );
    assert_eq!(compile("!(ip4.src == 10.0.0.0/24)").len(), 24);
}

#[test]
fn subfields() {
    table(&[
        ("reg0[15] == 1", &["reg0=0x8000/0x8000"]),
        ("reg0[15]", &["reg0=0x8000/0x8000"]),
        ("reg0[1] == 1 && reg0[13] == 0", &["reg0=0x2/0x2002"]),
        ("reg0[3..5] == 5", &["reg0=0x28/0x38"]),
        (
            "eth.src[40]",
            &["dl_src=01:00:00:00:00:00/01:00:00:00:00:00"],
        ),
        // xxreg0 overlays reg0..reg3, reg0 most significant.
        ("xxreg0[0] == 1", &["reg3=0x1/0x1"]),
        ("xxreg0[111] == 1", &["reg0=0x8000/0x8000"]),
        ("xreg1 == 0x100000002", &["reg2=0x1,reg3=0x2"]),
        ("flags.loopback == 1", &["reg10=0x1/0x1"]),
        ("ct_mark.blocked == 1", &["ct_mark=0x1/0x1"]),
        (
            "ct_label.label == 5",
            &["ct_label=0x5000000000000000000000000/0xffffffff000000000000000000000000"],
        ),
        ("vlan.tci[13..15] == 3", &["vlan_tci=0x6000/0xe000"]),
    ]);
}

#[test]
fn sets_and_masks() {
    table(&[
        (
            "ip4.src == {10.0.0.1, 10.0.0.2}",
            &["ip,nw_src=10.0.0.1", "ip,nw_src=10.0.0.2"],
        ),
        (
            "ip4.src == {10.0.0.1 10.0.0.2,}",
            &["ip,nw_src=10.0.0.1", "ip,nw_src=10.0.0.2"],
        ),
        // Two sets on one field intersect.
        (
            "ip4.src == {10.0.0.1, 10.0.0.2} && ip4.src == {10.0.0.2, 10.0.0.3}",
            &["ip,nw_src=10.0.0.2"],
        ),
        (
            "ip4.src == 10.0.0.0/8 && ip4.src == 10.1.0.0/16",
            &["ip,nw_src=10.1.0.0/16"],
        ),
        (
            "ip4.dst == 10.0.0.1/255.0.255.0",
            &["ip,nw_dst=10.0.0.0/255.0.255.0"],
        ),
        ("ip6.src == fe80::/10", &["ipv6,ipv6_src=fe80::/10"]),
        (
            "udp.src == 0x100/0xff00",
            &["udp,tp_src=0x100/0xff00", "udp6,tp_src=0x100/0xff00"],
        ),
        (
            "ip4.src == $as1",
            &["ip,nw_src=10.1.0.1", "ip,nw_src=10.2.0.0/16"],
        ),
        (
            "ip.ttl == {0, 1}",
            &[
                "ip,nw_ttl=0",
                "ip,nw_ttl=1",
                "ipv6,nw_ttl=0",
                "ipv6,nw_ttl=1",
            ],
        ),
    ]);
}

#[test]
fn ports_and_port_groups() {
    table(&[
        ("inport == \"lsp1\"", &["reg14=0x1"]),
        ("outport == \"_MC_flood\"", &["reg15=0x8000"]),
        // "none" is key 0: what `outport = get_fdb(...)` leaves when nothing is found.
        ("outport == \"none\"", &["reg15=0"]),
        // A port this chassis cannot resolve makes the comparison false.
        ("inport == \"remote\"", &[]),
        ("inport == \"remote\" || ip4", &["ip"]),
        ("outport == @pg", &["reg15=0x1", "reg15=0x2"]),
        (
            "inport == {\"lsp1\", \"lsp2\"}",
            &["reg14=0x1", "reg14=0x2"],
        ),
        ("!(inport != \"lsp1\")", &["reg14=0x1"]),
        ("is_chassis_resident(\"lsp1\") && ip4", &["ip"]),
        ("is_chassis_resident(\"lsp2\") && ip4", &[]),
        ("!is_chassis_resident(\"lsp2\")", &[""]),
    ]);
}

#[test]
fn relational_operators_become_prefixes() {
    table(&[
        (
            "tcp.src < 1024",
            &["tcp,tp_src=0x0/0xfc00", "tcp6,tp_src=0x0/0xfc00"],
        ),
        // x > c: for each 0 bit of c, the bits above equal and that bit 1.
        ("reg0[0..3] > 13", &["reg0=0xe/0xe"]),
        // x >= c adds c itself.
        ("reg0[0..3] >= 14", &["reg0=0xe/0xf", "reg0=0xf/0xf"]),
        // x <= c: c itself, and for each 1 bit of c, the bits above equal and that bit 0.
        ("reg0[0..3] <= 1", &["reg0=0/0xf", "reg0=0x1/0xf"]),
        // A range is both comparisons on one field: the two sets intersect.
        ("2 <= reg0[0..3] <= 3", &["reg0=0x2/0xf", "reg0=0x3/0xf"]),
        (
            "!(reg0[0..3] < 8)",
            &[
                "reg0=0x8/0xf",
                "reg0=0x9/0xf",
                "reg0=0xa/0xe",
                "reg0=0xc/0xc",
            ],
        ),
        ("reg0[0..3] < 0", &[]),
    ]);
}

#[test]
fn conjunctive_matches() {
    // One term with two sets on different fields: 2 + 2 clause flows and one conj_id flow.
    table(&[(
        "ip4.src == {10.0.0.1, 10.0.0.2} && tcp.dst == {80, 443}",
        &[
            "conj_id=7,tcp",
            "tcp,nw_src=10.0.0.1 actions=conjunction(7,1/2)",
            "tcp,nw_src=10.0.0.2 actions=conjunction(7,1/2)",
            "tcp,tp_dst=443 actions=conjunction(7,2/2)",
            "tcp,tp_dst=80 actions=conjunction(7,2/2)",
        ],
    )]);
    // Clauses are numbered in field-name order (dl_dst before dl_src), as ovn-controller does.
    table(&[(
        "eth.src == $macs && eth.dst == {00:00:00:00:00:03, 00:00:00:00:00:04}",
        &[
            "conj_id=7",
            "dl_dst=00:00:00:00:00:03 actions=conjunction(7,1/2)",
            "dl_dst=00:00:00:00:00:04 actions=conjunction(7,1/2)",
            "dl_src=00:00:00:00:00:01 actions=conjunction(7,2/2)",
            "dl_src=00:00:00:00:00:02 actions=conjunction(7,2/2)",
        ],
    )]);
    // eth.type is a prerequisite of other fields, so `ip` is crossed out first; that gives
    // two terms, and a match with several terms never uses a conjunction.
    assert_eq!(compile("ip && reg1 == {1, 2} && reg2 == {3, 4}").len(), 8);
    // Likewise an OR at the top.
    assert_eq!(
        compile("ip4.dst == {10.0.0.1, 10.0.0.2} && (tcp.dst == {80, 443} || udp.dst == 53)").len(),
        6
    );
    // Three dimensions: 2 + 2 + 2 + 1 flows instead of 8.
    assert_eq!(
        compile("ip4.src == {10.0.0.1, 10.0.0.2} && ip4.dst == {10.0.0.3, 10.0.0.4} && tcp.src == {1, 2}")
            .len(),
        7
    );
}

#[test]
fn errors_are_reported_not_panicked() {
    let l = lookup();
    let c = MatchCompiler::new(&l);
    let opts = FlowOptions::default();
    for bad in [
        "nosuch == 1",
        "reg0 == 1.2.3.4/0.0.0.0 && reg0[40] == 1",
        "eth.type != 0x800",
        "eth.type < 0x800",
        "ip.proto == 6/7",
        "inport != \"lsp1\"",
        "inport == 1",
        "reg0 == \"x\"",
        "tcp.src",
        "ip4 == 2",
        "reg0[0..3] == 16",
        "tcp.src < {1, 2}",
        "ip4.src == $nosuch",
        "outport == @nosuch",
        "frobnicate(1)",
        "reg0[0..3] < 1/1",
    ] {
        assert!(c.compile_str(bad, &opts).is_err(), "{bad} should fail");
    }
}
