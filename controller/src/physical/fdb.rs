//! Tables 71 and 72: the learned MAC addresses of the `FDB` table, behind the `get_fdb()`
//! and `lookup_fdb()` actions of the logical pipeline.
//!
//! - 71 ([`OfTable::GetFdb`]): a frame to a learned MAC on its datapath gets the learned
//!   port as logical output port.
//! - 72 ([`OfTable::LookupFdb`]): a frame from a learned MAC on the port it was learned on
//!   sets [`LogicalFlag::LookupFdb`].
//!
//! One pair per entry of a local datapath, wherever the port is bound (as ovn-controller
//! 23.03 installs them; reference capture `tests/data/physical/fdb-localnet-vxlan`). There
//! are no default flows: a missed resubmit leaves `reg15` and the flag untouched. An entry
//! whose MAC does not parse is skipped with a warning.

use super::index::Index;
use super::ofbuild::flow;
use super::port_sec::parse_mac;
use crate::lflow::logical_fields::{
    LogicalFlag, OfTable, LOG_DATAPATH, LOG_FLAGS, LOG_INPORT, LOG_OUTPORT,
};
use openflow::text::Flow;
use openflow::wire::Field;

/// The FDB flows.
pub fn flows(ix: &Index<'_>, out: &mut Vec<Flow>) {
    let mut entries: Vec<_> = ix
        .view
        .fdb
        .iter()
        .filter(|e| ix.view.datapaths.contains_key(&e.datapath))
        .collect();
    entries.sort_by(|a, b| (a.datapath, &a.mac, a.port).cmp(&(b.datapath, &b.mac, b.port)));
    let bit = LogicalFlag::LookupFdb.mask() as u128;
    for e in entries {
        let Some(mac) = parse_mac(&e.mac) else {
            tracing::warn!(datapath = e.datapath, mac = %e.mac, "FDB entry with a bad MAC skipped");
            continue;
        };
        let (dp, port) = (e.datapath as u128, e.port as u128);
        out.push(
            flow(OfTable::GetFdb, 100)
                .cookie(e.cookie)
                .matching(LOG_DATAPATH, dp)
                .header(Field::EthDst, &mac)
                .set(LOG_OUTPORT, port)
                .build(),
        );
        out.push(
            flow(OfTable::LookupFdb, 100)
                .cookie(e.cookie)
                .matching(LOG_INPORT, port)
                .matching(LOG_DATAPATH, dp)
                .header(Field::EthSrc, &mac)
                .set_masked(LOG_FLAGS, bit, bit)
                .build(),
        );
    }
}
