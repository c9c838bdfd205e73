//! rovn-northd driven by the real `ovn-nbctl`/`ovn-sbctl`: feedback (`--wait=sb`,
//! `--wait=hv`, `lsp-get-up`), the SB lock (a second instance stands by and takes over),
//! bad NB content, restarts (SB server SIGKILLed mid-stream, northd SIGKILLed), and
//! incremental runs converging to what a fresh recompute writes.

mod harness;

use std::process::Command;
use std::time::Duration;

use harness::*;

const TOOLS: &[&str] = &[
    "ovsdb-server",
    "ovsdb-tool",
    "ovn-nbctl",
    "ovn-sbctl",
    "ovs-appctl",
];

struct Setup {
    dir: tempfile::TempDir,
    nb: Server,
    sb: Server,
}

fn setup(kind: Impl) -> Setup {
    let dir = tempfile::Builder::new()
        .prefix("rovn-nd-")
        .tempdir()
        .unwrap();
    let nb = Server::start(kind, dir.path(), "nb", NB_SCHEMA, None);
    let sb = Server::start(kind, dir.path(), "sb", SB_SCHEMA, None);
    Setup { dir, nb, sb }
}

/// What a fresh rovn-northd writes for the same NB into an empty SB.
fn fresh_lflows(s: &Setup, kind: Impl) -> String {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let i = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let sb2 = Server::start(kind, s.dir.path(), &format!("sb-fresh{i}"), SB_SCHEMA, None);
    let n2 = Northd::start(
        s.dir.path(),
        &format!("northd-fresh{i}"),
        &s.nb.remote(),
        &sb2.remote(),
    );
    wait_for(Duration::from_secs(30), || n2.status() == "Status: active");
    // --wait=sb only says the lock holder of the main SB caught up; wait for this one
    // to settle on the same nb_cfg.
    let nb_cfg = nbctl(&s.nb.remote(), &["get", "NB_Global", ".", "nb_cfg"]);
    wait_for(Duration::from_secs(30), || {
        sbctl(
            &sb2.remote(),
            &["--if-exists", "get", "SB_Global", ".", "nb_cfg"],
        ) == nb_cfg
    });
    std::thread::sleep(Duration::from_millis(300));
    lflows(&sb2.remote())
}

fn build_network(nb: &str) {
    nbctl(nb, &["ls-add", "ls1", "--", "ls-add", "ls2"]);
    for (ls, p, mac, ip) in [
        ("ls1", "p1", "00:00:00:00:01:01", "10.0.0.1"),
        ("ls1", "p2", "00:00:00:00:01:02", "10.0.0.2"),
        ("ls2", "p3", "00:00:00:00:02:03", "10.0.1.3"),
    ] {
        nbctl(
            nb,
            &[
                "lsp-add",
                ls,
                p,
                "--",
                "lsp-set-addresses",
                p,
                &format!("{mac} {ip}"),
            ],
        );
    }
    nbctl(nb, &["pg-add", "pg1", "p1", "p3"]);
    nbctl(
        nb,
        &[
            "acl-add",
            "pg1",
            "to-lport",
            "1001",
            "outport == @pg1 && ip4",
            "drop",
        ],
    );
    nbctl(
        nb,
        &[
            "acl-add",
            "pg1",
            "to-lport",
            "1002",
            "outport == @pg1 && icmp4",
            "allow-related",
        ],
    );
    nbctl(nb, &["--wait=sb", "sync"]);
}

#[test]
fn feedback_wait_hv_and_up() {
    if !have_tools(TOOLS) {
        return;
    }
    let s = setup(Impl::Rovn);
    let (nb, sb) = (s.nb.remote(), s.sb.remote());
    let northd = Northd::start(s.dir.path(), "northd", &nb, &sb);
    build_network(&nb);
    assert_eq!(northd.status(), "Status: active");
    // sb_cfg follows nb_cfg.
    let nb_cfg: i64 = nbctl(&nb, &["get", "NB_Global", ".", "nb_cfg"])
        .trim()
        .parse()
        .unwrap();
    let sb_cfg: i64 = nbctl(&nb, &["get", "NB_Global", ".", "sb_cfg"])
        .trim()
        .parse()
        .unwrap();
    assert_eq!(sb_cfg, nb_cfg);
    assert_eq!(
        sbctl(&sb, &["get", "SB_Global", ".", "nb_cfg"]).trim(),
        nb_cfg.to_string()
    );

    // lsp-get-up mirrors the binding: down until a chassis claims the port and sets up.
    assert_eq!(nbctl(&nb, &["lsp-get-up", "p1"]).trim(), "down");
    sbctl(&sb, &["chassis-add", "ch1", "geneve", "127.0.0.1"]);
    sbctl(&sb, &["lsp-bind", "p1", "ch1"]);
    sbctl(&sb, &["set", "Port_Binding", "p1", "up=true"]);
    wait_for(Duration::from_secs(10), || {
        nbctl(&nb, &["lsp-get-up", "p1"]).trim() == "up"
    });
    sbctl(&sb, &["set", "Port_Binding", "p1", "up=false"]);
    wait_for(Duration::from_secs(10), || {
        nbctl(&nb, &["lsp-get-up", "p1"]).trim() == "down"
    });

    // hv_cfg is the lowest nb_cfg of the chassis: --wait=hv blocks until it catches up.
    let ch = sbctl(&sb, &["get", "Chassis", "ch1", "_uuid"])
        .trim()
        .to_string();
    sbctl(
        &sb,
        &[
            "create",
            "Chassis_Private",
            "name=ch1",
            &format!("chassis={ch}"),
            "nb_cfg=0",
        ],
    );
    assert!(
        !nbctl_status(&nb, &["--timeout=2", "--wait=hv", "sync"]),
        "--wait=hv returned although the chassis is behind"
    );
    let target: i64 = nbctl(&nb, &["get", "NB_Global", ".", "nb_cfg"])
        .trim()
        .parse::<i64>()
        .unwrap()
        + 1;
    let sbdb = sb.clone();
    let bump = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(500));
        sbctl(
            &sbdb,
            &["set", "Chassis_Private", "ch1", &format!("nb_cfg={target}")],
        );
    });
    nbctl(&nb, &["--wait=hv", "sync"]);
    bump.join().unwrap();
    let hv: i64 = nbctl(&nb, &["get", "NB_Global", ".", "hv_cfg"])
        .trim()
        .parse()
        .unwrap();
    assert_eq!(hv, target);
    // mac_prefix and svc_monitor_mac were generated, as ovn-northd does.
    let opts = nbctl(&nb, &["get", "NB_Global", ".", "options"]);
    assert!(
        opts.contains("mac_prefix=") && opts.contains("svc_monitor_mac="),
        "{opts}"
    );
    let log = northd.log();
    assert!(
        log.contains("lock acquired") && log.contains("incremental run"),
        "{log}"
    );
}

fn appctl(n: &Northd, cmd: &str) -> String {
    let o = Command::new("ovs-appctl")
        .arg("-t")
        .arg(n.ctl())
        .arg(cmd)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "ovs-appctl {cmd}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).trim().to_string()
}

#[test]
fn second_instance_stands_by_and_takes_over() {
    if !have_tools(TOOLS) {
        return;
    }
    let s = setup(Impl::Real);
    let (nb, sb) = (s.nb.remote(), s.sb.remote());
    let a = Northd::start(s.dir.path(), "northd-a", &nb, &sb);
    build_network(&nb);
    let mut b = Northd::start(s.dir.path(), "northd-b", &nb, &sb);
    wait_for(Duration::from_secs(10), || b.status() == "Status: standby");
    assert_eq!(a.status(), "Status: active");
    // pause gives the lock up; the standby takes over.
    appctl(&a, "pause");
    wait_for(Duration::from_secs(10), || b.status() == "Status: active");
    assert_eq!(a.status(), "Status: paused");
    assert_eq!(appctl(&a, "is-paused"), "true");
    appctl(&a, "resume");
    wait_for(Duration::from_secs(10), || a.status() == "Status: standby");
    // The active instance dies: the standby takes over and keeps the SB current.
    b.kill9();
    wait_for(Duration::from_secs(20), || a.status() == "Status: active");
    nbctl(
        &nb,
        &[
            "lsp-add",
            "ls2",
            "p4",
            "--",
            "lsp-set-addresses",
            "p4",
            "00:00:00:00:02:04 10.0.1.4",
        ],
    );
    nbctl(&nb, &["--wait=sb", "sync"]);
    assert!(lflows(&sb).contains("p4"));
    // ovs-appctl exit stops it.
    appctl(&a, "exit");
}

#[test]
fn bad_nb_content_is_skipped_and_the_rest_converges() {
    if !have_tools(TOOLS) {
        return;
    }
    let s = setup(Impl::Rovn);
    let (nb, sb) = (s.nb.remote(), s.sb.remote());
    let northd = Northd::start(s.dir.path(), "northd", &nb, &sb);
    build_network(&nb);
    // An ACL whose match does not parse, next to a good one.
    nbctl(
        &nb,
        &[
            "acl-add",
            "ls1",
            "from-lport",
            "1100",
            "ip4.src == 10.0.0.300 &&",
            "drop",
        ],
    );
    nbctl(
        &nb,
        &[
            "acl-add",
            "ls1",
            "from-lport",
            "1101",
            "inport == \"p2\" && udp",
            "drop",
        ],
    );
    // A port whose addresses hold garbage besides a valid entry (ovn-nbctl's own
    // checks are bypassed with `set`).
    nbctl(
        &nb,
        &[
            "set",
            "Logical_Switch_Port",
            "p2",
            r#"addresses="00:00:00:00:01:02 10.0.0.2","not-a-mac 1.2.3.4""#,
        ],
    );
    // A port group naming a port that is on no switch.
    nbctl(
        &nb,
        &[
            "--",
            "--id=@p",
            "create",
            "Logical_Switch_Port",
            "name=orphan",
            "--",
            "add",
            "Port_Group",
            "pg1",
            "ports",
            "@p",
        ],
    );
    nbctl(&nb, &["--wait=sb", "sync"]);
    let flows = lflows(&sb);
    assert!(!flows.contains("10.0.0.300"), "bad ACL written");
    assert!(
        flows.contains("inport == \"p2\" && udp"),
        "good ACL missing"
    );
    assert!(
        flows.contains("arp.tpa == 10.0.0.2"),
        "p2's valid address lost"
    );
    assert!(!flows.contains("not-a-mac"));
    let log = northd.log();
    assert!(log.contains("ACL match does not parse"), "{log}");
    assert!(log.contains("malformed address"), "{log}");
    // And the whole is what a fresh run computes.
    assert_eq!(flows, fresh_lflows(&s, Impl::Rovn));
}

fn restart_converges(kind: Impl) {
    let mut s = setup(kind);
    let (nb, sb) = (s.nb.remote(), s.sb.remote());
    let mut northd = Northd::start(s.dir.path(), "northd", &nb, &sb);
    build_network(&nb);
    let keys_before = sb_rows(&sb, "Port_Binding", "logical_port,tunnel_key");

    // SB server killed mid-stream: NB keeps changing meanwhile.
    s.sb.kill9();
    nbctl(
        &nb,
        &[
            "lsp-add",
            "ls1",
            "p5",
            "--",
            "lsp-set-addresses",
            "p5",
            "00:00:00:00:01:05 10.0.0.5",
        ],
    );
    nbctl(
        &nb,
        &[
            "acl-del",
            "pg1",
            "to-lport",
            "1001",
            "outport == @pg1 && ip4",
        ],
    );
    nbctl(&nb, &["pg-set-ports", "pg1", "p1", "p3", "p5"]);
    s.sb.restart();
    nbctl(&nb, &["--wait=sb", "sync"]);
    let keys_after = sb_rows(&sb, "Port_Binding", "logical_port,tunnel_key");
    for k in &keys_before {
        assert!(
            keys_after.contains(k),
            "tunnel key changed: {k} not in {keys_after:?}"
        );
    }

    // The NB server killed and restarted: northd reconnects and follows it.
    s.nb.kill9();
    s.nb.restart();
    nbctl(
        &nb,
        &[
            "lsp-add",
            "ls2",
            "p6",
            "--",
            "lsp-set-addresses",
            "p6",
            "00:00:00:00:02:06 10.0.1.6",
        ],
    );
    nbctl(&nb, &["--wait=sb", "sync"]);
    assert!(
        lflows(&sb).contains("\"p6\""),
        "p6 not compiled after the NB restart"
    );

    // northd killed and restarted: nothing changes, nothing is duplicated.
    let before = lflows(&sb);
    let n_rows = sbctl(&sb, &["--columns=_uuid", "list", "Logical_Flow"])
        .lines()
        .filter(|l| !l.is_empty())
        .count();
    northd.kill9();
    nbctl(&nb, &["lsp-del", "p2"]);
    northd.restart();
    nbctl(&nb, &["--wait=sb", "sync"]);
    let after = lflows(&sb);
    assert_ne!(before, after, "p2's removal not applied");
    assert!(!after.contains("\"p2\""));
    let n_after = sbctl(&sb, &["--columns=_uuid", "list", "Logical_Flow"])
        .lines()
        .filter(|l| !l.is_empty())
        .count();
    assert!(n_after < n_rows);
    assert_eq!(
        after,
        fresh_lflows(&s, kind),
        "restart did not converge to a fresh compile"
    );
}

#[test]
fn restart_converges_on_real_ovsdb_server() {
    if !have_tools(TOOLS) {
        return;
    }
    restart_converges(Impl::Real);
}

#[test]
fn restart_converges_on_rovn_ovsdb_server() {
    if !have_tools(TOOLS) {
        return;
    }
    restart_converges(Impl::Rovn);
}

#[test]
fn incremental_changes_equal_a_fresh_recompute() {
    if !have_tools(TOOLS) {
        return;
    }
    let s = setup(Impl::Rovn);
    let (nb, sb) = (s.nb.remote(), s.sb.remote());
    let _northd = Northd::start(s.dir.path(), "northd", &nb, &sb);
    build_network(&nb);
    let steps: &[&[&str]] = &[
        &[
            "acl-add",
            "ls1",
            "from-lport",
            "900",
            "ip4.dst == 10.0.0.9",
            "allow-related",
        ],
        &[
            "lsp-add",
            "ls2",
            "u1",
            "--",
            "lsp-set-addresses",
            "u1",
            "unknown",
        ],
        &["lsp-set-enabled", "p1", "disabled"],
        &["pg-set-ports", "pg1", "p2"],
        &["acl-del", "ls1"],
        &["lsp-set-port-security", "p3", "00:00:00:00:02:03 10.0.1.3"],
        &["lsp-set-type", "p2", "localport"],
        &[
            "set",
            "Logical_Switch",
            "ls2",
            "other_config:subnet=10.0.1.0/24",
        ],
        &[
            "lsp-add",
            "ls2",
            "d1",
            "--",
            "lsp-set-addresses",
            "d1",
            "dynamic",
        ],
        &["ls-del", "ls1"],
    ];
    for st in steps {
        nbctl(&nb, st);
        nbctl(&nb, &["--wait=sb", "sync"]);
        assert_eq!(lflows(&sb), fresh_lflows(&s, Impl::Rovn), "after {st:?}");
    }
    // IPAM wrote the dynamic address back.
    let d = nbctl(
        &nb,
        &["get", "Logical_Switch_Port", "d1", "dynamic_addresses"],
    );
    assert!(d.contains("10.0.1.2"), "{d}");
}
