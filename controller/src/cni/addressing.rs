//! Pod addressing from OVN's point of view: the `addresses` value ADD writes on the
//! logical port, reading back what northd's IPAM assigned (`dynamic_addresses`), and the
//! prefix length and gateway the pod gets.
//!
//! Conventions (documented for operators):
//! - no static request → `addresses: ["dynamic"]`; a static MAC only → `"MAC dynamic"`;
//!   static IPs → `"MAC IP..."`, with the MAC requested or else derived from the first
//!   IPv4 address as `0a:58:a.b.c.d` (so it is stable and unique per IP);
//! - prefix length: the static request's, else the switch's `other_config:subnet` for
//!   IPv4 and /64 for IPv6 (`other_config:ipv6_prefix`);
//! - gateway: the switch's `other_config:gateway` (rovn's key; IPv4 and/or IPv6,
//!   space- or comma-separated) if set, else the first host address of
//!   `other_config:subnet`, which OVN's IPAM never hands out. No gateway, no default route.

use std::collections::BTreeMap;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use cni_shim::net::{IpNet, MacAddr};

/// A port's addresses as OVN holds them: one MAC and zero or more IPs (no prefixes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortAddresses {
    pub mac: MacAddr,
    pub ips: Vec<IpAddr>,
}

/// Parses `"MAC [IP...]"` (an `addresses` entry or `dynamic_addresses`).
pub fn parse_port_addresses(s: &str) -> Option<PortAddresses> {
    let mut it = s.split_whitespace();
    let mac = it.next()?.parse().ok()?;
    let ips = it
        .map(|w| w.parse::<IpAddr>().ok())
        .collect::<Option<Vec<_>>>()?;
    Some(PortAddresses { mac, ips })
}

/// The `addresses` entry for a request.
pub fn requested_addresses(mac: Option<MacAddr>, ips: &[IpNet]) -> String {
    if ips.is_empty() {
        return match mac {
            Some(m) => format!("{m} dynamic"),
            None => "dynamic".to_string(),
        };
    }
    let mac = mac.unwrap_or_else(|| derived_mac(ips));
    let mut s = mac.to_string();
    for ip in ips {
        s.push(' ');
        s.push_str(&ip.addr().to_string());
    }
    s
}

/// `0a:58` + the first IPv4 address (or the low 32 bits of the first IPv6 address).
pub fn derived_mac(ips: &[IpNet]) -> MacAddr {
    let tail: [u8; 4] = ips
        .iter()
        .find_map(|n| match n.addr() {
            IpAddr::V4(a) => Some(a.octets()),
            _ => None,
        })
        .or_else(|| {
            ips.first().map(|n| match n.addr() {
                IpAddr::V6(a) => {
                    let o = a.octets();
                    [o[12], o[13], o[14], o[15]]
                }
                IpAddr::V4(a) => a.octets(),
            })
        })
        .unwrap_or([0, 0, 0, 1]);
    MacAddr([0x0a, 0x58, tail[0], tail[1], tail[2], tail[3]])
}

/// The `port_security` entry for assigned addresses: `"MAC IP..."`.
pub fn security_entry(a: &PortAddresses) -> String {
    let mut s = a.mac.to_string();
    for ip in &a.ips {
        s.push(' ');
        s.push_str(&ip.to_string());
    }
    s
}

/// Does this `addresses` entry ask northd for dynamic allocation?
pub fn is_dynamic(entry: &str) -> bool {
    entry.split_whitespace().any(|w| w == "dynamic")
}

/// The subnet from `other_config:subnet` (`10.0.0.0/24`).
pub fn subnet4(other_config: &BTreeMap<String, String>) -> Option<IpNet> {
    other_config
        .get("subnet")?
        .trim()
        .parse::<IpNet>()
        .ok()
        .filter(|n| n.is_ipv4())
}

/// The gateways of a switch (see the module doc).
pub fn gateways(other_config: &BTreeMap<String, String>) -> (Option<Ipv4Addr>, Option<Ipv6Addr>) {
    let (mut g4, mut g6) = (None, None);
    if let Some(g) = other_config.get("gateway") {
        for w in g.split([' ', ',']).filter(|w| !w.is_empty()) {
            match w.parse::<IpAddr>() {
                Ok(IpAddr::V4(a)) if g4.is_none() => g4 = Some(a),
                Ok(IpAddr::V6(a)) if g6.is_none() => g6 = Some(a),
                _ => {}
            }
        }
    }
    if g4.is_none() {
        if let Some(IpAddr::V4(net)) = subnet4(other_config).map(|s| s.network()) {
            g4 = Some(Ipv4Addr::from(u32::from(net).wrapping_add(1)));
        }
    }
    (g4, g6)
}

/// The pod's addresses with prefix lengths: `static_ips` as requested, otherwise the
/// assigned IPs with the switch's prefix. An IPv4 address outside the subnet (if any) or
/// without any known prefix is an error (`Err(message)`).
pub fn with_prefixes(
    assigned: &[IpAddr],
    static_ips: &[IpNet],
    other_config: &BTreeMap<String, String>,
) -> Result<Vec<IpNet>, String> {
    if !static_ips.is_empty() {
        return Ok(static_ips.to_vec());
    }
    let subnet = subnet4(other_config);
    assigned
        .iter()
        .map(|ip| match ip {
            IpAddr::V4(_) => match subnet {
                Some(s) if s.contains(*ip) => {
                    Ok(IpNet::new(*ip, s.prefix()).expect("prefix from a valid subnet"))
                }
                Some(s) => Err(format!(
                    "assigned address {ip} is outside the switch subnet {s}"
                )),
                None => Err(format!(
                    "switch has no other_config:subnet to give {ip} a prefix length"
                )),
            },
            IpAddr::V6(_) => Ok(IpNet::new(*ip, 64).expect("64 is a valid IPv6 prefix")),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn oc(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn dynamic_addresses_parse() {
        let a = parse_port_addresses("0a:00:00:00:00:03 10.0.0.2 fd00::a00:ff:fe00:3").unwrap();
        assert_eq!(a.mac.to_string(), "0a:00:00:00:00:03");
        assert_eq!(a.ips.len(), 2);
        assert!(parse_port_addresses("0a:00:00:00:00:03")
            .unwrap()
            .ips
            .is_empty());
        assert_eq!(
            security_entry(&a),
            "0a:00:00:00:00:03 10.0.0.2 fd00::a00:ff:fe00:3"
        );
        assert!(parse_port_addresses("").is_none());
        assert!(parse_port_addresses("dynamic").is_none());
        assert!(parse_port_addresses("0a:00:00:00:00:03 nope").is_none());
    }

    #[test]
    fn requested_forms() {
        assert_eq!(requested_addresses(None, &[]), "dynamic");
        let mac: MacAddr = "0a:58:00:00:00:09".parse().unwrap();
        assert_eq!(
            requested_addresses(Some(mac), &[]),
            "0a:58:00:00:00:09 dynamic"
        );
        let ip: IpNet = "10.0.0.9/24".parse().unwrap();
        assert_eq!(
            requested_addresses(None, &[ip]),
            "0a:58:0a:00:00:09 10.0.0.9"
        );
        assert_eq!(
            requested_addresses(Some(mac), &[ip]),
            "0a:58:00:00:00:09 10.0.0.9"
        );
        assert!(is_dynamic("dynamic") && is_dynamic("0a:58:00:00:00:09 dynamic"));
        assert!(!is_dynamic("0a:58:00:00:00:09 10.0.0.9"));
    }

    #[test]
    fn prefixes_and_gateways() {
        let c = oc(&[("subnet", "10.0.0.0/24")]);
        let got = with_prefixes(
            &["10.0.0.2".parse().unwrap(), "fd00::1".parse().unwrap()],
            &[],
            &c,
        )
        .unwrap();
        assert_eq!(got[0].to_string(), "10.0.0.2/24");
        assert_eq!(got[1].to_string(), "fd00::1/64");
        assert!(with_prefixes(&["10.1.0.2".parse().unwrap()], &[], &c).is_err());
        assert!(with_prefixes(&["10.1.0.2".parse().unwrap()], &[], &oc(&[])).is_err());
        let st: IpNet = "192.168.5.5/16".parse().unwrap();
        assert_eq!(with_prefixes(&[], &[st], &c).unwrap(), vec![st]);

        assert_eq!(gateways(&c), (Some("10.0.0.1".parse().unwrap()), None));
        let c2 = oc(&[
            ("subnet", "10.0.0.0/24"),
            ("gateway", "10.0.0.254, fd00::1"),
        ]);
        assert_eq!(
            gateways(&c2),
            (
                Some("10.0.0.254".parse().unwrap()),
                Some("fd00::1".parse().unwrap())
            )
        );
        assert_eq!(gateways(&oc(&[])), (None, None));
    }
}
