//! The network configuration the runtime writes on stdin, decoded and validated.
//!
//! Two steps with two error codes: bytes that are not a JSON object of the right shape are
//! error 6 (decoding failure); a well-formed config with missing or invalid values is
//! error 7 (invalid network configuration). Unknown keys are ignored, as the spec asks.
//! Our keys: `logicalSwitch` (required except for VERSION), `apiSocket` (default
//! [`crate::api::DEFAULT_SOCKET`]), `mtu` (optional, 68..=65535). Static addressing comes
//! from `runtimeConfig` (`mac`, `ips`), then `args.cni` (`mac`, `ips`), then `CNI_ARGS`
//! (`MAC=`, `IP=`); the first source that names a value wins. DNS is accepted in lower
//! case (spec) and capitalised (`Servers`, `Searches`, ... as containerd 1.6 sends the
//! `dns` capability).

use std::path::PathBuf;

use serde::Deserialize;

use crate::api::{Attachment, NetworkConf, DEFAULT_SOCKET};
use crate::error::{CniError, Code};
use crate::net::{IpNet, MacAddr};

/// DNS settings, as in a CNI result's `dns` key.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
pub struct Dns {
    #[serde(
        default,
        alias = "Nameservers",
        alias = "servers",
        alias = "Servers",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub nameservers: Vec<String>,
    #[serde(default, alias = "Domain", skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    #[serde(
        default,
        alias = "Search",
        alias = "searches",
        alias = "Searches",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub search: Vec<String>,
    #[serde(default, alias = "Options", skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<String>,
}

impl Dns {
    pub fn is_empty(&self) -> bool {
        self.nameservers.is_empty()
            && self.domain.is_none()
            && self.search.is_empty()
            && self.options.is_empty()
    }
}

#[derive(Debug, Default, Deserialize)]
struct RawStatic {
    #[serde(default)]
    mac: Option<String>,
    #[serde(default)]
    ips: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
struct RawRuntimeConfig {
    #[serde(default)]
    mac: Option<String>,
    #[serde(default)]
    ips: Vec<String>,
    #[serde(default)]
    dns: Option<Dns>,
}

#[derive(Debug, Default, Deserialize)]
struct RawArgs {
    #[serde(default)]
    cni: RawStatic,
}

#[derive(Debug, Deserialize)]
struct RawAttachment {
    #[serde(rename = "containerID")]
    container_id: String,
    ifname: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawConf {
    #[serde(default)]
    cni_version: Option<String>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    logical_switch: Option<String>,
    #[serde(default)]
    api_socket: Option<PathBuf>,
    #[serde(default)]
    mtu: Option<u64>,
    #[serde(default)]
    dns: Option<Dns>,
    #[serde(default)]
    prev_result: Option<serde_json::Value>,
    #[serde(default)]
    runtime_config: RawRuntimeConfig,
    #[serde(default)]
    args: RawArgs,
    #[serde(default, rename = "cni.dev/valid-attachments")]
    valid_attachments: Option<Vec<RawAttachment>>,
}

/// A decoded, validated network configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub cni_version: String,
    pub name: String,
    pub kind: String,
    pub logical_switch: String,
    pub api_socket: PathBuf,
    pub mtu: Option<u32>,
    /// `dns` from the config, overridden key by key by `runtimeConfig.dns`.
    pub dns: Dns,
    pub prev_result: Option<serde_json::Value>,
    pub mac: Option<MacAddr>,
    pub ips: Vec<IpNet>,
    pub valid_attachments: Option<Vec<Attachment>>,
}

impl Config {
    pub fn network(&self) -> NetworkConf {
        NetworkConf {
            name: self.name.clone(),
            cni_version: self.cni_version.clone(),
            logical_switch: self.logical_switch.clone(),
            mtu: self.mtu,
        }
    }
}

/// Just the `cniVersion` of a config, for VERSION and for labelling errors; `None` when
/// the input is not a JSON object with a string `cniVersion`.
pub fn peek_version(stdin: &[u8]) -> Option<String> {
    let v: serde_json::Value = serde_json::from_slice(stdin).ok()?;
    v.get("cniVersion")?.as_str().map(str::to_string)
}

/// Decodes and validates a network configuration. `fallback_mac`/`fallback_ips` are the
/// `CNI_ARGS` values, used when the config names none.
pub fn parse(
    stdin: &[u8],
    fallback_mac: Option<MacAddr>,
    fallback_ips: &[IpNet],
) -> Result<Config, CniError> {
    let value: serde_json::Value = serde_json::from_slice(stdin).map_err(|e| {
        CniError::new(Code::Decode, "failed to decode network configuration")
            .with_details(e.to_string())
    })?;
    if !value.is_object() {
        return Err(CniError::new(
            Code::Decode,
            "network configuration is not a JSON object",
        ));
    }
    let raw: RawConf = serde_json::from_value(value).map_err(|e| {
        CniError::new(Code::Decode, "failed to decode network configuration")
            .with_details(e.to_string())
    })?;
    let invalid = |msg: String| CniError::new(Code::InvalidNetworkConfig, msg);

    let cni_version = raw
        .cni_version
        .ok_or_else(|| invalid("cniVersion is required".into()))?;
    let name = raw.name.ok_or_else(|| invalid("name is required".into()))?;
    validate_name(&name).map_err(|_| invalid(format!("invalid network name {name:?}")))?;
    let kind = raw
        .kind
        .filter(|k| !k.is_empty())
        .ok_or_else(|| invalid("type is required".into()))?;
    let logical_switch = raw
        .logical_switch
        .filter(|s| !s.is_empty())
        .ok_or_else(|| invalid("logicalSwitch is required".into()))?;
    if logical_switch.chars().any(|c| c.is_control()) {
        return Err(invalid(format!("invalid logicalSwitch {logical_switch:?}")));
    }
    let api_socket = raw
        .api_socket
        .unwrap_or_else(|| PathBuf::from(DEFAULT_SOCKET));
    if !api_socket.is_absolute() {
        return Err(invalid(format!(
            "apiSocket must be an absolute path, got {}",
            api_socket.display()
        )));
    }
    let mtu = match raw.mtu {
        None => None,
        Some(m @ 68..=65535) => Some(m as u32),
        Some(m) => return Err(invalid(format!("mtu {m} is out of range 68..65535"))),
    };
    let mut dns = raw.dns.unwrap_or_default();
    if let Some(rt) = raw.runtime_config.dns {
        merge_dns(&mut dns, rt);
    }

    let parse_mac = |s: &str, src: &str| {
        s.parse::<MacAddr>()
            .map_err(|e| invalid(format!("{src}: {e}")))
    };
    let parse_ips = |v: &[String], src: &str| -> Result<Vec<IpNet>, CniError> {
        v.iter()
            .map(|s| {
                s.parse::<IpNet>()
                    .map_err(|e| invalid(format!("{src}: {e}")))
            })
            .collect()
    };
    let mac = match (&raw.runtime_config.mac, &raw.args.cni.mac) {
        (Some(m), _) => Some(parse_mac(m, "runtimeConfig.mac")?),
        (None, Some(m)) => Some(parse_mac(m, "args.cni.mac")?),
        (None, None) => fallback_mac,
    };
    if let Some(m) = mac {
        if m.is_multicast() || m.0 == [0; 6] {
            return Err(invalid(format!("MAC {m} is not a unicast address")));
        }
    }
    let ips = if !raw.runtime_config.ips.is_empty() {
        parse_ips(&raw.runtime_config.ips, "runtimeConfig.ips")?
    } else if !raw.args.cni.ips.is_empty() {
        parse_ips(&raw.args.cni.ips, "args.cni.ips")?
    } else {
        fallback_ips.to_vec()
    };
    let valid_attachments = raw.valid_attachments.map(|v| {
        v.into_iter()
            .map(|a| Attachment {
                container_id: a.container_id,
                ifname: a.ifname,
            })
            .collect()
    });
    Ok(Config {
        cni_version,
        name,
        kind,
        logical_switch,
        api_socket,
        mtu,
        dns,
        prev_result: raw.prev_result,
        mac,
        ips,
        valid_attachments,
    })
}

fn merge_dns(base: &mut Dns, over: Dns) {
    if !over.nameservers.is_empty() {
        base.nameservers = over.nameservers;
    }
    if over.domain.is_some() {
        base.domain = over.domain;
    }
    if !over.search.is_empty() {
        base.search = over.search;
    }
    if !over.options.is_empty() {
        base.options = over.options;
    }
}

/// Network names: alphanumeric plus `_`, `.`, `-`, starting alphanumeric.
fn validate_name(n: &str) -> Result<(), ()> {
    let ok = n.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric())
        && n.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_.-".contains(&b));
    if ok {
        Ok(())
    } else {
        Err(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str =
        r#"{"cniVersion":"1.0.0","name":"net-a","type":"rovn-cni","logicalSwitch":"ls-a"}"#;

    #[test]
    fn minimal_config_gets_defaults() {
        let c = parse(BASE.as_bytes(), None, &[]).unwrap();
        assert_eq!(c.logical_switch, "ls-a");
        assert_eq!(c.api_socket, PathBuf::from(DEFAULT_SOCKET));
        assert_eq!(c.mtu, None);
        assert!(c.dns.is_empty());
        assert!(c.mac.is_none() && c.ips.is_empty());
    }

    #[test]
    fn full_config_precedence_and_containerd_dns() {
        let conf = r#"{
            "cniVersion": "1.1.0", "name": "net-a", "type": "rovn-cni", "logicalSwitch": "ls-a",
            "apiSocket": "/run/rovn-x/c.sock", "mtu": 1400, "unknownKey": {"x": 1},
            "dns": {"nameservers": ["10.96.0.10"], "search": ["svc.cluster.local"]},
            "runtimeConfig": {"mac": "0a:58:0a:00:00:05", "ips": ["10.0.0.5/24"],
                              "dns": {"Servers": ["10.96.0.11"], "Searches": ["ns.svc.cluster.local"], "Options": ["ndots:5"]},
                              "portMappings": []},
            "args": {"cni": {"mac": "0a:58:0a:00:00:06", "ips": ["10.0.0.6/24"]}},
            "cni.dev/valid-attachments": [{"containerID": "c1", "ifname": "eth0"}]
        }"#;
        let c = parse(
            conf.as_bytes(),
            Some("0a:58:0a:00:00:07".parse().unwrap()),
            &[],
        )
        .unwrap();
        assert_eq!(c.mac.unwrap().to_string(), "0a:58:0a:00:00:05");
        assert_eq!(c.ips[0].to_string(), "10.0.0.5/24");
        assert_eq!(c.mtu, Some(1400));
        assert_eq!(c.api_socket, PathBuf::from("/run/rovn-x/c.sock"));
        assert_eq!(c.dns.nameservers, ["10.96.0.11"]);
        assert_eq!(c.dns.search, ["ns.svc.cluster.local"]);
        assert_eq!(c.dns.options, ["ndots:5"]);
        assert_eq!(c.valid_attachments.unwrap()[0].container_id, "c1");

        // args.cni next, then CNI_ARGS
        let conf = r#"{"cniVersion":"1.0.0","name":"n","type":"t","logicalSwitch":"s",
                       "args":{"cni":{"ips":["10.0.0.6/24"]}}}"#;
        let fallback_ip: IpNet = "10.0.0.7/24".parse().unwrap();
        let c = parse(
            conf.as_bytes(),
            Some("0a:58:0a:00:00:07".parse().unwrap()),
            &[fallback_ip],
        )
        .unwrap();
        assert_eq!(c.ips[0].to_string(), "10.0.0.6/24");
        assert_eq!(c.mac.unwrap().to_string(), "0a:58:0a:00:00:07");
        let c = parse(BASE.as_bytes(), None, &[fallback_ip]).unwrap();
        assert_eq!(c.ips, vec![fallback_ip]);
    }

    #[test]
    fn capitalised_result_style_dns_keys() {
        let conf = r#"{"cniVersion":"1.0.0","name":"n","type":"t","logicalSwitch":"s",
                       "dns":{"Nameservers":["1.1.1.1"],"Domain":"example","Search":["a"],"Options":["b"]}}"#;
        let c = parse(conf.as_bytes(), None, &[]).unwrap();
        assert_eq!(c.dns.nameservers, ["1.1.1.1"]);
        assert_eq!(c.dns.domain.as_deref(), Some("example"));
    }

    #[test]
    fn decode_errors_are_6_invalid_values_are_7() {
        for bad in [
            "",
            "{",
            "[]",
            "42",
            r#"{"cniVersion": 1}"#,
            r#"{"runtimeConfig": {"ips": "x"}}"#,
            "\u{0}",
        ] {
            assert_eq!(
                parse(bad.as_bytes(), None, &[]).unwrap_err().code,
                Code::Decode,
                "{bad}"
            );
        }
        for bad in [
            r#"{"name":"n","type":"t","logicalSwitch":"s"}"#,
            r#"{"cniVersion":"1.0.0","type":"t","logicalSwitch":"s"}"#,
            r#"{"cniVersion":"1.0.0","name":"-n","type":"t","logicalSwitch":"s"}"#,
            r#"{"cniVersion":"1.0.0","name":"n","logicalSwitch":"s"}"#,
            r#"{"cniVersion":"1.0.0","name":"n","type":"t"}"#,
            r#"{"cniVersion":"1.0.0","name":"n","type":"t","logicalSwitch":""}"#,
            r#"{"cniVersion":"1.0.0","name":"n","type":"t","logicalSwitch":"s","mtu":20}"#,
            r#"{"cniVersion":"1.0.0","name":"n","type":"t","logicalSwitch":"s","apiSocket":"rel.sock"}"#,
            r#"{"cniVersion":"1.0.0","name":"n","type":"t","logicalSwitch":"s","runtimeConfig":{"mac":"zz"}}"#,
            r#"{"cniVersion":"1.0.0","name":"n","type":"t","logicalSwitch":"s","runtimeConfig":{"mac":"01:00:5e:00:00:01"}}"#,
            r#"{"cniVersion":"1.0.0","name":"n","type":"t","logicalSwitch":"s","runtimeConfig":{"ips":["10.0.0.1"]}}"#,
            r#"{"cniVersion":"1.0.0","name":"n","type":"t","logicalSwitch":"s","args":{"cni":{"ips":["x/24"]}}}"#,
        ] {
            assert_eq!(
                parse(bad.as_bytes(), None, &[]).unwrap_err().code,
                Code::InvalidNetworkConfig,
                "{bad}"
            );
        }
    }

    #[test]
    fn peek_version_is_lenient() {
        assert_eq!(peek_version(BASE.as_bytes()).as_deref(), Some("1.0.0"));
        assert_eq!(peek_version(b"{}"), None);
        assert_eq!(peek_version(b"nope"), None);
    }
}
