//! Tables 40, 41, 64 and 65: delivery to ports on this chassis.
//!
//! - 40 ([`OfTable::LocalOutput`]): a packet for a local port gets that port's conntrack
//!   zones and goes on; a multicast group is expanded into one pass per local member in
//!   the group's order (zone, `reg15` = member, resubmit to 41), after which `reg15` is
//!   restored to the group key. Everything else is dropped (remote ports were handled by table 39).
//!   A port bound to another chassis on a switch with a localnet port is redirected to
//!   the localnet port (`reg15` rewritten, table 40 again).
//! - 41 ([`OfTable::CheckLoopback`]): a packet about to go back out its input port is
//!   dropped unless [`LogicalFlag::AllowLoopback`] is set; a localnet port refuses
//!   packets from a localport or marked local-only; otherwise the logical registers
//!   `reg0..reg9` are cleared and the egress pipeline starts.
//! - 64 ([`OfTable::SaveInport`]): when loopback is allowed, `in_port` is cleared around
//!   the output so OpenFlow does not drop a packet sent back where it came from.
//! - 65 ([`OfTable::LogToPhy`]): logical output port to OpenFlow port.

use super::index::{Index, Placement};
use super::ofbuild::flow;
use super::view::PortKind;
use super::zones::load_zones;
use crate::lflow::logical_fields::{
    LogicalFlag, OfTable, Pipeline, LOG_CT_ZONE, LOG_DATAPATH, LOG_INPORT, LOG_OUTPORT,
    LOG_REG_COUNT,
};
use crate::lflow::ovs_field::OvsField;
use openflow::text::Flow;

/// The flows of tables 40, 41, 64 and 65.
pub fn flows(ix: &Index<'_>, out: &mut Vec<Flow>) {
    let loopback = LogicalFlag::AllowLoopback.mask();
    for p in ix.ports() {
        let (key, dp) = (p.key as u128, p.datapath as u128);
        let ofport = match ix.placement(p) {
            Placement::Local(o) => o,
            Placement::ViaLocalnet(ln) => {
                out.push(
                    flow(OfTable::LocalOutput, 100)
                        .matching(LOG_OUTPORT, key)
                        .matching(LOG_DATAPATH, dp)
                        .set(LOG_OUTPORT, ln as u128)
                        .resubmit(OfTable::LocalOutput)
                        .build(),
                );
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
                        .flags(flag.mask(), flag.mask())
                        .matching(LOG_OUTPORT, key)
                        .matching(LOG_DATAPATH, dp)
                        .build(),
                );
            }
        }
        let b = flow(OfTable::LocalOutput, 100)
            .matching(LOG_OUTPORT, key)
            .matching(LOG_DATAPATH, dp);
        out.push(
            load_zones(b, ix.zones(p))
                .resubmit(OfTable::CheckLoopback)
                .build(),
        );
        out.push(
            flow(OfTable::CheckLoopback, 100)
                .flags(0, loopback)
                .matching(LOG_INPORT, key)
                .matching(LOG_OUTPORT, key)
                .matching(LOG_DATAPATH, dp)
                .build(),
        );
        out.push(
            flow(OfTable::SaveInport, 100)
                .flags(loopback, loopback)
                .matching(LOG_OUTPORT, key)
                .matching(LOG_DATAPATH, dp)
                .push_and_clear_in_port()
                .resubmit(OfTable::LogToPhy)
                .pop_in_port()
                .build(),
        );
        out.push(
            flow(OfTable::LogToPhy, 100)
                .matching(LOG_OUTPORT, key)
                .matching(LOG_DATAPATH, dp)
                .output(ofport)
                .build(),
        );
    }

    let mut groups: Vec<_> = ix
        .view
        .mcast_groups
        .iter()
        .filter(|g| ix.view.datapaths.contains_key(&g.datapath))
        .collect();
    groups.sort_by_key(|g| (g.datapath, g.key));
    for g in groups {
        // Members in the group's own (southbound) order, as ovn-controller walks them: every
        // local member's zone is loaded, localports included (they are delivered by table
        // 39, but ovn-controller loads their zone here all the same).
        let mut b = flow(OfTable::LocalOutput, 100)
            .matching(LOG_OUTPORT, g.key as u128)
            .matching(LOG_DATAPATH, g.datapath as u128);
        let mut delivered = 0;
        for p in g.ports.iter().filter_map(|n| ix.port(n)) {
            if p.datapath != g.datapath || !matches!(ix.placement(p), Placement::Local(_)) {
                continue;
            }
            if let Some(z) = p.ct_zone {
                b = b.set(LOG_CT_ZONE, z as u128);
            }
            if p.kind != PortKind::Localport {
                b = b
                    .set(LOG_OUTPORT, p.key as u128)
                    .resubmit(OfTable::CheckLoopback);
                delivered += 1;
            }
        }
        if delivered > 0 {
            out.push(b.set(LOG_OUTPORT, g.key as u128).build());
        }
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
