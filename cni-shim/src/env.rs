//! The CNI environment (`CNI_COMMAND`, `CNI_CONTAINERID`, `CNI_NETNS`, `CNI_IFNAME`,
//! `CNI_ARGS`, `CNI_PATH`) decoded into typed values.
//!
//! Which variables are required depends on the command (spec section "Parameters"):
//! ADD and CHECK need the container id, netns and ifname; DEL needs the container id and
//! ifname and accepts an empty netns; VERSION, STATUS and GC need none. An invalid or
//! missing variable is error 4 (invalid environment variables). Values are taken from a
//! lookup function so tests never touch the process environment.

use std::path::PathBuf;

use crate::error::{CniError, Code};
use crate::net::{IpNet, MacAddr};

/// A CNI operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Add,
    Del,
    Check,
    Version,
    Status,
    Gc,
}

impl Command {
    pub fn parse(s: &str) -> Option<Command> {
        Some(match s {
            "ADD" => Command::Add,
            "DEL" => Command::Del,
            "CHECK" => Command::Check,
            "VERSION" => Command::Version,
            "STATUS" => Command::Status,
            "GC" => Command::Gc,
            _ => return None,
        })
    }
    pub fn name(self) -> &'static str {
        match self {
            Command::Add => "ADD",
            Command::Del => "DEL",
            Command::Check => "CHECK",
            Command::Version => "VERSION",
            Command::Status => "STATUS",
            Command::Gc => "GC",
        }
    }
}

/// `CNI_ARGS`: `KEY=VALUE` pairs separated by `;`, in any order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CniArgs {
    pub pod_namespace: Option<String>,
    pub pod_name: Option<String>,
    pub ips: Vec<IpNet>,
    pub mac: Option<MacAddr>,
    /// Keys this plugin does not use (`K8S_POD_UID`, `IgnoreUnknown`, ...), kept in order.
    pub other: Vec<(String, String)>,
}

impl CniArgs {
    pub fn parse(s: &str) -> Result<CniArgs, CniError> {
        let mut out = CniArgs::default();
        let bad = |msg: String| {
            CniError::new(Code::InvalidEnvironment, "invalid CNI_ARGS").with_details(msg)
        };
        for pair in s.split(';').filter(|p| !p.is_empty()) {
            let (k, v) = pair
                .split_once('=')
                .ok_or_else(|| bad(format!("{pair:?} is not KEY=VALUE")))?;
            match k {
                "K8S_POD_NAMESPACE" => out.pod_namespace = Some(v.to_string()),
                "K8S_POD_NAME" => out.pod_name = Some(v.to_string()),
                "IP" => {
                    for ip in v.split(',').filter(|s| !s.is_empty()) {
                        out.ips
                            .push(ip.parse().map_err(|e| bad(format!("IP: {e}")))?);
                    }
                }
                "MAC" => out.mac = Some(v.parse().map_err(|e| bad(format!("MAC: {e}")))?),
                _ => out.other.push((k.to_string(), v.to_string())),
            }
        }
        Ok(out)
    }
}

/// The decoded environment of one invocation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Env {
    pub command: Command,
    pub container_id: Option<String>,
    pub netns: Option<PathBuf>,
    pub ifname: Option<String>,
    pub args: CniArgs,
    pub path: Vec<PathBuf>,
}

impl Env {
    /// Reads the environment through `get` (e.g. `|k| std::env::var(k).ok()`).
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Env, CniError> {
        let invalid = |msg: &str| CniError::new(Code::InvalidEnvironment, msg.to_string());
        let nonempty = |k: &str| get(k).filter(|v| !v.is_empty());
        let raw = get("CNI_COMMAND").ok_or_else(|| invalid("CNI_COMMAND is not set"))?;
        let command = Command::parse(&raw).ok_or_else(|| {
            invalid("unknown CNI_COMMAND").with_details(format!(
                "{raw:?} is not one of ADD, DEL, CHECK, VERSION, STATUS, GC"
            ))
        })?;
        let container_id = nonempty("CNI_CONTAINERID");
        let netns = nonempty("CNI_NETNS").map(PathBuf::from);
        let ifname = nonempty("CNI_IFNAME");
        let args = CniArgs::parse(&get("CNI_ARGS").unwrap_or_default())?;
        let path = get("CNI_PATH")
            .map(|p| {
                p.split(':')
                    .filter(|s| !s.is_empty())
                    .map(PathBuf::from)
                    .collect()
            })
            .unwrap_or_default();

        let needs_attachment = matches!(command, Command::Add | Command::Del | Command::Check);
        if needs_attachment {
            let id = container_id
                .as_deref()
                .ok_or_else(|| invalid("CNI_CONTAINERID is required"))?;
            validate_container_id(id)?;
            let name = ifname
                .as_deref()
                .ok_or_else(|| invalid("CNI_IFNAME is required"))?;
            validate_ifname(name)?;
        }
        if matches!(command, Command::Add | Command::Check) {
            let ns = netns
                .as_deref()
                .ok_or_else(|| invalid("CNI_NETNS is required"))?;
            if !ns.is_absolute() {
                return Err(invalid("CNI_NETNS must be an absolute path")
                    .with_details(ns.display().to_string()));
            }
        }
        Ok(Env {
            command,
            container_id,
            netns,
            ifname,
            args,
            path,
        })
    }
}

/// Container ids are alphanumeric plus `_`, `.` and `-`, starting alphanumeric.
pub fn validate_container_id(id: &str) -> Result<(), CniError> {
    let ok = id.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_.-".contains(&b));
    if ok {
        Ok(())
    } else {
        Err(CniError::new(
            Code::InvalidEnvironment,
            "invalid characters in CNI_CONTAINERID",
        )
        .with_details(id.to_string()))
    }
}

/// Linux interface names: 1-15 bytes, not `.`/`..`, no `/`, `:` or whitespace.
pub fn validate_ifname(name: &str) -> Result<(), CniError> {
    let why = if name.is_empty() {
        Some("is empty")
    } else if name.len() > 15 {
        Some("is longer than 15 bytes")
    } else if name == "." || name == ".." {
        Some("is . or ..")
    } else if name
        .chars()
        .any(|c| c == '/' || c == ':' || c.is_whitespace() || c.is_control())
    {
        Some("contains '/', ':' or whitespace")
    } else {
        None
    };
    match why {
        None => Ok(()),
        Some(w) => Err(
            CniError::new(Code::InvalidEnvironment, format!("CNI_IFNAME {w}"))
                .with_details(name.to_string()),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env(pairs: &[(&str, &str)]) -> Result<Env, CniError> {
        let m: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Env::from_lookup(|k| m.get(k).cloned())
    }

    #[test]
    fn add_env_with_args_in_any_order() {
        let e = env(&[
            ("CNI_COMMAND", "ADD"),
            ("CNI_CONTAINERID", "abc123"),
            ("CNI_NETNS", "/var/run/netns/p1"),
            ("CNI_IFNAME", "eth0"),
            ("CNI_PATH", "/opt/cni/bin:/usr/lib/cni"),
            (
                "CNI_ARGS",
                "IgnoreUnknown=1;K8S_POD_NAME=web-0;K8S_POD_UID=u-1;K8S_POD_NAMESPACE=prod",
            ),
        ])
        .unwrap();
        assert_eq!(e.command, Command::Add);
        assert_eq!(e.args.pod_namespace.as_deref(), Some("prod"));
        assert_eq!(e.args.pod_name.as_deref(), Some("web-0"));
        assert_eq!(e.args.other.len(), 2);
        assert_eq!(e.path.len(), 2);
        let e2 = env(&[
            ("CNI_COMMAND", "ADD"),
            ("CNI_CONTAINERID", "abc123"),
            ("CNI_NETNS", "/var/run/netns/p1"),
            ("CNI_IFNAME", "eth0"),
            (
                "CNI_ARGS",
                "K8S_POD_NAMESPACE=prod;K8S_POD_NAME=web-0;IP=10.0.0.5/24;MAC=0a:58:00:00:00:05",
            ),
        ])
        .unwrap();
        assert_eq!(e2.args.pod_name.as_deref(), Some("web-0"));
        assert_eq!(e2.args.ips[0].to_string(), "10.0.0.5/24");
        assert!(e2.args.mac.is_some());
    }

    #[test]
    fn missing_and_invalid_env_is_code_4() {
        let cases: &[&[(&str, &str)]] = &[
            &[],
            &[("CNI_COMMAND", "FROB")],
            &[
                ("CNI_COMMAND", "ADD"),
                ("CNI_NETNS", "/n"),
                ("CNI_IFNAME", "eth0"),
            ],
            &[
                ("CNI_COMMAND", "ADD"),
                ("CNI_CONTAINERID", "c"),
                ("CNI_IFNAME", "eth0"),
            ],
            &[
                ("CNI_COMMAND", "ADD"),
                ("CNI_CONTAINERID", "c"),
                ("CNI_NETNS", "rel/ns"),
                ("CNI_IFNAME", "eth0"),
            ],
            &[
                ("CNI_COMMAND", "ADD"),
                ("CNI_CONTAINERID", "c"),
                ("CNI_NETNS", "/n"),
                ("CNI_IFNAME", "averyveryverylongname"),
            ],
            &[
                ("CNI_COMMAND", "ADD"),
                ("CNI_CONTAINERID", "c"),
                ("CNI_NETNS", "/n"),
                ("CNI_IFNAME", "a/b"),
            ],
            &[
                ("CNI_COMMAND", "DEL"),
                ("CNI_CONTAINERID", "-bad"),
                ("CNI_IFNAME", "eth0"),
            ],
            &[
                ("CNI_COMMAND", "DEL"),
                ("CNI_CONTAINERID", "c"),
                ("CNI_IFNAME", "eth0"),
                ("CNI_ARGS", "novalue"),
            ],
            &[
                ("CNI_COMMAND", "DEL"),
                ("CNI_CONTAINERID", "c"),
                ("CNI_IFNAME", "eth0"),
                ("CNI_ARGS", "IP=10.0.0.1/40"),
            ],
        ];
        for c in cases {
            let e = env(c).unwrap_err();
            assert_eq!(e.code, Code::InvalidEnvironment, "{c:?}: {e:?}");
        }
    }

    #[test]
    fn del_accepts_empty_netns_and_version_needs_nothing() {
        let e = env(&[
            ("CNI_COMMAND", "DEL"),
            ("CNI_CONTAINERID", "c1"),
            ("CNI_NETNS", ""),
            ("CNI_IFNAME", "eth0"),
        ])
        .unwrap();
        assert_eq!(e.netns, None);
        assert_eq!(
            env(&[("CNI_COMMAND", "VERSION")]).unwrap().command,
            Command::Version
        );
        assert_eq!(env(&[("CNI_COMMAND", "GC")]).unwrap().command, Command::Gc);
        assert_eq!(
            env(&[("CNI_COMMAND", "STATUS")]).unwrap().command,
            Command::Status
        );
    }
}
