//! rovn-controller end to end: real ovs-vswitchd (userspace) per chassis in network
//! namespaces, real ovn-northd, rovn-ovsdb-server for every database, and pods pinging
//! each other through the flows rovn-controller installs — on one chassis, across Geneve
//! between two rovn chassis, and across a mixed overlay with a real ovn-controller.
//! ACLs (drop, allow-related under default deny) must take effect and be undone;
//! restarts of rovn-controller, ovs-vswitchd and the SB server must heal.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use rovn_tests::sandbox::{skip, wait_until, ControllerKind, Sandbox};

/// One sandbox at a time: they are heavy for a 2-core machine.
static SERIAL: Mutex<()> = Mutex::new(());

fn port_up(sb: &Sandbox, p: &str) -> bool {
    sb.nbctl(&["lsp-get-up", p])
        .map(|s| s.trim() == "up")
        .unwrap_or(false)
}

/// Fails with only the differing flows when `a` and `b` differ.
fn assert_same_flows(a: &[String], b: &[String], when: &str) {
    let missing: Vec<&String> = a.iter().filter(|f| !b.contains(f)).collect();
    let extra: Vec<&String> = b.iter().filter(|f| !a.contains(f)).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "flows differ {when}\nmissing: {missing:#?}\nstale/new: {extra:#?}"
    );
}

/// The OpenFlow port number of interface `iface` on chassis `n`, once assigned.
fn wait_ofport(sb: &Sandbox, n: u32, iface: &str) -> i64 {
    let get = || {
        sb.vsctl(n, &["get", "Interface", iface, "ofport"])
            .ok()
            .and_then(|s| s.trim().parse::<i64>().ok())
            .filter(|p| *p > 0)
    };
    assert!(
        wait_until(Duration::from_secs(10), || get().is_some()),
        "{iface} got no ofport"
    );
    get().unwrap()
}

fn chassis_names(sb: &Sandbox) -> Vec<String> {
    let mut v: Vec<String> = sb
        .sbctl(&["--bare", "--columns=name", "list", "Chassis"])
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    v.sort();
    v
}

/// ch1, ch2 run rovn-controller, ch3 the real ovn-controller; pods a1, a3 on ch1, a2 on
/// ch2, a4 on ch3, all on switch net-a (10.0.1.0/24).
fn overlay(tag: &str) -> Sandbox {
    let mut sb = Sandbox::new(tag);
    sb.add_chassis(1, ControllerKind::Rovn);
    sb.add_chassis(2, ControllerKind::Rovn);
    sb.add_chassis(3, ControllerKind::Ovn);
    assert!(
        wait_until(Duration::from_secs(30), || chassis_names(&sb).len() == 3),
        "chassis registration: {:?}\n{}",
        chassis_names(&sb),
        sb.log("ch1/rovn-controller.log")
    );
    sb.add_pod(1, "net-a", "a1", "00:00:00:00:0a:01", "10.0.1.11");
    sb.add_pod(2, "net-a", "a2", "00:00:00:00:0a:02", "10.0.1.12");
    sb.add_pod(1, "net-a", "a3", "00:00:00:00:0a:03", "10.0.1.13");
    sb.add_pod(3, "net-a", "a4", "00:00:00:00:0a:04", "10.0.1.14");
    sb.nbctl(&["--wait=hv", "sync"])
        .expect("ovn-nbctl --wait=hv returns");
    for p in ["a1", "a2", "a3", "a4"] {
        assert!(
            wait_until(Duration::from_secs(20), || port_up(&sb, p)),
            "port {p} never came up\n{}",
            sb.log("ch1/rovn-controller.log")
        );
    }
    sb
}

#[test]
fn pods_ping_and_acls_apply_on_rovn_and_mixed_chassis() {
    let _g = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    if skip("controller_overlay") {
        return;
    }
    let mut sb = overlay("cto");
    // Connectivity: same chassis, across Geneve between rovn chassis, mixed overlay.
    assert!(
        sb.wait_ping("a1", "10.0.1.12", 20),
        "a1 (ch1) -> a2 (ch2) across Geneve"
    );
    assert!(sb.ping("a1", "10.0.1.13"), "a1 -> a3 on the same chassis");
    assert!(
        sb.wait_ping("a2", "10.0.1.14", 20),
        "a2 (rovn ch2) -> a4 (ovn-controller ch3)"
    );
    assert!(
        sb.ping("a4", "10.0.1.11"),
        "a4 (ovn-controller ch3) -> a1 (rovn ch1)"
    );

    // A drop ACL stops it; removing it restores it.
    sb.nbctl(&[
        "acl-add",
        "net-a",
        "to-lport",
        "1000",
        "outport == \"a2\" && icmp4",
        "drop",
    ])
    .unwrap();
    sb.nbctl(&["--wait=hv", "sync"]).unwrap();
    assert!(
        !sb.ping("a1", "10.0.1.12"),
        "drop ACL on a2 must block a1 -> a2"
    );
    assert!(
        sb.ping("a1", "10.0.1.13"),
        "the ACL on a2 must not block a1 -> a3"
    );
    sb.nbctl(&["--wait=hv", "acl-del", "net-a"]).unwrap();
    assert!(
        sb.ping("a1", "10.0.1.12"),
        "deleting the ACL restores a1 -> a2"
    );

    // allow-related under a default deny (port group): replies come back.
    sb.nbctl(&[
        "pg-add",
        "web",
        "a2",
        "--",
        "acl-add",
        "web",
        "to-lport",
        "1000",
        "outport == @web && icmp4",
        "allow-related",
        "--",
        "acl-add",
        "web",
        "to-lport",
        "900",
        "outport == @web && ip4",
        "drop",
    ])
    .unwrap();
    sb.nbctl(&["--wait=hv", "sync"]).unwrap();
    assert!(
        sb.ping("a1", "10.0.1.12"),
        "allow-related lets a1 -> a2 in under default deny"
    );
    assert!(
        sb.ping("a4", "10.0.1.12"),
        "and from the ovn-controller chassis too"
    );
    sb.nbctl(&[
        "--wait=hv",
        "acl-del",
        "web",
        "to-lport",
        "1000",
        "outport == @web && icmp4",
    ])
    .unwrap();
    assert!(
        !sb.ping("a1", "10.0.1.12"),
        "without the allow, the default deny drops"
    );
    sb.nbctl(&["--wait=hv", "acl-del", "web"]).unwrap();
    assert!(sb.ping("a1", "10.0.1.12"), "no ACL left: a1 -> a2 again");

    // reject: the sender hears an ICMP port unreachable from a2 at once (the reply is
    // addressed back to it), instead of timing out.
    sb.nbctl(&[
        "--wait=hv",
        "acl-add",
        "net-a",
        "to-lport",
        "1000",
        "outport == \"a2\" && icmp4",
        "reject",
    ])
    .unwrap();
    let t = Instant::now();
    let out = sb.ping_once("a1", "10.0.1.12", 5);
    assert!(
        matches!(&out, Err(e) if e.contains("Destination Port Unreachable")),
        "reject ACL: {out:?}\n{}",
        sb.log("ch2/rovn-controller.log")
    );
    assert!(
        t.elapsed() < Duration::from_secs(4),
        "rejected, not timed out"
    );
    sb.nbctl(&["--wait=hv", "acl-del", "net-a"]).unwrap();

    // nb_cfg (what --wait=hv waits for) covers the claim: once ch1 reports the nb_cfg of
    // adding a port whose interface it has, the port's physical flows (the in_port match
    // of its interface, which needs the claim) are installed. ch1's own report is watched,
    // not --wait=hv, which also waits for the slower chassis and so hides an early report.
    sb.attach_pod(1, "a5", "00:00:00:00:0a:05", "10.0.1.15");
    let ofport = wait_ofport(&sb, 1, "va5");
    sb.nbctl(&[
        "--wait=sb",
        "lsp-add",
        "net-a",
        "a5",
        "--",
        "lsp-set-addresses",
        "a5",
        "00:00:00:00:0a:05 10.0.1.15",
    ])
    .unwrap();
    let want: i64 = sb
        .sbctl(&["get", "SB_Global", ".", "nb_cfg"])
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let reported = || {
        sb.sbctl(&[
            "--bare",
            "--columns=nb_cfg",
            "find",
            "Chassis_Private",
            "name=ch1",
        ])
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .is_some_and(|n| n >= want)
    };
    assert!(
        wait_until(Duration::from_secs(20), reported),
        "ch1 never reported nb_cfg {want}"
    );
    let flows = sb.flows(1).unwrap();
    assert!(
        flows
            .iter()
            .any(|f| f.contains(&format!("in_port={ofport},"))
                || f.contains(&format!("in_port={ofport} "))
                || f.contains("in_port=va5")
                || f.contains("in_port=\"va5\"")),
        "flows of a5 (ofport {ofport}) missing once ch1 reported nb_cfg {want}:\n{}",
        flows.join("\n")
    );
    assert!(sb.ping("a5", "10.0.1.12"), "a5 -> a2");

    // Observability: status over ovs-appctl, dump_flows with counters over the API.
    let status = sb.appctl(1, &["status"]).expect("ovs-appctl status");
    assert!(status.contains("chassis: ch1"), "{status}");
    assert!(
        status.contains("port a1:") && status.contains("up=true"),
        "{status}"
    );
    let st = sb
        .api_call(1, "status", serde_json::json!([]))
        .expect("status");
    assert_eq!(st["chassis"], "ch1");
    assert_eq!(st["generation"], st["installed_generation"], "{st}");
    assert_eq!(st["nb_cfg"], st["nb_cfg_reported"], "{st}");
    let dump = sb
        .api_call(1, "dump_flows", serde_json::json!([]))
        .expect("dump_flows");
    let lflows = dump.as_array().expect("array");
    assert!(!lflows.is_empty());
    let counted: u64 = lflows
        .iter()
        .flat_map(|l| l["datapaths"].as_array().cloned().unwrap_or_default())
        .flat_map(|d| d["flows"].as_array().cloned().unwrap_or_default())
        .filter_map(|f| f["n_packets"].as_u64())
        .sum();
    assert!(
        counted > 0,
        "pings went through: some logical flow counted packets"
    );
}

#[test]
fn restarts_heal_without_stale_flows() {
    let _g = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    if skip("controller_overlay") {
        return;
    }
    let mut sb = overlay("ctr");
    assert!(
        sb.wait_ping("a1", "10.0.1.12", 20),
        "a1 -> a2 before restarts"
    );
    let before = sb.flows(1).expect("dump ch1");

    // rovn-controller, graceful exit: the chassis leaves the SB; back on restart.
    sb.appctl(1, &["exit"]).expect("ovs-appctl exit");
    assert!(
        wait_until(Duration::from_secs(10), || !chassis_names(&sb)
            .contains(&"ch1".to_string())),
        "exit removes Chassis ch1: {:?}",
        chassis_names(&sb)
    );
    assert!(
        wait_until(Duration::from_secs(5), || !sb.is_running("ch1-controller")),
        "rovn-controller exits"
    );
    sb.start_controller(1);
    assert!(
        wait_until(Duration::from_secs(20), || port_up(&sb, "a1")),
        "a1 up again"
    );
    sb.nbctl(&["--wait=hv", "sync"]).unwrap();
    assert!(
        sb.wait_ping("a1", "10.0.1.12", 20),
        "a1 -> a2 after restarting rovn-controller"
    );
    let after = sb.flows(1).expect("dump ch1");
    assert_same_flows(&before, &after, "after restarting rovn-controller");

    // SIGTERM also leaves gracefully (the harness' stop sends it).
    sb.stop("ch1-controller");
    assert!(
        wait_until(Duration::from_secs(10), || !chassis_names(&sb)
            .contains(&"ch1".to_string())),
        "SIGTERM removes Chassis ch1"
    );
    sb.start_controller(1);
    assert!(
        sb.wait_ping("a1", "10.0.1.12", 30),
        "a1 -> a2 after SIGTERM and restart"
    );

    // ovs-vswitchd restart: the switch loses every flow; rovn-controller reinstalls.
    let before2 = sb.flows(2).expect("dump ch2");
    sb.stop("ch2-vswitchd");
    sb.start_vswitchd(2);
    sb.underlay_ip(2);
    assert!(
        sb.wait_ping("a1", "10.0.1.12", 30),
        "a1 -> a2 after restarting ovs-vswitchd on ch2"
    );
    wait_until(Duration::from_secs(10), || {
        sb.flows(2).as_ref() == Ok(&before2)
    });
    assert_same_flows(
        &before2,
        &sb.flows(2).unwrap_or_default(),
        "after restarting ovs-vswitchd",
    );

    // SB server restart: controllers reconnect, --wait=hv still works.
    sb.stop("sb-db");
    sb.start_db_server("sb");
    sb.nbctl(&["--wait=hv", "lsp-add", "net-a", "a9"])
        .expect("--wait=hv after the SB restart");
    assert!(
        sb.wait_ping("a1", "10.0.1.12", 20),
        "a1 -> a2 after restarting the SB server"
    );
    assert!(
        sb.ping("a2", "10.0.1.14"),
        "a2 -> a4 (mixed) after restarting the SB server"
    );
}
