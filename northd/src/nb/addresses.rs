//! `Logical_Switch_Port.addresses` entries, parsed once (see ovn-nb(5)):
//! `MAC [IP...]`, `unknown`, `router`, `dynamic`, `MAC dynamic`, `dynamic IP`.

use std::fmt;
use std::net::{Ipv4Addr, Ipv6Addr};
use std::str::FromStr;

/// An Ethernet address; prints as ovn-northd does (lowercase, colon-separated).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct MacAddr(pub [u8; 6]);

impl MacAddr {
    pub fn from_u64(v: u64) -> MacAddr {
        let b = v.to_be_bytes();
        MacAddr([b[2], b[3], b[4], b[5], b[6], b[7]])
    }
    pub fn to_u64(self) -> u64 {
        self.0
            .iter()
            .fold(0u64, |acc, b| (acc << 8) | u64::from(*b))
    }
    /// Bit 0 of the first byte (`eth.src[40]`).
    pub fn is_multicast(self) -> bool {
        self.0[0] & 1 == 1
    }
    /// The modified EUI-64 IPv6 address of this MAC under a /64 `prefix`.
    pub fn eui64(self, prefix: Ipv6Addr) -> Ipv6Addr {
        let p = prefix.octets();
        let m = self.0;
        let mut o = [0u8; 16];
        o[..8].copy_from_slice(&p[..8]);
        o[8] = m[0] ^ 0x02;
        o[9] = m[1];
        o[10] = m[2];
        o[11] = 0xff;
        o[12] = 0xfe;
        o[13] = m[3];
        o[14] = m[4];
        o[15] = m[5];
        Ipv6Addr::from(o)
    }
}

impl fmt::Display for MacAddr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let m = self.0;
        write!(
            f,
            "{:02x}:{:02x}:{:02x}:{:02x}:{:02x}:{:02x}",
            m[0], m[1], m[2], m[3], m[4], m[5]
        )
    }
}

impl FromStr for MacAddr {
    type Err = ();
    fn from_str(s: &str) -> Result<MacAddr, ()> {
        let mut out = [0u8; 6];
        let mut n = 0;
        for part in s.split(':') {
            if n == 6 || part.is_empty() || part.len() > 2 {
                return Err(());
            }
            out[n] = u8::from_str_radix(part, 16).map_err(|_| ())?;
            n += 1;
        }
        if n == 6 {
            Ok(MacAddr(out))
        } else {
            Err(())
        }
    }
}

/// One Ethernet address and the IP addresses that go with it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PortAddresses {
    pub mac: MacAddr,
    /// Address and prefix length (32 when none was written).
    pub ipv4: Vec<(Ipv4Addr, u8)>,
    /// Address and prefix length (128 when none was written).
    pub ipv6: Vec<(Ipv6Addr, u8)>,
}

impl PortAddresses {
    /// Parses `MAC [IP[/PLEN]]...`; `None` if any word is neither.
    pub fn parse(s: &str) -> Option<PortAddresses> {
        let mut words = s.split_whitespace();
        let mac = words.next()?.parse().ok()?;
        let mut pa = PortAddresses {
            mac,
            ..Default::default()
        };
        for w in words {
            let (addr, plen) = match w.split_once('/') {
                Some((a, p)) => (a, Some(p.parse::<u8>().ok()?)),
                None => (w, None),
            };
            if let Ok(v4) = addr.parse::<Ipv4Addr>() {
                pa.ipv4.push((v4, plen.unwrap_or(32)));
            } else if let Ok(v6) = addr.parse::<Ipv6Addr>() {
                pa.ipv6.push((v6, plen.unwrap_or(128)));
            } else {
                return None;
            }
        }
        Some(pa)
    }
}

impl fmt::Display for PortAddresses {
    /// As `dynamic_addresses` is written: `MAC [IPv4] [IPv6]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.mac)?;
        for (a, _) in &self.ipv4 {
            write!(f, " {a}")?;
        }
        for (a, _) in &self.ipv6 {
            write!(f, " {a}")?;
        }
        Ok(())
    }
}

/// One entry of `Logical_Switch_Port.addresses`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LspAddress {
    Unknown,
    Router,
    /// `dynamic`, `MAC dynamic`, `dynamic IPv4`, `dynamic IPv6`: IPAM fills in what is
    /// not given.
    Dynamic {
        mac: Option<MacAddr>,
        ipv4: Option<Ipv4Addr>,
        ipv6: Option<Ipv6Addr>,
    },
    Static(PortAddresses),
}

impl LspAddress {
    /// `None` for an entry ovn-northd would ignore (it logs and skips bad addresses).
    pub fn parse(s: &str) -> Option<LspAddress> {
        let t = s.trim();
        match t {
            "unknown" => return Some(LspAddress::Unknown),
            "router" => return Some(LspAddress::Router),
            "dynamic" => {
                return Some(LspAddress::Dynamic {
                    mac: None,
                    ipv4: None,
                    ipv6: None,
                })
            }
            _ => {}
        }
        let words: Vec<&str> = t.split_whitespace().collect();
        if let [mac, "dynamic"] = words.as_slice() {
            return Some(LspAddress::Dynamic {
                mac: Some(mac.parse().ok()?),
                ipv4: None,
                ipv6: None,
            });
        }
        if words.first() == Some(&"dynamic") {
            let (mut ipv4, mut ipv6) = (None, None);
            for w in &words[1..] {
                if let Ok(a) = w.parse::<Ipv4Addr>() {
                    ipv4 = Some(a);
                } else if let Ok(a) = w.parse::<Ipv6Addr>() {
                    ipv6 = Some(a);
                } else {
                    return None;
                }
            }
            return Some(LspAddress::Dynamic {
                mac: None,
                ipv4,
                ipv6,
            });
        }
        PortAddresses::parse(t).map(LspAddress::Static)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_form() {
        assert_eq!(LspAddress::parse("unknown"), Some(LspAddress::Unknown));
        assert_eq!(LspAddress::parse("router"), Some(LspAddress::Router));
        let LspAddress::Static(p) =
            LspAddress::parse("00:00:00:00:01:02 10.0.0.12 fd00::12").unwrap()
        else {
            panic!()
        };
        assert_eq!(p.mac.to_string(), "00:00:00:00:01:02");
        assert_eq!(p.ipv4, vec![("10.0.0.12".parse().unwrap(), 32)]);
        assert_eq!(p.ipv6[0].0.to_string(), "fd00::12");
        assert!(matches!(
            LspAddress::parse("0a:00:00:00:00:99 dynamic"),
            Some(LspAddress::Dynamic {
                mac: Some(_),
                ipv4: None,
                ..
            })
        ));
        assert!(matches!(
            LspAddress::parse("dynamic 10.1.0.50"),
            Some(LspAddress::Dynamic {
                mac: None,
                ipv4: Some(_),
                ..
            })
        ));
        assert_eq!(LspAddress::parse("bogus"), None);
    }

    #[test]
    fn eui64_as_ovn_writes_it() {
        let mac: MacAddr = "0a:00:00:01:00:04".parse().unwrap();
        assert_eq!(
            mac.eui64("fd00:1::".parse().unwrap()).to_string(),
            "fd00:1::800:ff:fe01:4"
        );
    }
}
