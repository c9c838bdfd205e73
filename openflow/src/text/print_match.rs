//! Prints a [`Match`] the way `ovs-ofctl` does: protocol shorthand (`tcp6`, `arp`...),
//! registers as 32-bit `regN` (xreg/xxreg split into their halves), `dl_vlan` /
//! `vlan_tci`, `nw_tos` from `ip_dscp`, and OVS's field order. IGMP has no shorthand in
//! ovs-ofctl: it prints (and only accepts) `ip,nw_proto=2`.

use super::value::{format_value, hex};
use crate::wire::field::Field;
use crate::wire::matching::Match;
use crate::wire::oxm::{be_u128, MatchField};

/// Field lookup by linear scan: matches hold a handful of fields, so this beats
/// building a map for every flow printed.
struct View<'a> {
    fields: &'a [MatchField],
}

impl<'a> View<'a> {
    fn get(&self, f: Field) -> Option<&'a MatchField> {
        self.fields.iter().find(|m| m.field == f)
    }
    fn val(&self, f: Field) -> Option<u128> {
        self.get(f).map(|m| m.value_u128())
    }
}

/// Collects 32-bit register (value, mask) pairs from reg/xreg/xxreg fields.
fn regs(m: &Match) -> [(u32, u32); 16] {
    let mut r = [(0u32, 0u32); 16];
    for f in &m.fields {
        let (first, n) = match f.field {
            Field::Reg(i) => (i as usize, 1),
            Field::XReg(i) => (2 * i as usize, 2),
            Field::XXReg(i) => (4 * i as usize, 4),
            _ => continue,
        };
        let v = f.value_u128();
        let mk = f.mask_u128();
        for k in 0..n {
            let idx = first + k;
            if idx >= 16 {
                break;
            }
            let shift = 32 * (n - 1 - k);
            r[idx].0 |= (v >> shift) as u32;
            r[idx].1 |= (mk >> shift) as u32;
        }
    }
    r
}

fn push(out: &mut Vec<String>, name: &str, f: Option<&MatchField>) {
    if let Some(f) = f {
        out.push(format!("{name}={}", match_value(f)));
    }
}

/// A field's value as OVS's match printer writes it. It differs from the generic value
/// format (also used by actions) for a few fields: transport ports are decimal, or
/// `0x%x/0x%x` when masked (`tp_src=0x0/0xfc00`, never `0/0xfc00`), and `ipv6_label` is
/// `0x%05x` (its 20-bit all-ones mask meaning exact).
fn match_value(f: &MatchField) -> String {
    use Field::*;
    let mask = f.mask.as_deref().map(be_u128);
    match f.field {
        TcpSrc | TcpDst | UdpSrc | UdpDst | SctpSrc | SctpDst | CtTpSrc | CtTpDst => match mask {
            Some(m) if m != 0xffff => format!("{:#x}/{m:#x}", f.value_u128()),
            _ => f.value_u128().to_string(),
        },
        Ipv6Label => match mask.map(|m| m & 0xf_ffff) {
            Some(m) if m != 0xf_ffff => format!("0x{:05x}/0x{m:05x}", f.value_u128()),
            _ => format!("0x{:05x}", f.value_u128()),
        },
        _ => format_value(f.field, &f.value, f.mask.as_deref()),
    }
}

/// Formats the match, preceded by `priority=N` when `priority` is given and not the
/// default 32768. Returns an empty string for an empty match with default priority.
pub fn format_match(m: &Match, priority: Option<u16>) -> String {
    let v = View { fields: &m.fields };
    let mut out: Vec<String> = Vec::new();
    if let Some(p) = priority {
        if p != 0x8000 {
            out.push(format!("priority={p}"));
        }
    }
    use Field::*;
    push(&mut out, "pkt_mark", v.get(PktMark));
    push(&mut out, "recirc_id", v.get(RecircId));
    push(&mut out, "dp_hash", v.get(DpHash));
    push(&mut out, "conj_id", v.get(ConjId));
    push(&mut out, "actset_output", v.get(ActsetOutput));
    for (n, f) in [
        ("ct_state", CtState),
        ("ct_zone", CtZone),
        ("ct_mark", CtMark),
        ("ct_label", CtLabel),
        ("ct_nw_src", CtNwSrc),
        ("ct_nw_dst", CtNwDst),
        ("ct_ipv6_src", CtIpv6Src),
        ("ct_ipv6_dst", CtIpv6Dst),
        ("ct_nw_proto", CtNwProto),
        ("ct_tp_src", CtTpSrc),
        ("ct_tp_dst", CtTpDst),
    ] {
        push(&mut out, n, v.get(f));
    }
    let dl_type = v.val(EthType).map(|x| x as u16);
    let proto = v.val(IpProto).map(|x| x as u8);
    let mut skip_type = true;
    let mut skip_proto = true;
    match dl_type {
        Some(0x0800) | Some(0x86dd) => {
            let six = dl_type == Some(0x86dd);
            let name = match proto {
                Some(1) if !six => "icmp",
                Some(58) if six => "icmp6",
                Some(6) => "tcp",
                Some(17) => "udp",
                Some(132) => "sctp",
                Some(_) => {
                    skip_proto = false;
                    "ip"
                }
                None => "ip",
            };
            let name = match (six, name) {
                (true, "ip") => "ipv6".to_string(),
                (true, "icmp6") => "icmp6".to_string(),
                (true, n) => format!("{n}6"),
                (false, n) => n.to_string(),
            };
            out.push(name);
        }
        Some(0x0806) => out.push("arp".into()),
        Some(0x8035) => out.push("rarp".into()),
        Some(0x8847) => out.push("mpls".into()),
        Some(0x8848) => out.push("mplsm".into()),
        _ => skip_type = false,
    }
    for (i, (val, mask)) in regs(m).iter().enumerate() {
        if *mask != 0 {
            if *mask == u32::MAX {
                out.push(format!("reg{i}={}", hex(*val as u128)));
            } else {
                out.push(format!(
                    "reg{i}={}/{}",
                    hex(*val as u128),
                    hex(*mask as u128)
                ));
            }
        }
    }
    push(&mut out, "tun_id", v.get(TunnelId));
    push(&mut out, "tun_src", v.get(TunSrc));
    push(&mut out, "tun_dst", v.get(TunDst));
    push(&mut out, "tun_ipv6_src", v.get(TunIpv6Src));
    push(&mut out, "tun_ipv6_dst", v.get(TunIpv6Dst));
    push(&mut out, "tun_flags", v.get(TunFlags));
    let mut tun: Vec<&MatchField> = m
        .fields
        .iter()
        .filter(|f| matches!(f.field, TunMetadata(_)))
        .collect();
    tun.sort_by_key(|f| f.field);
    for f in tun {
        push(&mut out, &f.field.name(), Some(f));
    }
    push(&mut out, "metadata", v.get(Metadata));
    push(&mut out, "in_port", v.get(InPort));
    format_vlan(&v, &mut out);
    push(&mut out, "dl_src", v.get(EthSrc));
    push(&mut out, "dl_dst", v.get(EthDst));
    if !skip_type {
        if let Some(t) = dl_type {
            out.push(format!("dl_type=0x{t:04x}"));
        }
    }
    let arp = matches!(dl_type, Some(0x0806) | Some(0x8035));
    if dl_type == Some(0x86dd) {
        push(&mut out, "ipv6_src", v.get(Ipv6Src));
        push(&mut out, "ipv6_dst", v.get(Ipv6Dst));
        push(&mut out, "ipv6_label", v.get(Ipv6Label));
    } else if arp {
        push(&mut out, "arp_spa", v.get(ArpSpa));
        push(&mut out, "arp_tpa", v.get(ArpTpa));
    } else {
        push(&mut out, "nw_src", v.get(Ipv4Src));
        push(&mut out, "nw_dst", v.get(Ipv4Dst));
    }
    if arp {
        push(&mut out, "arp_op", v.get(ArpOp));
        push(&mut out, "arp_sha", v.get(ArpSha));
        push(&mut out, "arp_tha", v.get(ArpTha));
    } else if !skip_proto {
        push(&mut out, "nw_proto", v.get(IpProto));
    }
    if let Some(d) = v.val(IpDscp) {
        out.push(format!("nw_tos={}", d << 2));
    }
    push(&mut out, "nw_ecn", v.get(IpEcn));
    push(&mut out, "nw_ttl", v.get(IpTtl));
    push(&mut out, "mpls_label", v.get(MplsLabel));
    push(&mut out, "mpls_tc", v.get(MplsTc));
    push(&mut out, "mpls_bos", v.get(MplsBos));
    push(&mut out, "nw_frag", v.get(IpFrag));
    match (dl_type, proto) {
        (Some(0x0800), Some(1)) => {
            push(&mut out, "icmp_type", v.get(Icmpv4Type));
            push(&mut out, "icmp_code", v.get(Icmpv4Code));
        }
        (Some(0x86dd), Some(58)) => {
            push(&mut out, "icmp_type", v.get(Icmpv6Type));
            push(&mut out, "icmp_code", v.get(Icmpv6Code));
            push(&mut out, "nd_target", v.get(NdTarget));
            push(&mut out, "nd_sll", v.get(NdSll));
            push(&mut out, "nd_tll", v.get(NdTll));
        }
        _ => {
            for (s, d) in [(TcpSrc, TcpDst), (UdpSrc, UdpDst), (SctpSrc, SctpDst)] {
                push(&mut out, "tp_src", v.get(s));
                push(&mut out, "tp_dst", v.get(d));
            }
        }
    }
    push(&mut out, "tcp_flags", v.get(TcpFlags));
    for f in &m.fields {
        if let Field::Unknown { .. } = f.field {
            out.push(format!(
                "{:?}={}",
                f.field,
                format_value(f.field, &f.value, f.mask.as_deref())
            ));
        }
    }
    out.join(",")
}

fn format_vlan(v: &View<'_>, out: &mut Vec<String>) {
    // Rebuild an 802.1Q TCI (pcp<<13 | CFI | vid) and its mask from OXM vlan_vid/vlan_pcp.
    let (mut tci, mut mask) = (0u16, 0u16);
    if let Some(f) = v.get(Field::VlanVid) {
        tci |= f.value_u128() as u16 & 0x1fff;
        mask |= f.mask_u128() as u16 & 0x1fff;
    }
    if let Some(f) = v.get(Field::VlanPcp) {
        tci |= ((f.value_u128() as u16) << 13) | 0x1000;
        mask |= 0xe000 | 0x1000;
    }
    if let Some(f) = v.get(Field::VlanTci) {
        tci = f.value_u128() as u16;
        mask = f.mask_u128() as u16;
    }
    if mask == 0 {
        return;
    }
    let vid_mask = mask & 0x0fff;
    let pcp_mask = mask & 0xe000;
    let cfi = mask & 0x1000 != 0;
    if cfi
        && tci & 0x1000 != 0
        && (vid_mask == 0 || vid_mask == 0x0fff)
        && (pcp_mask == 0 || pcp_mask == 0xe000)
        && (vid_mask != 0 || pcp_mask != 0)
    {
        if vid_mask != 0 {
            out.push(format!("dl_vlan={}", tci & 0x0fff));
        }
        if pcp_mask != 0 {
            out.push(format!("dl_vlan_pcp={}", tci >> 13));
        }
    } else if mask == 0xffff {
        out.push(format!("vlan_tci=0x{tci:04x}"));
    } else {
        out.push(format!("vlan_tci=0x{tci:04x}/0x{mask:04x}"));
    }
}
