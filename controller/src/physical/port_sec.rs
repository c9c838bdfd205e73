//! Tables 73–75: port security, the flows behind the `check_in_port_sec()` and
//! `check_out_port_sec()` actions. The logical pipeline clears
//! [`LogicalFlag::CheckPortSec`], resubmits here and drops the packet if a flow set the bit.
//! A port without `port_security` has no flows: a missed resubmit leaves the bit clear.
//!
//! For every VIF bound to this chassis with `port_security` entries (`MAC [IP[/PLEN]]...`):
//! - 73 ([`OfTable::ChkInPortSec`]), on `reg14`: ARP goes to 74; IPv4 from an allowed
//!   (MAC, address) pair and DHCP discovery from the MAC pass; IPv6 from an allowed address
//!   or the MAC's link-local address, and ND solicitations from `::`, go to 74; MLD
//!   reports from `::` pass; an entry with a MAC only sends everything from it to 74;
//!   anything else fails.
//! - 74 ([`OfTable::ChkInPortSecNd`]): ARP must carry an allowed (MAC, IP) pair (or just the
//!   MAC for a MAC-only entry); ND must carry the MAC (or none) as link-layer address;
//!   unmatched ARP and NA fail, unmatched NS passes.
//! - 75 ([`OfTable::ChkOutPortSec`]), on `reg15`: IP to an allowed address (plus
//!   broadcast/multicast) passes, other IP to the MAC fails, non-IP to the MAC passes,
//!   anything else fails.
//!
//! Reproduced exactly as ovn-controller 23.03 installs them (reference captures in
//! `tests/data/physical/portsec*`), including its quirks (`nw_ttl=225` in the ND allow
//! flows). ovn-controller installs these only for ports bound to its chassis — not for
//! localports after a full recompute — and so does this module. An entry that does not
//! parse is skipped with a warning, as ovn-controller skips it.

use super::index::{Index, Placement};
use super::ofbuild::{flow, FlowBuilder};
use super::view::{PortBinding, PortKind};
use crate::lflow::logical_fields::{
    LogicalFlag, OfTable, LOG_DATAPATH, LOG_FLAGS, LOG_INPORT, LOG_OUTPORT,
};
use openflow::text::Flow;
use openflow::wire::Field;
use std::net::{Ipv4Addr, Ipv6Addr};

const ETH_IP: u128 = 0x0800;
const ETH_ARP: u128 = 0x0806;
const ETH_IPV6: u128 = 0x86dd;
const PROTO_UDP: u128 = 17;
const PROTO_ICMPV6: u128 = 58;
const ND_NS: u128 = 135;
const ND_NA: u128 = 136;
const MLD_REPORT: u128 = 131;
const MLDV2_REPORT: u128 = 143;

/// One parsed `port_security` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortSecEntry {
    /// The allowed Ethernet address.
    pub mac: [u8; 6],
    /// Allowed IPv4 addresses with prefix length.
    pub ipv4: Vec<(Ipv4Addr, u8)>,
    /// Allowed IPv6 addresses with prefix length.
    pub ipv6: Vec<(Ipv6Addr, u8)>,
}

/// Why a `port_security` entry was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PortSecError {
    /// The entry is empty.
    #[error("empty port_security entry")]
    Empty,
    /// The first word is not an Ethernet address.
    #[error("bad Ethernet address {0:?}")]
    BadMac(String),
    /// A later word is not an IPv4 or IPv6 address with optional prefix length.
    #[error("bad IP address {0:?}")]
    BadIp(String),
}

/// Parses `xx:xx:xx:xx:xx:xx`.
pub fn parse_mac(s: &str) -> Option<[u8; 6]> {
    let mut out = [0u8; 6];
    let mut n = 0;
    for part in s.split(':') {
        if n == 6 || part.is_empty() || part.len() > 2 {
            return None;
        }
        out[n] = u8::from_str_radix(part, 16).ok()?;
        n += 1;
    }
    (n == 6).then_some(out)
}

impl PortSecEntry {
    /// Parses `MAC [IP[/PLEN]]...`.
    pub fn parse(s: &str) -> Result<PortSecEntry, PortSecError> {
        let mut words = s.split_whitespace();
        let first = words.next().ok_or(PortSecError::Empty)?;
        let mac = parse_mac(first).ok_or_else(|| PortSecError::BadMac(first.into()))?;
        let mut e = PortSecEntry {
            mac,
            ipv4: Vec::new(),
            ipv6: Vec::new(),
        };
        for w in words {
            let bad = || PortSecError::BadIp(w.into());
            let (addr, plen) = match w.split_once('/') {
                Some((a, p)) => (a, Some(p.parse::<u8>().map_err(|_| bad())?)),
                None => (w, None),
            };
            if let Ok(a) = addr.parse::<Ipv4Addr>() {
                let p = plen.unwrap_or(32);
                if p > 32 {
                    return Err(bad());
                }
                e.ipv4.push((a, p));
            } else if let Ok(a) = addr.parse::<Ipv6Addr>() {
                let p = plen.unwrap_or(128);
                if p > 128 {
                    return Err(bad());
                }
                e.ipv6.push((a, p));
            } else {
                return Err(bad());
            }
        }
        Ok(e)
    }

    /// The EUI-64 link-local address of the MAC.
    pub fn link_local(&self) -> Ipv6Addr {
        let m = self.mac;
        Ipv6Addr::from([
            0xfe,
            0x80,
            0,
            0,
            0,
            0,
            0,
            0,
            m[0] ^ 2,
            m[1],
            m[2],
            0xff,
            0xfe,
            m[3],
            m[4],
            m[5],
        ])
    }
}

/// Port-security flows for every local VIF.
pub fn flows(ix: &Index<'_>, out: &mut Vec<Flow>) {
    for p in ix.ports() {
        if p.port_security.is_empty() || !matches!(p.kind, PortKind::Vif | PortKind::Other(_)) {
            continue;
        }
        if !matches!(ix.placement(p), Placement::Local(_)) {
            continue;
        }
        let entries: Vec<PortSecEntry> = p
            .port_security
            .iter()
            .filter_map(|s| match PortSecEntry::parse(s) {
                Ok(e) => Some(e),
                Err(err) => {
                    tracing::warn!(port = %p.name, entry = %s, %err, "port_security entry skipped");
                    None
                }
            })
            .collect();
        port_flows(p, &entries, out);
    }
}

fn allow(b: FlowBuilder) -> Flow {
    let m = LogicalFlag::CheckPortSec.mask() as u128;
    b.set_masked(LOG_FLAGS, 0, m).build()
}

fn deny(b: FlowBuilder) -> Flow {
    let m = LogicalFlag::CheckPortSec.mask() as u128;
    b.set_masked(LOG_FLAGS, m, m).build()
}

fn v4_mask(plen: u8) -> u32 {
    if plen == 0 {
        0
    } else {
        u32::MAX << (32 - plen)
    }
}

/// The flows of one port.
pub fn port_flows(p: &PortBinding, entries: &[PortSecEntry], out: &mut Vec<Flow>) {
    let (key, dp) = (p.key as u128, p.datapath as u128);
    let inp = |table: OfTable, prio: u16| {
        flow(table, prio)
            .cookie(p.cookie)
            .matching(LOG_INPORT, key)
            .matching(LOG_DATAPATH, dp)
    };
    let outp = |prio: u16| {
        flow(OfTable::ChkOutPortSec, prio)
            .cookie(p.cookie)
            .matching(LOG_OUTPORT, key)
            .matching(LOG_DATAPATH, dp)
    };
    let icmp6 = |b: FlowBuilder| {
        b.header_int(Field::EthType, ETH_IPV6)
            .header_int(Field::IpProto, PROTO_ICMPV6)
    };
    let zero_mac = [0u8; 6];

    // Table 73.
    out.push(
        inp(OfTable::ChkInPortSec, 95)
            .header_int(Field::EthType, ETH_ARP)
            .resubmit(OfTable::ChkInPortSecNd)
            .build(),
    );
    for e in entries {
        let src = |b: FlowBuilder| b.header(Field::EthSrc, &e.mac);
        if e.ipv4.is_empty() && e.ipv6.is_empty() {
            out.push(
                src(inp(OfTable::ChkInPortSec, 90))
                    .resubmit(OfTable::ChkInPortSecNd)
                    .build(),
            );
        }
        if !e.ipv4.is_empty() {
            for (a, _) in &e.ipv4 {
                out.push(allow(
                    src(inp(OfTable::ChkInPortSec, 90))
                        .header_int(Field::EthType, ETH_IP)
                        .header(Field::Ipv4Src, &a.octets()),
                ));
            }
            out.push(allow(
                src(inp(OfTable::ChkInPortSec, 90))
                    .header_int(Field::EthType, ETH_IP)
                    .header_int(Field::IpProto, PROTO_UDP)
                    .header(Field::Ipv4Src, &[0, 0, 0, 0])
                    .header(Field::Ipv4Dst, &[255, 255, 255, 255])
                    .header_int(Field::UdpSrc, 68)
                    .header_int(Field::UdpDst, 67),
            ));
        }
        if !e.ipv6.is_empty() {
            let mut addrs: Vec<Ipv6Addr> = e.ipv6.iter().map(|(a, _)| *a).collect();
            addrs.push(e.link_local());
            for a in addrs {
                out.push(
                    src(inp(OfTable::ChkInPortSec, 90))
                        .header_int(Field::EthType, ETH_IPV6)
                        .header(Field::Ipv6Src, &a.octets())
                        .resubmit(OfTable::ChkInPortSecNd)
                        .build(),
                );
            }
            let mcast = |t: u128| {
                icmp6(src(inp(OfTable::ChkInPortSec, 90)))
                    .header(Field::Ipv6Src, &[0; 16])
                    .header_masked(
                        Field::Ipv6Dst,
                        &Ipv6Addr::new(0xff02, 0, 0, 0, 0, 0, 0, 0).octets(),
                        &Ipv6Addr::new(0xffff, 0, 0, 0, 0, 0, 0, 0).octets(),
                    )
                    .header_int(Field::Icmpv6Type, t)
                    .header_int(Field::Icmpv6Code, 0)
            };
            out.push(allow(mcast(MLD_REPORT)));
            out.push(allow(mcast(MLDV2_REPORT)));
            out.push(mcast(ND_NS).resubmit(OfTable::ChkInPortSecNd).build());
        }
    }
    out.push(deny(inp(OfTable::ChkInPortSec, 80)));

    // Table 74.
    let nd = |t: u128, ttl: bool| {
        let b = icmp6(inp(OfTable::ChkInPortSecNd, 90));
        let b = if ttl {
            b.header_int(Field::IpTtl, 225)
        } else {
            b
        };
        b.header_int(Field::Icmpv6Type, t)
            .header_int(Field::Icmpv6Code, 0)
    };
    for e in entries {
        let arp = || {
            inp(OfTable::ChkInPortSecNd, 90)
                .header_int(Field::EthType, ETH_ARP)
                .header(Field::EthSrc, &e.mac)
        };
        if e.ipv4.is_empty() && e.ipv6.is_empty() {
            out.push(allow(arp().header(Field::ArpSha, &e.mac)));
        }
        for (a, _) in &e.ipv4 {
            out.push(allow(
                arp()
                    .header(Field::ArpSpa, &a.octets())
                    .header(Field::ArpSha, &e.mac),
            ));
        }
        for sll in [zero_mac, e.mac] {
            out.push(allow(nd(ND_NS, true).header(Field::NdSll, &sll)));
        }
        if e.ipv6.is_empty() {
            for tll in [zero_mac, e.mac] {
                out.push(allow(nd(ND_NA, true).header(Field::NdTll, &tll)));
            }
        } else {
            for tll in [zero_mac, e.mac] {
                out.push(allow(
                    nd(ND_NA, true)
                        .header(Field::NdTarget, &e.link_local().octets())
                        .header(Field::NdTll, &tll),
                ));
            }
            for (a, _) in &e.ipv6 {
                for tll in [zero_mac, e.mac] {
                    out.push(allow(
                        nd(ND_NA, false)
                            .header(Field::EthSrc, &e.mac)
                            .header(Field::NdTarget, &a.octets())
                            .header(Field::NdTll, &tll),
                    ));
                }
            }
        }
    }
    out.push(deny(
        inp(OfTable::ChkInPortSecNd, 80).header_int(Field::EthType, ETH_ARP),
    ));
    let nd_default = |t: u128| {
        icmp6(inp(OfTable::ChkInPortSecNd, 80))
            .header_int(Field::IpTtl, 255)
            .header_int(Field::Icmpv6Type, t)
    };
    out.push(deny(nd_default(ND_NA)));
    out.push(allow(nd_default(ND_NS)));

    // Table 75.
    for e in entries {
        let dst = |prio: u16| outp(prio).header(Field::EthDst, &e.mac);
        if !e.ipv4.is_empty() {
            let ip = |a: Ipv4Addr| {
                allow(
                    dst(95)
                        .header_int(Field::EthType, ETH_IP)
                        .header(Field::Ipv4Dst, &a.octets()),
                )
            };
            for (a, plen) in &e.ipv4 {
                out.push(ip(*a));
                if *plen < 32 {
                    out.push(ip(Ipv4Addr::from(u32::from(*a) | !v4_mask(*plen))));
                }
            }
            out.push(ip(Ipv4Addr::BROADCAST));
            out.push(allow(
                dst(95).header_int(Field::EthType, ETH_IP).header_masked(
                    Field::Ipv4Dst,
                    &[224, 0, 0, 0],
                    &[240, 0, 0, 0],
                ),
            ));
        }
        if !e.ipv6.is_empty() {
            let ip6 = |a: Ipv6Addr| {
                dst(95)
                    .header_int(Field::EthType, ETH_IPV6)
                    .header(Field::Ipv6Dst, &a.octets())
            };
            for (a, _) in &e.ipv6 {
                out.push(allow(ip6(*a)));
            }
            out.push(allow(ip6(e.link_local())));
            out.push(allow(
                dst(95).header_int(Field::EthType, ETH_IPV6).header_masked(
                    Field::Ipv6Dst,
                    &Ipv6Addr::new(0xff00, 0, 0, 0, 0, 0, 0, 0).octets(),
                    &Ipv6Addr::new(0xff00, 0, 0, 0, 0, 0, 0, 0).octets(),
                ),
            ));
        }
        if !e.ipv4.is_empty() || !e.ipv6.is_empty() {
            out.push(deny(dst(90).header_int(Field::EthType, ETH_IP)));
            out.push(deny(dst(90).header_int(Field::EthType, ETH_IPV6)));
        }
        out.push(allow(dst(85)));
    }
    out.push(deny(outp(80)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_entries() {
        let e = PortSecEntry::parse("00:00:00:00:01:ab 10.0.0.1/24 fd00::ab/64 10.0.0.2").unwrap();
        assert_eq!(e.mac, [0, 0, 0, 0, 1, 0xab]);
        assert_eq!(
            e.ipv4,
            vec![
                ("10.0.0.1".parse().unwrap(), 24),
                ("10.0.0.2".parse().unwrap(), 32)
            ]
        );
        assert_eq!(e.ipv6, vec![("fd00::ab".parse().unwrap(), 64)]);
        assert_eq!(e.link_local().to_string(), "fe80::200:ff:fe00:1ab");
        assert_eq!(PortSecEntry::parse(""), Err(PortSecError::Empty));
        assert!(matches!(
            PortSecEntry::parse("zz:00:00:00:00:01"),
            Err(PortSecError::BadMac(_))
        ));
        assert!(matches!(
            PortSecEntry::parse("00:00:00:00:00:01:02"),
            Err(PortSecError::BadMac(_))
        ));
        assert!(matches!(
            PortSecEntry::parse("00:00:00:00:00:01 10.0.0.1/33"),
            Err(PortSecError::BadIp(_))
        ));
        assert!(matches!(
            PortSecEntry::parse("00:00:00:00:00:01 host"),
            Err(PortSecError::BadIp(_))
        ));
    }
}
