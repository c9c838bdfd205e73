//! Destination lookup (ovn-northd(8), ingress tables `ls_in_l2_lkup` and
//! `ls_in_l2_unknown`): one priority-50 flow per known MAC of a port sending to that
//! port (or dropping, if the port is disabled). Broadcast/multicast flooding to
//! `_MC_flood` and the unknown-MAC fallback to `_MC_unknown` are fixed flows
//! (`defaults.rs`); a disabled port also drops what the FDB resolved to it.

use super::{FlowSink, Origin, SwitchContext};
use crate::nb::{Direction, LogicalSwitchPort, LspType};
use crate::pipeline::Stage;

pub(super) fn build(_cx: &SwitchContext<'_>, lsp: &LogicalSwitchPort, s: &mut FlowSink) {
    if matches!(lsp.type_, LspType::Other(_)) {
        return;
    }
    let o = Origin::Port(lsp.uuid);
    let outport = super::port_eq(Direction::ToLport, &lsp.name);
    let action = if lsp.is_enabled() {
        format!("outport = \"{}\"; output;", lsp.name)
    } else {
        "drop;".to_string()
    };
    for pa in lsp.known_addresses() {
        s.add(
            o,
            Stage::InL2Lkup,
            50,
            format!("eth.dst == {}", pa.mac),
            action.clone(),
        );
    }
    if !lsp.is_enabled() {
        s.add(o, Stage::InL2Unknown, 50, outport, "drop;");
    }
}
