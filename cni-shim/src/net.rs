//! Typed network values used in CNI configs, results and the controller API.
//!
//! Both types parse from and print to the text forms CNI uses (`"0a:58:0a:f4:00:05"`,
//! `"10.244.0.5/24"`) and serialise as those strings. Parsing never panics; a value that
//! exists is valid (a prefix length never exceeds its family's width).

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An Ethernet MAC address.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MacAddr(pub [u8; 6]);

impl MacAddr {
    /// A locally administered unicast address.
    pub fn is_local_unicast(&self) -> bool {
        self.0[0] & 0x01 == 0 && self.0[0] & 0x02 != 0
    }
    pub fn is_multicast(&self) -> bool {
        self.0[0] & 0x01 != 0
    }
}

impl fmt::Display for MacAddr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let b = self.0;
        write!(
            f,
            "{:02x}:{:02x}:{:02x}:{:02x}:{:02x}:{:02x}",
            b[0], b[1], b[2], b[3], b[4], b[5]
        )
    }
}

impl fmt::Debug for MacAddr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// Why a MAC or a CIDR did not parse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NetParseError {
    #[error("invalid MAC address {0:?} (want six hex octets separated by ':')")]
    Mac(String),
    #[error("invalid IP address {0:?}")]
    Ip(String),
    #[error("invalid prefix length in {0:?}")]
    Prefix(String),
}

impl FromStr for MacAddr {
    type Err = NetParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || NetParseError::Mac(s.to_string());
        let mut out = [0u8; 6];
        let mut parts = s.split([':', '-']);
        for b in out.iter_mut() {
            let p = parts.next().ok_or_else(err)?;
            if p.len() != 2 || !p.bytes().all(|c| c.is_ascii_hexdigit()) {
                return Err(err());
            }
            *b = u8::from_str_radix(p, 16).map_err(|_| err())?;
        }
        if parts.next().is_some() {
            return Err(err());
        }
        Ok(MacAddr(out))
    }
}

/// An address with its prefix length, as CNI writes them (`10.0.0.5/24`, `fd00::5/64`).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IpNet {
    addr: IpAddr,
    prefix: u8,
}

impl IpNet {
    /// `None` when `prefix` is wider than the address family.
    pub fn new(addr: IpAddr, prefix: u8) -> Option<Self> {
        let max = if addr.is_ipv4() { 32 } else { 128 };
        (prefix <= max).then_some(IpNet { addr, prefix })
    }
    pub fn addr(&self) -> IpAddr {
        self.addr
    }
    pub fn prefix(&self) -> u8 {
        self.prefix
    }
    pub fn is_ipv4(&self) -> bool {
        self.addr.is_ipv4()
    }
    /// The network address (host bits cleared).
    pub fn network(&self) -> IpAddr {
        match self.addr {
            IpAddr::V4(a) => {
                let m = if self.prefix == 0 {
                    0
                } else {
                    u32::MAX << (32 - self.prefix)
                };
                IpAddr::V4(Ipv4Addr::from(u32::from(a) & m))
            }
            IpAddr::V6(a) => {
                let m = if self.prefix == 0 {
                    0
                } else {
                    u128::MAX << (128 - self.prefix)
                };
                IpAddr::V6(Ipv6Addr::from(u128::from(a) & m))
            }
        }
    }
    /// Does this prefix contain `ip`?
    pub fn contains(&self, ip: IpAddr) -> bool {
        match IpNet::new(ip, self.prefix) {
            Some(other) if ip.is_ipv4() == self.addr.is_ipv4() => other.network() == self.network(),
            _ => false,
        }
    }
    /// The default route of this address family (`0.0.0.0/0` or `::/0`).
    pub fn default_route(v4: bool) -> IpNet {
        let addr = if v4 {
            IpAddr::V4(Ipv4Addr::UNSPECIFIED)
        } else {
            IpAddr::V6(Ipv6Addr::UNSPECIFIED)
        };
        IpNet { addr, prefix: 0 }
    }
}

impl fmt::Display for IpNet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.addr, self.prefix)
    }
}

impl fmt::Debug for IpNet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl FromStr for IpNet {
    type Err = NetParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (a, p) = s
            .split_once('/')
            .ok_or_else(|| NetParseError::Prefix(s.to_string()))?;
        let addr: IpAddr = a.parse().map_err(|_| NetParseError::Ip(s.to_string()))?;
        if p.is_empty() || p.len() > 3 || !p.bytes().all(|b| b.is_ascii_digit()) {
            return Err(NetParseError::Prefix(s.to_string()));
        }
        let prefix: u8 = p
            .parse()
            .map_err(|_| NetParseError::Prefix(s.to_string()))?;
        IpNet::new(addr, prefix).ok_or_else(|| NetParseError::Prefix(s.to_string()))
    }
}

macro_rules! serde_via_str {
    ($t:ty) => {
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}
serde_via_str!(MacAddr);
serde_via_str!(IpNet);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mac_round_trip_and_rejects() {
        let m: MacAddr = "0A:58:0a:f4:00:05".parse().unwrap();
        assert_eq!(m.to_string(), "0a:58:0a:f4:00:05");
        assert!(m.is_local_unicast());
        for bad in [
            "",
            "0a:58:0a:f4:00",
            "0a:58:0a:f4:00:05:06",
            "0a:58:0a:f4:00:5",
            "zz:58:0a:f4:00:05",
            "+a:58:0a:f4:00:05",
        ] {
            assert!(bad.parse::<MacAddr>().is_err(), "{bad}");
        }
    }

    #[test]
    fn ipnet_round_trip_network_contains() {
        let n: IpNet = "10.244.1.7/24".parse().unwrap();
        assert_eq!(n.to_string(), "10.244.1.7/24");
        assert_eq!(n.network().to_string(), "10.244.1.0");
        assert!(n.contains("10.244.1.1".parse().unwrap()));
        assert!(!n.contains("10.244.2.1".parse().unwrap()));
        assert!(!n.contains("::1".parse().unwrap()));
        let v6: IpNet = "fd00::5/64".parse().unwrap();
        assert_eq!(v6.network().to_string(), "fd00::");
        assert_eq!(IpNet::default_route(true).to_string(), "0.0.0.0/0");
        for bad in [
            "10.0.0.1",
            "10.0.0.1/33",
            "10.0.0.1/",
            "x/8",
            "::1/129",
            "10.0.0.1/+8",
            "10.0.0.1/0008",
        ] {
            assert!(bad.parse::<IpNet>().is_err(), "{bad}");
        }
    }

    #[test]
    fn serde_as_strings() {
        let n: IpNet = serde_json::from_str("\"192.168.0.1/16\"").unwrap();
        assert_eq!(serde_json::to_string(&n).unwrap(), "\"192.168.0.1/16\"");
        assert!(serde_json::from_str::<MacAddr>("\"nope\"").is_err());
        assert!(serde_json::from_str::<MacAddr>("5").is_err());
    }
}
