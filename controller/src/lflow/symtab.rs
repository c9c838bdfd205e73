//! The symbol table of the logical-flow language: every name a logical flow may use in a
//! match or an action, as `ovn-sb(5)` lists them (plus the ones ovn-northd 23.03 emits that
//! the man page leaves out: `mldv1`, `mldv2`, `igmp`, `eth.mcastv6`, `ct_mark.*`,
//! `ct_label.*`, `flags.*`).
//!
//! A symbol is one of
//! - a **field**: an OVS field of some width, *ordinal* (bits individually addressable, all
//!   relational operators allowed) or *nominal* (only `==`, only positively);
//! - a **string field**: `inport`/`outport`, whose values are port names that the caller's
//!   lookup turns into tunnel keys held in a register;
//! - a **subfield**: bits `lo..=hi` of another symbol (`vlan.vid` is `vlan.tci[0..11]`);
//! - a **predicate**: shorthand for an expression (`ip4` is `eth.type == 0x800`).
//!
//! Any symbol may have **prerequisites**, an expression implied by using it (`tcp.src`
//! implies `tcp`). Expansions and prerequisites are written in the language itself, exactly
//! as the man page states them, and parsed once when the table is built.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::ast::{Expr, FieldRef};
use super::logical_fields::{
    CtLabelField, CtMarkField, CtStateBit, LogicalFlag, LOG_FLAGS, LOG_INPORT, LOG_OUTPORT,
    LOG_REG_COUNT,
};
use super::ovs_field::OvsField;
use super::parser::parse_match;

/// Level of measurement of an integer field (`ovn-sb(5)`, "Level of Measurement").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Bits can be examined individually: every relational operator works.
    Ordinal,
    /// Only equality, and only in a positive sense.
    Nominal,
}

#[derive(Debug, Clone, PartialEq)]
pub enum SymbolKind {
    Field {
        field: OvsField,
        level: Level,
    },
    /// A port name resolved to a key stored in `field` (`inport`, `outport`).
    StringField {
        field: OvsField,
    },
    Subfield {
        parent: String,
        lo: u16,
        hi: u16,
    },
    Predicate {
        expansion: Expr,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Symbol {
    pub name: String,
    pub kind: SymbolKind,
    pub prereqs: Option<Expr>,
    /// Whether actions may assign to it.
    pub rw: bool,
}

/// A field reference resolved down to bits of one OVS field.
#[derive(Debug, Clone, PartialEq)]
pub struct ResolvedField {
    pub field: OvsField,
    /// Lowest bit within `field`.
    pub lo: u32,
    pub width: u32,
    pub level: Level,
    /// A string field (port names), not an integer one.
    pub is_string: bool,
    /// Prerequisites of the symbol and of every symbol it is a subfield of.
    pub prereqs: Vec<Expr>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SymbolError {
    #[error("unknown symbol `{0}`")]
    Unknown(String),
    #[error("`{0}` is a predicate, not a field")]
    Predicate(String),
    #[error("bits {lo}..{hi} are outside `{name}`, which is {width} bits wide")]
    RangeOutOfBounds {
        name: String,
        lo: u16,
        hi: u16,
        width: u32,
    },
    #[error("cannot take a subfield of nominal or string field `{0}`")]
    NotOrdinal(String),
}

#[derive(Debug, Clone, Default)]
pub struct SymbolTable {
    symbols: HashMap<String, Symbol>,
}

impl SymbolTable {
    /// The table ovn-controller uses for logical flows.
    pub fn ovn() -> &'static SymbolTable {
        static TABLE: OnceLock<SymbolTable> = OnceLock::new();
        TABLE.get_or_init(build)
    }

    pub fn get(&self, name: &str) -> Option<&Symbol> {
        self.symbols.get(name)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Symbol> {
        self.symbols.values()
    }

    pub fn len(&self) -> usize {
        self.symbols.len()
    }

    pub fn is_empty(&self) -> bool {
        self.symbols.is_empty()
    }

    /// Resolves `name[lo..hi]` to bits of an OVS field, collecting prerequisites.
    pub fn resolve(&self, r: &FieldRef) -> Result<ResolvedField, SymbolError> {
        let mut out = self.resolve_name(&r.name, 0)?;
        if let Some(range) = r.range {
            if out.is_string || out.level == Level::Nominal {
                return Err(SymbolError::NotOrdinal(r.name.clone()));
            }
            if u32::from(range.hi) >= out.width {
                return Err(SymbolError::RangeOutOfBounds {
                    name: r.name.clone(),
                    lo: range.lo,
                    hi: range.hi,
                    width: out.width,
                });
            }
            out.lo += u32::from(range.lo);
            out.width = range.width();
        }
        Ok(out)
    }

    fn resolve_name(&self, name: &str, depth: u32) -> Result<ResolvedField, SymbolError> {
        let sym = self
            .get(name)
            .ok_or_else(|| SymbolError::Unknown(name.to_string()))?;
        let mut out = match &sym.kind {
            SymbolKind::Field { field, level } => ResolvedField {
                field: *field,
                lo: 0,
                width: field.width(),
                level: *level,
                is_string: false,
                prereqs: Vec::new(),
            },
            SymbolKind::StringField { field } => ResolvedField {
                field: *field,
                lo: 0,
                width: field.width(),
                level: Level::Nominal,
                is_string: true,
                prereqs: Vec::new(),
            },
            SymbolKind::Subfield { parent, lo, hi } => {
                if depth > 8 {
                    return Err(SymbolError::Unknown(name.to_string()));
                }
                let mut p = self.resolve_name(parent, depth + 1)?;
                p.lo += u32::from(*lo);
                p.width = u32::from(hi - lo) + 1;
                p.level = Level::Ordinal;
                p
            }
            SymbolKind::Predicate { .. } => return Err(SymbolError::Predicate(name.to_string())),
        };
        out.prereqs.extend(sym.prereqs.clone());
        Ok(out)
    }

    fn insert(&mut self, name: &str, kind: SymbolKind, prereqs: Option<&str>, rw: bool) {
        let prereqs = prereqs.map(|p| parse_match(p).expect("symbol table prerequisite parses"));
        self.symbols.insert(
            name.to_string(),
            Symbol {
                name: name.to_string(),
                kind,
                prereqs,
                rw,
            },
        );
    }

    fn field(&mut self, name: &str, field: OvsField, prereqs: Option<&str>, rw: bool) {
        self.insert(
            name,
            SymbolKind::Field {
                field,
                level: Level::Ordinal,
            },
            prereqs,
            rw,
        );
    }

    fn nominal(&mut self, name: &str, field: OvsField, prereqs: Option<&str>, rw: bool) {
        self.insert(
            name,
            SymbolKind::Field {
                field,
                level: Level::Nominal,
            },
            prereqs,
            rw,
        );
    }

    fn subfield(&mut self, name: &str, parent: &str, lo: u16, hi: u16, prereqs: Option<&str>) {
        let kind = SymbolKind::Subfield {
            parent: parent.to_string(),
            lo,
            hi,
        };
        self.insert(name, kind, prereqs, true);
    }

    fn predicate(&mut self, name: &str, expansion: &str) {
        let expansion = parse_match(expansion).expect("symbol table predicate parses");
        self.insert(name, SymbolKind::Predicate { expansion }, None, false);
    }
}

fn build() -> SymbolTable {
    let mut t = SymbolTable::default();

    // Logical registers and ports.
    for n in 0..LOG_REG_COUNT {
        t.field(&format!("reg{n}"), OvsField::Reg(n), None, true);
    }
    for n in 0..LOG_REG_COUNT / 2 {
        t.field(&format!("xreg{n}"), OvsField::Xreg(n), None, true);
    }
    for n in 0..LOG_REG_COUNT / 4 {
        t.field(&format!("xxreg{n}"), OvsField::Xxreg(n), None, true);
    }
    t.insert(
        "inport",
        SymbolKind::StringField { field: LOG_INPORT },
        None,
        true,
    );
    t.insert(
        "outport",
        SymbolKind::StringField { field: LOG_OUTPORT },
        None,
        true,
    );

    t.field("flags", LOG_FLAGS, None, true);
    for flag in LogicalFlag::ALL {
        if let Some(name) = flag.symbol() {
            t.subfield(name, "flags", flag.bit(), flag.bit(), None);
        }
    }

    t.field("pkt.mark", OvsField::PktMark, None, true);

    // Connection tracking.
    t.field("ct_mark", OvsField::CtMark, None, true);
    for f in CtMarkField::ALL {
        let (lo, hi) = f.bits();
        t.subfield(f.symbol(), "ct_mark", lo, hi, None);
    }
    t.field("ct_label", OvsField::CtLabel, None, true);
    for f in CtLabelField::ALL {
        let (lo, hi) = f.bits();
        t.subfield(f.symbol(), "ct_label", lo, hi, None);
    }
    t.field("ct_state", OvsField::CtState, None, false);
    for bit in CtStateBit::ALL {
        let prereq = (bit != CtStateBit::Trk).then_some("ct.trk");
        t.subfield(bit.symbol(), "ct_state", bit.bit(), bit.bit(), prereq);
    }
    // The original-direction tuple: ovs-fields(7) requires a valid tracked state
    // (`+trk-inv`) and the IP version; OVS ignores `ct_tp_*` without `ct_nw_proto`, so a
    // logical flow should test `ct_nw_proto` too.
    t.nominal(
        "ct_nw_proto",
        OvsField::CtNwProto,
        Some("ct.trk && !ct.inv && ip"),
        false,
    );
    t.field(
        "ct_nw_src",
        OvsField::CtNwSrc,
        Some("ct.trk && !ct.inv && ip4"),
        false,
    );
    t.field(
        "ct_nw_dst",
        OvsField::CtNwDst,
        Some("ct.trk && !ct.inv && ip4"),
        false,
    );
    t.field(
        "ct_ip6_src",
        OvsField::CtIpv6Src,
        Some("ct.trk && !ct.inv && ip6"),
        false,
    );
    t.field(
        "ct_ip6_dst",
        OvsField::CtIpv6Dst,
        Some("ct.trk && !ct.inv && ip6"),
        false,
    );
    t.field(
        "ct_tp_src",
        OvsField::CtTpSrc,
        Some("ct.trk && !ct.inv && ip"),
        false,
    );
    t.field(
        "ct_tp_dst",
        OvsField::CtTpDst,
        Some("ct.trk && !ct.inv && ip"),
        false,
    );

    // Ethernet and VLAN.
    t.field("eth.src", OvsField::EthSrc, None, true);
    t.field("eth.dst", OvsField::EthDst, None, true);
    t.nominal("eth.type", OvsField::EthType, None, false);
    t.predicate("eth.bcast", "eth.dst == ff:ff:ff:ff:ff:ff");
    t.predicate("eth.mcast", "eth.dst[40]");
    t.predicate("eth.mcastv6", "eth.dst[32..47] == 0x3333");
    t.field("vlan.tci", OvsField::VlanTci, None, true);
    t.predicate("vlan.present", "vlan.tci[12]");
    t.subfield("vlan.vid", "vlan.tci", 0, 11, Some("vlan.present"));
    t.subfield("vlan.pcp", "vlan.tci", 13, 15, Some("vlan.present"));

    // IP.
    t.predicate("ip4", "eth.type == 0x800");
    t.predicate("ip6", "eth.type == 0x86dd");
    t.predicate("ip", "ip4 || ip6");
    t.nominal("ip.proto", OvsField::IpProto, Some("ip"), false);
    t.nominal("ip.dscp", OvsField::IpDscp, Some("ip"), true);
    t.nominal("ip.ecn", OvsField::IpEcn, Some("ip"), true);
    t.nominal("ip.ttl", OvsField::IpTtl, Some("ip"), true);
    t.field("ip.frag", OvsField::IpFrag, Some("ip"), false);
    t.predicate("ip.is_frag", "ip.frag[0]");
    t.predicate("ip.later_frag", "ip.frag[1]");
    t.predicate("ip.first_frag", "ip.is_frag && !ip.later_frag");

    t.field("ip4.src", OvsField::Ipv4Src, Some("ip4"), true);
    t.field("ip4.dst", OvsField::Ipv4Dst, Some("ip4"), true);
    t.predicate("ip4.src_mcast", "ip4.src[28..31] == 0xe");
    t.predicate("ip4.mcast", "eth.mcast && ip4.dst[28..31] == 0xe");

    t.field("ip6.src", OvsField::Ipv6Src, Some("ip6"), true);
    t.field("ip6.dst", OvsField::Ipv6Dst, Some("ip6"), true);
    t.field("ip6.label", OvsField::Ipv6Label, Some("ip6"), true);
    t.predicate("ip6.mcast", "eth.mcastv6 && ip6.dst[120..127] == 0xff");
    // Observed: ovn-controller 23.03 installs ipv6_dst=ff00::/fff0:ffff:...:ffff for it.
    t.predicate(
        "ip6.mcast_rsvd",
        "ip6.dst[116..127] == 0xff0 && ip6.dst[0..111] == 0x0",
    );
    t.predicate("ip6.mcast_all_nodes", "ip6.dst == ff02::1");
    t.predicate("ip6.mcast_all_rtrs", "ip6.dst == ff02::2");
    t.predicate("ip6.mcast_sol_node", "ip6.dst == ff02::1:ff00:0/104");

    // ICMP.
    t.predicate("icmp4", "ip4 && ip.proto == 1");
    t.nominal("icmp4.type", OvsField::Icmpv4Type, Some("icmp4"), true);
    t.nominal("icmp4.code", OvsField::Icmpv4Code, Some("icmp4"), true);
    t.predicate("icmp6", "ip6 && ip.proto == 58");
    t.nominal("icmp6.type", OvsField::Icmpv6Type, Some("icmp6"), true);
    t.nominal("icmp6.code", OvsField::Icmpv6Code, Some("icmp6"), true);
    t.predicate("icmp", "icmp4 || icmp6");
    t.predicate("igmp", "ip4 && ip.proto == 2");
    t.predicate(
        "mldv1",
        "ip6.src == fe80::/10 && icmp6.type == {130, 131, 132}",
    );
    t.predicate("mldv2", "ip6.dst == ff02::16 && icmp6.type == 143");

    // ARP / RARP.
    t.predicate("arp", "eth.type == 0x806");
    t.nominal("arp.op", OvsField::ArpOp, Some("arp"), true);
    t.field("arp.spa", OvsField::ArpSpa, Some("arp"), true);
    t.field("arp.tpa", OvsField::ArpTpa, Some("arp"), true);
    t.field("arp.sha", OvsField::ArpSha, Some("arp"), true);
    t.field("arp.tha", OvsField::ArpTha, Some("arp"), true);
    t.predicate("rarp", "eth.type == 0x8035");
    t.nominal("rarp.op", OvsField::ArpOp, Some("rarp"), true);
    t.field("rarp.spa", OvsField::ArpSpa, Some("rarp"), true);
    t.field("rarp.tpa", OvsField::ArpTpa, Some("rarp"), true);
    t.field("rarp.sha", OvsField::ArpSha, Some("rarp"), true);
    t.field("rarp.tha", OvsField::ArpTha, Some("rarp"), true);

    // IPv6 neighbour discovery.
    t.predicate(
        "nd",
        "icmp6.type == {135, 136} && icmp6.code == 0 && ip.ttl == 255",
    );
    t.predicate(
        "nd_ns",
        "icmp6.type == 135 && icmp6.code == 0 && ip.ttl == 255",
    );
    t.predicate(
        "nd_na",
        "icmp6.type == 136 && icmp6.code == 0 && ip.ttl == 255",
    );
    t.predicate(
        "nd_rs",
        "icmp6.type == 133 && icmp6.code == 0 && ip.ttl == 255",
    );
    t.predicate(
        "nd_ra",
        "icmp6.type == 134 && icmp6.code == 0 && ip.ttl == 255",
    );
    t.field("nd.target", OvsField::NdTarget, Some("nd"), true);
    t.field("nd.sll", OvsField::NdSll, Some("nd_ns"), true);
    t.field("nd.tll", OvsField::NdTll, Some("nd_na"), true);

    // L4.
    t.predicate("tcp", "ip.proto == 6");
    t.field("tcp.src", OvsField::TcpSrc, Some("tcp"), true);
    t.field("tcp.dst", OvsField::TcpDst, Some("tcp"), true);
    t.field("tcp.flags", OvsField::TcpFlags, Some("tcp"), false);
    t.predicate("udp", "ip.proto == 17");
    t.field("udp.src", OvsField::UdpSrc, Some("udp"), true);
    t.field("udp.dst", OvsField::UdpDst, Some("udp"), true);
    t.predicate("sctp", "ip.proto == 132");
    t.field("sctp.src", OvsField::SctpSrc, Some("sctp"), true);
    t.field("sctp.dst", OvsField::SctpDst, Some("sctp"), true);

    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_symbol_resolves() {
        let t = SymbolTable::ovn();
        for sym in t.iter() {
            let r = t.resolve(&FieldRef::new(sym.name.clone()));
            match &sym.kind {
                SymbolKind::Predicate { .. } => assert!(r.is_err()),
                _ => assert!(r.is_ok(), "{}: {r:?}", sym.name),
            }
        }
        assert!(t.len() > 100);
    }

    #[test]
    fn subfields_stack() {
        let t = SymbolTable::ovn();
        let r = t.resolve(&FieldRef::bits("vlan.pcp", 2, 2)).unwrap();
        assert_eq!((r.field, r.lo, r.width), (OvsField::VlanTci, 15, 1));
        assert_eq!(r.prereqs.len(), 1);
        let r = t.resolve(&FieldRef::new("ct_label.label")).unwrap();
        assert_eq!((r.field, r.lo, r.width), (OvsField::CtLabel, 96, 32));
        let r = t.resolve(&FieldRef::new("flags.loopback")).unwrap();
        assert_eq!((r.field, r.lo, r.width), (LOG_FLAGS, 0, 1));
    }

    #[test]
    fn bad_references() {
        let t = SymbolTable::ovn();
        assert!(matches!(
            t.resolve(&FieldRef::new("nope")),
            Err(SymbolError::Unknown(_))
        ));
        assert!(matches!(
            t.resolve(&FieldRef::bits("reg0", 30, 32)),
            Err(SymbolError::RangeOutOfBounds { .. })
        ));
        assert!(matches!(
            t.resolve(&FieldRef::bits("inport", 0, 1)),
            Err(SymbolError::NotOrdinal(_))
        ));
        assert!(matches!(
            t.resolve(&FieldRef::new("ip4")),
            Err(SymbolError::Predicate(_))
        ));
    }
}
