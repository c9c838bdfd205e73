//! Tables 37–39: the hand-off after the logical ingress pipeline's `output`.
//!
//! - 37 ([`OfTable::OutputLargePktDetect`]) and 38 ([`OfTable::OutputLargePktProcess`]):
//!   pass-through for switches; 38 sends loopback-allowed packets straight to local
//!   delivery.
//! - 39 ([`OfTable::RemoteOutput`]): packets for a port on another chassis are encapsulated
//!   for that chassis' tunnel, sent, and then resubmitted to table 40 (which has nothing
//!   for a remote port). Local-only packets (flag), packets that came from a ramp switch
//!   without loopback, and packets from a localport skip the tunnels. Multicast groups:
//!   [`super::mcast`], which uses [`send_to`] from here.
//!
//! Geneve encapsulation: VNI = datapath key (low 24 bits of `tun_id`), option
//! `tun_metadata0` = egress key in bits 0..15, ingress key (`reg14[0..14]`) in 16..30.
//! VXLAN: VNI = datapath key | egress key << 12 (12 bits each, no ingress key); a
//! multicast egress key is sent as bit 23 plus its index (key − 32768) in bits 12..22.
//!
//! On a switch with a localnet port usable here, ports bound elsewhere are reached over
//! the physical network (table 40 redirects them to the localnet port), so neither they nor
//! the switch's multicast groups get tunnel output.

use super::index::{Index, Placement};
use super::ofbuild::{flow, Bits, FlowBuilder};
use super::view::{EncapKind, PortKind, Tunnel};
use crate::lflow::logical_fields::{LogicalFlag, OfTable, LOG_DATAPATH, LOG_INPORT, LOG_OUTPORT};
use openflow::text::Flow;
use openflow::wire::Field;

/// Smallest multicast group key (`OVN_MIN_MULTICAST`).
pub const MCAST_MIN: u32 = 0x8000;
/// VXLAN VNI bit marking a multicast egress key.
pub const MCAST_VNI_BIT: u32 = 0x80_0000;

/// Appends the encapsulation of (datapath `dp`, egress `outport`) for `kind`.
pub fn encapsulate(b: FlowBuilder, kind: EncapKind, dp: u32, outport: u32) -> FlowBuilder {
    match kind {
        EncapKind::Geneve => b
            .set_tun_id(dp as u64, 0xff_ffff)
            .set_tun_metadata0(outport)
            .move_bits(
                Bits::of(LOG_INPORT, 0, 15),
                Bits::new(Field::TunMetadata(0), 16, 15),
            ),
        EncapKind::Vxlan => {
            let out = if outport >= MCAST_MIN {
                MCAST_VNI_BIT | (((outport - MCAST_MIN) & 0x7ff) << 12)
            } else {
                (outport & 0xfff) << 12
            };
            b.set_tun_id(((dp & 0xfff) | out) as u64, 0xff_ffff)
        }
    }
}

/// Outputs to `tunnels` (sorted, deduplicated by the caller), re-encapsulating whenever
/// the encapsulation kind changes.
pub fn send_to(mut b: FlowBuilder, tunnels: &[&Tunnel], dp: u32, outport: u32) -> FlowBuilder {
    let mut current = None;
    for t in tunnels {
        if current != Some(t.kind) {
            b = encapsulate(b, t.kind, dp, outport);
            current = Some(t.kind);
        }
        b = b.output(t.ofport);
    }
    b
}

/// The flows of tables 37, 38 and 39.
pub fn flows(ix: &Index<'_>, out: &mut Vec<Flow>) {
    let loopback = LogicalFlag::AllowLoopback.mask();
    let local_only = LogicalFlag::LocalOnly.mask();
    let ramp = LogicalFlag::RcvFromRamp.mask();

    out.push(
        flow(OfTable::OutputLargePktDetect, 0)
            .resubmit(OfTable::RemoteOutput)
            .build(),
    );
    out.push(
        flow(OfTable::OutputLargePktProcess, 10)
            .flags(loopback, loopback)
            .resubmit(OfTable::LocalOutput)
            .build(),
    );
    out.push(
        flow(OfTable::OutputLargePktProcess, 0)
            .resubmit(OfTable::RemoteOutput)
            .build(),
    );

    out.push(
        flow(OfTable::RemoteOutput, 150)
            .flags(local_only, local_only)
            .resubmit(OfTable::LocalOutput)
            .build(),
    );
    out.push(
        flow(OfTable::RemoteOutput, 150)
            .flags(ramp, ramp | loopback)
            .resubmit(OfTable::LocalOutput)
            .build(),
    );
    out.push(
        flow(OfTable::RemoteOutput, 0)
            .resubmit(OfTable::LocalOutput)
            .build(),
    );

    // Traffic from a localport never leaves the chassis.
    for p in ix
        .ports()
        .into_iter()
        .filter(|p| p.kind == PortKind::Localport)
    {
        out.push(
            flow(OfTable::RemoteOutput, 150)
                .cookie(p.cookie)
                .matching(LOG_INPORT, p.key as u128)
                .matching(LOG_DATAPATH, p.datapath as u128)
                .resubmit(OfTable::LocalOutput)
                .build(),
        );
    }

    // Unicast to remote ports.
    for p in ix.ports() {
        let Placement::Remote(t) = ix.placement(p) else {
            continue;
        };
        let b = flow(OfTable::RemoteOutput, 100)
            .cookie(p.cookie)
            .matching(LOG_OUTPORT, p.key as u128)
            .matching(LOG_DATAPATH, p.datapath as u128);
        let b = send_to(b, &[t], p.datapath, p.key);
        out.push(b.resubmit(OfTable::LocalOutput).build());
    }
}
