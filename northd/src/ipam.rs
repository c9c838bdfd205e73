//! IPAM: the `dynamic_addresses` of switch ports whose `addresses` say `dynamic`, as
//! ovn-northd assigns them (ovn-nb(5), `Logical_Switch:other_config` and
//! `Logical_Switch_Port:dynamic_addresses`; behaviour observed on ovn-northd 23.03).
//!
//! - IPv4 comes from `other_config:subnet`. The network address, the first host
//!   address (kept for a router) and the broadcast address are never handed out, nor
//!   are `other_config:exclude_ips` (addresses and `A..B` ranges) or addresses any port
//!   on the switch already uses. The lowest free address wins; `dynamic A.B.C.D`
//!   requests a specific one.
//! - MACs are `NB_Global.options:mac_prefix` followed by 24 bits: for a port that gets
//!   an IPv4 address, the low 24 bits of the address plus 1 (then plus 2, ... while
//!   taken); otherwise 1, 2, ... MACs are unique across all switches. `MAC dynamic`
//!   keeps the given MAC.
//! - IPv6 is the EUI-64 address of the MAC under `other_config:ipv6_prefix`.
//! - With none of `subnet`, `ipv6_prefix` and `mac_only=true`, a switch does no IPAM.
//!
//! Existing `dynamic_addresses` are kept part by part while still valid, so repeated
//! runs are stable; ports are otherwise served in switch-name then port-name order.

use std::collections::{BTreeMap, BTreeSet};
use std::net::{Ipv4Addr, Ipv6Addr};

use uuid::Uuid;

use crate::nb::{LogicalSwitch, LspAddress, MacAddr, NbSnapshot, PortAddresses};

/// The 24-bit space after the MAC prefix.
const MAC_SPACE: u64 = 0xff_ffff;

/// The IPAM configuration of one switch.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SwitchIpam {
    /// Network address and prefix length.
    pub subnet: Option<(Ipv4Addr, u8)>,
    pub exclude: Vec<(Ipv4Addr, Ipv4Addr)>,
    pub ipv6_prefix: Option<Ipv6Addr>,
    pub mac_only: bool,
}

impl SwitchIpam {
    pub fn from_switch(ls: &LogicalSwitch) -> SwitchIpam {
        let oc = &ls.other_config;
        let subnet = oc.get("subnet").and_then(|s| {
            let (a, p) = s.split_once('/')?;
            let a: Ipv4Addr = a.parse().ok()?;
            let p: u8 = p.parse().ok()?;
            if !(1..=30).contains(&p) {
                return None;
            }
            let mask = u32::MAX << (32 - p);
            Some((Ipv4Addr::from(u32::from(a) & mask), p))
        });
        let exclude = oc
            .get("exclude_ips")
            .map(|s| {
                s.split_whitespace()
                    .filter_map(|w| match w.split_once("..") {
                        Some((a, b)) => Some((a.parse().ok()?, b.parse().ok()?)),
                        None => {
                            let a: Ipv4Addr = w.parse().ok()?;
                            Some((a, a))
                        }
                    })
                    .collect()
            })
            .unwrap_or_default();
        let ipv6_prefix = oc
            .get("ipv6_prefix")
            .and_then(|s| s.split('/').next().and_then(|a| a.parse::<Ipv6Addr>().ok()));
        SwitchIpam {
            subnet,
            exclude,
            ipv6_prefix,
            mac_only: oc.get("mac_only").map(String::as_str) == Some("true"),
        }
    }
    pub fn enabled(&self) -> bool {
        self.subnet.is_some() || self.ipv6_prefix.is_some() || self.mac_only
    }
    /// The addresses IPAM may hand out: network + 2 ..= broadcast - 1.
    fn range(&self) -> Option<(u32, u32)> {
        let (net, p) = self.subnet?;
        let net = u32::from(net);
        let bcast = net | (u32::MAX >> p);
        Some((net + 2, bcast - 1))
    }
    fn in_subnet(&self, a: Ipv4Addr) -> bool {
        self.range()
            .is_some_and(|(lo, hi)| (lo..=hi).contains(&u32::from(a)))
    }
    fn excluded(&self, a: Ipv4Addr) -> bool {
        self.exclude.iter().any(|(lo, hi)| lo <= &a && &a <= hi)
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum IpamError {
    #[error(
        "NB_Global options:mac_prefix is not set (ovn-northd picks a random one and stores it)"
    )]
    NoMacPrefix,
}

/// Computes `dynamic_addresses` for every port with a `dynamic` entry on a switch
/// doing IPAM. Ports not in the result should have `dynamic_addresses` cleared.
pub fn assign_dynamic_addresses(
    nb: &NbSnapshot,
) -> Result<BTreeMap<Uuid, PortAddresses>, IpamError> {
    let prefix = nb.global.mac_prefix();
    let mut switches: Vec<&LogicalSwitch> = nb.switches.values().collect();
    switches.sort_by(|a, b| (&a.name, a.uuid).cmp(&(&b.name, b.uuid)));

    // MACs in use anywhere: static ones, and dynamic ones we are about to keep.
    let mut macs: BTreeSet<MacAddr> = BTreeSet::new();
    for p in nb.ports.values() {
        for a in &p.addresses {
            match a {
                LspAddress::Static(pa) => {
                    macs.insert(pa.mac);
                }
                LspAddress::Dynamic { mac: Some(m), .. } => {
                    macs.insert(*m);
                }
                _ => {}
            }
        }
    }
    let mut out = BTreeMap::new();
    let mut need_prefix = false;
    // Pass 1 per switch: reserve static IPs and still-valid dynamic parts.
    struct Pending {
        port: Uuid,
        mac: Option<MacAddr>,
        ipv4: Option<Ipv4Addr>,
        want_ipv4: bool,
        requested_v6: Option<Ipv6Addr>,
    }
    let mut plans: Vec<(SwitchIpam, BTreeSet<Ipv4Addr>, Vec<Pending>)> = Vec::new();
    for ls in &switches {
        let ipam = SwitchIpam::from_switch(ls);
        let mut ports: Vec<_> = nb.switch_ports(ls).collect();
        ports.sort_by(|a, b| a.name.cmp(&b.name));
        let mut used: BTreeSet<Ipv4Addr> = BTreeSet::new();
        for p in &ports {
            for a in &p.addresses {
                if let LspAddress::Static(pa) = a {
                    used.extend(pa.ipv4.iter().map(|(a, _)| *a));
                }
            }
        }
        let mut pending = Vec::new();
        if ipam.enabled() {
            for p in &ports {
                let Some((req_mac, req_v4, req_v6)) = p.addresses.iter().find_map(|a| match a {
                    LspAddress::Dynamic { mac, ipv4, ipv6 } => Some((*mac, *ipv4, *ipv6)),
                    _ => None,
                }) else {
                    continue;
                };
                let old = p.dynamic_addresses.as_ref();
                let mac = req_mac.or_else(|| {
                    let m = old?.mac;
                    (prefix.is_some_and(|pf| m.0[..3] == pf) && macs.insert(m)).then_some(m)
                });
                let want_ipv4 = ipam.subnet.is_some();
                let mut ipv4 = None;
                if want_ipv4 {
                    if let Some(r) = req_v4 {
                        if !used.contains(&r) {
                            used.insert(r);
                            ipv4 = Some(r);
                        }
                    } else if let Some((a, _)) = old.and_then(|o| o.ipv4.first()) {
                        if ipam.in_subnet(*a) && !ipam.excluded(*a) && used.insert(*a) {
                            ipv4 = Some(*a);
                        }
                    }
                }
                pending.push(Pending {
                    port: p.uuid,
                    mac,
                    ipv4,
                    want_ipv4,
                    requested_v6: req_v6,
                });
            }
        }
        plans.push((ipam, used, pending));
    }
    // Pass 2: allocate what is missing, in order.
    for (ipam, mut used, pending) in plans {
        for mut pp in pending {
            if pp.want_ipv4 && pp.ipv4.is_none() {
                if let Some((lo, hi)) = ipam.range() {
                    pp.ipv4 = (lo..=hi)
                        .map(Ipv4Addr::from)
                        .find(|a| !used.contains(a) && !ipam.excluded(*a));
                    if let Some(a) = pp.ipv4 {
                        used.insert(a);
                    }
                }
            }
            let mac = match pp.mac {
                Some(m) => m,
                None => {
                    let Some(pf) = prefix else {
                        need_prefix = true;
                        continue;
                    };
                    let base = pp.ipv4.map_or(0, |a| u64::from(u32::from(a)) & MAC_SPACE);
                    let pf = (u64::from(pf[0]) << 40)
                        | (u64::from(pf[1]) << 32)
                        | (u64::from(pf[2]) << 24);
                    let found = (1..MAC_SPACE)
                        .map(|i| MacAddr::from_u64(pf | ((base + i) % MAC_SPACE)))
                        .find(|m| !macs.contains(m));
                    let Some(m) = found else { continue };
                    macs.insert(m);
                    m
                }
            };
            let mut pa = PortAddresses {
                mac,
                ..Default::default()
            };
            if let Some(a) = pp.ipv4 {
                pa.ipv4.push((a, 32));
            }
            if let Some(v6) = pp.requested_v6 {
                pa.ipv6.push((v6, 128));
            } else if let Some(pfx) = ipam.ipv6_prefix {
                pa.ipv6.push((mac.eui64(pfx), 128));
            }
            out.insert(pp.port, pa);
        }
    }
    if need_prefix {
        return Err(IpamError::NoMacPrefix);
    }
    Ok(out)
}

/// Runs IPAM and stores the result in the snapshot's ports, as the NB write-back will,
/// so that flow generation sees the assigned addresses.
pub fn apply(nb: &mut NbSnapshot) -> Result<BTreeMap<Uuid, PortAddresses>, IpamError> {
    let assigned = assign_dynamic_addresses(nb)?;
    for (u, p) in nb.ports.iter_mut() {
        p.dynamic_addresses = assigned.get(u).cloned();
    }
    Ok(assigned)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nb::{LogicalSwitchPort, NbGlobal};

    fn port(name: &str, addr: &str) -> LogicalSwitchPort {
        LogicalSwitchPort {
            uuid: Uuid::new_v4(),
            name: name.into(),
            addresses: vec![LspAddress::parse(addr).unwrap()],
            addresses_text: vec![addr.into()],
            ..Default::default()
        }
    }

    #[test]
    fn allocates_skipping_first_excluded_and_static() {
        let mut nb = NbSnapshot {
            global: NbGlobal {
                options: [("mac_prefix".to_string(), "0a:00:00".to_string())].into(),
                ..Default::default()
            },
            ..Default::default()
        };
        let ports = [
            port("a", "dynamic"),
            port("b", "00:00:00:00:00:01 192.168.0.3"),
            port("c", "dynamic"),
        ];
        let ls = LogicalSwitch {
            uuid: Uuid::new_v4(),
            name: "ls".into(),
            ports: ports.iter().map(|p| p.uuid).collect(),
            other_config: [
                ("subnet".to_string(), "192.168.0.0/29".to_string()),
                ("exclude_ips".to_string(), "192.168.0.4".to_string()),
            ]
            .into(),
            ..Default::default()
        };
        for p in ports.clone() {
            nb.ports.insert(p.uuid, p);
        }
        nb.switches.insert(ls.uuid, ls);
        let got = apply(&mut nb).unwrap();
        assert_eq!(
            got[&ports[0].uuid].to_string(),
            "0a:00:00:a8:00:03 192.168.0.2"
        );
        assert_eq!(
            got[&ports[2].uuid].to_string(),
            "0a:00:00:a8:00:06 192.168.0.5"
        );
        // Stable: a second run keeps everything.
        assert_eq!(apply(&mut nb).unwrap(), got);
    }
}
