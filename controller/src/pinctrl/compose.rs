//! Builds the packets pinctrl injects for the nested-action controller ops, from the
//! headers of the packet that triggered them, as ovn-controller composes them: for
//! `icmp4`/`icmp6`/`tcp_reset`/`arp`/`nd_*` addresses are *not* swapped here (the nested
//! actions do that: `eth.dst <-> eth.src; ip4.dst <-> ip4.src;`), only what the actions
//! cannot express is set (the ARP request fields, the ND target and options, the TCP ports
//! and sequence numbers, the ICMP error payload). `reject` is the exception (`man ovn-sb`:
//! its inner actions must not swap, the swap is implicit): its reply is composed from
//! [`addressed_back`] headers, so it already goes from the original destination to the
//! original sender. Every checksum is computed (the L4 pseudo-header sum does not depend
//! on the order of the addresses, so it is right before and after a swap); an 802.1Q tag
//! of the original is kept.

use std::net::{Ipv4Addr, Ipv6Addr};

use super::packet::{
    Headers, ETH_TYPE_ARP, ETH_TYPE_IPV4, ETH_TYPE_IPV6, ETH_TYPE_VLAN, IPPROTO_ICMP,
    IPPROTO_ICMPV6, IPPROTO_TCP, L3, L4,
};

/// Why a reply cannot be built for this packet.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot compose {what}: {why}")]
pub struct ComposeError {
    pub what: &'static str,
    pub why: &'static str,
}

fn err(what: &'static str, why: &'static str) -> ComposeError {
    ComposeError { what, why }
}

/// RFC 1071 checksum of `data` starting from `sum`.
pub fn checksum(sum: u32, data: &[u8]) -> u16 {
    let mut s = u64::from(sum);
    for c in data.chunks(2) {
        let w = if c.len() == 2 {
            u16::from_be_bytes([c[0], c[1]])
        } else {
            u16::from_be_bytes([c[0], 0])
        };
        s += u64::from(w);
    }
    while s >> 16 != 0 {
        s = (s & 0xffff) + (s >> 16);
    }
    !(s as u16)
}

pub(crate) fn pseudo_v4(src: Ipv4Addr, dst: Ipv4Addr, proto: u8, len: usize) -> u32 {
    let mut b = Vec::with_capacity(12);
    b.extend_from_slice(&src.octets());
    b.extend_from_slice(&dst.octets());
    b.extend_from_slice(&[0, proto]);
    b.extend_from_slice(&(len as u16).to_be_bytes());
    u32::from(!checksum(0, &b))
}

pub(crate) fn pseudo_v6(src: Ipv6Addr, dst: Ipv6Addr, proto: u8, len: usize) -> u32 {
    let mut b = Vec::with_capacity(40);
    b.extend_from_slice(&src.octets());
    b.extend_from_slice(&dst.octets());
    b.extend_from_slice(&(len as u32).to_be_bytes());
    b.extend_from_slice(&[0, 0, 0, proto]);
    u32::from(!checksum(0, &b))
}

pub(crate) fn ethernet(
    h: &Headers,
    dst: [u8; 6],
    src: [u8; 6],
    eth_type: u16,
    payload: &[u8],
) -> Vec<u8> {
    let mut p = Vec::with_capacity(18 + payload.len());
    p.extend_from_slice(&dst);
    p.extend_from_slice(&src);
    if let Some(tci) = h.vlan_tci {
        p.extend_from_slice(&ETH_TYPE_VLAN.to_be_bytes());
        p.extend_from_slice(&tci.to_be_bytes());
    }
    p.extend_from_slice(&eth_type.to_be_bytes());
    p.extend_from_slice(payload);
    p
}

pub(crate) fn ipv4(src: Ipv4Addr, dst: Ipv4Addr, proto: u8, ttl: u8, l4: &[u8]) -> Vec<u8> {
    let mut ip = vec![0x45, 0];
    ip.extend_from_slice(&((20 + l4.len()) as u16).to_be_bytes());
    ip.extend_from_slice(&[0, 0, 0x40, 0, ttl, proto, 0, 0]);
    ip.extend_from_slice(&src.octets());
    ip.extend_from_slice(&dst.octets());
    let c = checksum(0, &ip);
    ip[10..12].copy_from_slice(&c.to_be_bytes());
    ip.extend_from_slice(l4);
    ip
}

pub(crate) fn ipv6(src: Ipv6Addr, dst: Ipv6Addr, proto: u8, hlimit: u8, l4: &[u8]) -> Vec<u8> {
    let mut ip = vec![0x60, 0, 0, 0];
    ip.extend_from_slice(&(l4.len() as u16).to_be_bytes());
    ip.extend_from_slice(&[proto, hlimit]);
    ip.extend_from_slice(&src.octets());
    ip.extend_from_slice(&dst.octets());
    ip.extend_from_slice(l4);
    ip
}

/// Puts the checksum of an L4 segment at `at`, given its pseudo-header sum.
pub(crate) fn finish_l4(mut l4: Vec<u8>, pseudo: u32, at: usize) -> Vec<u8> {
    let c = checksum(pseudo, &l4);
    l4[at..at + 2].copy_from_slice(&c.to_be_bytes());
    l4
}

/// `arp { }`: an ARP request for the IPv4 packet's destination, from its source.
pub fn arp_request(h: &Headers) -> Result<Vec<u8>, ComposeError> {
    let L3::Ipv4 { src, dst, .. } = h.l3 else {
        return Err(err("ARP request", "not an IPv4 packet"));
    };
    let mut a = vec![0, 1, 8, 0, 6, 4, 0, 1];
    a.extend_from_slice(&h.eth_src);
    a.extend_from_slice(&src.octets());
    a.extend_from_slice(&[0; 6]);
    a.extend_from_slice(&dst.octets());
    Ok(ethernet(h, h.eth_dst, h.eth_src, ETH_TYPE_ARP, &a))
}

/// Solicited-node multicast address of `a`.
pub fn solicited_node(a: Ipv6Addr) -> Ipv6Addr {
    let o = a.octets();
    Ipv6Addr::new(
        0xff02,
        0,
        0,
        0,
        0,
        1,
        0xff00 | u16::from(o[13]),
        u16::from_be_bytes([o[14], o[15]]),
    )
}

/// `nd_ns { }`: a neighbour solicitation for the IPv6 packet's destination, sent to its
/// solicited-node address from the packet's source, with a source link-layer option.
pub fn nd_ns(h: &Headers) -> Result<Vec<u8>, ComposeError> {
    let L3::Ipv6 { src, dst, .. } = h.l3 else {
        return Err(err("neighbour solicitation", "not an IPv6 packet"));
    };
    let sn = solicited_node(dst);
    let o = sn.octets();
    let eth_dst = [0x33, 0x33, o[12], o[13], o[14], o[15]];
    let mut icmp = vec![135, 0, 0, 0, 0, 0, 0, 0];
    icmp.extend_from_slice(&dst.octets());
    icmp.extend_from_slice(&[1, 1]);
    icmp.extend_from_slice(&h.eth_src);
    let icmp = finish_l4(
        icmp.clone(),
        pseudo_v6(src, sn, IPPROTO_ICMPV6, icmp.len()),
        2,
    );
    let ip = ipv6(src, sn, IPPROTO_ICMPV6, 255, &icmp);
    Ok(ethernet(h, eth_dst, h.eth_src, ETH_TYPE_IPV6, &ip))
}

/// `nd_na { }` / `nd_na_router { }`: a neighbour advertisement answering the solicitation
/// `h`, from its target to its sender (solicited and override set, router too for
/// `nd_na_router`). The nested actions then set the real MAC (`eth.src`, `nd.tll`).
pub fn nd_na(h: &Headers, router: bool) -> Result<Vec<u8>, ComposeError> {
    let (
        L3::Ipv6 { src, .. },
        L4::Icmp6 {
            kind: 135,
            nd_target: Some(target),
            ..
        },
    ) = (h.l3, h.l4)
    else {
        return Err(err(
            "neighbour advertisement",
            "not a neighbour solicitation",
        ));
    };
    let flags: u8 = 0x60 | if router { 0x80 } else { 0 };
    let mut icmp = vec![136, 0, 0, 0, flags, 0, 0, 0];
    icmp.extend_from_slice(&target.octets());
    icmp.extend_from_slice(&[2, 1]);
    icmp.extend_from_slice(&h.eth_dst);
    let icmp = finish_l4(
        icmp.clone(),
        pseudo_v6(target, src, IPPROTO_ICMPV6, icmp.len()),
        2,
    );
    let ip = ipv6(target, src, IPPROTO_ICMPV6, 255, &icmp);
    Ok(ethernet(h, h.eth_src, h.eth_dst, ETH_TYPE_IPV6, &ip))
}

/// The headers of `h` with the Ethernet and IP source and destination exchanged: what a
/// reply addressed back to the sender of `h` is built from. L4 ports are left alone
/// ([`tcp_reset`] swaps them itself); the offsets still describe the original packet.
pub fn addressed_back(h: &Headers) -> Headers {
    let l3 = match h.l3 {
        L3::Ipv4 {
            src,
            dst,
            proto,
            tos,
            ttl,
            frag,
        } => L3::Ipv4 {
            src: dst,
            dst: src,
            proto,
            tos,
            ttl,
            frag,
        },
        L3::Ipv6 {
            src,
            dst,
            proto,
            tclass,
            hlimit,
        } => L3::Ipv6 {
            src: dst,
            dst: src,
            proto,
            tclass,
            hlimit,
        },
        other => other,
    };
    Headers {
        eth_src: h.eth_dst,
        eth_dst: h.eth_src,
        l3,
        ..*h
    }
}

/// How much of the offending datagram an ICMPv4 error carries: its IP header and the
/// first 8 bytes of its payload (RFC 792, RFC 1122 3.2.2).
fn icmp4_quote(pkt: &[u8], h: &Headers) -> Vec<u8> {
    let ip = &pkt[h.l3_ofs..];
    let ihl = usize::from(ip[0] & 0xf) * 4;
    ip[..(ihl + 8).min(ip.len())].to_vec()
}

/// `icmp4 { }`, `icmp4_error { }`, `reject { }` on IPv4: an ICMP error (`kind`/`code`) to
/// the sender of `pkt`, quoting it.
pub fn icmp4_error(pkt: &[u8], h: &Headers, kind: u8, code: u8) -> Result<Vec<u8>, ComposeError> {
    let L3::Ipv4 { src, dst, .. } = h.l3 else {
        return Err(err("ICMPv4 error", "not an IPv4 packet"));
    };
    let mut icmp = vec![kind, code, 0, 0, 0, 0, 0, 0];
    icmp.extend_from_slice(&icmp4_quote(pkt, h));
    let icmp = finish_l4(icmp, 0, 2);
    let ip = ipv4(src, dst, IPPROTO_ICMP, 255, &icmp);
    Ok(ethernet(h, h.eth_dst, h.eth_src, ETH_TYPE_IPV4, &ip))
}

/// The IPv6 minimum MTU bounds what an ICMPv6 error may quote (RFC 4443 2.4 (c)).
const ICMP6_ERROR_MAX_QUOTE: usize = 1280 - 40 - 8;

/// `icmp6 { }`, `icmp6_error { }`, `reject { }` on IPv6.
pub fn icmp6_error(pkt: &[u8], h: &Headers, kind: u8, code: u8) -> Result<Vec<u8>, ComposeError> {
    let L3::Ipv6 { src, dst, .. } = h.l3 else {
        return Err(err("ICMPv6 error", "not an IPv6 packet"));
    };
    let quote = &pkt[h.l3_ofs..];
    let mut icmp = vec![kind, code, 0, 0, 0, 0, 0, 0];
    icmp.extend_from_slice(&quote[..quote.len().min(ICMP6_ERROR_MAX_QUOTE)]);
    let icmp = finish_l4(
        icmp.clone(),
        pseudo_v6(dst, src, IPPROTO_ICMPV6, icmp.len()),
        2,
    );
    let ip = ipv6(src, dst, IPPROTO_ICMPV6, 255, &icmp);
    Ok(ethernet(h, h.eth_dst, h.eth_src, ETH_TYPE_IPV6, &ip))
}

/// `tcp_reset { }`: a RST for the TCP segment `h` (RFC 793 "Reset Generation": with an
/// ACK, `seq = SEG.ACK`; without, `seq = 0, ack = SEG.SEQ + SEG.LEN` and ACK set). Ports
/// are already swapped; addresses are kept (swapped by the nested actions, or by the
/// caller through [`addressed_back`]).
pub fn tcp_reset(h: &Headers) -> Result<Vec<u8>, ComposeError> {
    let L4::Tcp {
        src: sport,
        dst: dport,
        seq,
        ack,
        flags,
        payload_len,
    } = h.l4
    else {
        return Err(err("TCP reset", "not a TCP segment"));
    };
    let (rst_seq, rst_ack, rst_flags) = if flags & 0x10 != 0 {
        (ack, 0, 0x04u8)
    } else {
        let len = payload_len as u32 + u32::from(flags & 0x02 != 0) + u32::from(flags & 0x01 != 0);
        (0, seq.wrapping_add(len), 0x14u8)
    };
    let mut tcp = Vec::with_capacity(20);
    tcp.extend_from_slice(&dport.to_be_bytes());
    tcp.extend_from_slice(&sport.to_be_bytes());
    tcp.extend_from_slice(&rst_seq.to_be_bytes());
    tcp.extend_from_slice(&rst_ack.to_be_bytes());
    tcp.extend_from_slice(&[0x50, rst_flags, 0, 0, 0, 0, 0, 0]);
    match h.l3 {
        L3::Ipv4 { src, dst, .. } => {
            let tcp = finish_l4(tcp, pseudo_v4(dst, src, IPPROTO_TCP, 20), 16);
            let ip = ipv4(src, dst, IPPROTO_TCP, 255, &tcp);
            Ok(ethernet(h, h.eth_dst, h.eth_src, ETH_TYPE_IPV4, &ip))
        }
        L3::Ipv6 { src, dst, .. } => {
            let tcp = finish_l4(tcp, pseudo_v6(dst, src, IPPROTO_TCP, 20), 16);
            let ip = ipv6(src, dst, IPPROTO_TCP, 255, &tcp);
            Ok(ethernet(h, h.eth_dst, h.eth_src, ETH_TYPE_IPV6, &ip))
        }
        _ => Err(err("TCP reset", "not an IP packet")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pinctrl::packet::parse;

    pub fn tcp_syn() -> Vec<u8> {
        let h = Headers {
            eth_dst: [0, 0, 0, 0, 1, 2],
            eth_src: [0, 0, 0, 0, 1, 1],
            vlan_tci: None,
            eth_type: ETH_TYPE_IPV4,
            l3: L3::Other,
            l4: L4::None,
            l3_ofs: 14,
        };
        let (s, d) = (Ipv4Addr::new(10, 0, 0, 11), Ipv4Addr::new(10, 0, 0, 12));
        let mut tcp = vec![
            0x9c, 0x40, 0, 22, 0, 0, 0x10, 0, 0, 0, 0, 0, 0x50, 0x02, 0xff, 0xff, 0, 0, 0, 0,
        ];
        tcp = finish_l4(tcp.clone(), pseudo_v4(s, d, IPPROTO_TCP, 20), 16);
        ethernet(
            &h,
            h.eth_dst,
            h.eth_src,
            ETH_TYPE_IPV4,
            &ipv4(s, d, IPPROTO_TCP, 64, &tcp),
        )
    }

    #[test]
    fn checksums_verify() {
        let p = tcp_syn();
        // IPv4 header checksum over the header sums to 0.
        assert_eq!(checksum(0, &p[14..34]), 0);
        let h = parse(&p).unwrap();
        let L3::Ipv4 { src, dst, .. } = h.l3 else {
            panic!()
        };
        assert_eq!(
            checksum(pseudo_v4(src, dst, IPPROTO_TCP, 20), &p[34..54]),
            0
        );
    }

    #[test]
    fn tcp_reset_answers_a_syn() {
        let h = parse(&tcp_syn()).unwrap();
        let rst = tcp_reset(&h).unwrap();
        let r = parse(&rst).unwrap();
        assert_eq!(
            r.l4,
            L4::Tcp {
                src: 22,
                dst: 40000,
                seq: 0,
                ack: 0x1001,
                flags: 0x14,
                payload_len: 0
            }
        );
        // Checksum valid once the nested actions swap the addresses.
        assert_eq!(
            checksum(
                pseudo_v4(
                    Ipv4Addr::new(10, 0, 0, 12),
                    Ipv4Addr::new(10, 0, 0, 11),
                    IPPROTO_TCP,
                    20
                ),
                &rst[34..54]
            ),
            0
        );
    }

    #[test]
    fn icmp4_error_quotes_header_and_8_bytes() {
        let p = tcp_syn();
        let h = parse(&p).unwrap();
        let e = icmp4_error(&p, &h, 3, 3).unwrap();
        let r = parse(&e).unwrap();
        assert_eq!(r.l4, L4::Icmp { kind: 3, code: 3 });
        assert_eq!(e.len(), 14 + 20 + 8 + 28);
        assert_eq!(&e[42..], &p[14..42]);
        assert_eq!(checksum(0, &e[34..]), 0);
    }

    #[test]
    fn wrong_packet_kinds_are_errors() {
        let h = parse(&tcp_syn()).unwrap();
        assert!(nd_ns(&h).is_err());
        assert!(nd_na(&h, false).is_err());
        assert!(arp_request(&h).is_ok());
    }

    #[test]
    fn solicited_node_address() {
        let a: Ipv6Addr = "fd00::1:2345:6789".parse().unwrap();
        assert_eq!(
            solicited_node(a),
            "ff02::1:ff45:6789".parse::<Ipv6Addr>().unwrap()
        );
    }
}
