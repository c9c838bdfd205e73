//! The veth pair that attaches a pod: created, configured, inspected and deleted through
//! rtnetlink (no `ip` commands).
//!
//! The host end keeps its generated name in the controller's namespace (OVS attaches it
//! to br-int); the pod end is created under a temporary name, moved into the pod's
//! namespace and only then renamed to the requested ifname, so it never collides with an
//! interface of the same name on the host. Deleting the host end deletes the pair.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::path::{Path, PathBuf};

use cni_shim::net::{IpNet, MacAddr};
use futures::TryStreamExt;
use rtnetlink::packet_route::address::AddressAttribute;
use rtnetlink::packet_route::link::{LinkAttribute, LinkFlags, LinkMessage};
use rtnetlink::packet_route::route::{RouteAddress, RouteAttribute};
use rtnetlink::{Handle, LinkUnspec, LinkVeth, RouteMessageBuilder};

use super::ethtool;
use super::netns::{self, NetError};

/// How the pod end is configured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PodSide {
    pub ifname: String,
    pub mac: MacAddr,
    pub mtu: u32,
    pub addrs: Vec<IpNet>,
    pub gateway4: Option<Ipv4Addr>,
    pub gateway6: Option<Ipv6Addr>,
}

/// What an interface looks like (for CHECK and for reporting).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkState {
    pub index: u32,
    pub mac: Option<MacAddr>,
    pub mtu: Option<u32>,
    pub up: bool,
    pub addrs: Vec<IpNet>,
    /// Gateways of default routes out of this interface.
    pub default_gateways: Vec<IpAddr>,
    pub tx_checksum: Option<bool>,
}

const ENODEV: i32 = 19;

fn is_nodev(e: &rtnetlink::Error) -> bool {
    matches!(e, rtnetlink::Error::NetlinkError(m) if m.raw_code() == -ENODEV)
}

/// The link called `name`, if any.
pub async fn get_link(handle: &Handle, name: &str) -> Result<Option<LinkMessage>, NetError> {
    let mut s = handle.link().get().match_name(name.to_string()).execute();
    match s.try_next().await {
        Ok(l) => Ok(l),
        Err(e) if is_nodev(&e) => Ok(None),
        Err(e) => Err(NetError::netlink(&format!("get link {name}"), e)),
    }
}

fn mac_of(l: &LinkMessage) -> Option<MacAddr> {
    l.attributes.iter().find_map(|a| match a {
        LinkAttribute::Address(b) if b.len() == 6 => {
            Some(MacAddr([b[0], b[1], b[2], b[3], b[4], b[5]]))
        }
        _ => None,
    })
}

fn mtu_of(l: &LinkMessage) -> Option<u32> {
    l.attributes.iter().find_map(|a| match a {
        LinkAttribute::Mtu(m) => Some(*m),
        _ => None,
    })
}

/// What `create` made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Created {
    pub host_mac: MacAddr,
    /// Whether the IPv4/IPv6 default route via the gateway was installed: a pod that
    /// already has one (its first network) keeps it, so extra networks add none.
    pub default4: bool,
    pub default6: bool,
}

async fn has_default_route(handle: &Handle, v4: bool) -> Result<bool, NetError> {
    let req = if v4 {
        RouteMessageBuilder::<Ipv4Addr>::new().build()
    } else {
        RouteMessageBuilder::<Ipv6Addr>::new().build()
    };
    let mut s = handle.route().get(req).execute();
    while let Some(r) = s
        .try_next()
        .await
        .map_err(|e| NetError::netlink("list routes", e))?
    {
        let gw = r
            .attributes
            .iter()
            .any(|a| matches!(a, RouteAttribute::Gateway(_)));
        if r.header.destination_prefix_length == 0 && gw {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Creates the pair `host`/`tmp_peer`, moves the peer into `pod_netns` as `pod.ifname`
/// and configures both ends. Returns the host end's MAC. On error the caller deletes
/// `host` (which removes whatever part of the pair exists).
pub async fn create(
    host: &str,
    tmp_peer: &str,
    pod_netns: &Path,
    pod: &PodSide,
) -> Result<Created, NetError> {
    let ns_file = netns::open(pod_netns)?;
    let (h, p, mtu) = (host.to_string(), tmp_peer.to_string(), pod.mtu);
    let host_mac = netns::run_in(None, move |handle| async move {
        use std::os::fd::AsRawFd;
        if get_link(&handle, &h).await?.is_some() {
            return Err(NetError::Conflict(format!(
                "host interface {h} already exists"
            )));
        }
        if get_link(&handle, &p).await?.is_some() {
            // a leftover of an interrupted ADD: the host end is gone, so it is ours
            let l = get_link(&handle, &p)
                .await?
                .map(|l| l.header.index)
                .unwrap_or_default();
            handle
                .link()
                .del(l)
                .execute()
                .await
                .map_err(|e| NetError::netlink("delete stale peer", e))?;
        }
        handle
            .link()
            .add(LinkVeth::new(&h, &p).mtu(mtu).build())
            .execute()
            .await
            .map_err(|e| NetError::netlink(&format!("create veth {h}"), e))?;
        let peer = get_link(&handle, &p)
            .await?
            .ok_or_else(|| NetError::Netlink(format!("veth peer {p} vanished")))?;
        handle
            .link()
            .set(
                LinkUnspec::new_with_index(peer.header.index)
                    .setns_by_fd(ns_file.as_raw_fd())
                    .build(),
            )
            .execute()
            .await
            .map_err(|e| NetError::netlink("move veth peer into the pod namespace", e))?;
        let hl = get_link(&handle, &h)
            .await?
            .ok_or_else(|| NetError::Netlink(format!("veth {h} vanished")))?;
        handle
            .link()
            .set(LinkUnspec::new_with_index(hl.header.index).up().build())
            .execute()
            .await
            .map_err(|e| NetError::netlink(&format!("set {h} up"), e))?;
        mac_of(&hl).ok_or_else(|| NetError::Netlink(format!("{h} has no MAC")))
    })
    .await?;

    let (p, pod) = (tmp_peer.to_string(), pod.clone());
    netns::run_in(Some(pod_netns.to_path_buf()), move |handle| async move {
        if get_link(&handle, &pod.ifname).await?.is_some() {
            return Err(NetError::Conflict(format!(
                "interface {} already exists in the pod",
                pod.ifname
            )));
        }
        let peer = get_link(&handle, &p)
            .await?
            .ok_or_else(|| NetError::Netlink(format!("veth peer {p} not in the pod")))?;
        let idx = peer.header.index;
        handle
            .link()
            .set(
                LinkUnspec::new_with_index(idx)
                    .name(pod.ifname.clone())
                    .address(pod.mac.0.to_vec())
                    .mtu(pod.mtu)
                    .build(),
            )
            .execute()
            .await
            .map_err(|e| NetError::netlink(&format!("rename/configure {}", pod.ifname), e))?;
        if let Some(lo) = get_link(&handle, "lo").await? {
            handle
                .link()
                .set(LinkUnspec::new_with_index(lo.header.index).up().build())
                .execute()
                .await
                .map_err(|e| NetError::netlink("set lo up", e))?;
        }
        ethtool::tx_checksum_off(&pod.ifname)
            .map_err(|e| NetError::Io(format!("ethtool tx off on {}: {e}", pod.ifname)))?;
        for a in &pod.addrs {
            handle
                .address()
                .add(idx, a.addr(), a.prefix())
                .execute()
                .await
                .map_err(|e| NetError::netlink(&format!("add address {a}"), e))?;
        }
        handle
            .link()
            .set(LinkUnspec::new_with_index(idx).up().build())
            .execute()
            .await
            .map_err(|e| NetError::netlink(&format!("set {} up", pod.ifname), e))?;
        let (mut default4, mut default6) = (false, false);
        if let Some(gw) = pod.gateway4 {
            if !has_default_route(&handle, true).await? {
                let r = RouteMessageBuilder::<Ipv4Addr>::new()
                    .gateway(gw)
                    .output_interface(idx)
                    .build();
                handle
                    .route()
                    .add(r)
                    .execute()
                    .await
                    .map_err(|e| NetError::netlink(&format!("default route via {gw}"), e))?;
                default4 = true;
            }
        }
        if let Some(gw) = pod.gateway6 {
            if !has_default_route(&handle, false).await? {
                let r = RouteMessageBuilder::<Ipv6Addr>::new()
                    .gateway(gw)
                    .output_interface(idx)
                    .build();
                handle
                    .route()
                    .add(r)
                    .execute()
                    .await
                    .map_err(|e| NetError::netlink(&format!("default route via {gw}"), e))?;
                default6 = true;
            }
        }
        Ok((default4, default6))
    })
    .await
    .map(|(default4, default6)| Created {
        host_mac,
        default4,
        default6,
    })
}

/// Deletes the host end `host` (and with it the pod end); `false` if it did not exist.
pub async fn delete_host(host: &str) -> Result<bool, NetError> {
    let h = host.to_string();
    netns::run_in(None, move |handle| async move {
        let Some(l) = get_link(&handle, &h).await? else {
            return Ok(false);
        };
        match handle.link().del(l.header.index).execute().await {
            Ok(()) => Ok(true),
            Err(e) if is_nodev(&e) => Ok(false),
            Err(e) => Err(NetError::netlink(&format!("delete {h}"), e)),
        }
    })
    .await
}

/// The state of interface `name` in `netns` (`None`: the controller's namespace).
pub async fn inspect(netns: Option<PathBuf>, name: &str) -> Result<Option<LinkState>, NetError> {
    let n = name.to_string();
    netns::run_in(netns, move |handle| async move {
        let Some(l) = get_link(&handle, &n).await? else {
            return Ok(None);
        };
        let index = l.header.index;
        let mut addrs = Vec::new();
        let mut s = handle
            .address()
            .get()
            .set_link_index_filter(index)
            .execute();
        while let Some(m) = s
            .try_next()
            .await
            .map_err(|e| NetError::netlink("list addresses", e))?
        {
            for a in &m.attributes {
                if let AddressAttribute::Address(ip) = a {
                    if let Some(net) = IpNet::new(*ip, m.header.prefix_len) {
                        if !addrs.contains(&net) {
                            addrs.push(net);
                        }
                    }
                }
            }
        }
        let mut default_gateways = Vec::new();
        for v4 in [true, false] {
            let req = if v4 {
                RouteMessageBuilder::<Ipv4Addr>::new().build()
            } else {
                RouteMessageBuilder::<Ipv6Addr>::new().build()
            };
            let mut s = handle.route().get(req).execute();
            while let Some(r) = s
                .try_next()
                .await
                .map_err(|e| NetError::netlink("list routes", e))?
            {
                if r.header.destination_prefix_length != 0 {
                    continue;
                }
                let oif = r
                    .attributes
                    .iter()
                    .any(|a| matches!(a, RouteAttribute::Oif(i) if *i == index));
                let gw = r.attributes.iter().find_map(|a| match a {
                    RouteAttribute::Gateway(RouteAddress::Inet(g)) => Some(IpAddr::V4(*g)),
                    RouteAttribute::Gateway(RouteAddress::Inet6(g)) => Some(IpAddr::V6(*g)),
                    _ => None,
                });
                if let (true, Some(gw)) = (oif, gw) {
                    default_gateways.push(gw);
                }
            }
        }
        Ok(Some(LinkState {
            index,
            mac: mac_of(&l),
            mtu: mtu_of(&l),
            up: l.header.flags.contains(LinkFlags::Up),
            addrs,
            default_gateways,
            tx_checksum: ethtool::tx_checksum_on(&n).ok(),
        }))
    })
    .await
}
