//! The compiled form of a logical flow's match: typed OpenFlow matches, one per flow, and
//! their text in `ovs-ofctl` syntax (the same text `ovs-ofctl dump-flows` prints for the
//! flows the real ovn-controller installs, which is what the golden tests compare).

use std::fmt;
use std::net::{Ipv4Addr, Ipv6Addr};

use super::annotate::Test;
use super::logical_fields::CtStateBit;
use super::ovs_field::OvsField;
use super::value::{cidr_len, fmt_mac, width_mask};

/// `(field & mask) == value` for one field of a match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MatchField {
    pub field: OvsField,
    pub value: u128,
    pub mask: u128,
}

impl MatchField {
    pub fn is_exact(&self) -> bool {
        self.mask == width_mask(self.field.width())
    }
}

/// A conjunction of field constraints: one OpenFlow match. Fields are sorted (in
/// `ovs-ofctl`'s printing order) and unique; `xreg`/`xxreg` never appear (they are stored as
/// the 32-bit registers they overlay, as Open vSwitch does).
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FlowMatch {
    pub fields: Vec<MatchField>,
}

impl FlowMatch {
    /// Builds a match from tests, merging tests on the same field (the caller guarantees
    /// they agree).
    pub fn from_tests(tests: &[Test]) -> FlowMatch {
        let mut fields: Vec<MatchField> = Vec::new();
        for t in tests {
            let parts: Vec<Test> = match t.field.overlaid_regs() {
                None => vec![*t],
                Some(regs) => {
                    let n = regs.len();
                    regs.into_iter()
                        .enumerate()
                        .map(|(i, reg)| {
                            let shift = 32 * (n - 1 - i);
                            Test {
                                field: reg,
                                value: (t.value >> shift) & 0xffff_ffff,
                                mask: (t.mask >> shift) & 0xffff_ffff,
                            }
                        })
                        .filter(|p| p.mask != 0)
                        .collect()
                }
            };
            for p in parts {
                match fields.iter_mut().find(|f| f.field == p.field) {
                    Some(f) => {
                        f.value |= p.value;
                        f.mask |= p.mask;
                    }
                    None => fields.push(MatchField {
                        field: p.field,
                        value: p.value,
                        mask: p.mask,
                    }),
                }
            }
        }
        fields.sort();
        FlowMatch { fields }
    }

    pub fn get(&self, field: OvsField) -> Option<&MatchField> {
        self.fields.iter().find(|f| f.field == field)
    }
}

/// One clause membership: this flow's action is `conjunction(id, clause/n_clauses)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Conjunction {
    pub id: u32,
    /// 1-based, as `ovs-ofctl` writes it.
    pub clause: u8,
    pub n_clauses: u8,
}

impl fmt::Display for Conjunction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "conjunction({},{}/{})",
            self.id, self.clause, self.n_clauses
        )
    }
}

/// One OpenFlow flow of a compiled logical flow. With no conjunctions, the flow runs the
/// logical flow's actions; otherwise its actions are exactly its `conjunction(...)`s, and a
/// separate flow matching `conj_id` runs the logical flow's actions.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MatchFlow {
    pub flow_match: FlowMatch,
    pub conjunctions: Vec<Conjunction>,
}

impl fmt::Display for MatchFlow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.flow_match)?;
        for (i, c) in self.conjunctions.iter().enumerate() {
            f.write_str(if i == 0 { " actions=" } else { "," })?;
            write!(f, "{c}")?;
        }
        Ok(())
    }
}

/// The `ovs-ofctl` protocol shorthand for an `eth_type`/`ip_proto` pair, and whether it
/// stands for the protocol too.
fn shorthand(eth_type: Option<u128>, proto: Option<u128>) -> Option<(&'static str, bool)> {
    let by_proto = |v4: bool| -> Option<&'static str> {
        Some(match (proto?, v4) {
            (1, true) => "icmp",
            (6, true) => "tcp",
            (17, true) => "udp",
            (132, true) => "sctp",
            (58, false) => "icmp6",
            (6, false) => "tcp6",
            (17, false) => "udp6",
            (132, false) => "sctp6",
            _ => return None,
        })
    };
    match eth_type? {
        0x0800 => Some(by_proto(true).map_or(("ip", false), |s| (s, true))),
        0x86dd => Some(by_proto(false).map_or(("ipv6", false), |s| (s, true))),
        0x0806 => Some(("arp", false)),
        0x8035 => Some(("rarp", false)),
        _ => None,
    }
}

fn hex0(v: u128) -> String {
    if v == 0 {
        "0".to_string()
    } else {
        format!("{v:#x}")
    }
}

struct Ip4(u128);
impl fmt::Display for Ip4 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", Ipv4Addr::from(self.0 as u32))
    }
}
struct Ip6(u128);
impl fmt::Display for Ip6 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", Ipv6Addr::from(self.0))
    }
}
struct Mac(u128);
impl fmt::Display for Mac {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt_mac(f, self.0 as u64)
    }
}

const TCP_FLAGS: [&str; 9] = ["fin", "syn", "rst", "psh", "ack", "urg", "ece", "cwr", "ns"];

/// The text of one field as `ovs-ofctl` prints it (`name=value[/mask]`).
fn fmt_field(f: &mut fmt::Formatter<'_>, m: &MatchField) -> fmt::Result {
    let exact = m.is_exact();
    let (v, mask) = (m.value, m.mask);
    let plain_or_masked = |f: &mut fmt::Formatter<'_>, name: &str| {
        if exact {
            write!(f, "{name}={}", hex0(v))
        } else {
            write!(f, "{name}={}/{mask:#x}", hex0(v))
        }
    };
    match m.field {
        OvsField::Ipv4Src | OvsField::Ipv4Dst | OvsField::ArpSpa | OvsField::ArpTpa => {
            let name = match m.field {
                OvsField::Ipv4Src => "nw_src",
                OvsField::Ipv4Dst => "nw_dst",
                OvsField::ArpSpa => "arp_spa",
                _ => "arp_tpa",
            };
            match (exact, cidr_len(mask, 32)) {
                (true, _) => write!(f, "{name}={}", Ip4(v)),
                (false, Some(len)) => write!(f, "{name}={}/{len}", Ip4(v)),
                (false, None) => write!(f, "{name}={}/{}", Ip4(v), Ip4(mask)),
            }
        }
        OvsField::CtNwSrc | OvsField::CtNwDst => {
            let name = m.field.name();
            match (exact, cidr_len(mask, 32)) {
                (true, _) => write!(f, "{name}={}", Ip4(v)),
                (false, Some(len)) => write!(f, "{name}={}/{len}", Ip4(v)),
                (false, None) => write!(f, "{name}={}/{}", Ip4(v), Ip4(mask)),
            }
        }
        OvsField::Ipv6Src | OvsField::Ipv6Dst | OvsField::NdTarget => {
            let name = m.field.name();
            match (exact, cidr_len(mask, 128)) {
                (true, _) => write!(f, "{name}={}", Ip6(v)),
                (false, Some(len)) => write!(f, "{name}={}/{len}", Ip6(v)),
                (false, None) => write!(f, "{name}={}/{}", Ip6(v), Ip6(mask)),
            }
        }
        OvsField::CtIpv6Src | OvsField::CtIpv6Dst => {
            let name = m.field.name();
            match (exact, cidr_len(mask, 128)) {
                (true, _) => write!(f, "{name}={}", Ip6(v)),
                (false, Some(len)) => write!(f, "{name}={}/{len}", Ip6(v)),
                (false, None) => write!(f, "{name}={}/{}", Ip6(v), Ip6(mask)),
            }
        }
        OvsField::EthSrc
        | OvsField::EthDst
        | OvsField::ArpSha
        | OvsField::ArpTha
        | OvsField::NdSll
        | OvsField::NdTll => {
            let name = match m.field {
                OvsField::EthSrc => "dl_src".to_string(),
                OvsField::EthDst => "dl_dst".to_string(),
                other => other.name(),
            };
            if exact {
                write!(f, "{name}={}", Mac(v))
            } else {
                write!(f, "{name}={}/{}", Mac(v), Mac(mask))
            }
        }
        OvsField::TcpSrc | OvsField::UdpSrc | OvsField::SctpSrc => tp(f, "tp_src", exact, v, mask),
        OvsField::TcpDst | OvsField::UdpDst | OvsField::SctpDst => tp(f, "tp_dst", exact, v, mask),
        OvsField::CtTpSrc | OvsField::CtTpDst => tp(f, &m.field.name(), exact, v, mask),
        OvsField::Icmpv4Type | OvsField::Icmpv6Type => write!(f, "icmp_type={v}"),
        OvsField::Icmpv4Code | OvsField::Icmpv6Code => write!(f, "icmp_code={v}"),
        OvsField::ArpOp => write!(f, "arp_op={v}"),
        OvsField::IpProto => write!(f, "nw_proto={v}"),
        OvsField::CtNwProto => write!(f, "ct_nw_proto={v}"),
        OvsField::IpTtl => write!(f, "nw_ttl={v}"),
        OvsField::IpDscp => write!(f, "nw_tos={}", v << 2),
        OvsField::IpEcn => write!(f, "nw_ecn={v}"),
        OvsField::InPort => write!(f, "in_port={v}"),
        OvsField::ConjId => write!(f, "conj_id={v}"),
        OvsField::EthType => write!(f, "dl_type={v:#06x}"),
        OvsField::IpFrag => {
            let s = match (v & 3, mask & 3) {
                (0, 1) | (0, 3) => "no",
                (1, 1) => "yes",
                (1, 3) => "first",
                (3, 3) | (2, 2) => "later",
                (0, 2) => "not_later",
                _ => return write!(f, "nw_frag={v:#x}/{mask:#x}"),
            };
            write!(f, "nw_frag={s}")
        }
        OvsField::Ipv6Label => {
            if exact {
                write!(f, "ipv6_label={v:#07x}")
            } else {
                write!(f, "ipv6_label={v:#07x}/{mask:#07x}")
            }
        }
        OvsField::CtState => {
            f.write_str("ct_state=")?;
            for bit in CtStateBit::ALL {
                let b = 1u128 << bit.bit();
                if mask & b != 0 {
                    let sign = if v & b != 0 { '+' } else { '-' };
                    write!(f, "{sign}{}", bit.ofctl_name())?;
                }
            }
            Ok(())
        }
        OvsField::TcpFlags => {
            f.write_str("tcp_flags=")?;
            if exact {
                let names: Vec<&str> = (0..9)
                    .filter(|i| v & (1 << i) != 0)
                    .map(|i| TCP_FLAGS[i])
                    .collect();
                if names.is_empty() {
                    f.write_str("0")
                } else {
                    f.write_str(&names.join("|"))
                }
            } else {
                for (i, name) in TCP_FLAGS.iter().enumerate() {
                    let b = 1u128 << i;
                    if mask & b != 0 {
                        write!(f, "{}{name}", if v & b != 0 { '+' } else { '-' })?;
                    }
                }
                Ok(())
            }
        }
        OvsField::VlanTci => {
            const CFI: u128 = 0x1000;
            let (vid_m, pcp_m) = (mask & 0x0fff, mask & 0xe000);
            let vid_ok = vid_m == 0 || vid_m == 0x0fff;
            let pcp_ok = pcp_m == 0 || pcp_m == 0xe000;
            if mask & CFI != 0 && v & CFI != 0 && vid_ok && pcp_ok && (vid_m | pcp_m) != 0 {
                let mut first = true;
                if vid_m != 0 {
                    write!(f, "dl_vlan={}", v & 0x0fff)?;
                    first = false;
                }
                if pcp_m != 0 {
                    if !first {
                        f.write_str(",")?;
                    }
                    write!(f, "dl_vlan_pcp={}", (v >> 13) & 7)?;
                }
                Ok(())
            } else if exact {
                write!(f, "vlan_tci={v:#06x}")
            } else {
                write!(f, "vlan_tci={v:#06x}/{mask:#06x}")
            }
        }
        OvsField::CtLabel => {
            if exact {
                write!(f, "ct_label={v:#x}")
            } else {
                write!(f, "ct_label={}/{mask:#x}", hex0(v))
            }
        }
        OvsField::Reg(_)
        | OvsField::Xreg(_)
        | OvsField::Xxreg(_)
        | OvsField::Metadata
        | OvsField::PktMark
        | OvsField::CtMark => plain_or_masked(f, &m.field.name()),
    }
}

fn tp(f: &mut fmt::Formatter<'_>, name: &str, exact: bool, v: u128, mask: u128) -> fmt::Result {
    if exact {
        write!(f, "{name}={v}")
    } else {
        write!(f, "{name}={v:#x}/{mask:#x}")
    }
}

impl fmt::Display for FlowMatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let eth_type = self
            .get(OvsField::EthType)
            .filter(|m| m.is_exact())
            .map(|m| m.value);
        let proto = self
            .get(OvsField::IpProto)
            .filter(|m| m.is_exact())
            .map(|m| m.value);
        let short = shorthand(eth_type, proto);
        let mut first = true;
        let mut sep = |f: &mut fmt::Formatter<'_>| -> fmt::Result {
            if !std::mem::take(&mut first) {
                f.write_str(",")?;
            }
            Ok(())
        };
        let mut short_done = short.is_none();
        for m in &self.fields {
            // The protocol shorthand goes right before the registers (after the conntrack
            // fields), where ovs-ofctl puts it.
            if !short_done && m.field >= OvsField::Reg(0) {
                sep(f)?;
                f.write_str(short.map_or("", |s| s.0))?;
                short_done = true;
            }
            match (m.field, short) {
                (OvsField::EthType, Some(_)) => continue,
                (OvsField::IpProto, Some((_, true))) => continue,
                _ => {}
            }
            sep(f)?;
            fmt_field(f, m)?;
        }
        if !short_done {
            sep(f)?;
            f.write_str(short.map_or("", |s| s.0))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(field: OvsField, value: u128, mask: u128) -> Test {
        Test { field, value, mask }
    }

    #[test]
    fn prints_like_ovs_ofctl() {
        let m = FlowMatch::from_tests(&[
            t(OvsField::Metadata, 1, u64::MAX as u128),
            t(OvsField::EthType, 0x86dd, 0xffff),
            t(OvsField::IpProto, 58, 0xff),
            t(OvsField::Ipv6Src, 0xfe80 << 112, 0xffc0 << 112),
            t(OvsField::Icmpv6Type, 132, 0xff),
        ]);
        assert_eq!(
            m.to_string(),
            "icmp6,metadata=0x1,ipv6_src=fe80::/10,icmp_type=132"
        );
        let m = FlowMatch::from_tests(&[
            t(OvsField::CtState, 0x22, 0x23),
            t(OvsField::CtMark, 0, 1),
            t(OvsField::EthType, 0x800, 0xffff),
            t(OvsField::Metadata, 1, u64::MAX as u128),
        ]);
        assert_eq!(
            m.to_string(),
            "ct_state=-new+est+trk,ct_mark=0/0x1,ip,metadata=0x1"
        );
        let m = FlowMatch::from_tests(&[t(OvsField::Xxreg(0), 1 << 111, 1 << 111)]);
        assert_eq!(m.to_string(), "reg0=0x8000/0x8000");
        let m = FlowMatch::from_tests(&[t(OvsField::VlanTci, 0x1000, 0x1000)]);
        assert_eq!(m.to_string(), "vlan_tci=0x1000/0x1000");
        let m = FlowMatch::from_tests(&[t(OvsField::VlanTci, 0x7005, 0xffff)]);
        assert_eq!(m.to_string(), "dl_vlan=5,dl_vlan_pcp=3");
        let m = FlowMatch::from_tests(&[t(OvsField::Reg(15), 0, 0xffff_ffff)]);
        assert_eq!(m.to_string(), "reg15=0");
    }
}
