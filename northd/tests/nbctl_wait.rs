//! `rovn-nbctl --wait=sb|hv` against the real ovn-northd: the command returns only
//! after northd has processed the change, so the southbound database already holds the
//! new datapath when it exits; without a northd, `-t` bounds the wait (exit 142, as
//! ovn-nbctl killed by SIGALRM) and the change is committed anyway.

mod nbctl_support;

use std::process::{Child, Command, Stdio};
use std::time::Instant;

use nbctl_support::*;

/// A real ovn-northd on the server's NB and SB databases, killed on drop.
struct Northd(Child);

impl Northd {
    fn start(server: &Server) -> Northd {
        let d = server.dir.path();
        let child = Command::new("ovn-northd")
            .arg(format!("--ovnnb-db={}", server.remote()))
            .arg(format!("--ovnsb-db={}", server.remote()))
            .arg(format!("--unixctl={}", d.join("northd.ctl").display()))
            .arg(format!("--pidfile={}", d.join("northd.pid").display()))
            .arg(format!("--log-file={}", d.join("northd.log").display()))
            .env("OVN_RUNDIR", d)
            .env("OVN_LOGDIR", d)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn ovn-northd");
        Northd(child)
    }
}

impl Drop for Northd {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn datapaths(server: &Server) -> String {
    let out = Command::new("ovn-sbctl")
        .arg(format!("--db={}", server.remote()))
        .args([
            "--bare",
            "--columns=external_ids",
            "list",
            "Datapath_Binding",
        ])
        .output()
        .expect("ovn-sbctl");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn wait_with(kind: Impl) {
    // One server for both databases (db0 = NB, db1 = SB).
    let server = Server::start(kind, &[NB_SCHEMA, SB_SCHEMA]);
    let _northd = Northd::start(&server);
    let r = nbctl(
        ROVN_NBCTL,
        &server.remote(),
        &["-t", "30", "--wait=sb", "ls-add", "sw0"],
    );
    assert_eq!(r.status, 0, "{}", r.stderr);
    // Exited only after northd wrote the datapath and sb_cfg.
    assert!(
        datapaths(&server).contains("name=sw0"),
        "{}",
        datapaths(&server)
    );
    let cfg = nbctl(
        ROVN_NBCTL,
        &server.remote(),
        &["get", "NB_Global", ".", "nb_cfg", "sb_cfg"],
    );
    assert_eq!(cfg.stdout, "1\n1\n");
    let r = nbctl(
        ROVN_NBCTL,
        &server.remote(),
        &[
            "-t",
            "30",
            "--wait=sb",
            "ls-add",
            "sw1",
            "--",
            "lsp-add",
            "sw1",
            "p1",
        ],
    );
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert!(datapaths(&server).contains("name=sw1"));
    // With no chassis, northd reports every hypervisor caught up at once.
    let r = nbctl(
        ROVN_NBCTL,
        &server.remote(),
        &["-t", "30", "--wait=hv", "sync"],
    );
    assert_eq!(r.status, 0, "{}", r.stderr);
    let cfg = nbctl(
        ROVN_NBCTL,
        &server.remote(),
        &["get", "NB_Global", ".", "nb_cfg", "hv_cfg"],
    );
    assert_eq!(cfg.stdout, "3\n3\n");
}

#[test]
fn wait_sb_and_hv_with_real_ovn_northd_on_real_server() {
    if !tools_present(&["ovn-northd", "ovn-sbctl", "ovsdb-server", "ovsdb-tool"]) {
        return;
    }
    wait_with(Impl::Real);
}

#[test]
fn wait_sb_with_real_ovn_northd_on_rovn_server() {
    if !tools_present(&["ovn-northd", "ovn-sbctl", "ovsdb-tool"]) {
        return;
    }
    wait_with(Impl::Rovn);
}

#[test]
fn wait_times_out_without_northd_but_commits() {
    if !tools_present(&["ovsdb-tool"]) {
        return;
    }
    let server = Server::start(Impl::Rovn, &[NB_SCHEMA]);
    let t0 = Instant::now();
    let r = nbctl(
        ROVN_NBCTL,
        &server.remote(),
        &["-t", "1", "--wait=sb", "ls-add", "sw0"],
    );
    assert_eq!(r.status, 142, "{r:?}");
    assert!(r.stderr.contains("Alarm clock"), "{}", r.stderr);
    assert!(t0.elapsed().as_secs() < 10);
    let l = nbctl(ROVN_NBCTL, &server.remote(), &["ls-list"]);
    assert!(l.stdout.ends_with(" (sw0)\n"), "{}", l.stdout);
}

/// `wait-until` holds until the record exists and the condition is true, for both
/// tools; neither returns early.
#[test]
fn wait_until_blocks_until_the_condition_holds() {
    if !tools_present(&["ovn-nbctl", "ovsdb-tool"]) {
        return;
    }
    let server = Server::start(Impl::Rovn, &[NB_SCHEMA]);
    let spawn = |bin: &str| {
        Command::new(bin)
            .arg(format!("--db={}", server.remote()))
            .args([
                "-t",
                "20",
                "wait-until",
                "Logical_Switch_Port",
                "p1",
                "up=true",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn")
    };
    let mut ours = spawn(ROVN_NBCTL);
    let mut theirs = spawn("ovn-nbctl");
    std::thread::sleep(std::time::Duration::from_millis(400));
    let r = nbctl(
        ROVN_NBCTL,
        &server.remote(),
        &["ls-add", "sw0", "--", "lsp-add", "sw0", "p1"],
    );
    assert_eq!(r.status, 0, "{}", r.stderr);
    std::thread::sleep(std::time::Duration::from_millis(400));
    assert!(
        ours.try_wait().unwrap().is_none(),
        "rovn-nbctl returned before up=true"
    );
    assert!(
        theirs.try_wait().unwrap().is_none(),
        "ovn-nbctl returned before up=true"
    );
    let r = nbctl(
        ROVN_NBCTL,
        &server.remote(),
        &["set", "Logical_Switch_Port", "p1", "up=true"],
    );
    assert_eq!(r.status, 0, "{}", r.stderr);
    let t0 = Instant::now();
    for (name, child) in [("rovn-nbctl", &mut ours), ("ovn-nbctl", &mut theirs)] {
        loop {
            if let Some(st) = child.try_wait().unwrap() {
                assert!(st.success(), "{name} failed");
                break;
            }
            if t0.elapsed().as_secs() > 10 {
                let _ = child.kill();
                panic!("{name} did not return after up=true");
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }
}
