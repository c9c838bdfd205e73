//! CNI results: rendering the controller's [`AddReply`] as the result JSON of the version
//! the runtime asked for, and reading a `prevResult` back for CHECK.
//!
//! Shapes (spec "Success" section): 1.x results have `interfaces`, `ips` (`address`,
//! `gateway`, `interface`), `routes` (`dst`, `gw`) and `dns`; 1.1.0 adds the interface
//! `mtu`. 0.3.x/0.4.0 results carry `"version": "4"|"6"` on every IP. `dns` is always
//! present (possibly `{}`), as libcni writes it.

use serde_json::{json, Map, Value};

use crate::api::{AddReply, Interface, IpConfig, Route};
use crate::config::Dns;
use crate::error::{CniError, Code};
use crate::version::Version;

/// The result JSON for `version` (already validated).
pub fn render(reply: &AddReply, version: &str, dns: &Dns) -> Value {
    let v = Version::parse(version).unwrap_or(Version(1, 1, 0));
    let interfaces: Vec<Value> = reply
        .interfaces
        .iter()
        .map(|i| {
            let mut o = Map::new();
            o.insert("name".into(), json!(i.name));
            o.insert("mac".into(), json!(i.mac.to_string()));
            if let (Some(mtu), true) = (i.mtu, v >= Version(1, 1, 0)) {
                o.insert("mtu".into(), json!(mtu));
            }
            if let Some(s) = &i.sandbox {
                o.insert("sandbox".into(), json!(s));
            }
            Value::Object(o)
        })
        .collect();
    let ips: Vec<Value> = reply
        .ips
        .iter()
        .map(|ip| {
            let mut o = Map::new();
            if !v.is_1x() {
                o.insert(
                    "version".into(),
                    json!(if ip.address.is_ipv4() { "4" } else { "6" }),
                );
            }
            o.insert("address".into(), json!(ip.address.to_string()));
            if let Some(gw) = ip.gateway {
                o.insert("gateway".into(), json!(gw.to_string()));
            }
            if let Some(i) = ip.interface {
                o.insert("interface".into(), json!(i));
            }
            Value::Object(o)
        })
        .collect();
    let routes: Vec<Value> = reply
        .routes
        .iter()
        .map(|r| {
            let mut o = Map::new();
            o.insert("dst".into(), json!(r.dst.to_string()));
            if let Some(gw) = r.gw {
                o.insert("gw".into(), json!(gw.to_string()));
            }
            Value::Object(o)
        })
        .collect();
    let mut out = Map::new();
    out.insert("cniVersion".into(), json!(version));
    out.insert("interfaces".into(), Value::Array(interfaces));
    out.insert("ips".into(), Value::Array(ips));
    if !routes.is_empty() {
        out.insert("routes".into(), Value::Array(routes));
    }
    out.insert(
        "dns".into(),
        serde_json::to_value(dns).unwrap_or_else(|_| json!({})),
    );
    Value::Object(out)
}

/// Reads a `prevResult` (of any supported version) back into an [`AddReply`].
pub fn parse_prev(prev: &Value) -> Result<AddReply, CniError> {
    let bad =
        |m: String| CniError::new(Code::Decode, "failed to decode prevResult").with_details(m);
    let obj = prev
        .as_object()
        .ok_or_else(|| bad("not a JSON object".into()))?;
    let arr = |k: &str| -> Result<Vec<Value>, CniError> {
        match obj.get(k) {
            None | Some(Value::Null) => Ok(Vec::new()),
            Some(Value::Array(a)) => Ok(a.clone()),
            Some(_) => Err(bad(format!("{k} is not an array"))),
        }
    };
    let interfaces = arr("interfaces")?
        .into_iter()
        .map(|i| {
            serde_json::from_value::<Interface>(i).map_err(|e| bad(format!("interfaces: {e}")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let ips = arr("ips")?
        .into_iter()
        .map(|mut i| {
            if let Some(o) = i.as_object_mut() {
                o.remove("version");
            }
            serde_json::from_value::<IpConfig>(i).map_err(|e| bad(format!("ips: {e}")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let routes = arr("routes")?
        .into_iter()
        .map(|r| serde_json::from_value::<Route>(r).map_err(|e| bad(format!("routes: {e}"))))
        .collect::<Result<Vec<_>, _>>()?;
    for ip in &ips {
        if let Some(i) = ip.interface {
            if i as usize >= interfaces.len() {
                return Err(bad(format!(
                    "ip {} names interface {i}, which does not exist",
                    ip.address
                )));
            }
        }
    }
    Ok(AddReply {
        interfaces,
        ips,
        routes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reply() -> AddReply {
        AddReply {
            interfaces: vec![
                Interface {
                    name: "rovn0a1b2c3d".into(),
                    mac: "ee:ee:ee:00:00:01".parse().unwrap(),
                    sandbox: None,
                    mtu: Some(1400),
                },
                Interface {
                    name: "eth0".into(),
                    mac: "0a:58:0a:00:00:05".parse().unwrap(),
                    sandbox: Some("/var/run/netns/p1".into()),
                    mtu: Some(1400),
                },
            ],
            ips: vec![IpConfig {
                address: "10.0.0.5/24".parse().unwrap(),
                gateway: Some("10.0.0.1".parse().unwrap()),
                interface: Some(1),
            }],
            routes: vec![Route {
                dst: "0.0.0.0/0".parse().unwrap(),
                gw: Some("10.0.0.1".parse().unwrap()),
            }],
        }
    }

    #[test]
    fn render_1_0_0_exactly() {
        let got = render(&reply(), "1.0.0", &Dns::default()).to_string();
        assert_eq!(
            got,
            concat!(
                r#"{"cniVersion":"1.0.0","interfaces":[{"name":"rovn0a1b2c3d","mac":"ee:ee:ee:00:00:01"},"#,
                r#"{"name":"eth0","mac":"0a:58:0a:00:00:05","sandbox":"/var/run/netns/p1"}],"#,
                r#""ips":[{"address":"10.0.0.5/24","gateway":"10.0.0.1","interface":1}],"#,
                r#""routes":[{"dst":"0.0.0.0/0","gw":"10.0.0.1"}],"dns":{}}"#
            )
        );
    }

    #[test]
    fn render_1_1_0_has_mtu_and_0_4_0_has_ip_version() {
        let dns = Dns {
            nameservers: vec!["10.96.0.10".into()],
            ..Dns::default()
        };
        let v11 = render(&reply(), "1.1.0", &dns);
        assert_eq!(v11["interfaces"][1]["mtu"], 1400);
        assert_eq!(v11["dns"]["nameservers"][0], "10.96.0.10");
        assert!(v11["ips"][0].get("version").is_none());
        let v04 = render(&reply(), "0.4.0", &Dns::default());
        assert_eq!(v04["ips"][0]["version"], "4");
        assert!(v04["interfaces"][1].get("mtu").is_none());
        assert_eq!(v04["cniVersion"], "0.4.0");
    }

    #[test]
    fn prev_result_round_trips_in_every_shape() {
        for v in ["0.4.0", "1.0.0", "1.1.0"] {
            let mut want = reply();
            if v != "1.1.0" {
                for i in &mut want.interfaces {
                    i.mtu = None;
                }
            }
            assert_eq!(
                parse_prev(&render(&reply(), v, &Dns::default())).unwrap(),
                want,
                "{v}"
            );
        }
        for bad in [
            json!(1),
            json!({"ips": 3}),
            json!({"ips": [{"address": "nope"}]}),
            json!({"interfaces": [], "ips": [{"address": "10.0.0.1/24", "interface": 2}]}),
        ] {
            assert_eq!(parse_prev(&bad).unwrap_err().code, Code::Decode, "{bad}");
        }
    }
}
