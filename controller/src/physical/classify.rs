//! Table 0 ([`OfTable::PhyToLog`]): what a packet arriving on a physical port means
//! logically.
//!
//! - From a local port (VIF, localport, localnet patch): load its conntrack zones, the
//!   datapath key into `metadata` and the port key into `reg14`, enter the logical ingress
//!   pipeline. A localport additionally sets [`LogicalFlag::Localport`] so its traffic never
//!   leaves the chassis (table 39 checks it).
//! - From a tunnel: the Geneve VNI is the datapath key, option 0x0102/0x80 carries
//!   `ingress << 16 | egress`; load them and go straight to local delivery (table 40): the
//!   sending chassis already ran the whole ingress pipeline. VXLAN carries only 24 bits:
//!   the datapath key in the low 12 bits of the VNI and the egress key in the high 12.
//!   The VXLAN VNI of a multicast group has bit 23 set and the group's index (key minus
//!   32768) in bits 12..22. The sender's port is not carried.
//! - A localnet port's patch accepts untagged frames and frames tagged VLAN 0 (popped).
//! - Anything else: dropped.

use super::index::{Index, Placement};
use super::ofbuild::{flow, Bits, FlowBuilder};
use super::output::{MCAST_MIN, MCAST_VNI_BIT};
use super::view::{EncapKind, PortKind};
use super::zones::load_zones;
use crate::lflow::logical_fields::{
    LogicalFlag, OfTable, Pipeline, LOG_DATAPATH, LOG_FLAGS, LOG_INPORT, LOG_OUTPORT,
};
use openflow::text::Flow;
use openflow::wire::Field;

/// OFPVID_PRESENT: the frame has an 802.1Q header.
const VLAN_PRESENT: u16 = 0x1000;

/// The table-0 flows.
pub fn flows(ix: &Index<'_>, out: &mut Vec<Flow>) {
    for p in ix.ports() {
        let Placement::Local(ofport) = ix.placement(p) else {
            continue;
        };
        let enter = |b: FlowBuilder| {
            let mut b = load_zones(b, ix.zones(p))
                .set(LOG_DATAPATH, p.datapath as u128)
                .set(LOG_INPORT, p.key as u128);
            if p.kind == PortKind::Localport {
                let m = LogicalFlag::Localport.mask() as u128;
                b = b.set_masked(LOG_FLAGS, m, m);
            }
            b.resubmit_table(Pipeline::Ingress.first_table()).build()
        };
        let b = flow(OfTable::PhyToLog, 100)
            .cookie(p.cookie)
            .in_port(ofport);
        if let PortKind::Localnet { .. } = p.kind {
            // Untagged frames, and frames with a priority-only (VLAN 0) tag, which is
            // stripped.
            out.push(enter(b.clone().header_masked(
                Field::VlanVid,
                &[0, 0],
                &VLAN_PRESENT.to_be_bytes(),
            )));
            out.push(enter(
                b.header(Field::VlanVid, &VLAN_PRESENT.to_be_bytes())
                    .pop_vlan(),
            ));
        } else {
            out.push(enter(b));
        }
    }
    for t in ix
        .view
        .tunnels
        .iter()
        .filter(|t| t.chassis != ix.view.chassis)
    {
        let b = flow(OfTable::PhyToLog, 100).in_port(t.ofport);
        let b = match t.kind {
            EncapKind::Geneve => b
                .move_bits(
                    Bits::new(Field::TunnelId, 0, 24),
                    Bits::of(LOG_DATAPATH, 0, 24),
                )
                .move_bits(
                    Bits::new(Field::TunMetadata(0), 16, 15),
                    Bits::of(LOG_INPORT, 0, 15),
                )
                .move_bits(
                    Bits::new(Field::TunMetadata(0), 0, 16),
                    Bits::of(LOG_OUTPORT, 0, 16),
                ),
            EncapKind::Vxlan => {
                // Multicast: VNI bit 23 set, group index in bits 12..22.
                let mc = (MCAST_VNI_BIT as u64).to_be_bytes();
                out.push(
                    flow(OfTable::PhyToLog, 105)
                        .header_masked(Field::TunnelId, &mc, &mc)
                        .in_port(t.ofport)
                        .set_masked(LOG_OUTPORT, MCAST_MIN as u128, MCAST_MIN as u128)
                        .move_bits(
                            Bits::new(Field::TunnelId, 12, 11),
                            Bits::of(LOG_OUTPORT, 0, 11),
                        )
                        .move_bits(
                            Bits::new(Field::TunnelId, 0, 12),
                            Bits::of(LOG_DATAPATH, 0, 12),
                        )
                        .resubmit(OfTable::LocalOutput)
                        .build(),
                );
                b.move_bits(
                    Bits::new(Field::TunnelId, 12, 12),
                    Bits::of(LOG_OUTPORT, 0, 12),
                )
                .move_bits(
                    Bits::new(Field::TunnelId, 0, 12),
                    Bits::of(LOG_DATAPATH, 0, 12),
                )
            }
        };
        out.push(b.resubmit(OfTable::LocalOutput).build());
    }
    out.push(flow(OfTable::PhyToLog, 0).build());
}
