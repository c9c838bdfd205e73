//! Builds a [`Match`] from ovs-ofctl match items (`ip`, `tcp_dst=80`, `reg0=0x1/0x1`,
//! `dl_vlan=5`...), checks prerequisites, and orders the fields as Open vSwitch emits
//! them for OpenFlow 1.5 (so our bytes equal ovs-ofctl's).
//!
//! Invariants: registers are emitted as 64-bit `xreg` pairs (reg(2n) is the high half),
//! as OVS does for OpenFlow 1.5; `nw_tos` becomes `ip_dscp` (>> 2); `vlan_tci` becomes
//! `vlan_vid` (+ `vlan_pcp`).

use super::lex::{err, ParseError};
use super::parse_value::parse_value;
use super::value::parse_uint;
use crate::wire::field::Field;
use crate::wire::matching::Match;
use crate::wire::oxm::MatchField;
use std::collections::BTreeMap;

/// Accumulates match items.
#[derive(Debug, Default)]
pub struct MatchBuilder {
    fields: BTreeMap<Field, MatchField>,
    regs: [(u32, u32); 16],
    vlan: Option<(u16, u16)>,
    pending: Vec<(String, String)>,
}

fn shorthand(s: &str) -> Option<(u16, Option<u8>)> {
    Some(match s {
        "ip" => (0x0800, None),
        "ipv6" => (0x86dd, None),
        "icmp" => (0x0800, Some(1)),
        "icmp6" => (0x86dd, Some(58)),
        "tcp" => (0x0800, Some(6)),
        "tcp6" => (0x86dd, Some(6)),
        "udp" => (0x0800, Some(17)),
        "udp6" => (0x86dd, Some(17)),
        "sctp" => (0x0800, Some(132)),
        "sctp6" => (0x86dd, Some(132)),
        "arp" => (0x0806, None),
        "rarp" => (0x8035, None),
        "mpls" => (0x8847, None),
        "mplsm" => (0x8848, None),
        _ => return None,
    })
}

impl MatchBuilder {
    /// True if `key` is a match item (a field name or protocol shorthand).
    pub fn accepts(key: &str) -> bool {
        shorthand(key).is_some()
            || Field::from_name(key).is_some()
            || matches!(
                key,
                "tp_src" | "tp_dst" | "nw_tos" | "dl_vlan" | "icmp_type" | "icmp_code" | "nw_proto"
            )
    }

    /// Adds one item.
    pub fn add(&mut self, key: &str, value: &str) -> Result<(), ParseError> {
        if let Some((t, p)) = shorthand(key) {
            self.set(MatchField::from_u128(Field::EthType, t as u128, None));
            if let Some(p) = p {
                self.set(MatchField::from_u128(Field::IpProto, p as u128, None));
            }
            return Ok(());
        }
        // Fields whose meaning depends on the protocol are resolved at the end.
        if matches!(
            key,
            "tp_src" | "tp_dst" | "icmp_type" | "icmp_code" | "nw_src" | "nw_dst" | "nw_proto"
        ) {
            self.pending.push((key.to_string(), value.to_string()));
            return Ok(());
        }
        match key {
            "nw_tos" => {
                let v =
                    parse_uint(value).ok_or_else(|| ParseError(format!("bad nw_tos {value}")))?;
                self.set(MatchField::from_u128(Field::IpDscp, v >> 2, None));
                return Ok(());
            }
            "dl_vlan" => {
                let v =
                    parse_uint(value).ok_or_else(|| ParseError(format!("bad dl_vlan {value}")))?;
                let (t, m) = self.vlan.unwrap_or((0, 0));
                self.vlan = Some((t & !0x0fff | 0x1000 | (v as u16 & 0xfff), m | 0x1fff));
                return Ok(());
            }
            _ => {}
        }
        let field =
            Field::from_name(key).ok_or_else(|| ParseError(format!("unknown field {key}")))?;
        match field {
            Field::VlanPcp => {
                let v = parse_uint(value).ok_or_else(|| ParseError(format!("bad pcp {value}")))?;
                let (t, m) = self.vlan.unwrap_or((0, 0));
                self.vlan = Some((t & 0x1fff | 0x1000 | ((v as u16 & 7) << 13), m | 0xf000));
                return Ok(());
            }
            Field::VlanTci => {
                let (v, m) = parse_value(field, value)?;
                let v = u16::from_be_bytes([v[0], v[1]]);
                let m = m
                    .map(|m| u16::from_be_bytes([m[0], m[1]]))
                    .unwrap_or(0xffff);
                self.vlan = Some((v & m, m));
                return Ok(());
            }
            Field::Reg(_) | Field::XReg(_) | Field::XXReg(_) => {
                let (v, m) = parse_value(field, value)?;
                let mf = MatchField {
                    field,
                    value: v,
                    mask: m,
                    wire: None,
                };
                let (first, n) = match field {
                    Field::Reg(i) => (i as usize, 1),
                    Field::XReg(i) => (2 * i as usize, 2),
                    Field::XXReg(i) => (4 * i as usize, 4),
                    _ => unreachable!(),
                };
                let (val, mask) = (mf.value_u128(), mf.mask_u128());
                for k in 0..n {
                    let shift = 32 * (n - 1 - k);
                    if let Some(r) = self.regs.get_mut(first + k) {
                        *r = ((val >> shift) as u32, (mask >> shift) as u32);
                    }
                }
                return Ok(());
            }
            _ => {}
        }
        let (v, m) = parse_value(field, value)?;
        self.set(MatchField {
            field,
            value: v,
            mask: m,
            wire: None,
        });
        Ok(())
    }

    fn set(&mut self, f: MatchField) {
        self.fields.insert(f.field, f);
    }

    fn val(&self, f: Field) -> Option<u128> {
        self.fields.get(&f).map(|m| m.value_u128())
    }

    /// Resolves protocol-dependent names, checks prerequisites, and orders the fields.
    pub fn finish(mut self) -> Result<Match, ParseError> {
        let dl = self.val(Field::EthType).map(|v| v as u16);
        let proto = self.val(Field::IpProto).map(|v| v as u8);
        for (k, v) in std::mem::take(&mut self.pending) {
            let f = match (k.as_str(), dl, proto) {
                ("nw_src", Some(0x0806 | 0x8035), _) => Field::ArpSpa,
                ("nw_dst", Some(0x0806 | 0x8035), _) => Field::ArpTpa,
                ("nw_src", _, _) => Field::Ipv4Src,
                ("nw_dst", _, _) => Field::Ipv4Dst,
                ("nw_proto", Some(0x0806 | 0x8035), _) => Field::ArpOp,
                ("nw_proto", _, _) => Field::IpProto,
                ("tp_src", _, Some(6)) => Field::TcpSrc,
                ("tp_dst", _, Some(6)) => Field::TcpDst,
                ("tp_src", _, Some(17)) => Field::UdpSrc,
                ("tp_dst", _, Some(17)) => Field::UdpDst,
                ("tp_src", _, Some(132)) => Field::SctpSrc,
                ("tp_dst", _, Some(132)) => Field::SctpDst,
                ("icmp_type" | "tp_src", Some(0x86dd), Some(58)) => Field::Icmpv6Type,
                ("icmp_code" | "tp_dst", Some(0x86dd), Some(58)) => Field::Icmpv6Code,
                ("icmp_type" | "tp_src", Some(0x0800), Some(1)) => Field::Icmpv4Type,
                ("icmp_code" | "tp_dst", Some(0x0800), Some(1)) => Field::Icmpv4Code,
                _ => return err(format!("{k}: missing protocol prerequisite")),
            };
            let (val, mask) = parse_value(f, &v)?;
            self.set(MatchField {
                field: f,
                value: val,
                mask,
                wire: None,
            });
        }
        if let Some((t, m)) = self.vlan {
            let vm = m & 0x1fff;
            if vm != 0 {
                self.set(MatchField::from_u128(
                    Field::VlanVid,
                    (t & vm) as u128,
                    (vm != 0x1fff).then_some(vm as u128),
                ));
            }
            if m & 0xe000 == 0xe000 {
                self.set(MatchField::from_u128(
                    Field::VlanPcp,
                    (t >> 13) as u128,
                    None,
                ));
            }
        }
        for i in 0..8u8 {
            let (h, l) = (self.regs[2 * i as usize], self.regs[2 * i as usize + 1]);
            let v = ((h.0 as u128) << 32) | l.0 as u128;
            let m = ((h.1 as u128) << 32) | l.1 as u128;
            if m != 0 {
                let mask = (m != u64::MAX as u128).then_some(m);
                self.set(MatchField::from_u128(Field::XReg(i), v & m, mask));
            }
        }
        check_prereqs(&self.fields)?;
        let mut fields: Vec<MatchField> = self.fields.into_values().collect();
        fields.sort_by_key(|f| ovs_order(f.field));
        Ok(Match { fields })
    }
}

/// Whether `f` may be matched or written given the flow's eth_type and ip_proto
/// (OpenFlow's prerequisites).
pub fn prereq_ok(f: Field, dl: Option<u16>, proto: Option<u8>) -> bool {
    use Field::*;
    let ip = matches!(dl, Some(0x0800) | Some(0x86dd));
    match f {
        Ipv4Src | Ipv4Dst => dl == Some(0x0800),
        Ipv6Src | Ipv6Dst | Ipv6Label => dl == Some(0x86dd),
        IpProto | IpDscp | IpEcn | IpTtl | IpFrag => ip,
        ArpOp | ArpSpa | ArpTpa | ArpSha | ArpTha => matches!(dl, Some(0x0806 | 0x8035)),
        TcpSrc | TcpDst | TcpFlags => ip && proto == Some(6),
        UdpSrc | UdpDst => ip && proto == Some(17),
        SctpSrc | SctpDst => ip && proto == Some(132),
        Icmpv4Type | Icmpv4Code => dl == Some(0x0800) && proto == Some(1),
        Icmpv6Type | Icmpv6Code | NdTarget | NdSll | NdTll => {
            dl == Some(0x86dd) && proto == Some(58)
        }
        _ => true,
    }
}

fn check_prereqs(fields: &BTreeMap<Field, MatchField>) -> Result<(), ParseError> {
    let dl = fields.get(&Field::EthType).map(|m| m.value_u128() as u16);
    let proto = fields.get(&Field::IpProto).map(|m| m.value_u128() as u8);
    for f in fields.keys() {
        if !prereq_ok(*f, dl, proto) {
            return err(format!("{}: prerequisites not met", f.name()));
        }
    }
    Ok(())
}

/// Position of a field in the order Open vSwitch writes OpenFlow 1.5 matches.
pub fn ovs_order(f: Field) -> u32 {
    use Field::*;
    match f {
        DpHash => 0,
        RecircId => 1,
        ConjId => 2,
        PacketType => 3,
        InPort => 4,
        ActsetOutput => 5,
        EthSrc => 10,
        EthDst => 11,
        EthType => 12,
        VlanTci => 13,
        VlanVid => 14,
        VlanPcp => 15,
        MplsLabel => 16,
        MplsTc => 17,
        MplsBos => 18,
        Ipv4Src => 20,
        Ipv4Dst => 21,
        Ipv6Src => 22,
        Ipv6Dst => 23,
        Ipv6Label => 24,
        IpFrag => 25,
        IpDscp => 26,
        IpEcn => 27,
        IpTtl => 28,
        IpProto => 29,
        TcpSrc => 30,
        TcpDst => 31,
        TcpFlags => 32,
        UdpSrc => 33,
        UdpDst => 34,
        SctpSrc => 35,
        SctpDst => 36,
        Icmpv4Type => 37,
        Icmpv4Code => 38,
        Icmpv6Type => 39,
        Icmpv6Code => 40,
        NdTarget => 41,
        NdSll => 42,
        NdTll => 43,
        ArpOp => 50,
        ArpSpa => 51,
        ArpTpa => 52,
        ArpSha => 53,
        ArpTha => 54,
        TunnelId => 60,
        TunFlags => 61,
        TunSrc => 62,
        TunDst => 63,
        TunIpv6Src => 64,
        TunIpv6Dst => 65,
        TunMetadata(i) => 100 + i as u32,
        Reg(i) => 200 + i as u32,
        XReg(i) => 220 + i as u32,
        XXReg(i) => 240 + i as u32,
        PktMark => 300,
        CtState => 310,
        CtZone => 311,
        CtMark => 312,
        CtLabel => 313,
        CtNwProto => 314,
        CtNwSrc => 315,
        CtNwDst => 316,
        CtIpv6Src => 317,
        CtIpv6Dst => 318,
        CtTpSrc => 319,
        CtTpDst => 320,
        Metadata => 400,
        Unknown { .. } => 500,
    }
}
