//! Tables 40, 41, 64 and 65: delivery to ports on this chassis.
//!
//! - 40 ([`OfTable::LocalOutput`]): a packet for a local port gets that port's conntrack
//!   zones and goes on (multicast groups: [`super::mcast`]). Everything else is dropped
//!   (remote ports were handled by table 39).
//!   A port bound to another chassis on a switch with a localnet port is redirected to
//!   the localnet port (`reg15` rewritten, table 40 again).
//! - 41 ([`OfTable::CheckLoopback`]): a packet about to go back out its input port is
//!   dropped unless [`LogicalFlag::AllowLoopback`] is set; a localnet port refuses
//!   packets from a localport or marked local-only; otherwise the logical registers
//!   `reg0..reg9` are cleared and the egress pipeline starts.
//! - 64 ([`OfTable::SaveInport`]): when loopback is allowed, `in_port` is cleared around
//!   the output so OpenFlow does not drop a packet sent back where it came from.
//! - 65 ([`OfTable::LogToPhy`]): logical output port to OpenFlow port; for a patch port,
//!   a `clone` that clears conntrack state, zones, flags and registers, loads the peer's
//!   datapath, port and zones, and enters the peer datapath's ingress pipeline.

use super::index::{Index, Placement};
use super::ofbuild::{flow, FlowBuilder};
use super::view::{PortBinding, PortKind};
use super::zones::load_zones;
use crate::lflow::logical_fields::{
    LogicalFlag, OfTable, Pipeline, LOG_CT_ZONE, LOG_DATAPATH, LOG_DNAT_ZONE, LOG_FLAGS,
    LOG_INPORT, LOG_OUTPORT, LOG_REG_COUNT, LOG_SNAT_ZONE,
};
use crate::lflow::ovs_field::OvsField;
use openflow::text::Flow;

/// Tables 40, 41, 64 for any local binding (`ofport` aside).
fn common_flows(ix: &Index<'_>, p: &PortBinding, out: &mut Vec<Flow>) {
    let (key, dp) = (p.key as u128, p.datapath as u128);
    let loopback = LogicalFlag::AllowLoopback.mask();
    let b = flow(OfTable::LocalOutput, 100)
        .cookie(p.cookie)
        .matching(LOG_OUTPORT, key)
        .matching(LOG_DATAPATH, dp);
    out.push(
        load_zones(b, ix.zones(p))
            .resubmit(OfTable::CheckLoopback)
            .build(),
    );
    out.push(
        flow(OfTable::CheckLoopback, 100)
            .cookie(p.cookie)
            .flags(0, loopback)
            .matching(LOG_INPORT, key)
            .matching(LOG_OUTPORT, key)
            .matching(LOG_DATAPATH, dp)
            .build(),
    );
    out.push(
        flow(OfTable::SaveInport, 100)
            .cookie(p.cookie)
            .flags(loopback, loopback)
            .matching(LOG_OUTPORT, key)
            .matching(LOG_DATAPATH, dp)
            .push_and_clear_in_port()
            .resubmit(OfTable::LogToPhy)
            .pop_in_port()
            .build(),
    );
}

/// A patch port: delivered by entering the peer's datapath as the peer, in a `clone` so
/// conntrack state and registers start clean there.
fn patch_flows(ix: &Index<'_>, p: &PortBinding, peer: &PortBinding, out: &mut Vec<Flow>) {
    common_flows(ix, p, out);
    let mut inner = FlowBuilder::actions()
        .ct_clear()
        .set(LOG_DNAT_ZONE, 0)
        .set(LOG_SNAT_ZONE, 0)
        .set(LOG_CT_ZONE, 0);
    inner = load_zones(inner, ix.zones(peer))
        .set(LOG_DATAPATH, peer.datapath as u128)
        .set(LOG_INPORT, peer.key as u128)
        .set(LOG_FLAGS, 0)
        .set(LOG_OUTPORT, 0);
    for r in 0..LOG_REG_COUNT {
        inner = inner.set(OvsField::Reg(r), 0);
    }
    inner = inner.resubmit_table(Pipeline::Ingress.first_table());
    out.push(
        flow(OfTable::LogToPhy, 100)
            .cookie(p.cookie)
            .matching(LOG_OUTPORT, p.key as u128)
            .matching(LOG_DATAPATH, p.datapath as u128)
            .clone_actions(inner)
            .build(),
    );
}

/// The flows of tables 40, 41, 64 and 65.
pub fn flows(ix: &Index<'_>, out: &mut Vec<Flow>) {
    for p in ix.ports() {
        let (key, dp) = (p.key as u128, p.datapath as u128);
        let ofport = match ix.placement(p) {
            Placement::Local(o) => o,
            Placement::ViaLocalnet(ln) => {
                out.push(
                    flow(OfTable::LocalOutput, 100)
                        .cookie(p.cookie)
                        .matching(LOG_OUTPORT, key)
                        .matching(LOG_DATAPATH, dp)
                        .set(LOG_OUTPORT, ln as u128)
                        .resubmit(OfTable::LocalOutput)
                        .build(),
                );
                continue;
            }
            Placement::Patch(peer) => {
                patch_flows(ix, p, peer, out);
                continue;
            }
            _ => continue,
        };
        if let PortKind::Localnet { .. } = p.kind {
            // Nothing from a localport, and nothing meant to stay local, goes out to the
            // physical network.
            for flag in [LogicalFlag::Localport, LogicalFlag::LocalOnly] {
                out.push(
                    flow(OfTable::CheckLoopback, 160)
                        .cookie(p.cookie)
                        .flags(flag.mask(), flag.mask())
                        .matching(LOG_OUTPORT, key)
                        .matching(LOG_DATAPATH, dp)
                        .build(),
                );
            }
        }
        common_flows(ix, p, out);
        out.push(
            flow(OfTable::LogToPhy, 100)
                .cookie(p.cookie)
                .matching(LOG_OUTPORT, key)
                .matching(LOG_DATAPATH, dp)
                .output(ofport)
                .build(),
        );
    }

    out.push(flow(OfTable::LocalOutput, 0).build());

    let mut clear = flow(OfTable::CheckLoopback, 0);
    for r in 0..LOG_REG_COUNT {
        clear = clear.set(OvsField::Reg(r), 0);
    }
    out.push(clear.resubmit_table(Pipeline::Egress.first_table()).build());
    out.push(
        flow(OfTable::SaveInport, 0)
            .resubmit(OfTable::LogToPhy)
            .build(),
    );
    out.push(flow(OfTable::LogToPhy, 0).build());
}
