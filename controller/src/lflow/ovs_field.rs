//! The Open vSwitch match fields that logical-flow symbols compile to, named as in
//! `ovs-fields(7)`. This is the controller's own view; a later step maps each variant onto
//! the `openflow` crate's OXM/NXM types.
//!
//! Variants are declared in the order `ovs-ofctl` prints matches, so sorting a match by
//! field gives the text `ovs-ofctl dump-flows` shows (observed with `ovs-ofctl parse-flow`
//! and in the reference dumps of the real ovn-controller).

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum OvsField {
    PktMark,
    ConjId,
    CtState,
    CtMark,
    CtLabel,
    CtNwSrc,
    CtNwDst,
    CtIpv6Src,
    CtIpv6Dst,
    CtNwProto,
    CtTpSrc,
    CtTpDst,
    /// `NXM_NX_REGn`, 32 bits, n in 0..16.
    Reg(u8),
    /// `xregN`: 64 bits overlaying reg(2N) (high half) and reg(2N+1).
    Xreg(u8),
    /// `xxregN`: 128 bits overlaying reg(4N) (most significant) .. reg(4N+3).
    Xxreg(u8),
    Metadata,
    InPort,
    VlanTci,
    EthSrc,
    EthDst,
    EthType,
    Ipv4Src,
    Ipv4Dst,
    Ipv6Src,
    Ipv6Dst,
    Ipv6Label,
    ArpSpa,
    ArpTpa,
    IpProto,
    ArpOp,
    ArpSha,
    ArpTha,
    /// `ip_dscp`: the DSCP bits, shifted down (6 bits).
    IpDscp,
    IpEcn,
    IpTtl,
    IpFrag,
    TcpSrc,
    TcpDst,
    UdpSrc,
    UdpDst,
    SctpSrc,
    SctpDst,
    TcpFlags,
    Icmpv4Type,
    Icmpv4Code,
    Icmpv6Type,
    Icmpv6Code,
    NdTarget,
    NdSll,
    NdTll,
}

impl OvsField {
    /// The field's name in `ovs-fields(7)`.
    pub fn name(self) -> String {
        let s = match self {
            OvsField::Reg(n) => return format!("reg{n}"),
            OvsField::Xreg(n) => return format!("xreg{n}"),
            OvsField::Xxreg(n) => return format!("xxreg{n}"),
            OvsField::PktMark => "pkt_mark",
            OvsField::ConjId => "conj_id",
            OvsField::CtState => "ct_state",
            OvsField::CtMark => "ct_mark",
            OvsField::CtLabel => "ct_label",
            OvsField::CtNwProto => "ct_nw_proto",
            OvsField::CtNwSrc => "ct_nw_src",
            OvsField::CtNwDst => "ct_nw_dst",
            OvsField::CtIpv6Src => "ct_ipv6_src",
            OvsField::CtIpv6Dst => "ct_ipv6_dst",
            OvsField::CtTpSrc => "ct_tp_src",
            OvsField::CtTpDst => "ct_tp_dst",
            OvsField::Metadata => "metadata",
            OvsField::InPort => "in_port",
            OvsField::VlanTci => "vlan_tci",
            OvsField::EthSrc => "eth_src",
            OvsField::EthDst => "eth_dst",
            OvsField::EthType => "eth_type",
            OvsField::Ipv4Src => "ip_src",
            OvsField::Ipv4Dst => "ip_dst",
            OvsField::Ipv6Src => "ipv6_src",
            OvsField::Ipv6Dst => "ipv6_dst",
            OvsField::Ipv6Label => "ipv6_label",
            OvsField::ArpSpa => "arp_spa",
            OvsField::ArpTpa => "arp_tpa",
            OvsField::IpProto => "ip_proto",
            OvsField::ArpOp => "arp_op",
            OvsField::ArpSha => "arp_sha",
            OvsField::ArpTha => "arp_tha",
            OvsField::IpDscp => "ip_dscp",
            OvsField::IpEcn => "ip_ecn",
            OvsField::IpTtl => "nw_ttl",
            OvsField::IpFrag => "ip_frag",
            OvsField::TcpSrc => "tcp_src",
            OvsField::TcpDst => "tcp_dst",
            OvsField::UdpSrc => "udp_src",
            OvsField::UdpDst => "udp_dst",
            OvsField::SctpSrc => "sctp_src",
            OvsField::SctpDst => "sctp_dst",
            OvsField::TcpFlags => "tcp_flags",
            OvsField::Icmpv4Type => "icmp_type",
            OvsField::Icmpv4Code => "icmp_code",
            OvsField::Icmpv6Type => "icmpv6_type",
            OvsField::Icmpv6Code => "icmpv6_code",
            OvsField::NdTarget => "nd_target",
            OvsField::NdSll => "nd_sll",
            OvsField::NdTll => "nd_tll",
        };
        s.to_string()
    }

    /// Width in bits of the part OVN uses.
    pub fn width(self) -> u32 {
        match self {
            OvsField::Reg(_) | OvsField::PktMark | OvsField::ConjId | OvsField::CtState => 32,
            OvsField::CtMark | OvsField::Ipv4Src | OvsField::Ipv4Dst => 32,
            OvsField::ArpSpa | OvsField::ArpTpa | OvsField::CtNwSrc | OvsField::CtNwDst => 32,
            OvsField::Xreg(_) | OvsField::Metadata => 64,
            OvsField::Xxreg(_) | OvsField::CtLabel | OvsField::Ipv6Src | OvsField::Ipv6Dst => 128,
            OvsField::NdTarget | OvsField::CtIpv6Src | OvsField::CtIpv6Dst => 128,
            OvsField::EthSrc | OvsField::EthDst | OvsField::ArpSha | OvsField::ArpTha => 48,
            OvsField::NdSll | OvsField::NdTll => 48,
            OvsField::InPort | OvsField::VlanTci | OvsField::EthType | OvsField::ArpOp => 16,
            OvsField::TcpSrc | OvsField::TcpDst | OvsField::UdpSrc | OvsField::UdpDst => 16,
            OvsField::SctpSrc | OvsField::SctpDst | OvsField::CtTpSrc | OvsField::CtTpDst => 16,
            OvsField::Ipv6Label => 20,
            OvsField::TcpFlags => 12,
            OvsField::IpDscp => 6,
            OvsField::IpEcn | OvsField::IpFrag => 2,
            OvsField::IpProto | OvsField::IpTtl | OvsField::CtNwProto => 8,
            OvsField::Icmpv4Type | OvsField::Icmpv4Code => 8,
            OvsField::Icmpv6Type | OvsField::Icmpv6Code => 8,
        }
    }

    /// Whether OpenFlow/Open vSwitch accepts an arbitrary bit mask on this field.
    pub fn maskable(self) -> bool {
        !matches!(
            self,
            OvsField::InPort
                | OvsField::EthType
                | OvsField::IpProto
                | OvsField::IpDscp
                | OvsField::IpEcn
                | OvsField::IpTtl
                | OvsField::ArpOp
                | OvsField::Icmpv4Type
                | OvsField::Icmpv4Code
                | OvsField::Icmpv6Type
                | OvsField::Icmpv6Code
                | OvsField::CtNwProto
                | OvsField::ConjId
        )
    }

    /// Fields that other fields depend on at the OpenFlow level (`eth_type` for every L3
    /// field, `ip_proto` for L4 ports, the ICMPv6 type for `nd_*`, `ct_nw_proto` for
    /// `ct_tp_*`). A set of values of such
    /// a field cannot become one dimension of a `conjunction`: every flow of every dimension
    /// must carry its own prerequisites, so these sets are always expanded into separate
    /// flows.
    pub fn must_crossproduct(self) -> bool {
        matches!(
            self,
            OvsField::EthType | OvsField::IpProto | OvsField::Icmpv6Type | OvsField::CtNwProto
        )
    }

    /// `Xreg`/`Xxreg` overlay the 32-bit registers; a match on them is a match on those.
    /// Returns the registers covered, most significant first, or `None` for other fields.
    pub fn overlaid_regs(self) -> Option<Vec<OvsField>> {
        match self {
            OvsField::Xreg(n) => Some((0..2).map(|i| OvsField::Reg(2 * n + i)).collect()),
            OvsField::Xxreg(n) => Some((0..4).map(|i| OvsField::Reg(4 * n + i)).collect()),
            _ => None,
        }
    }
}

impl fmt::Display for OvsField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}
