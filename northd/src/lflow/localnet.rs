//! `localnet` ports: the switch's attachment to a physical network.
//!
//! Traffic to and from a localnet port bypasses conntrack-based load balancing (and, on
//! a stateful switch, the ACL conntrack zone; otherwise egress clears conntrack state
//! with `ct_clear`), and ARP requests arriving from the
//! physical network are not answered by the logical ARP responder.

use super::{FlowSink, Origin, SwitchContext};
use crate::nb::{Direction, LogicalSwitchPort, LspType};
use crate::pipeline::Stage;

pub(super) fn build(cx: &SwitchContext<'_>, lsp: &LogicalSwitchPort, s: &mut FlowSink) {
    if lsp.type_ != LspType::Localnet {
        return;
    }
    let o = Origin::Port(lsp.uuid);
    let inport = super::port_eq(Direction::FromLport, &lsp.name);
    let outport = super::port_eq(Direction::ToLport, &lsp.name);
    s.add(o, Stage::InPreLb, 110, format!("ip && {inport}"), "next;");
    if cx.has_stateful {
        // Conntrack is skipped for the physical network already in pre-ACL.
        s.add(o, Stage::InPreAcl, 110, format!("ip && {inport}"), "next;");
        s.add(
            o,
            Stage::OutPreAcl,
            110,
            format!("ip && {outport}"),
            "next;",
        );
        s.add(o, Stage::OutPreLb, 110, format!("ip && {outport}"), "next;");
    } else {
        s.add(
            o,
            Stage::OutPreLb,
            110,
            format!("ip && {outport}"),
            "ct_clear; next;",
        );
    }
    s.add(o, Stage::InArpRsp, 100, inport, "next;");
}
