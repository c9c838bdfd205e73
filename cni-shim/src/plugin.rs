//! One plugin invocation: environment + stdin in, stdout text + exit status out.
//!
//! The flow is always decode → validate → one controller call → render. Nothing here
//! panics on bad input: every failure is a [`CniError`] printed as the spec's error JSON
//! with exit status 1. The error's `cniVersion` is the config's when it is supported,
//! else the newest we speak.

use std::time::Duration;

use serde_json::Value;

use crate::api::{self, methods, AddReply, CniRequest, GcReply, GcRequest, PodRef, StatusRequest};
use crate::config::{self, Config};
use crate::env::{Command, Env};
use crate::error::{CniError, Code};
use crate::result;
use crate::version::{self, Version};

/// How long ADD may take: the controller waits for northd's address and the port going up.
pub const ADD_TIMEOUT: Duration = Duration::from_secs(90);
/// How long the other calls may take.
pub const CALL_TIMEOUT: Duration = Duration::from_secs(30);

/// What the process prints and how it exits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub stdout: String,
    pub exit_code: i32,
}

/// Runs one invocation with environment lookup `env` and network config `stdin`.
pub fn run(env: impl Fn(&str) -> Option<String>, stdin: &[u8]) -> Outcome {
    match dispatch(env, stdin) {
        Ok(Some(v)) => Outcome {
            stdout: v.to_string(),
            exit_code: 0,
        },
        Ok(None) => Outcome {
            stdout: String::new(),
            exit_code: 0,
        },
        Err(e) => {
            let v =
                config::peek_version(stdin).filter(|v| version::SUPPORTED.contains(&v.as_str()));
            Outcome {
                stdout: e
                    .to_json(v.as_deref().unwrap_or(version::LATEST))
                    .to_string(),
                exit_code: 1,
            }
        }
    }
}

fn dispatch(env: impl Fn(&str) -> Option<String>, stdin: &[u8]) -> Result<Option<Value>, CniError> {
    let env = Env::from_lookup(env)?;
    if env.command == Command::Version {
        return Ok(Some(version::version_info(
            config::peek_version(stdin).as_deref(),
        )));
    }
    let conf = config::parse(stdin, env.args.mac, &env.args.ips)?;
    let v = version::check_supported(&conf.cni_version)?;
    match env.command {
        Command::Version => Ok(Some(version::version_info(Some(&conf.cni_version)))),
        Command::Add => {
            let req = request(&env, &conf, None)?;
            let reply: AddReply = call(&conf, methods::ADD, &req, ADD_TIMEOUT)?;
            Ok(Some(result::render(&reply, &conf.cni_version, &conf.dns)))
        }
        Command::Del => {
            let req = request(&env, &conf, None)?;
            call::<_, Value>(&conf, methods::DEL, &req, CALL_TIMEOUT)?;
            Ok(None)
        }
        Command::Check => {
            version::check_at_least(v, Version(0, 4, 0), "CHECK")?;
            let prev = conf.prev_result.as_ref().ok_or_else(|| {
                CniError::new(
                    Code::InvalidNetworkConfig,
                    "CHECK needs prevResult in the network configuration",
                )
            })?;
            let prev = result::parse_prev(prev)?;
            let req = request(&env, &conf, Some(prev))?;
            call::<_, Value>(&conf, methods::CHECK, &req, CALL_TIMEOUT)?;
            Ok(None)
        }
        Command::Status => {
            version::check_at_least(v, Version(1, 1, 0), "STATUS")?;
            let req = StatusRequest {
                network: conf.network(),
            };
            match api::call_blocking::<_, Value>(
                &conf.api_socket,
                methods::STATUS,
                &req,
                CALL_TIMEOUT,
            ) {
                Ok(_) => Ok(None),
                Err(e @ (api::ClientError::Unavailable { .. } | api::ClientError::Timeout(_))) => {
                    Err(
                        CniError::new(Code::PluginNotAvailable, "rovn-controller is not available")
                            .with_details(e.to_string()),
                    )
                }
                Err(e) => Err(e.into()),
            }
        }
        Command::Gc => {
            version::check_at_least(v, Version(1, 1, 0), "GC")?;
            let valid = conf.valid_attachments.clone().ok_or_else(|| {
                CniError::new(
                    Code::InvalidNetworkConfig,
                    "GC needs cni.dev/valid-attachments in the network configuration",
                )
            })?;
            let req = GcRequest {
                network: conf.network(),
                valid,
            };
            call::<_, GcReply>(&conf, methods::GC, &req, CALL_TIMEOUT)?;
            Ok(None)
        }
    }
}

fn request(
    env: &Env,
    conf: &Config,
    prev_result: Option<AddReply>,
) -> Result<CniRequest, CniError> {
    let pod = match (&env.args.pod_namespace, &env.args.pod_name) {
        (Some(ns), Some(name)) if !ns.is_empty() && !name.is_empty() => Some(PodRef {
            namespace: ns.clone(),
            name: name.clone(),
        }),
        (None, None) => None,
        _ => {
            return Err(CniError::new(
                Code::InvalidEnvironment,
                "CNI_ARGS must name both K8S_POD_NAMESPACE and K8S_POD_NAME, or neither",
            ))
        }
    };
    Ok(CniRequest {
        // Env::from_lookup checked both for ADD, DEL and CHECK
        container_id: env.container_id.clone().unwrap_or_default(),
        netns: env.netns.clone(),
        ifname: env.ifname.clone().unwrap_or_default(),
        pod,
        network: conf.network(),
        mac: conf.mac,
        ips: conf.ips.clone(),
        prev_result,
    })
}

fn call<P: serde::Serialize, R: serde::de::DeserializeOwned>(
    conf: &Config,
    method: &str,
    params: &P,
    timeout: Duration,
) -> Result<R, CniError> {
    api::call_blocking(&conf.api_socket, method, params, timeout).map_err(CniError::from)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn run_with(pairs: &[(&str, &str)], stdin: &str) -> (Value, i32) {
        let m: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let out = run(|k| m.get(k).cloned(), stdin.as_bytes());
        let v = if out.stdout.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&out.stdout).unwrap()
        };
        (v, out.exit_code)
    }

    fn add_env() -> Vec<(&'static str, &'static str)> {
        vec![
            ("CNI_COMMAND", "ADD"),
            ("CNI_CONTAINERID", "c1"),
            ("CNI_NETNS", "/var/run/netns/x"),
            ("CNI_IFNAME", "eth0"),
        ]
    }

    #[test]
    fn version_command() {
        let (v, code) = run_with(&[("CNI_COMMAND", "VERSION")], r#"{"cniVersion":"1.0.0"}"#);
        assert_eq!(code, 0);
        assert_eq!(v["cniVersion"], "1.0.0");
        assert_eq!(
            v["supportedVersions"].as_array().unwrap().len(),
            version::SUPPORTED.len()
        );
        let (v, code) = run_with(&[("CNI_COMMAND", "VERSION")], "");
        assert_eq!((code, v["cniVersion"].as_str()), (0, Some(version::LATEST)));
    }

    #[test]
    fn errors_carry_code_and_config_version() {
        let (v, code) = run_with(&[], "");
        assert_eq!((code, v["code"].as_u64()), (1, Some(4)));
        assert_eq!(v["cniVersion"], version::LATEST);

        let (v, code) = run_with(&add_env(), "{not json");
        assert_eq!((code, v["code"].as_u64()), (1, Some(6)));

        let (v, _) = run_with(
            &add_env(),
            r#"{"cniVersion":"0.4.0","name":"n","type":"t"}"#,
        );
        assert_eq!(
            (v["code"].as_u64(), v["cniVersion"].as_str()),
            (Some(7), Some("0.4.0"))
        );

        let (v, _) = run_with(
            &add_env(),
            r#"{"cniVersion":"0.1.0","name":"n","type":"t","logicalSwitch":"s"}"#,
        );
        assert_eq!(v["code"], 1);
        assert_eq!(
            v["cniVersion"],
            version::LATEST,
            "unsupported version is not echoed"
        );
    }

    #[test]
    fn command_gating_by_version() {
        let conf = r#"{"cniVersion":"1.0.0","name":"n","type":"t","logicalSwitch":"s","apiSocket":"/nonexistent/rovn.sock"}"#;
        for cmd in ["STATUS", "GC"] {
            let (v, _) = run_with(&[("CNI_COMMAND", cmd)], conf);
            assert_eq!(v["code"], 1, "{cmd}");
        }
        let mut env = add_env();
        env[0].1 = "CHECK";
        let conf04 =
            r#"{"cniVersion":"0.3.1","name":"n","type":"t","logicalSwitch":"s","prevResult":{}}"#;
        assert_eq!(run_with(&env, conf04).0["code"], 1);
        let conf10 = r#"{"cniVersion":"1.0.0","name":"n","type":"t","logicalSwitch":"s"}"#;
        assert_eq!(
            run_with(&env, conf10).0["code"],
            7,
            "CHECK without prevResult"
        );
    }

    #[test]
    fn missing_controller_socket_is_a_clear_error() {
        let conf = r#"{"cniVersion":"1.1.0","name":"n","type":"t","logicalSwitch":"s","apiSocket":"/nonexistent/rovn.sock"}"#;
        let (v, code) = run_with(&add_env(), conf);
        assert_eq!(code, 1);
        assert_eq!(v["code"], 11);
        assert!(
            v["details"]
                .as_str()
                .unwrap()
                .contains("/nonexistent/rovn.sock"),
            "{v}"
        );
        let (v, _) = run_with(&[("CNI_COMMAND", "STATUS")], conf);
        assert_eq!(v["code"], 50);
        let mut env = add_env();
        env.push(("CNI_ARGS", "K8S_POD_NAME=x"));
        assert_eq!(run_with(&env, conf).0["code"], 4, "half a pod reference");
    }
}
