//! The chassis configuration, read exactly where ovn-controller reads it: the
//! `external_ids` of the local `Open_vSwitch` row.
//!
//! | key | meaning | default |
//! |---|---|---|
//! | `system-id` | chassis name (`Chassis.name`) | required |
//! | `hostname` | `Chassis.hostname` | the system host name |
//! | `ovn-remote` | southbound database remote | required |
//! | `ovn-encap-type` | `geneve` or `vxlan`, comma separated | required |
//! | `ovn-encap-ip` | tunnel endpoint IP(s), comma separated | required |
//! | `ovn-bridge` | integration bridge | `br-int` |
//! | `ovn-bridge-datapath-type` | its `datapath_type` | `""` (the system datapath) |
//!
//! Invariant: a `Config` is only built from a complete, valid set of keys; anything
//! missing or malformed is a [`ConfigError`] naming the key, so the daemon can log what to
//! fix and keep waiting for the operator.

use std::collections::BTreeMap;
use std::net::IpAddr;

use crate::physical::view::EncapKind;

/// What `Open_vSwitch.external_ids` says this chassis is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// `system-id`: the chassis name.
    pub system_id: String,
    /// `hostname`, else the host name of this system.
    pub hostname: String,
    /// `ovn-remote`: the southbound database, in Open vSwitch remote syntax.
    pub remote: String,
    /// Every (encapsulation, IP) this chassis terminates, geneve first.
    pub encaps: Vec<Encap>,
    /// `ovn-bridge`.
    pub bridge: String,
    /// `ovn-bridge-datapath-type`.
    pub datapath_type: String,
}

/// One tunnel endpoint of this chassis (one southbound `Encap` row).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Encap {
    pub kind: EncapKind,
    pub ip: String,
}

impl EncapKindExt for EncapKind {
    fn sb_name(self) -> &'static str {
        match self {
            EncapKind::Geneve => "geneve",
            EncapKind::Vxlan => "vxlan",
        }
    }
    fn from_sb_name(s: &str) -> Option<EncapKind> {
        match s {
            "geneve" => Some(EncapKind::Geneve),
            "vxlan" => Some(EncapKind::Vxlan),
            _ => None,
        }
    }
}

/// Names of an [`EncapKind`] in the southbound `Encap.type` column and in
/// `ovn-encap-type`.
pub trait EncapKindExt: Sized {
    /// `geneve` / `vxlan`.
    fn sb_name(self) -> &'static str;
    /// The kind for an `Encap.type` value rovn can build tunnels for.
    fn from_sb_name(s: &str) -> Option<Self>;
}

/// Why the configuration is not usable (yet).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    #[error("external_ids:{0} is not set")]
    Missing(&'static str),
    #[error("external_ids:ovn-encap-type: unsupported encapsulation \"{0}\" (geneve, vxlan)")]
    EncapType(String),
    #[error("external_ids:ovn-encap-ip: \"{0}\" is not an IP address")]
    EncapIp(String),
    #[error("external_ids:ovn-remote: {0}")]
    Remote(String),
}

impl Config {
    /// Reads the configuration from `Open_vSwitch.external_ids`; `system_hostname` is used
    /// when `external_ids:hostname` is absent.
    pub fn from_external_ids(
        ids: &BTreeMap<String, String>,
        system_hostname: &str,
    ) -> Result<Config, ConfigError> {
        let get = |k: &'static str| {
            ids.get(k)
                .map(|v| v.trim())
                .filter(|v| !v.is_empty())
                .ok_or(ConfigError::Missing(k))
        };
        let system_id = get("system-id")?.to_string();
        let remote = get("ovn-remote")?.to_string();
        // ovn-remote may list several remotes; we use the first one.
        let first = remote.split(',').next().unwrap_or_default().trim();
        first
            .parse::<ovsdb::remote::Remote>()
            .map_err(|e| ConfigError::Remote(e.to_string()))
            .and_then(|r| {
                if r.is_passive() {
                    Err(ConfigError::Remote(format!(
                        "\"{first}\" is a passive remote; the controller connects out"
                    )))
                } else {
                    Ok(())
                }
            })?;
        let mut kinds = Vec::new();
        for t in get("ovn-encap-type")?.split(',') {
            let t = t.trim();
            let k = EncapKind::from_sb_name(t).ok_or_else(|| ConfigError::EncapType(t.into()))?;
            if !kinds.contains(&k) {
                kinds.push(k);
            }
        }
        kinds.sort_by_key(|k| *k != EncapKind::Geneve);
        let mut ips = Vec::new();
        for ip in get("ovn-encap-ip")?.split(',') {
            let ip = ip.trim();
            ip.parse::<IpAddr>()
                .map_err(|_| ConfigError::EncapIp(ip.into()))?;
            ips.push(ip.to_string());
        }
        let encaps = kinds
            .iter()
            .flat_map(|k| {
                ips.iter().map(|ip| Encap {
                    kind: *k,
                    ip: ip.clone(),
                })
            })
            .collect();
        Ok(Config {
            hostname: ids
                .get("hostname")
                .filter(|h| !h.is_empty())
                .cloned()
                .unwrap_or_else(|| system_hostname.to_string()),
            system_id,
            remote: first.to_string(),
            encaps,
            bridge: ids
                .get("ovn-bridge")
                .filter(|b| !b.is_empty())
                .cloned()
                .unwrap_or_else(|| "br-int".into()),
            datapath_type: ids
                .get("ovn-bridge-datapath-type")
                .cloned()
                .unwrap_or_default(),
        })
    }
}

/// The host name of this system (`/proc/sys/kernel/hostname`), or `localhost`.
pub fn system_hostname() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|s| s.trim().to_string())
        .ok()
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "localhost".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    const BASE: &[(&str, &str)] = &[
        ("system-id", "ch1"),
        ("ovn-remote", "unix:/run/sb.sock"),
        ("ovn-encap-type", "geneve"),
        ("ovn-encap-ip", "192.168.100.1"),
    ];

    #[test]
    fn defaults_as_ovn_controller() {
        let c = Config::from_external_ids(&ids(BASE), "host1").unwrap();
        assert_eq!(c.system_id, "ch1");
        assert_eq!(c.hostname, "host1");
        assert_eq!(c.bridge, "br-int");
        assert_eq!(c.datapath_type, "");
        assert_eq!(
            c.encaps,
            [Encap {
                kind: EncapKind::Geneve,
                ip: "192.168.100.1".into()
            }]
        );
    }

    #[test]
    fn explicit_values_and_lists() {
        let mut m = ids(BASE);
        m.insert("ovn-encap-type".into(), "vxlan,geneve".into());
        m.insert("hostname".into(), "node-a".into());
        m.insert("ovn-bridge".into(), "br-ovn".into());
        m.insert("ovn-bridge-datapath-type".into(), "netdev".into());
        m.insert(
            "ovn-remote".into(),
            "tcp:10.0.0.1:6642,tcp:10.0.0.2:6642".into(),
        );
        let c = Config::from_external_ids(&m, "x").unwrap();
        assert_eq!(c.hostname, "node-a");
        assert_eq!(c.bridge, "br-ovn");
        assert_eq!(c.datapath_type, "netdev");
        assert_eq!(c.remote, "tcp:10.0.0.1:6642");
        let kinds: Vec<_> = c.encaps.iter().map(|e| e.kind).collect();
        assert_eq!(kinds, [EncapKind::Geneve, EncapKind::Vxlan]);
    }

    #[test]
    fn errors_name_the_key() {
        for key in ["system-id", "ovn-remote", "ovn-encap-type", "ovn-encap-ip"] {
            let mut m = ids(BASE);
            m.remove(key);
            let e = Config::from_external_ids(&m, "h").unwrap_err();
            assert!(e.to_string().contains(key), "{e}");
        }
        let mut m = ids(BASE);
        m.insert("ovn-encap-type".into(), "stt".into());
        assert_eq!(
            Config::from_external_ids(&m, "h"),
            Err(ConfigError::EncapType("stt".into()))
        );
        let mut m = ids(BASE);
        m.insert("ovn-encap-ip".into(), "not-an-ip".into());
        assert!(matches!(
            Config::from_external_ids(&m, "h"),
            Err(ConfigError::EncapIp(_))
        ));
        let mut m = ids(BASE);
        m.insert("ovn-remote".into(), "ptcp:6642".into());
        assert!(matches!(
            Config::from_external_ids(&m, "h"),
            Err(ConfigError::Remote(_))
        ));
    }
}
