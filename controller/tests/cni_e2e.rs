//! `rovn-cni` end to end, executed as a container runtime executes it (environment +
//! network config on stdin, pod network namespaces made here) against a running stack:
//! rovn-ovsdb-server NB/SB/OVS, northd, ovs-vswitchd, ovn-controller and the CNI service
//! (`rovn-cni-server`). See `stack/mod.rs` for the stack and for which daemons are used.
//!
//! One stack for the whole story (it takes seconds to start): ADD two pods that then ping,
//! CHECK (passing and failing), repeated ADD, a second network per pod isolated from the
//! first, GC, DEL that removes veth + OVS port + logical port and is idempotent, DEL
//! without a netns, DEL leaving a logical port it did not create, ADD rolled back on
//! failure, and the error for a missing controller socket.

mod stack;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use serde_json::{json, Value};
use stack::{wait_until, CniOutput, Stack};

fn conf(network: &str, switch: &str, api: &Path) -> Value {
    json!({
        "cniVersion": "1.1.0",
        "name": network,
        "type": "rovn-cni",
        "logicalSwitch": switch,
        "apiSocket": api.display().to_string(),
        "dns": {"nameservers": ["10.96.0.10"]},
    })
}

/// One attachment: a pod's namespace (name and path) and what the runtime says about it.
#[derive(Clone)]
struct Pod {
    ns: String,
    netns: String,
    container: &'static str,
    ifname: &'static str,
    name: &'static str,
}

fn cni(s: &Stack, cmd: &str, pod: &Pod, conf: &Value) -> CniOutput {
    let args = format!(
        "IgnoreUnknown=1;K8S_POD_NAME={};K8S_POD_NAMESPACE=default;K8S_POD_UID=u-{}",
        pod.name, pod.name
    );
    s.cni(
        &[
            ("CNI_COMMAND", cmd),
            ("CNI_CONTAINERID", pod.container),
            ("CNI_NETNS", &pod.netns),
            ("CNI_IFNAME", pod.ifname),
            ("CNI_ARGS", &args),
            ("CNI_PATH", "/opt/cni/bin"),
        ],
        &conf.to_string(),
    )
}

fn ok(what: &str, out: CniOutput) -> Value {
    assert_eq!(
        out.code,
        Some(0),
        "{what} failed: {}\nstderr: {}",
        out.json,
        out.stderr
    );
    out.json
}

fn pod_ip(result: &Value) -> String {
    let a = result["ips"][0]["address"]
        .as_str()
        .expect("ips[0].address");
    a.split('/').next().unwrap().to_string()
}

fn ping(ns: &str, dev: Option<&str>, ip: &str) -> bool {
    let mut c = Command::new("ip");
    c.args([
        "netns", "exec", ns, "ping", "-c", "2", "-i", "0.2", "-W", "1",
    ]);
    if let Some(d) = dev {
        c.args(["-I", d]);
    }
    c.arg(ip).output().is_ok_and(|o| o.status.success())
}

fn with_prev(conf: &Value, prev: &Value) -> Value {
    let mut c = conf.clone();
    c["prevResult"] = prev.clone();
    c
}

#[test]
fn cni_end_to_end() {
    if stack::skip() {
        return;
    }
    let mut s = Stack::start();
    s.nbctl(&[
        "ls-add",
        "net-a",
        "--",
        "set",
        "Logical_Switch",
        "net-a",
        "other_config:subnet=10.10.0.0/24",
        "other_config:exclude_ips=10.10.0.100..10.10.0.254",
    ]);
    // same IP subnet, different L2 network: isolation is OVN's doing, not routing's
    s.nbctl(&[
        "ls-add",
        "net-b",
        "--",
        "set",
        "Logical_Switch",
        "net-b",
        "other_config:subnet=10.10.0.0/24",
        "other_config:exclude_ips=10.10.0.2..10.10.0.99",
    ]);
    s.nbctl(&["ls-add", "net-c"]); // no subnet: northd never assigns an address
    let api = s.api_socket.clone();
    let (conf_a, conf_b, conf_c) = (
        conf("net-a", "net-a", &api),
        conf("net-b", "net-b", &api),
        conf("net-c", "net-c", &api),
    );
    let mut ns = Vec::new();
    for p in ["p1", "p2", "p3", "p4", "p5"] {
        let (name, path) = s.add_netns(p);
        ns.push((name, path.display().to_string()));
    }
    let pod = |i: usize, container, ifname, name| Pod {
        ns: ns[i].0.clone(),
        netns: ns[i].1.clone(),
        container,
        ifname,
        name,
    };
    let p1 = pod(0, "c1", "eth0", "p1");
    let p1b = pod(0, "c1", "net1", "p1");
    let p2 = pod(1, "c2", "eth0", "p2");
    let p3 = pod(2, "c3", "eth0", "p3");
    let p4 = pod(3, "c4", "eth0", "p4");
    let p5 = pod(4, "c5", "eth0", "p5");

    // VERSION and STATUS
    let v = ok(
        "VERSION",
        s.cni(&[("CNI_COMMAND", "VERSION")], r#"{"cniVersion":"1.1.0"}"#),
    );
    assert!(v["supportedVersions"]
        .as_array()
        .unwrap()
        .contains(&json!("1.0.0")));
    let st = s.cni(&[("CNI_COMMAND", "STATUS")], &conf_a.to_string());
    assert!(
        wait_until(Duration::from_secs(10), || s
            .cni(&[("CNI_COMMAND", "STATUS")], &conf_a.to_string())
            .code
            == Some(0)),
        "STATUS never became ready: {st:?}"
    );
    let bad = s.cni(
        &[("CNI_COMMAND", "STATUS")],
        &conf("net-x", "no-such-switch", &api).to_string(),
    );
    assert_eq!(
        (bad.code, bad.json["code"].as_u64()),
        (Some(1), Some(50)),
        "{bad:?}"
    );

    // ADD two pods on net-a; they ping
    let r1 = ok("ADD p1", cni(&s, "ADD", &p1, &conf_a));
    let r2 = ok("ADD p2", cni(&s, "ADD", &p2, &conf_a));
    assert_eq!(r1["cniVersion"], "1.1.0");
    assert_eq!(r1["interfaces"][1]["name"], "eth0");
    assert_eq!(r1["interfaces"][1]["sandbox"], p1.netns.as_str());
    assert_eq!(r1["interfaces"][1]["mtu"], 1400);
    assert_eq!(r1["ips"][0]["interface"], 1);
    assert_eq!(r1["ips"][0]["gateway"], "10.10.0.1");
    assert_eq!(
        r1["routes"][0],
        json!({"dst": "0.0.0.0/0", "gw": "10.10.0.1"})
    );
    assert_eq!(r1["dns"]["nameservers"][0], "10.96.0.10");
    let (ip1, ip2) = (pod_ip(&r1), pod_ip(&r2));
    assert!(ip1.starts_with("10.10.0.") && ip1 != ip2, "{ip1} {ip2}");
    assert!(
        wait_until(Duration::from_secs(15), || ping(&p1.ns, None, &ip2)),
        "p1 cannot ping p2 ({ip2})"
    );
    assert!(ping(&p2.ns, None, &ip1), "p2 cannot ping p1");
    let link = s.ip_in(&p1.ns, &["-d", "link", "show", "eth0"]).unwrap();
    assert!(link.contains("mtu 1400"), "{link}");
    assert!(
        link.contains(r1["interfaces"][1]["mac"].as_str().unwrap()),
        "{link}"
    );
    let offload = String::from_utf8_lossy(
        &Command::new("ip")
            .args(["netns", "exec", &p1.ns, "ethtool", "-k", "eth0"])
            .output()
            .unwrap()
            .stdout,
    )
    .into_owned();
    if !offload.is_empty() {
        assert!(offload.contains("tx-checksumming: off"), "{offload}");
    }
    let route = s.ip_in(&p1.ns, &["route", "show", "default"]).unwrap();
    assert!(route.contains("via 10.10.0.1 dev eth0"), "{route}");
    let host1 = r1["interfaces"][0]["name"].as_str().unwrap().to_string();
    assert!(s.vsctl(&["list-ports", "br-int"]).contains(&host1));
    assert_eq!(
        s.vsctl(&["get", "Interface", &host1, "external_ids:iface-id"])
            .trim(),
        "default_p1"
    );

    let mac1 = r1["interfaces"][1]["mac"].as_str().unwrap();
    assert_eq!(
        s.nbctl(&["lsp-get-port-security", "default_p1"]).trim(),
        format!("{mac1} {ip1}")
    );

    // CHECK passes, and fails when the previous result does not match
    ok("CHECK p1", cni(&s, "CHECK", &p1, &with_prev(&conf_a, &r1)));
    let mut wrong = r1.clone();
    wrong["ips"][0]["address"] = json!("10.10.0.250/24");
    let c = cni(&s, "CHECK", &p1, &with_prev(&conf_a, &wrong));
    assert_eq!(c.code, Some(1), "{c:?}");
    assert_eq!(c.json["code"], 100);
    assert!(
        c.json["details"]
            .as_str()
            .unwrap()
            .contains("10.10.0.250/24"),
        "{c:?}"
    );

    // repeated ADD: same port, same address, still connected
    let r1again = ok("ADD p1 again", cni(&s, "ADD", &p1, &conf_a));
    assert_eq!(pod_ip(&r1again), ip1);
    assert!(
        wait_until(Duration::from_secs(15), || ping(&p1.ns, None, &ip2)),
        "p1 lost p2 after a repeated ADD"
    );

    // a second network for p1 (net1 on net-b) and p3 on net-b only
    let r1b = ok("ADD p1 net1", cni(&s, "ADD", &p1b, &conf_b));
    let r3 = ok("ADD p3", cni(&s, "ADD", &p3, &conf_b));
    let (ip1b, ip3) = (pod_ip(&r1b), pod_ip(&r3));
    assert_eq!(r1b["interfaces"][1]["name"], "net1");
    assert!(s.nbctl(&["lsp-list", "net-b"]).contains("default_p1_net1"));
    assert!(
        wait_until(Duration::from_secs(15), || ping(&p1.ns, Some("net1"), &ip3)),
        "p1/net1 cannot ping p3 ({ip3})"
    );
    // (not p3 -> the net1 address of p1: p1 has two on-link routes for the shared subnet
    // and answers out of eth0, which is Linux multi-homing, not OVN; `ping -I net1` binds.)
    let _ = ip1b;
    assert!(
        !ping(&p2.ns, None, &ip3),
        "p2 (net-a) reached p3 (net-b): networks not isolated"
    );
    assert!(
        !ping(&p3.ns, None, &ip2),
        "p3 (net-b) reached p2 (net-a): networks not isolated"
    );

    // GC removes what is not valid (p4), keeps the rest
    // p4: static MAC and IP from runtimeConfig, result in the 0.4.0 shape
    let mut conf_a04 = conf_a.clone();
    conf_a04["cniVersion"] = json!("0.4.0");
    conf_a04["runtimeConfig"] = json!({"mac": "0a:58:0a:0a:00:32", "ips": ["10.10.0.50/24"]});
    let r4 = ok("ADD p4 (static, 0.4.0)", cni(&s, "ADD", &p4, &conf_a04));
    assert_eq!(r4["cniVersion"], "0.4.0");
    assert_eq!(
        r4["ips"][0],
        json!({"version": "4", "address": "10.10.0.50/24", "gateway": "10.10.0.1", "interface": 1})
    );
    assert_eq!(r4["interfaces"][1]["mac"], "0a:58:0a:0a:00:32");
    assert!(
        r4["interfaces"][1].get("mtu").is_none(),
        "no interface mtu before 1.1.0"
    );
    assert_eq!(
        s.nbctl(&["lsp-get-addresses", "default_p4"]).trim(),
        "0a:58:0a:0a:00:32 10.10.0.50"
    );
    assert!(
        wait_until(Duration::from_secs(15), || ping(&p1.ns, None, "10.10.0.50")),
        "p1 cannot ping static p4"
    );
    let host4 = r4["interfaces"][0]["name"].as_str().unwrap().to_string();
    let mut gc = conf_a.clone();
    gc["cni.dev/valid-attachments"] =
        json!([{"containerID": "c1", "ifname": "eth0"}, {"containerID": "c2", "ifname": "eth0"}]);
    ok("GC", s.cni(&[("CNI_COMMAND", "GC")], &gc.to_string()));
    assert!(!s.nbctl(&["lsp-list", "net-a"]).contains("default_p4"));
    assert!(!s.vsctl(&["list-ports", "br-int"]).contains(&host4));
    assert!(s.ip_in(&s.chassis_ns, &["link", "show", &host4]).is_none());
    assert!(s.nbctl(&["lsp-list", "net-a"]).contains("default_p1"));
    assert!(
        s.nbctl(&["lsp-list", "net-b"]).contains("default_p1_net1"),
        "GC of net-a touched net-b"
    );
    assert!(ping(&p1.ns, None, &ip2), "GC broke p1 -> p2");

    // DEL removes veth, OVS port and logical port; a second DEL succeeds
    let host2 = r2["interfaces"][0]["name"].as_str().unwrap().to_string();
    ok("DEL p2", cni(&s, "DEL", &p2, &conf_a));
    assert!(
        s.ip_in(&s.chassis_ns, &["link", "show", &host2]).is_none(),
        "host veth left"
    );
    assert!(
        s.ip_in(&p2.ns, &["link", "show", "eth0"]).is_none(),
        "pod eth0 left"
    );
    assert!(
        !s.vsctl(&["list-ports", "br-int"]).contains(&host2),
        "OVS port left"
    );
    assert!(
        !s.nbctl(&["lsp-list", "net-a"]).contains("default_p2"),
        "logical port left"
    );
    ok("DEL p2 again", cni(&s, "DEL", &p2, &conf_a));

    // DEL with an empty CNI_NETNS (the runtime lost the namespace)
    let host3 = r3["interfaces"][0]["name"].as_str().unwrap().to_string();
    let p3_nonetns = Pod {
        netns: String::new(),
        ..p3.clone()
    };
    ok("DEL p3 without netns", cni(&s, "DEL", &p3_nonetns, &conf_b));
    assert!(s.ip_in(&s.chassis_ns, &["link", "show", &host3]).is_none());
    assert!(!s.nbctl(&["lsp-list", "net-b"]).contains("default_p3"));

    // DEL never removes a logical port it did not create
    s.nbctl(&["lsp-add", "net-a", "default_p9"]);
    let p9 = Pod {
        ns: String::new(),
        netns: String::new(),
        container: "c9",
        ifname: "eth0",
        name: "p9",
    };
    ok("DEL p9", cni(&s, "DEL", &p9, &conf_a));
    assert!(
        s.nbctl(&["lsp-list", "net-a"]).contains("default_p9"),
        "foreign logical port deleted"
    );

    // ADD that cannot finish (no subnet → no address) rolls back and says try again
    let f = cni(&s, "ADD", &p5, &conf_c);
    assert_eq!(
        (f.code, f.json["code"].as_u64()),
        (Some(1), Some(11)),
        "{f:?}"
    );
    assert!(
        f.json["details"]
            .as_str()
            .unwrap()
            .contains("other_config:subnet"),
        "{f:?}"
    );
    assert!(
        !s.nbctl(&["lsp-list", "net-c"]).contains("default_p5"),
        "rollback left the logical port"
    );
    assert!(s.ip_in(&p5.ns, &["link", "show", "eth0"]).is_none());
    // a static address (CNI_ARGS IP=) needs no IPAM: the same pod on net-c now works
    let args = "K8S_POD_NAMESPACE=default;K8S_POD_NAME=p5;IP=10.20.0.5/24";
    let env = [
        ("CNI_COMMAND", "ADD"),
        ("CNI_CONTAINERID", p5.container),
        ("CNI_NETNS", p5.netns.as_str()),
        ("CNI_IFNAME", "eth0"),
        ("CNI_ARGS", args),
    ];
    let r5 = ok("ADD p5 static on net-c", s.cni(&env, &conf_c.to_string()));
    assert_eq!(r5["ips"][0]["address"], "10.20.0.5/24");
    assert!(
        r5.get("routes").is_none(),
        "no subnet, no gateway, no default route: {r5}"
    );
    assert!(s
        .ip_in(&p5.ns, &["addr", "show", "eth0"])
        .unwrap()
        .contains("10.20.0.5/24"));
    ok("DEL p5", cni(&s, "DEL", &p5, &conf_c));
    assert!(!s.nbctl(&["lsp-list", "net-c"]).contains("default_p5"));

    // the controller socket is missing: a clear CNI error
    let gone = cni(
        &s,
        "ADD",
        &p5,
        &conf("net-a", "net-a", Path::new("/nonexistent/rovn-cni.sock")),
    );
    assert_eq!(gone.json["code"], 11, "{gone:?}");
    assert!(
        gone.json["details"]
            .as_str()
            .unwrap()
            .contains("is rovn-controller running?"),
        "{gone:?}"
    );

    // clean up through the plugin: nothing of ours is left
    ok("DEL p1", cni(&s, "DEL", &p1, &conf_a));
    ok("DEL p1 net1", cni(&s, "DEL", &p1b, &conf_b));
    let left = s.vsctl(&[
        "--bare",
        "--columns=name",
        "find",
        "Port",
        "external_ids:owner=rovn-cni",
    ]);
    assert!(left.trim().is_empty(), "OVS ports left: {left}");
    let left = s.nbctl(&[
        "--bare",
        "--columns=name",
        "find",
        "Logical_Switch_Port",
        "external_ids:owner=rovn-cni",
    ]);
    assert!(left.trim().is_empty(), "logical ports left: {left}");
}
