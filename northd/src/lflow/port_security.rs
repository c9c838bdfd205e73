//! Port security and MAC learning.
//!
//! In OVN 23.03 the per-port L2/IP port security checks (`Logical_Switch_Port:
//! port_security`) are done by ovn-controller inside `check_in_port_sec()` and
//! `check_out_port_sec()` (fixed flows in `defaults.rs`) from the `port_security` column
//! copied to the SB `Port_Binding`; what is left per port here is: a disabled port drops
//! everything it sends, and a port with `unknown` addresses and no port security learns
//! source MACs into the FDB.

use super::{FlowSink, Origin, SwitchContext};
use crate::nb::{Direction, LogicalSwitchPort, LspType};
use crate::pipeline::regs::{LKUP_FDB, PORT_SEC_DROP};
use crate::pipeline::Stage;

pub(super) fn build(_cx: &SwitchContext<'_>, lsp: &LogicalSwitchPort, s: &mut FlowSink) {
    let o = Origin::Port(lsp.uuid);
    let inport = super::port_eq(Direction::FromLport, &lsp.name);
    if !lsp.is_enabled() {
        s.add(
            o,
            Stage::InCheckPortSec,
            100,
            inport.clone(),
            format!("{}; next;", PORT_SEC_DROP.set()),
        );
    }
    if lsp.type_ == LspType::Normal && lsp.has_unknown() && lsp.port_security.is_empty() {
        s.add(
            o,
            Stage::InLookupFdb,
            100,
            inport.clone(),
            format!("{}; next;", LKUP_FDB.load("lookup_fdb(inport, eth.src)")),
        );
        s.add(
            o,
            Stage::InPutFdb,
            100,
            format!("{inport} && {}", LKUP_FDB.is_clear()),
            "put_fdb(inport, eth.src); next;",
        );
    }
}
