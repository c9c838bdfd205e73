//! Typed flow identity: [`FlowKey`] (table, priority, [`MatchKey`]) with hash and
//! equality over a canonical form of the match, so keying a flow costs a few field
//! copies instead of printing it.
//!
//! The canonical form absorbs exactly the differences that ovs-ofctl's match text
//! ([`crate::text::format_match`]) absorbs, because those are the ones a switch
//! introduces when it reports flows back:
//! - field order (entries are sorted);
//! - NXM vs OXM headers (the `wire` header is ignored);
//! - value widths (values are compared as integers, so a 4-byte tun_metadata0 after a
//!   TLV mapping equals the same value in a wider field; a 16-bit NXM in_port is
//!   widened as OpenFlow 1.1+ ports are);
//! - an all-ones mask equals no mask;
//! - xreg/xxreg are split into their 32-bit `reg` halves, OR-ed like the printer does;
//! - vlan_vid/vlan_pcp/vlan_tci fold into one 802.1Q TCI value and mask;
//! - flag fields (ct_state, tcp_flags, tun_flags, nw_frag) compare only the bits the
//!   printer shows;
//! - fields the printer leaves out because the match's dl_type/nw_proto make them
//!   meaningless (e.g. nw_src under `ipv6`) are left out here too.
//!
//! Invariant (tested against every reference dump in the repository and a real
//! ovs-vswitchd): for matches a switch accepts — each field at most once, prerequisites
//! met — two matches have equal [`MatchKey`]s exactly when their `format_match` texts
//! are equal. The one deliberate difference: `packet_type`, which the printer omits, is
//! part of the key (two flows differing only in it are different flows).

use crate::text::value::port16_to_32;
use crate::text::Flow;
use crate::wire::field::Field;
use crate::wire::matching::Match;
use crate::wire::oxm::{be_u128, MatchField};

/// One canonical match entry: a field, its value and its mask (`None`: exact).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Entry {
    field: Field,
    value: u128,
    mask: Option<u128>,
}

/// A match in canonical typed form (see the module documentation).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MatchKey(Box<[Entry]>);

/// Strict flow identity, as OpenFlow defines it for `*_STRICT` commands.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FlowKey {
    /// Table.
    pub table_id: u8,
    /// Priority.
    pub priority: u16,
    /// The match, canonical.
    pub matching: MatchKey,
}

impl FlowKey {
    /// Identity of `f`.
    pub fn of(f: &Flow) -> FlowKey {
        FlowKey {
            table_id: f.table_id,
            priority: f.priority,
            matching: MatchKey::of(&f.matching),
        }
    }
}

fn all_ones(b: &[u8]) -> bool {
    b.iter().all(|x| *x == 0xff)
}

/// Value and mask as the printer sees them: integers, an all-ones mask dropped.
fn plain(f: &MatchField) -> (u128, Option<u128>) {
    let mask = match &f.mask {
        Some(m) if !all_ones(m) => Some(be_u128(m)),
        _ => None,
    };
    (be_u128(&f.value), mask)
}

/// Flag fields: only the bits in the (defaulted) mask, within the printer's names.
fn flag_bits(f: &MatchField, default_mask: u128) -> (u128, Option<u128>) {
    let m = f.mask.as_deref().map(be_u128).unwrap_or(default_mask) & default_mask;
    (be_u128(&f.value) & m, Some(m))
}

/// nw_frag: the printer's five names (an unnamed combination prints as `no`).
fn frag_code(f: &MatchField) -> u128 {
    let m = f.mask.as_deref().map(be_u128).unwrap_or(3);
    match (be_u128(&f.value) & m, m) {
        (1, 3) => 1,
        (3, 3) | (2, 2) => 2,
        (1, 1) => 3,
        (0, 2) => 4,
        _ => 0,
    }
}

/// Whether the printer shows `field` for a match with this dl_type / nw_proto.
fn shown(field: Field, dl_type: Option<u16>, proto: Option<u8>) -> bool {
    use Field::*;
    let ip6 = dl_type == Some(0x86dd);
    let arp = matches!(dl_type, Some(0x0806) | Some(0x8035));
    let icmp4 = dl_type == Some(0x0800) && proto == Some(1);
    let icmp6 = ip6 && proto == Some(58);
    match field {
        Ipv6Src | Ipv6Dst | Ipv6Label => ip6,
        ArpSpa | ArpTpa | ArpOp | ArpSha | ArpTha => arp,
        Ipv4Src | Ipv4Dst => !ip6 && !arp,
        IpProto => matches!(dl_type, Some(0x0800) | Some(0x86dd)),
        Icmpv4Type | Icmpv4Code => icmp4,
        Icmpv6Type | Icmpv6Code | NdTarget | NdSll | NdTll => icmp6,
        TcpSrc | TcpDst | UdpSrc | UdpDst | SctpSrc | SctpDst => !icmp4 && !icmp6,
        _ => true,
    }
}

/// The 802.1Q TCI and mask the vlan fields describe, canonical for the printed form.
fn vlan(m: &Match) -> Option<(u128, Option<u128>)> {
    let (mut tci, mut mask) = (0u16, 0u16);
    if let Some(f) = m.get(Field::VlanVid) {
        tci |= f.value_u128() as u16 & 0x1fff;
        mask |= f.mask_u128() as u16 & 0x1fff;
    }
    if let Some(f) = m.get(Field::VlanPcp) {
        tci |= ((f.value_u128() as u16) << 13) | 0x1000;
        mask |= 0xf000;
    }
    if let Some(f) = m.get(Field::VlanTci) {
        tci = f.value_u128() as u16;
        mask = f.mask_u128() as u16;
    }
    if mask == 0 {
        return None;
    }
    let (vid_mask, pcp_mask) = (mask & 0x0fff, mask & 0xe000);
    // Printed as dl_vlan/dl_vlan_pcp: only the bits under the mask show.
    let short = mask & 0x1000 != 0
        && tci & 0x1000 != 0
        && (vid_mask == 0 || vid_mask == 0x0fff)
        && (pcp_mask == 0 || pcp_mask == 0xe000)
        && (vid_mask != 0 || pcp_mask != 0);
    let value = if short { tci & mask } else { tci };
    Some((value as u128, (mask != 0xffff).then_some(mask as u128)))
}

impl MatchKey {
    /// The canonical form of `m`.
    pub fn of(m: &Match) -> MatchKey {
        use Field::*;
        let dl_type = m.get(EthType).map(|f| f.value_u128() as u16);
        let proto = m.get(IpProto).map(|f| f.value_u128() as u8);
        let mut out = Vec::with_capacity(m.fields.len());
        let mut regs = [(0u32, 0u32); 16];
        let mut any_reg = false;
        for f in &m.fields {
            let (first, n) = match f.field {
                Reg(i) => (i as usize, 1),
                XReg(i) => (2 * i as usize, 2),
                XXReg(i) => (4 * i as usize, 4),
                VlanVid | VlanPcp | VlanTci => continue,
                field if !shown(field, dl_type, proto) => continue,
                field => {
                    let (field, (value, mask)) = match field {
                        IpDscp => (field, (f.value_u128(), None)),
                        CtState => (field, flag_bits(f, 0xff)),
                        TcpFlags => (field, flag_bits(f, 0xfff)),
                        TunFlags => (field, flag_bits(f, 1)),
                        IpFrag => (field, (frag_code(f), None)),
                        InPort if f.value.len() == 2 && f.mask.as_deref().is_none_or(all_ones) => {
                            (field, (port16_to_32(f.value_u128() as u16) as u128, None))
                        }
                        // All three print as tp_src/tp_dst.
                        UdpSrc | SctpSrc => (TcpSrc, plain(f)),
                        UdpDst | SctpDst => (TcpDst, plain(f)),
                        _ => (field, plain(f)),
                    };
                    out.push(Entry { field, value, mask });
                    continue;
                }
            };
            any_reg = true;
            let (v, mk) = (f.value_u128(), f.mask_u128());
            for k in 0..n {
                let idx = first + k;
                if idx >= 16 {
                    break;
                }
                let shift = 32 * (n - 1 - k);
                regs[idx].0 |= (v >> shift) as u32;
                regs[idx].1 |= (mk >> shift) as u32;
            }
        }
        if any_reg {
            for (i, (v, mk)) in regs.iter().enumerate() {
                if *mk != 0 {
                    out.push(Entry {
                        field: Reg(i as u8),
                        value: *v as u128,
                        mask: (*mk != u32::MAX).then_some(*mk as u128),
                    });
                }
            }
        }
        if let Some((value, mask)) = vlan(m) {
            out.push(Entry {
                field: VlanTci,
                value,
                mask,
            });
        }
        out.sort_unstable();
        MatchKey(out.into_boxed_slice())
    }

    /// Number of canonical entries (fields after folding registers and vlan).
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True for the match-everything match.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}
