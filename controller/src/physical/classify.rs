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
//! - Anything else: dropped.

use super::index::{Index, Placement};
use super::ofbuild::{flow, Bits};
use super::view::{EncapKind, PortKind};
use super::zones::load_zones;
use crate::lflow::logical_fields::{
    LogicalFlag, OfTable, Pipeline, LOG_DATAPATH, LOG_FLAGS, LOG_INPORT, LOG_OUTPORT,
};
use openflow::text::Flow;
use openflow::wire::Field;

/// The table-0 flows.
pub fn flows(ix: &Index<'_>, out: &mut Vec<Flow>) {
    for p in ix.ports() {
        let Placement::Local(ofport) = ix.placement(p) else {
            continue;
        };
        let mut b = load_zones(flow(OfTable::PhyToLog, 100).in_port(ofport), ix.zones(p))
            .set(LOG_DATAPATH, p.datapath as u128)
            .set(LOG_INPORT, p.key as u128);
        if p.kind == PortKind::Localport {
            let m = LogicalFlag::Localport.mask() as u128;
            b = b.set_masked(LOG_FLAGS, m, m);
        }
        b = b.resubmit_table(Pipeline::Ingress.first_table());
        out.push(b.build());
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
            EncapKind::Vxlan => b
                .move_bits(
                    Bits::new(Field::TunnelId, 0, 12),
                    Bits::of(LOG_DATAPATH, 0, 12),
                )
                .move_bits(
                    Bits::new(Field::TunnelId, 12, 12),
                    Bits::of(LOG_OUTPORT, 0, 12),
                ),
        };
        out.push(b.resubmit(OfTable::LocalOutput).build());
    }
    out.push(flow(OfTable::PhyToLog, 0).build());
}
