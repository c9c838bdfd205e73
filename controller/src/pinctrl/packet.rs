//! The headers pinctrl needs from a packet-in's packet: Ethernet (with at most one
//! 802.1Q tag), ARP, IPv4, IPv6 (no extension headers), TCP, UDP, SCTP ports, ICMP/ICMPv6
//! type and code, and the ND target and link-layer address options.
//!
//! Invariant: parsing never panics; a truncated or malformed header is an error naming
//! the layer, and whatever follows an unknown protocol is simply not parsed.

use std::fmt::Write as _;
use std::net::{Ipv4Addr, Ipv6Addr};

pub const ETH_TYPE_IPV4: u16 = 0x0800;
pub const ETH_TYPE_ARP: u16 = 0x0806;
pub const ETH_TYPE_IPV6: u16 = 0x86dd;
pub const ETH_TYPE_VLAN: u16 = 0x8100;
pub const IPPROTO_ICMP: u8 = 1;
pub const IPPROTO_TCP: u8 = 6;
pub const IPPROTO_UDP: u8 = 17;
pub const IPPROTO_ICMPV6: u8 = 58;
pub const IPPROTO_SCTP: u8 = 132;

/// A packet that cannot be parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("malformed packet: truncated or bad {0} header")]
pub struct MalformedPacket(pub &'static str);

/// Layer 3 of a parsed packet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum L3 {
    Arp {
        op: u16,
        sha: [u8; 6],
        spa: Ipv4Addr,
        tha: [u8; 6],
        tpa: Ipv4Addr,
    },
    Ipv4 {
        src: Ipv4Addr,
        dst: Ipv4Addr,
        proto: u8,
        tos: u8,
        ttl: u8,
        /// Fragment offset non-zero or more-fragments set.
        frag: bool,
    },
    Ipv6 {
        src: Ipv6Addr,
        dst: Ipv6Addr,
        proto: u8,
        tclass: u8,
        hlimit: u8,
    },
    Other,
}

/// Layer 4 of a parsed packet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum L4 {
    Tcp {
        src: u16,
        dst: u16,
        seq: u32,
        ack: u32,
        flags: u16,
        payload_len: usize,
    },
    Udp {
        src: u16,
        dst: u16,
    },
    Sctp {
        src: u16,
        dst: u16,
    },
    Icmp {
        kind: u8,
        code: u8,
    },
    /// ICMPv6; for neighbour discovery also the target and the link-layer option.
    Icmp6 {
        kind: u8,
        code: u8,
        nd_target: Option<Ipv6Addr>,
        nd_lladdr: Option<[u8; 6]>,
    },
    None,
}

/// The parsed headers, with offsets to rebuild error replies from the original bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Headers {
    pub eth_dst: [u8; 6],
    pub eth_src: [u8; 6],
    /// The 802.1Q TCI, when tagged.
    pub vlan_tci: Option<u16>,
    pub eth_type: u16,
    pub l3: L3,
    pub l4: L4,
    /// Offset of the L3 header in the packet.
    pub l3_ofs: usize,
}

fn take<'a>(
    b: &'a [u8],
    ofs: usize,
    len: usize,
    what: &'static str,
) -> Result<&'a [u8], MalformedPacket> {
    b.get(ofs..ofs + len).ok_or(MalformedPacket(what))
}

fn be16(b: &[u8]) -> u16 {
    u16::from_be_bytes([b[0], b[1]])
}

fn be32(b: &[u8]) -> u32 {
    u32::from_be_bytes([b[0], b[1], b[2], b[3]])
}

fn mac(b: &[u8]) -> [u8; 6] {
    let mut m = [0; 6];
    m.copy_from_slice(&b[..6]);
    m
}

fn v6(b: &[u8]) -> Ipv6Addr {
    let mut a = [0; 16];
    a.copy_from_slice(&b[..16]);
    Ipv6Addr::from(a)
}

/// Parses the headers of an Ethernet frame.
pub fn parse(pkt: &[u8]) -> Result<Headers, MalformedPacket> {
    let eth = take(pkt, 0, 14, "Ethernet")?;
    let mut eth_type = be16(&eth[12..]);
    let mut l3_ofs = 14;
    let mut vlan_tci = None;
    if eth_type == ETH_TYPE_VLAN {
        let tag = take(pkt, 14, 4, "VLAN")?;
        vlan_tci = Some(be16(tag));
        eth_type = be16(&tag[2..]);
        l3_ofs = 18;
    }
    let mut h = Headers {
        eth_dst: mac(eth),
        eth_src: mac(&eth[6..]),
        vlan_tci,
        eth_type,
        l3: L3::Other,
        l4: L4::None,
        l3_ofs,
    };
    let (proto, l4_ofs, l4_end) = match eth_type {
        ETH_TYPE_ARP => {
            let a = take(pkt, l3_ofs, 28, "ARP")?;
            h.l3 = L3::Arp {
                op: be16(&a[6..]),
                sha: mac(&a[8..]),
                spa: Ipv4Addr::from(be32(&a[14..])),
                tha: mac(&a[18..]),
                tpa: Ipv4Addr::from(be32(&a[24..])),
            };
            return Ok(h);
        }
        ETH_TYPE_IPV4 => {
            let ip = take(pkt, l3_ofs, 20, "IPv4")?;
            let ihl = usize::from(ip[0] & 0xf) * 4;
            let total = usize::from(be16(&ip[2..]));
            if ip[0] >> 4 != 4 || ihl < 20 || total < ihl || l3_ofs + total > pkt.len() {
                return Err(MalformedPacket("IPv4"));
            }
            let frag = be16(&ip[6..]) & 0x3fff != 0;
            h.l3 = L3::Ipv4 {
                src: Ipv4Addr::from(be32(&ip[12..])),
                dst: Ipv4Addr::from(be32(&ip[16..])),
                proto: ip[9],
                tos: ip[1],
                ttl: ip[8],
                frag,
            };
            if frag && be16(&ip[6..]) & 0x1fff != 0 {
                return Ok(h);
            }
            (ip[9], l3_ofs + ihl, l3_ofs + total)
        }
        ETH_TYPE_IPV6 => {
            let ip = take(pkt, l3_ofs, 40, "IPv6")?;
            let plen = usize::from(be16(&ip[4..]));
            if ip[0] >> 4 != 6 || l3_ofs + 40 + plen > pkt.len() {
                return Err(MalformedPacket("IPv6"));
            }
            h.l3 = L3::Ipv6 {
                src: v6(&ip[8..]),
                dst: v6(&ip[24..]),
                proto: ip[6],
                tclass: ((be16(ip) >> 4) & 0xff) as u8,
                hlimit: ip[7],
            };
            (ip[6], l3_ofs + 40, l3_ofs + 40 + plen)
        }
        _ => return Ok(h),
    };
    h.l4 = parse_l4(pkt, proto, l4_ofs, l4_end)?;
    Ok(h)
}

fn parse_l4(pkt: &[u8], proto: u8, ofs: usize, end: usize) -> Result<L4, MalformedPacket> {
    Ok(match proto {
        IPPROTO_TCP => {
            let t = take(pkt, ofs, 20, "TCP")?;
            let doff = usize::from(t[12] >> 4) * 4;
            if doff < 20 || ofs + doff > end {
                return Err(MalformedPacket("TCP"));
            }
            L4::Tcp {
                src: be16(t),
                dst: be16(&t[2..]),
                seq: be32(&t[4..]),
                ack: be32(&t[8..]),
                flags: be16(&t[12..]) & 0x0fff,
                payload_len: end - ofs - doff,
            }
        }
        IPPROTO_UDP => {
            let u = take(pkt, ofs, 8, "UDP")?;
            L4::Udp {
                src: be16(u),
                dst: be16(&u[2..]),
            }
        }
        IPPROTO_SCTP => {
            let s = take(pkt, ofs, 12, "SCTP")?;
            L4::Sctp {
                src: be16(s),
                dst: be16(&s[2..]),
            }
        }
        IPPROTO_ICMP => {
            let i = take(pkt, ofs, 4, "ICMP")?;
            L4::Icmp {
                kind: i[0],
                code: i[1],
            }
        }
        IPPROTO_ICMPV6 => {
            let i = take(pkt, ofs, 4, "ICMPv6")?;
            let (mut nd_target, mut nd_lladdr) = (None, None);
            if (i[0] == 135 || i[0] == 136) && i[1] == 0 {
                let nd = take(pkt, ofs, 24, "ND")?;
                nd_target = Some(v6(&nd[8..]));
                // Options: type, length in 8-byte units; SLL (1) in NS, TLL (2) in NA.
                let want = if i[0] == 135 { 1 } else { 2 };
                let mut o = ofs + 24;
                while o + 8 <= end {
                    let (t, l) = (pkt[o], usize::from(pkt[o + 1]) * 8);
                    if l == 0 || o + l > end {
                        return Err(MalformedPacket("ND option"));
                    }
                    if t == want && l == 8 {
                        nd_lladdr = Some(mac(&pkt[o + 2..]));
                    }
                    o += l;
                }
            }
            L4::Icmp6 {
                kind: i[0],
                code: i[1],
                nd_target,
                nd_lladdr,
            }
        }
        _ => L4::None,
    })
}

pub fn fmt_mac(m: &[u8; 6]) -> String {
    m.iter()
        .map(|b| format!("{b:02x}"))
        .collect::<Vec<_>>()
        .join(":")
}

const TCP_FLAG_NAMES: [&str; 9] = ["fin", "syn", "rst", "psh", "ack", "urg", "ece", "cwr", "ns"];

/// A one-line summary in Open vSwitch's flow syntax, as ovn-controller appends it to ACL
/// log lines: `tcp,vlan_tci=0x0000,dl_src=...,dl_dst=...,nw_src=...,nw_dst=...,nw_tos=0,
/// nw_ecn=0,nw_ttl=64,nw_frag=no,tp_src=...,tp_dst=...,tcp_flags=syn`.
pub fn summary(h: &Headers) -> String {
    let proto = match (&h.l3, &h.l4) {
        (L3::Arp { .. }, _) => "arp",
        (L3::Ipv4 { .. }, L4::Tcp { .. }) => "tcp",
        (L3::Ipv4 { .. }, L4::Udp { .. }) => "udp",
        (L3::Ipv4 { .. }, L4::Sctp { .. }) => "sctp",
        (L3::Ipv4 { .. }, L4::Icmp { .. }) => "icmp",
        (L3::Ipv4 { .. }, _) => "ip",
        (L3::Ipv6 { .. }, L4::Tcp { .. }) => "tcp6",
        (L3::Ipv6 { .. }, L4::Udp { .. }) => "udp6",
        (L3::Ipv6 { .. }, L4::Sctp { .. }) => "sctp6",
        (L3::Ipv6 { .. }, L4::Icmp6 { .. }) => "icmp6",
        (L3::Ipv6 { .. }, _) => "ipv6",
        (L3::Other, _) => "",
    };
    let mut s = String::new();
    if !proto.is_empty() {
        s.push_str(proto);
        s.push(',');
    }
    let _ = write!(
        s,
        "vlan_tci={:#06x},dl_src={},dl_dst={}",
        h.vlan_tci.unwrap_or(0),
        fmt_mac(&h.eth_src),
        fmt_mac(&h.eth_dst)
    );
    if matches!(h.l3, L3::Other) {
        let _ = write!(s, ",dl_type={:#06x}", h.eth_type);
    }
    match h.l3 {
        L3::Arp {
            op,
            sha,
            spa,
            tha,
            tpa,
        } => {
            let _ = write!(
                s,
                ",arp_spa={spa},arp_tpa={tpa},arp_op={op},arp_sha={},arp_tha={}",
                fmt_mac(&sha),
                fmt_mac(&tha)
            );
        }
        L3::Ipv4 {
            src,
            dst,
            tos,
            ttl,
            frag,
            proto,
        } => {
            let _ = write!(s, ",nw_src={src},nw_dst={dst}");
            if matches!(h.l4, L4::None) {
                let _ = write!(s, ",nw_proto={proto}");
            }
            let _ = write!(
                s,
                ",nw_tos={},nw_ecn={},nw_ttl={ttl},nw_frag={}",
                tos & 0xfc,
                tos & 3,
                if frag { "first" } else { "no" }
            );
        }
        L3::Ipv6 {
            src,
            dst,
            tclass,
            hlimit,
            proto,
        } => {
            let _ = write!(s, ",ipv6_src={src},ipv6_dst={dst}");
            if matches!(h.l4, L4::None) {
                let _ = write!(s, ",nw_proto={proto}");
            }
            let _ = write!(
                s,
                ",nw_tos={},nw_ecn={},nw_ttl={hlimit},nw_frag=no",
                tclass & 0xfc,
                tclass & 3
            );
        }
        L3::Other => {}
    }
    match h.l4 {
        L4::Tcp {
            src, dst, flags, ..
        } => {
            let names: Vec<&str> = TCP_FLAG_NAMES
                .iter()
                .enumerate()
                .filter(|(i, _)| flags & (1 << i) != 0)
                .map(|(_, n)| *n)
                .collect();
            let f = if names.is_empty() {
                "0".to_string()
            } else {
                names.join("|")
            };
            let _ = write!(s, ",tp_src={src},tp_dst={dst},tcp_flags={f}");
        }
        L4::Udp { src, dst } | L4::Sctp { src, dst } => {
            let _ = write!(s, ",tp_src={src},tp_dst={dst}");
        }
        L4::Icmp { kind, code } => {
            let _ = write!(s, ",icmp_type={kind},icmp_code={code}");
        }
        L4::Icmp6 {
            kind,
            code,
            nd_target,
            ..
        } => {
            let _ = write!(s, ",icmp_type={kind},icmp_code={code}");
            if let Some(t) = nd_target {
                let _ = write!(s, ",nd_target={t}");
            }
        }
        L4::None => {}
    }
    s
}
