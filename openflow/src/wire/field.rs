//! The match-field registry: every OXM/NXM field rovn knows, its wire header(s),
//! width, ovs-ofctl name and print format.
//!
//! Invariants: a field is identified by [`Field`]; its wire header for OpenFlow 1.3+
//! is the OXM header when it has one, else the NXM header (as Open vSwitch chooses);
//! its printed subfield name is the NXM name when it has one, else the OXM name.
//! Headers we do not know decode to [`Field::Unknown`] and re-encode unchanged.

use std::collections::HashMap;
use std::sync::OnceLock;

/// OXM class of NXM_OF_* fields.
pub const NXM0: u16 = 0x0000;
/// OXM class of NXM_NX_* fields.
pub const NXM1: u16 = 0x0001;
/// OXM class of OpenFlow basic fields.
pub const OXM_BASIC: u16 = 0x8000;
/// OXM class of OpenFlow 1.5 packet registers (xreg0-7).
pub const OXM_PKT_REG: u16 = 0x8001;
/// OXM experimenter class.
pub const OXM_EXPERIMENTER: u16 = 0xffff;

/// How a field's value is written in ovs-ofctl syntax.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fmt {
    /// `0x1f` (zero as `0`).
    Hex,
    /// Decimal.
    Dec,
    /// `aa:bb:cc:dd:ee:ff`.
    Mac,
    /// Dotted quad.
    Ipv4,
    /// RFC 5952 text.
    Ipv6,
    /// OpenFlow port number or name.
    Port,
    /// `+trk-new`.
    CtState,
    /// `+syn-ack`.
    TcpFlags,
    /// `no`/`first`/`later`/`yes`/`not_later`.
    Frag,
    /// `+oam`.
    TunFlags,
}

/// Declares [`Field`] and [`Field::all`] from one list, so that no field can be added to
/// the enum and forgotten by `all()`. Variant order is the enum's order (and so its `Ord`):
/// the first simple fields, the indexed families, then the rest.
macro_rules! declare_fields {
    (
        simple: [$($a:ident),* $(,)?],
        indexed: [$($(#[$doc:meta])* $i:ident(0..$n:literal)),* $(,)?],
        more: [$($b:ident),* $(,)?] $(,)?
    ) => {
        /// A match field.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[allow(missing_docs)]
        pub enum Field {
            $($a,)*
            $($(#[$doc])* $i(u8),)*
            $($b,)*
            /// A header rovn does not know; `experimenter` is set for class 0xffff.
            Unknown {
                class: u16,
                code: u8,
                experimenter: Option<u32>,
            },
        }

        impl Field {
            /// Every known field, in a stable order.
            pub fn all() -> Vec<Field> {
                let mut v = vec![$(Field::$a,)* $(Field::$b,)*];
                $(v.extend((0..$n).map(Field::$i));)*
                v
            }
        }
    };
}

declare_fields! {
    simple: [
        InPort,
        Metadata,
        EthDst,
        EthSrc,
        EthType,
        VlanVid,
        VlanPcp,
        VlanTci,
        IpDscp,
        IpEcn,
        IpTtl,
        IpProto,
        IpFrag,
        Ipv4Src,
        Ipv4Dst,
        Ipv6Src,
        Ipv6Dst,
        Ipv6Label,
        TcpSrc,
        TcpDst,
        TcpFlags,
        UdpSrc,
        UdpDst,
        SctpSrc,
        SctpDst,
        Icmpv4Type,
        Icmpv4Code,
        Icmpv6Type,
        Icmpv6Code,
        NdTarget,
        NdSll,
        NdTll,
        ArpOp,
        ArpSpa,
        ArpTpa,
        ArpSha,
        ArpTha,
        TunnelId,
        TunSrc,
        TunDst,
        TunIpv6Src,
        TunIpv6Dst,
        TunFlags,
    ],
    indexed: [
        /// tun_metadata0..63
        TunMetadata(0..64),
        /// reg0..15 (32 bits)
        Reg(0..16),
        /// xreg0..7 (64 bits, reg(2n) high half)
        XReg(0..8),
        /// xxreg0..3 (128 bits)
        XXReg(0..4),
    ],
    more: [
        PktMark,
        CtState,
        CtZone,
        CtMark,
        CtLabel,
        CtNwProto,
        CtNwSrc,
        CtNwDst,
        CtIpv6Src,
        CtIpv6Dst,
        CtTpSrc,
        CtTpDst,
        ConjId,
        RecircId,
        DpHash,
        ActsetOutput,
        PacketType,
        MplsLabel,
        MplsTc,
        MplsBos,
    ],
}

/// Static description of a known field.
#[derive(Debug, Clone)]
pub struct FieldInfo {
    /// ovs-ofctl name (`reg0`, `eth_src`, ...).
    pub name: String,
    /// NXM (class, code) and name, when the field has one.
    pub nxm: Option<(u16, u8, String)>,
    /// OXM (class, code) and name, when the field has one.
    pub oxm: Option<(u16, u8, String)>,
    /// Value width in bytes (tun_metadata: the maximum, 124).
    pub width: usize,
    /// Print format.
    pub fmt: Fmt,
    /// Whether OpenFlow allows a mask.
    pub maskable: bool,
}

macro_rules! f {
    ($name:expr, $nxm:expr, $oxm:expr, $w:expr, $fmt:ident, $mask:expr) => {
        FieldInfo {
            name: $name.to_string(),
            nxm: $nxm.map(|(c, f, n): (u16, u8, &str)| (c, f, n.to_string())),
            oxm: $oxm.map(|(c, f, n): (u16, u8, &str)| (c, f, n.to_string())),
            width: $w,
            fmt: Fmt::$fmt,
            maskable: $mask,
        }
    };
}

type H = Option<(u16, u8, &'static str)>;
const NO: H = None;

impl Field {
    /// Description of a known field; `None` for [`Field::Unknown`].
    pub fn info(self) -> Option<&'static FieldInfo> {
        registry().info.get(&self)
    }

    /// ovs-ofctl name, or `unknown` for unknown fields.
    pub fn name(self) -> String {
        match self.info() {
            Some(i) => i.name.clone(),
            None => format!("{self:?}"),
        }
    }

    /// Name used inside `NAME[a..b]` subfield syntax.
    pub fn subfield_name(self) -> String {
        match self.info() {
            Some(i) => i
                .nxm
                .as_ref()
                .or(i.oxm.as_ref())
                .map(|x| x.2.clone())
                .unwrap_or_else(|| i.name.clone()),
            None => format!("{self:?}"),
        }
    }

    /// Width of the value in bits (tun_metadata: 32, the width OVN maps).
    pub fn bits(self) -> usize {
        match self {
            Field::TunMetadata(_) => 32,
            _ => self.info().map(|i| i.width * 8).unwrap_or(0),
        }
    }

    /// Wire header (class, code, experimenter) for OpenFlow 1.3+.
    pub fn header(self) -> (u16, u8, Option<u32>) {
        match self {
            Field::Unknown {
                class,
                code,
                experimenter,
            } => (class, code, experimenter),
            f => {
                let i = f.info().expect("known field has info");
                let (c, code, _) = i
                    .oxm
                    .as_ref()
                    .or(i.nxm.as_ref())
                    .expect("field has a header");
                (*c, *code, None)
            }
        }
    }

    /// Field for a wire header.
    pub fn from_header(class: u16, code: u8, experimenter: Option<u32>) -> Field {
        if experimenter.is_none() {
            if let Some(f) = registry().by_header.get(&(class, code)) {
                return *f;
            }
        }
        Field::Unknown {
            class,
            code,
            experimenter,
        }
    }

    /// Field by ovs-ofctl name or alias (`dl_src`, `nw_src`, `NXM_NX_REG0`, ...).
    pub fn from_name(name: &str) -> Option<Field> {
        registry().by_name.get(name).copied()
    }
}

/// (field, class, code, width) for an NXM/OXM name such as `NXM_OF_IN_PORT`.
pub fn header_by_name(name: &str) -> Option<(Field, u16, u8, usize)> {
    registry().by_hname.get(name).copied()
}

struct Registry {
    by_hname: HashMap<String, (Field, u16, u8, usize)>,
    info: HashMap<Field, FieldInfo>,
    by_header: HashMap<(u16, u8), Field>,
    by_name: HashMap<String, Field>,
}

fn registry() -> &'static Registry {
    static R: OnceLock<Registry> = OnceLock::new();
    R.get_or_init(build)
}

fn describe(f: Field) -> FieldInfo {
    use Field::*;
    let b = |code: u8, n: &'static str| Some((OXM_BASIC, code, n));
    let n0 = |code: u8, n: &'static str| Some((NXM0, code, n));
    let n1 = |code: u8, n: &'static str| Some((NXM1, code, n));
    match f {
        InPort => f!(
            "in_port",
            n0(0, "NXM_OF_IN_PORT"),
            b(0, "OXM_OF_IN_PORT"),
            4,
            Port,
            false
        ),
        Metadata => f!("metadata", NO, b(2, "OXM_OF_METADATA"), 8, Hex, true),
        EthDst => f!(
            "eth_dst",
            n0(1, "NXM_OF_ETH_DST"),
            b(3, "OXM_OF_ETH_DST"),
            6,
            Mac,
            true
        ),
        EthSrc => f!(
            "eth_src",
            n0(2, "NXM_OF_ETH_SRC"),
            b(4, "OXM_OF_ETH_SRC"),
            6,
            Mac,
            true
        ),
        EthType => f!(
            "eth_type",
            n0(3, "NXM_OF_ETH_TYPE"),
            b(5, "OXM_OF_ETH_TYPE"),
            2,
            Hex,
            false
        ),
        VlanVid => f!("vlan_vid", NO, b(6, "OXM_OF_VLAN_VID"), 2, Dec, true),
        VlanPcp => f!("vlan_pcp", NO, b(7, "OXM_OF_VLAN_PCP"), 1, Dec, false),
        VlanTci => f!("vlan_tci", n0(4, "NXM_OF_VLAN_TCI"), NO, 2, Hex, true),
        IpDscp => f!("ip_dscp", NO, b(8, "OXM_OF_IP_DSCP"), 1, Dec, false),
        IpEcn => f!(
            "nw_ecn",
            n1(28, "NXM_NX_IP_ECN"),
            b(9, "OXM_OF_IP_ECN"),
            1,
            Dec,
            false
        ),
        IpTtl => f!("nw_ttl", n1(29, "NXM_NX_IP_TTL"), NO, 1, Dec, false),
        IpProto => f!(
            "nw_proto",
            n0(6, "NXM_OF_IP_PROTO"),
            b(10, "OXM_OF_IP_PROTO"),
            1,
            Dec,
            false
        ),
        IpFrag => f!("nw_frag", n1(26, "NXM_NX_IP_FRAG"), NO, 1, Frag, true),
        Ipv4Src => f!(
            "ip_src",
            n0(7, "NXM_OF_IP_SRC"),
            b(11, "OXM_OF_IPV4_SRC"),
            4,
            Ipv4,
            true
        ),
        Ipv4Dst => f!(
            "ip_dst",
            n0(8, "NXM_OF_IP_DST"),
            b(12, "OXM_OF_IPV4_DST"),
            4,
            Ipv4,
            true
        ),
        Ipv6Src => f!(
            "ipv6_src",
            n1(19, "NXM_NX_IPV6_SRC"),
            b(26, "OXM_OF_IPV6_SRC"),
            16,
            Ipv6,
            true
        ),
        Ipv6Dst => f!(
            "ipv6_dst",
            n1(20, "NXM_NX_IPV6_DST"),
            b(27, "OXM_OF_IPV6_DST"),
            16,
            Ipv6,
            true
        ),
        Ipv6Label => f!(
            "ipv6_label",
            n1(27, "NXM_NX_IPV6_LABEL"),
            b(28, "OXM_OF_IPV6_FLABEL"),
            4,
            Hex,
            true
        ),
        TcpSrc => f!(
            "tcp_src",
            n0(9, "NXM_OF_TCP_SRC"),
            b(13, "OXM_OF_TCP_SRC"),
            2,
            Dec,
            true
        ),
        TcpDst => f!(
            "tcp_dst",
            n0(10, "NXM_OF_TCP_DST"),
            b(14, "OXM_OF_TCP_DST"),
            2,
            Dec,
            true
        ),
        TcpFlags => f!(
            "tcp_flags",
            n1(34, "NXM_NX_TCP_FLAGS"),
            b(42, "OXM_OF_TCP_FLAGS"),
            2,
            TcpFlags,
            true
        ),
        UdpSrc => f!(
            "udp_src",
            n0(11, "NXM_OF_UDP_SRC"),
            b(15, "OXM_OF_UDP_SRC"),
            2,
            Dec,
            true
        ),
        UdpDst => f!(
            "udp_dst",
            n0(12, "NXM_OF_UDP_DST"),
            b(16, "OXM_OF_UDP_DST"),
            2,
            Dec,
            true
        ),
        SctpSrc => f!("sctp_src", NO, b(17, "OXM_OF_SCTP_SRC"), 2, Dec, true),
        SctpDst => f!("sctp_dst", NO, b(18, "OXM_OF_SCTP_DST"), 2, Dec, true),
        Icmpv4Type => f!(
            "icmp_type",
            n0(13, "NXM_OF_ICMP_TYPE"),
            b(19, "OXM_OF_ICMPV4_TYPE"),
            1,
            Dec,
            false
        ),
        Icmpv4Code => f!(
            "icmp_code",
            n0(14, "NXM_OF_ICMP_CODE"),
            b(20, "OXM_OF_ICMPV4_CODE"),
            1,
            Dec,
            false
        ),
        Icmpv6Type => f!(
            "icmpv6_type",
            n1(21, "NXM_NX_ICMPV6_TYPE"),
            b(29, "OXM_OF_ICMPV6_TYPE"),
            1,
            Dec,
            false
        ),
        Icmpv6Code => f!(
            "icmpv6_code",
            n1(22, "NXM_NX_ICMPV6_CODE"),
            b(30, "OXM_OF_ICMPV6_CODE"),
            1,
            Dec,
            false
        ),
        NdTarget => f!(
            "nd_target",
            n1(23, "NXM_NX_ND_TARGET"),
            b(31, "OXM_OF_IPV6_ND_TARGET"),
            16,
            Ipv6,
            true
        ),
        NdSll => f!(
            "nd_sll",
            n1(24, "NXM_NX_ND_SLL"),
            b(32, "OXM_OF_IPV6_ND_SLL"),
            6,
            Mac,
            true
        ),
        NdTll => f!(
            "nd_tll",
            n1(25, "NXM_NX_ND_TLL"),
            b(33, "OXM_OF_IPV6_ND_TLL"),
            6,
            Mac,
            true
        ),
        ArpOp => f!(
            "arp_op",
            n0(15, "NXM_OF_ARP_OP"),
            b(21, "OXM_OF_ARP_OP"),
            2,
            Dec,
            false
        ),
        ArpSpa => f!(
            "arp_spa",
            n0(16, "NXM_OF_ARP_SPA"),
            b(22, "OXM_OF_ARP_SPA"),
            4,
            Ipv4,
            true
        ),
        ArpTpa => f!(
            "arp_tpa",
            n0(17, "NXM_OF_ARP_TPA"),
            b(23, "OXM_OF_ARP_TPA"),
            4,
            Ipv4,
            true
        ),
        ArpSha => f!(
            "arp_sha",
            n1(17, "NXM_NX_ARP_SHA"),
            b(24, "OXM_OF_ARP_SHA"),
            6,
            Mac,
            true
        ),
        ArpTha => f!(
            "arp_tha",
            n1(18, "NXM_NX_ARP_THA"),
            b(25, "OXM_OF_ARP_THA"),
            6,
            Mac,
            true
        ),
        TunnelId => f!(
            "tun_id",
            n1(16, "NXM_NX_TUN_ID"),
            b(38, "OXM_OF_TUNNEL_ID"),
            8,
            Hex,
            true
        ),
        TunSrc => f!("tun_src", n1(31, "NXM_NX_TUN_IPV4_SRC"), NO, 4, Ipv4, true),
        TunDst => f!("tun_dst", n1(32, "NXM_NX_TUN_IPV4_DST"), NO, 4, Ipv4, true),
        TunIpv6Src => f!(
            "tun_ipv6_src",
            n1(109, "NXM_NX_TUN_IPV6_SRC"),
            NO,
            16,
            Ipv6,
            true
        ),
        TunIpv6Dst => f!(
            "tun_ipv6_dst",
            n1(110, "NXM_NX_TUN_IPV6_DST"),
            NO,
            16,
            Ipv6,
            true
        ),
        TunFlags => f!(
            "tun_flags",
            n1(104, "NXM_NX_TUN_FLAGS"),
            NO,
            2,
            TunFlags,
            true
        ),
        PktMark => f!("pkt_mark", n1(33, "NXM_NX_PKT_MARK"), NO, 4, Hex, true),
        CtState => f!("ct_state", n1(105, "NXM_NX_CT_STATE"), NO, 4, CtState, true),
        CtZone => f!("ct_zone", n1(106, "NXM_NX_CT_ZONE"), NO, 2, Dec, false),
        CtMark => f!("ct_mark", n1(107, "NXM_NX_CT_MARK"), NO, 4, Hex, true),
        CtLabel => f!("ct_label", n1(108, "NXM_NX_CT_LABEL"), NO, 16, Hex, true),
        CtNwProto => f!(
            "ct_nw_proto",
            n1(119, "NXM_NX_CT_NW_PROTO"),
            NO,
            1,
            Dec,
            false
        ),
        CtNwSrc => f!("ct_nw_src", n1(120, "NXM_NX_CT_NW_SRC"), NO, 4, Ipv4, true),
        CtNwDst => f!("ct_nw_dst", n1(121, "NXM_NX_CT_NW_DST"), NO, 4, Ipv4, true),
        CtIpv6Src => f!(
            "ct_ipv6_src",
            n1(122, "NXM_NX_CT_IPV6_SRC"),
            NO,
            16,
            Ipv6,
            true
        ),
        CtIpv6Dst => f!(
            "ct_ipv6_dst",
            n1(123, "NXM_NX_CT_IPV6_DST"),
            NO,
            16,
            Ipv6,
            true
        ),
        CtTpSrc => f!("ct_tp_src", n1(124, "NXM_NX_CT_TP_SRC"), NO, 2, Dec, true),
        CtTpDst => f!("ct_tp_dst", n1(125, "NXM_NX_CT_TP_DST"), NO, 2, Dec, true),
        ConjId => f!("conj_id", n1(37, "NXM_NX_CONJ_ID"), NO, 4, Dec, false),
        RecircId => f!("recirc_id", n1(36, "NXM_NX_RECIRC_ID"), NO, 4, Hex, false),
        DpHash => f!("dp_hash", n1(35, "NXM_NX_DP_HASH"), NO, 4, Hex, true),
        ActsetOutput => f!(
            "actset_output",
            NO,
            b(43, "OXM_OF_ACTSET_OUTPUT"),
            4,
            Port,
            false
        ),
        PacketType => f!(
            "packet_type",
            NO,
            b(44, "OXM_OF_PACKET_TYPE"),
            4,
            Hex,
            false
        ),
        MplsLabel => f!("mpls_label", NO, b(34, "OXM_OF_MPLS_LABEL"), 4, Dec, false),
        MplsTc => f!("mpls_tc", NO, b(35, "OXM_OF_MPLS_TC"), 1, Dec, false),
        MplsBos => f!("mpls_bos", NO, b(36, "OXM_OF_MPLS_BOS"), 1, Dec, false),
        TunMetadata(i) => FieldInfo {
            name: format!("tun_metadata{i}"),
            nxm: Some((NXM1, 40 + i, format!("NXM_NX_TUN_METADATA{i}"))),
            oxm: None,
            width: 124,
            fmt: Fmt::Hex,
            maskable: true,
        },
        Reg(i) => FieldInfo {
            name: format!("reg{i}"),
            nxm: Some((NXM1, i, format!("NXM_NX_REG{i}"))),
            oxm: None,
            width: 4,
            fmt: Fmt::Hex,
            maskable: true,
        },
        XReg(i) => FieldInfo {
            name: format!("xreg{i}"),
            nxm: None,
            oxm: Some((OXM_PKT_REG, i, format!("OXM_OF_PKT_REG{i}"))),
            width: 8,
            fmt: Fmt::Hex,
            maskable: true,
        },
        XXReg(i) => FieldInfo {
            name: format!("xxreg{i}"),
            nxm: Some((NXM1, 111 + i, format!("NXM_NX_XXREG{i}"))),
            oxm: None,
            width: 16,
            fmt: Fmt::Hex,
            maskable: true,
        },
        Unknown { .. } => unreachable!("unknown fields are not described"),
    }
}

fn build() -> Registry {
    let mut info = HashMap::new();
    let mut by_header = HashMap::new();
    let mut by_name = HashMap::new();
    let mut by_hname = HashMap::new();
    for f in Field::all() {
        let i = describe(f);
        let nxm_width = match f {
            Field::InPort => 2,
            Field::TunMetadata(_) => 124,
            _ => i.width,
        };
        if let Some((c, code, n)) = &i.nxm {
            by_header.insert((*c, *code), f);
            by_name.insert(n.clone(), f);
            by_hname.insert(n.clone(), (f, *c, *code, nxm_width));
        }
        if let Some((c, code, n)) = &i.oxm {
            by_header.insert((*c, *code), f);
            by_name.insert(n.clone(), f);
            by_hname.insert(n.clone(), (f, *c, *code, i.width));
        }
        by_name.insert(i.name.clone(), f);
        info.insert(f, i);
    }
    use Field::*;
    for (alias, f) in [
        ("dl_src", EthSrc),
        ("dl_dst", EthDst),
        ("dl_type", EthType),
        ("nw_src", Ipv4Src),
        ("nw_dst", Ipv4Dst),
        ("ip_proto", IpProto),
        ("ip_ecn", IpEcn),
        ("ip_ttl", IpTtl),
        ("ip_frag", IpFrag),
        ("ipv4_src", Ipv4Src),
        ("ipv4_dst", Ipv4Dst),
        ("tunnel_id", TunnelId),
        ("tun_ipv4_src", TunSrc),
        ("tun_ipv4_dst", TunDst),
        ("icmpv4_type", Icmpv4Type),
        ("icmpv4_code", Icmpv4Code),
        ("ipv6_nd_target", NdTarget),
        ("dl_vlan_pcp", VlanPcp),
    ] {
        by_name.insert(alias.to_string(), f);
    }
    Registry {
        by_hname,
        info,
        by_header,
        by_name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_round_trip() {
        for f in Field::all() {
            let (c, code, e) = f.header();
            assert_eq!(Field::from_header(c, code, e), f, "{f:?}");
        }
    }

    #[test]
    fn names() {
        assert_eq!(Field::from_name("dl_src"), Some(Field::EthSrc));
        assert_eq!(Field::Metadata.subfield_name(), "OXM_OF_METADATA");
        assert_eq!(Field::TunnelId.subfield_name(), "NXM_NX_TUN_ID");
        assert_eq!(Field::XXReg(0).header(), (NXM1, 111, None));
        assert_eq!(Field::TunnelId.header(), (OXM_BASIC, 38, None));
    }
}
