//! The fixed flows of every switch stage (ovn-northd(8), "Logical Switch Datapaths"),
//! including the single `next;` flow of stages whose features this compiler does not
//! implement (load balancing, QoS, hairpin, DHCP, DNS, external ports), so the pipeline
//! matches the real one table for table.

use super::{FlowSink, Origin, SwitchContext};
use crate::pipeline::regs::{
    ACL_HINT_ALLOW, ACL_HINT_ALLOW_NEW, ACL_HINT_ALLOW_REL, ACL_HINT_BLOCK, ACL_HINT_DROP,
    ACL_LABEL, ACL_STATELESS, CONNTRACK_COMMIT, CONNTRACK_DEFRAG, CONNTRACK_NAT, CT_LABEL_LABEL,
    CT_MARK_BLOCKED, PORT_SEC_DROP, REG_LABEL,
};
use crate::pipeline::Stage::{self, *};

/// Neighbour discovery and multicast listener traffic, which bypasses ACLs and LB.
const ND_MLD_PRE: &str = "nd || nd_rs || nd_ra || mldv1 || mldv2";
const ND_MLD_ACL: &str = "nd || nd_ra || nd_rs || mldv1 || mldv2";
/// ... plus DHCPv6 client → server, which also bypasses conntrack.
const ND_MLD_DHCPV6: &str =
    "nd || nd_rs || nd_ra || mldv1 || mldv2 || (udp && udp.src == 546 && udp.dst == 547)";

/// The multicast group every switch floods broadcast and multicast to.
pub const MC_FLOOD: &str = "_MC_flood";
/// The multicast group of ports with `unknown` addresses.
pub const MC_UNKNOWN: &str = "_MC_unknown";

pub(super) fn build(cx: &SwitchContext<'_>, s: &mut FlowSink) {
    let o = Origin::Switch(cx.ls.uuid);
    let svc = cx.svc_monitor_mac_set();
    let next = "next;";

    // Port security (the per-port work is done by ovn-controller in check_*_port_sec()).
    s.add(o, InCheckPortSec, 100, "eth.src[40]", "drop;");
    s.add(o, InCheckPortSec, 100, "vlan.present", "drop;");
    s.add(
        o,
        InCheckPortSec,
        50,
        "1",
        format!("{}; next;", PORT_SEC_DROP.load("check_in_port_sec()")),
    );
    s.add(o, InApplyPortSec, 50, PORT_SEC_DROP.is_set(), "drop;");
    s.add(o, InApplyPortSec, 0, "1", next);
    s.add(
        o,
        OutCheckPortSec,
        100,
        "eth.mcast",
        format!("{}; next;", PORT_SEC_DROP.clear()),
    );
    s.add(
        o,
        OutCheckPortSec,
        0,
        "1",
        format!("{}; next;", PORT_SEC_DROP.load("check_out_port_sec()")),
    );
    s.add(o, OutApplyPortSec, 50, PORT_SEC_DROP.is_set(), "drop;");
    s.add(o, OutApplyPortSec, 0, "1", "output;");

    // FDB: per-port flows come from ports with unknown addresses.
    s.add(o, InLookupFdb, 0, "1", next);
    s.add(o, InPutFdb, 0, "1", next);

    // pre-ACL and pre-LB.
    for (stage, dir_svc) in [(InPreAcl, "eth.dst"), (OutPreAcl, "eth.src")] {
        s.add(o, stage, 110, format!("{dir_svc} == {svc}"), next);
        s.add(o, stage, 0, "1", next);
        if cx.has_stateful {
            s.add(o, stage, 110, "eth.mcast", next);
            s.add(o, stage, 110, ND_MLD_DHCPV6, next);
            s.add(
                o,
                stage,
                100,
                "ip",
                format!("{}; next;", CONNTRACK_DEFRAG.set()),
            );
        }
    }
    for (stage, dir_svc) in [(InPreLb, "eth.dst"), (OutPreLb, "eth.src")] {
        s.add(o, stage, 110, format!("{dir_svc} == {svc}"), next);
        s.add(o, stage, 110, "eth.mcast", next);
        s.add(o, stage, 110, ND_MLD_PRE, next);
        s.add(o, stage, 110, ACL_STATELESS.is_set(), next);
        s.add(o, stage, 0, "1", next);
    }
    for stage in [InPreStateful, OutPreStateful] {
        s.add(o, stage, 110, CONNTRACK_NAT.is_set(), "ct_lb_mark;");
        s.add(o, stage, 100, CONNTRACK_DEFRAG.is_set(), "ct_next;");
        s.add(o, stage, 0, "1", next);
    }

    // ACL hints and the ACL stages' fixed flows.
    for (hint, acl, dir_svc) in [
        (InAclHint, InAcl, "eth.dst"),
        (OutAclHint, OutAcl, "eth.src"),
    ] {
        acl_defaults(cx, s, hint, acl, dir_svc);
    }
    s.add(o, InAclAfterLb, 65532, ND_MLD_ACL, next);
    s.add(o, InAclAfterLb, 0, "1", next);
    if cx.has_stateful {
        s.add(o, InAclAfterLb, 65532, ACL_HINT_ALLOW_REL.is_set(), next);
    }

    // Commit what the ACLs asked to commit.
    for stage in [InStateful, OutStateful] {
        s.add(
            o,
            stage,
            100,
            format!("{} && {}", CONNTRACK_COMMIT.is_set(), ACL_LABEL.is_clear()),
            format!("ct_commit {{ {CT_MARK_BLOCKED} = 0; }}; next;"),
        );
        s.add(
            o,
            stage,
            100,
            format!("{} && {}", CONNTRACK_COMMIT.is_set(), ACL_LABEL.is_set()),
            format!(
                "ct_commit {{ {CT_MARK_BLOCKED} = 0; {CT_LABEL_LABEL} = {REG_LABEL}; }}; next;"
            ),
        );
        s.add(o, stage, 0, "1", next);
    }

    // Stages of features outside this compiler: one pass-through flow each.
    let unused: [Stage; 14] = [
        InQosMark,
        InQosMeter,
        InLbAffCheck,
        InLb,
        InLbAffLearn,
        InPreHairpin,
        InNatHairpin,
        InHairpin,
        InDhcpOptions,
        InDhcpResponse,
        InDnsLookup,
        InDnsResponse,
        InExternalPort,
        OutQosMark,
    ];
    for stage in unused {
        s.add(o, stage, 0, "1", next);
    }
    s.add(o, OutQosMeter, 0, "1", next);

    // ARP/ND responder and L2 lookup.
    s.add(o, InArpRsp, 0, "1", next);
    s.add(
        o,
        InL2Lkup,
        110,
        format!("eth.dst == {svc} && (tcp || icmp || icmp6)"),
        "handle_svc_check(inport);",
    );
    s.add(
        o,
        InL2Lkup,
        70,
        "eth.mcast",
        format!("outport = \"{MC_FLOOD}\"; output;"),
    );
    s.add(o, InL2Lkup, 0, "1", "outport = get_fdb(eth.dst); next;");
    let unknown = if cx.has_unknown {
        format!("outport = \"{MC_UNKNOWN}\"; output;")
    } else {
        "drop;".to_string()
    };
    s.add(o, InL2Unknown, 50, "outport == \"none\"", unknown);
    s.add(o, InL2Unknown, 0, "1", "output;");
}

fn acl_defaults(cx: &SwitchContext<'_>, s: &mut FlowSink, hint: Stage, acl: Stage, dir_svc: &str) {
    let o = Origin::Switch(cx.ls.uuid);
    let next = "next;";
    let ingress = acl == InAcl;
    s.add(o, acl, 65532, ND_MLD_ACL, next);
    if !cx.has_acls() {
        s.add(o, hint, 65535, "1", next);
        s.add(o, acl, 65535, "1", next);
        return;
    }
    s.add(o, hint, 0, "1", next);
    s.add(
        o,
        acl,
        34000,
        format!("{dir_svc} == {}", cx.svc_monitor_mac_set()),
        next,
    );
    s.add(o, acl, 0, "1", next);
    if !cx.has_stateful {
        return;
    }
    let b = CT_MARK_BLOCKED;
    let hints: [(u16, String, Vec<_>); 7] = [
        (
            7,
            "ct.new && !ct.est".into(),
            vec![ACL_HINT_ALLOW_NEW, ACL_HINT_DROP],
        ),
        (
            6,
            format!("!ct.new && ct.est && !ct.rpl && {b} == 1"),
            vec![ACL_HINT_ALLOW_NEW, ACL_HINT_DROP],
        ),
        (5, "!ct.trk".into(), vec![ACL_HINT_ALLOW, ACL_HINT_DROP]),
        (
            4,
            format!("!ct.new && ct.est && !ct.rpl && {b} == 0"),
            vec![ACL_HINT_ALLOW, ACL_HINT_BLOCK],
        ),
        (3, "!ct.est".into(), vec![ACL_HINT_DROP]),
        (2, format!("ct.est && {b} == 1"), vec![ACL_HINT_DROP]),
        (1, format!("ct.est && {b} == 0"), vec![ACL_HINT_BLOCK]),
    ];
    for (prio, m, bits) in hints {
        let mut a: String = bits.iter().map(|b| format!("{}; ", b.set())).collect();
        a.push_str(next);
        s.add(o, hint, prio, m, a);
    }
    let rel = if ingress {
        format!("{}; ct_commit_nat;", ACL_HINT_ALLOW_REL.set())
    } else {
        "ct_commit_nat;".to_string()
    };
    s.add(
        o,
        acl,
        65532,
        format!("!ct.est && ct.rel && !ct.new && !ct.inv && {b} == 0"),
        rel,
    );
    let reply = if ingress {
        format!(
            "{}; {}; {}; next;",
            ACL_HINT_DROP.clear(),
            ACL_HINT_BLOCK.clear(),
            ACL_HINT_ALLOW_REL.set()
        )
    } else {
        next.to_string()
    };
    s.add(
        o,
        acl,
        65532,
        format!("ct.est && !ct.rel && !ct.new && !ct.inv && ct.rpl && {b} == 0"),
        reply,
    );
    s.add(
        o,
        acl,
        65532,
        format!("ct.inv || (ct.est && ct.rpl && {b} == 1)"),
        "drop;",
    );
    let commit = format!("{}; next;", CONNTRACK_COMMIT.set());
    s.add(o, acl, 1, "ip && !ct.est", commit.clone());
    s.add(o, acl, 1, format!("ip && ct.est && {b} == 1"), commit);
}
