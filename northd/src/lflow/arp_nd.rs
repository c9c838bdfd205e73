//! ARP and IPv6 neighbour-discovery responders for the known addresses of switch ports
//! (ovn-northd(8), ingress table `ls_in_arp_rsp`).
//!
//! For every IPv4 address of a port: a priority-50 flow answering `who-has` with the
//! port's MAC, and a priority-100 flow that lets the port's own requests for itself
//! through (so duplicate-address detection still sees them). The same pair for each
//! IPv6 address with `nd_na`. Ports with `unknown` addresses get none (their MAC/IP may
//! move), nor do localnet ports. A `router` port is served like any other for its
//! static addresses; its `router` address keyword names the peer router port's
//! addresses, which exist only once logical routers are compiled.

use super::{FlowSink, Origin, SwitchContext};
use crate::nb::{Direction, LogicalSwitchPort, LspType};
use crate::pipeline::regs::FLAG_LOOPBACK;
use crate::pipeline::Stage;
use std::net::Ipv6Addr;

/// The solicited-node multicast address of `a` (ff02::1:ffXX:XXXX).
pub fn solicited_node(a: Ipv6Addr) -> Ipv6Addr {
    let o = a.octets();
    Ipv6Addr::new(
        0xff02,
        0,
        0,
        0,
        0,
        1,
        0xff00 | u16::from(o[13]),
        (u16::from(o[14]) << 8) | u16::from(o[15]),
    )
}

pub(super) fn build(_cx: &SwitchContext<'_>, lsp: &LogicalSwitchPort, s: &mut FlowSink) {
    if matches!(lsp.type_, LspType::Localnet | LspType::Other(_)) || lsp.has_unknown() {
        return;
    }
    let o = Origin::Port(lsp.uuid);
    let inport = super::port_eq(Direction::FromLport, &lsp.name);
    for pa in lsp.known_addresses() {
        let mac = pa.mac;
        for (ip, _) in &pa.ipv4 {
            let m = format!("arp.tpa == {ip} && arp.op == 1");
            s.add(o, Stage::InArpRsp, 100, format!("{m} && {inport}"), "next;");
            s.add(
                o,
                Stage::InArpRsp,
                50,
                m,
                format!(
                    "eth.dst = eth.src; eth.src = {mac}; arp.op = 2; /* ARP reply */ \
                     arp.tha = arp.sha; arp.sha = {mac}; arp.tpa = arp.spa; \
                     arp.spa = {ip}; outport = inport; {FLAG_LOOPBACK} = 1; output;"
                ),
            );
        }
        for (ip, _) in &pa.ipv6 {
            let sn = solicited_node(*ip);
            let m = format!("nd_ns && ip6.dst == {{{ip}, {sn}}} && nd.target == {ip}");
            s.add(o, Stage::InArpRsp, 100, format!("{m} && {inport}"), "next;");
            s.add(
                o,
                Stage::InArpRsp,
                50,
                m,
                format!(
                    "nd_na {{ eth.src = {mac}; ip6.src = {ip}; nd.target = {ip}; \
                     nd.tll = {mac}; outport = inport; {FLAG_LOOPBACK} = 1; output; }};"
                ),
            );
        }
    }
}
