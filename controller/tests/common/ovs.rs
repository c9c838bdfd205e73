//! A private Open vSwitch for tests: its own ovsdb-server and ovs-vswitchd
//! (`--disable-system`, userspace datapath) in a temp dir, one netdev bridge `br-enc`.
//! Only the pids started here are killed, on drop.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::Command;

pub struct Ovs {
    pub dir: tempfile::TempDir,
}

fn run(cmd: &mut Command) -> Result<(), String> {
    let o = cmd.output().map_err(|e| format!("{cmd:?}: {e}"))?;
    if !o.status.success() {
        return Err(format!("{cmd:?}: {}", String::from_utf8_lossy(&o.stderr)));
    }
    Ok(())
}

impl Ovs {
    /// Starts the daemons, or returns None when Open vSwitch is not installed.
    pub fn start() -> Option<Ovs> {
        if Command::new("ovs-vswitchd")
            .arg("--version")
            .output()
            .is_err()
        {
            if std::env::var_os("CI").is_some() {
                panic!("a reference tool this test needs is missing in CI: scripts/install-deps.sh installs it");
            }
            eprintln!("ovs-vswitchd not installed; skipping live test");
            return None;
        }
        let dir = tempfile::Builder::new()
            .prefix("rovn-enc-ovs")
            .tempdir_in("/tmp")
            .unwrap();
        let d = dir.path().to_str().unwrap().to_string();
        let env = |c: &mut Command| {
            c.env("OVS_RUNDIR", &d)
                .env("OVS_LOGDIR", &d)
                .env("OVS_DBDIR", &d);
        };
        let mut c = Command::new("ovsdb-tool");
        c.args([
            "create",
            &format!("{d}/conf.db"),
            "/usr/share/openvswitch/vswitch.ovsschema",
        ]);
        run(&mut c).unwrap();
        let mut c = Command::new("ovsdb-server");
        env(&mut c);
        c.args([
            &format!("{d}/conf.db"),
            &format!("--remote=punix:{d}/db.sock"),
            &format!("--pidfile={d}/ovsdb-server.pid"),
            &format!("--unixctl={d}/ovsdb-server.ctl"),
            &format!("--log-file={d}/ovsdb-server.log"),
            "--detach",
        ]);
        run(&mut c).unwrap();
        let ovs = Ovs { dir };
        let mut c = Command::new("ovs-vsctl");
        c.args([&format!("--db=unix:{d}/db.sock"), "--no-wait", "init"]);
        run(&mut c).unwrap();
        let mut c = Command::new("ovs-vswitchd");
        env(&mut c);
        c.args([
            &format!("unix:{d}/db.sock"),
            "--disable-system",
            &format!("--pidfile={d}/ovs-vswitchd.pid"),
            &format!("--unixctl={d}/ovs-vswitchd.ctl"),
            &format!("--log-file={d}/ovs-vswitchd.log"),
            "--detach",
        ]);
        run(&mut c).unwrap();
        let mut c = Command::new("ovs-vsctl");
        c.args([
            &format!("--db=unix:{d}/db.sock"),
            "add-br",
            "br-enc",
            "--",
            "set",
            "bridge",
            "br-enc",
            "datapath_type=netdev",
            "protocols=OpenFlow13,OpenFlow15",
        ]);
        run(&mut c).unwrap();
        for _ in 0..200 {
            if ovs.mgmt().exists() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        Some(ovs)
    }

    pub fn mgmt(&self) -> PathBuf {
        self.dir.path().join("br-enc.mgmt")
    }

    pub fn remote(&self) -> String {
        format!("unix:{}", self.mgmt().display())
    }

    /// Runs `ovs-ofctl -O OpenFlow15 ARGS...` against br-enc; returns stdout.
    pub fn ofctl(&self, args: &[&str]) -> String {
        let mut c = Command::new("ovs-ofctl");
        c.args(["-O", "OpenFlow15"]);
        for a in args {
            c.arg(if *a == "SWITCH" {
                self.remote()
            } else {
                a.to_string()
            });
        }
        let o = c.output().unwrap();
        assert!(
            o.status.success(),
            "{c:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8(o.stdout).unwrap()
    }
}

impl Drop for Ovs {
    fn drop(&mut self) {
        for p in ["ovs-vswitchd.pid", "ovsdb-server.pid"] {
            if let Ok(pid) = std::fs::read_to_string(self.dir.path().join(p)) {
                let _ = Command::new("kill").arg(pid.trim()).status();
            }
        }
    }
}

/// Removes the statistics fields from one `dump-flows` line.
pub fn strip_stats(line: &str) -> String {
    let mut out = Vec::new();
    for part in line.trim().split(", ") {
        let k = part.split('=').next().unwrap_or("");
        if ["duration", "n_packets", "n_bytes", "idle_age", "hard_age"].contains(&k) {
            continue;
        }
        out.push(part);
    }
    out.join(", ")
}
