//! A one-chassis OVN stack for CNI tests, built as `scripts/sandbox.sh` builds its
//! chassis: rovn-ovsdb-server for NB, SB and the chassis' Open_vSwitch database, a northd,
//! and in a network namespace of its own the real ovs-vswitchd (userspace datapath), an
//! ovn-controller and `rovn-cni-server` (the CNI service on the controller API socket).
//!
//! Pluggable: `ROVN_CNI_NORTHD` and `ROVN_CNI_OVN_CONTROLLER` name the northd and
//! controller binaries (default: the real `ovn-northd` and `ovn-controller`; any binary
//! taking their flags works, e.g. rovn-northd once it lands), `ROVN_CNI_OVSDB_SERVER` the
//! database server (default rovn-ovsdb-server; `ovsdb-server` for comparison).
//!
//! Everything is prefixed `rovn-cni-<id>`; `Drop` kills only the processes this stack
//! started and deletes only the namespaces it created, also when a test panics.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

pub const NB_SCHEMA: &str = "/usr/share/ovn/ovn-nb.ovsschema";
pub const SB_SCHEMA: &str = "/usr/share/ovn/ovn-sb.ovsschema";
pub const VSWITCH_SCHEMA: &str = "/usr/share/openvswitch/vswitch.ovsschema";

/// `target/debug` (or wherever cargo put this test binary's siblings).
pub fn target_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("current exe");
    exe.parent()
        .and_then(Path::parent)
        .expect("target dir")
        .to_path_buf()
}

/// A workspace binary built next to this test (`cargo test --workspace` builds them all).
pub fn sibling(name: &str) -> Option<PathBuf> {
    let p = target_dir().join(name);
    p.is_file().then_some(p)
}

fn on_path(bin: &str) -> bool {
    let p = Path::new(bin);
    if p.is_absolute() {
        return p.is_file();
    }
    std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|d| d.join(bin).is_file()))
}

/// Why this machine cannot run the stack, if it cannot.
pub fn missing_prerequisite() -> Option<String> {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        return Some("needs root (network namespaces, veths)".into());
    }
    for bin in [
        "ip",
        "ovsdb-tool",
        "ovs-vsctl",
        "ovs-vswitchd",
        "ovn-nbctl",
        "ovn-sbctl",
    ] {
        if !on_path(bin) {
            return Some(format!("{bin} is not installed (scripts/install-deps.sh)"));
        }
    }
    for bin in [northd_bin(), ovn_controller_bin()] {
        if !on_path(&bin) {
            return Some(format!("{bin} is not installed (scripts/install-deps.sh)"));
        }
    }
    for s in [NB_SCHEMA, SB_SCHEMA, VSWITCH_SCHEMA] {
        if !Path::new(s).is_file() {
            return Some(format!("{s} is missing (scripts/install-deps.sh)"));
        }
    }
    for b in ["rovn-ovsdb-server", "rovn-cni"] {
        if sibling(b).is_none() {
            return Some(format!(
                "{b} is not built in {} (cargo build -p ovsdb -p cni-shim --bins)",
                target_dir().display()
            ));
        }
    }
    None
}

/// Skips (returns true) with a notice when the stack cannot run; panics under `CI`.
pub fn skip() -> bool {
    match missing_prerequisite() {
        None => false,
        Some(why) if std::env::var_os("CI").is_some() => {
            panic!("CNI end-to-end test cannot run in CI: {why}")
        }
        Some(why) => {
            eprintln!("NOTICE: CNI end-to-end test skipped: {why}");
            true
        }
    }
}

/// The database server for NB, SB and the chassis: rovn-ovsdb-server unless
/// `ROVN_CNI_OVSDB_SERVER` names another (e.g. the real `ovsdb-server`).
pub fn ovsdb_server_bin() -> PathBuf {
    match std::env::var("ROVN_CNI_OVSDB_SERVER") {
        Ok(b) => PathBuf::from(b),
        Err(_) => sibling("rovn-ovsdb-server").expect("rovn-ovsdb-server built"),
    }
}

pub fn northd_bin() -> String {
    std::env::var("ROVN_CNI_NORTHD").unwrap_or_else(|_| "ovn-northd".into())
}

pub fn ovn_controller_bin() -> String {
    std::env::var("ROVN_CNI_OVN_CONTROLLER").unwrap_or_else(|_| "ovn-controller".into())
}

/// Runs a command; panics with its output unless it succeeds.
pub fn run(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Polls `f` every 100 ms for up to `timeout`.
pub fn wait_until(timeout: Duration, mut f: impl FnMut() -> bool) -> bool {
    let end = Instant::now() + timeout;
    loop {
        if f() {
            return true;
        }
        if Instant::now() >= end {
            return false;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

pub struct Stack {
    pub dir: tempfile::TempDir,
    pub id: String,
    /// The chassis namespace (where OVS and the CNI service run).
    pub chassis_ns: String,
    pub api_socket: PathBuf,
    children: Vec<(String, Child)>,
    namespaces: Vec<String>,
}

impl Stack {
    pub fn central(&self) -> PathBuf {
        self.dir.path().join("central")
    }
    pub fn chassis_dir(&self) -> PathBuf {
        self.dir.path().join("ch1")
    }
    pub fn nb_sock(&self) -> PathBuf {
        self.central().join("nb.sock")
    }
    pub fn sb_sock(&self) -> PathBuf {
        self.central().join("sb.sock")
    }
    pub fn ovs_sock(&self) -> PathBuf {
        self.chassis_dir().join("db.sock")
    }

    /// `ovn-nbctl` against the stack's NB.
    pub fn nbctl(&self, args: &[&str]) -> String {
        run(Command::new("ovn-nbctl")
            .arg(format!("--db=unix:{}", self.nb_sock().display()))
            .arg("--timeout=20")
            .args(args))
    }
    pub fn sbctl(&self, args: &[&str]) -> String {
        run(Command::new("ovn-sbctl")
            .arg(format!("--db=unix:{}", self.sb_sock().display()))
            .arg("--timeout=20")
            .args(args))
    }
    pub fn vsctl(&self, args: &[&str]) -> String {
        run(Command::new("ovs-vsctl")
            .arg(format!("--db=unix:{}", self.ovs_sock().display()))
            .arg("--timeout=20")
            .args(args))
    }
    /// `ip -n NS ARGS` output, or `None` when it fails.
    pub fn ip_in(&self, ns: &str, args: &[&str]) -> Option<String> {
        let out = Command::new("ip")
            .args(["-n", ns])
            .args(args)
            .output()
            .ok()?;
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
    }

    /// Creates a network namespace owned by the stack (deleted on drop); returns its
    /// name and its path under /var/run/netns.
    pub fn add_netns(&mut self, suffix: &str) -> (String, PathBuf) {
        let name = format!("rovn-cni-{}-{suffix}", self.id);
        run(Command::new("ip").args(["netns", "add", &name]));
        self.namespaces.push(name.clone());
        run(Command::new("ip").args(["-n", &name, "link", "set", "lo", "up"]));
        (name.clone(), PathBuf::from("/var/run/netns").join(&name))
    }

    /// Starts a daemon and waits for its pidfile; it is killed on drop.
    fn spawn(&mut self, name: &str, pidfile: &Path, cmd: &mut Command) {
        let log =
            std::fs::File::create(self.dir.path().join(format!("{name}.out"))).expect("log file");
        let child = cmd
            .stdin(Stdio::null())
            .stdout(log.try_clone().expect("log"))
            .stderr(log)
            .spawn()
            .unwrap_or_else(|e| panic!("start {name}: {e}"));
        self.children.push((name.to_string(), child));
        let ok = wait_until(Duration::from_secs(15), || pidfile.is_file());
        if !ok {
            panic!("{name} did not start:\n{}", self.log(name));
        }
    }

    /// Waits until a server's unix socket accepts connections (a pidfile may come first).
    fn wait_socket(&self, path: &Path) {
        let ok = wait_until(Duration::from_secs(15), || {
            std::os::unix::net::UnixStream::connect(path).is_ok()
        });
        assert!(ok, "nothing listens on {}", path.display());
    }

    /// Whether a daemon has exited, and how (for failure messages).
    pub fn exited(&mut self, name: &str) -> Option<std::process::ExitStatus> {
        let (_, child) = self.children.iter_mut().find(|(n, _)| n == name)?;
        child.try_wait().ok().flatten()
    }

    /// A daemon's captured output (for failure messages).
    pub fn log(&self, name: &str) -> String {
        std::fs::read_to_string(self.dir.path().join(format!("{name}.out"))).unwrap_or_default()
    }

    /// Brings the whole stack up; panics (after cleaning up) if any part fails.
    pub fn start() -> Stack {
        let dir = tempfile::Builder::new()
            .prefix("rovn-cni-")
            .tempdir()
            .expect("temp dir");
        let id: String = dir
            .path()
            .file_name()
            .and_then(|n| n.to_str())
            .map(|n| {
                n.trim_start_matches("rovn-cni-")
                    .chars()
                    .filter(|c| c.is_ascii_alphanumeric())
                    .take(6)
                    .collect()
            })
            .unwrap_or_default();
        let mut s = Stack {
            chassis_ns: format!("rovn-cni-{id}-ch1"),
            api_socket: dir.path().join("ch1/controller.sock"),
            dir,
            id,
            children: Vec::new(),
            namespaces: Vec::new(),
        };
        let server = ovsdb_server_bin();
        let (c, ch) = (s.central(), s.chassis_dir());
        std::fs::create_dir_all(&c).unwrap();
        std::fs::create_dir_all(&ch).unwrap();

        // central: NB and SB on rovn-ovsdb-server, northd
        for (db, schema) in [("nb", NB_SCHEMA), ("sb", SB_SCHEMA)] {
            let file = c.join(format!("{db}.db"));
            run(Command::new("ovsdb-tool")
                .arg("create")
                .arg(&file)
                .arg(schema));
            let pid = c.join(format!("{db}.pid"));
            s.spawn(
                &format!("ovsdb-{db}"),
                &pid,
                Command::new(&server)
                    .arg(&file)
                    .arg(format!(
                        "--remote=punix:{}",
                        c.join(format!("{db}.sock")).display()
                    ))
                    .arg(format!("--pidfile={}", pid.display()))
                    .arg(format!(
                        "--unixctl={}",
                        c.join(format!("{db}.ctl")).display()
                    )),
            );
            s.wait_socket(&c.join(format!("{db}.sock")));
        }
        let pid = c.join("northd.pid");
        s.spawn(
            "northd",
            &pid,
            Command::new(northd_bin())
                .arg("-vconsole:off")
                .arg(format!("--ovnnb-db=unix:{}", s.nb_sock().display()))
                .arg(format!("--ovnsb-db=unix:{}", s.sb_sock().display()))
                .arg(format!("--pidfile={}", pid.display()))
                .arg(format!("--log-file={}", c.join("northd.log").display()))
                .arg(format!("--unixctl={}", c.join("northd.ctl").display()))
                .arg("--no-chdir"),
        );

        // the chassis: its namespace, Open_vSwitch db, ovs-vswitchd, br-int, ovn-controller
        let ns = s.chassis_ns.clone();
        run(Command::new("ip").args(["netns", "add", &ns]));
        s.namespaces.push(ns.clone());
        run(Command::new("ip").args(["-n", &ns, "link", "set", "lo", "up"]));
        let in_ns = |bin: &str| {
            let mut cmd = Command::new("ip");
            cmd.args(["netns", "exec", &ns, "env"])
                .arg(format!("OVS_RUNDIR={}", ch.display()))
                .arg(format!("OVS_LOGDIR={}", ch.display()))
                .arg(format!("OVS_DBDIR={}", ch.display()))
                .arg(format!("OVN_RUNDIR={}", ch.display()))
                .arg(format!("OVN_LOGDIR={}", ch.display()))
                .arg(bin);
            cmd
        };
        let conf = ch.join("conf.db");
        run(Command::new("ovsdb-tool")
            .arg("create")
            .arg(&conf)
            .arg(VSWITCH_SCHEMA));
        let pid = ch.join("db.pid");
        s.spawn(
            "ovsdb-ch1",
            &pid,
            in_ns(server.to_str().unwrap())
                .arg(&conf)
                .arg(format!("--remote=punix:{}", s.ovs_sock().display()))
                .arg(format!("--pidfile={}", pid.display()))
                .arg(format!("--unixctl={}", ch.join("db.ctl").display())),
        );
        s.wait_socket(&s.ovs_sock());
        s.vsctl(&["--no-wait", "init"]);
        s.vsctl(&[
            "--no-wait",
            "set",
            "Open_vSwitch",
            ".",
            "external_ids:system-id=ch1",
            "external_ids:hostname=ch1",
            &format!("external_ids:ovn-remote=unix:{}", s.sb_sock().display()),
            &format!("external_ids:ovn-nb-remote=unix:{}", s.nb_sock().display()),
            "external_ids:ovn-encap-type=geneve",
            "external_ids:ovn-encap-ip=192.168.100.1",
            "external_ids:ovn-bridge-datapath-type=netdev",
        ]);
        let pid = ch.join("ovs-vswitchd.pid");
        s.spawn(
            "ovs-vswitchd",
            &pid,
            in_ns("ovs-vswitchd")
                .arg("-vconsole:off")
                .arg(format!("unix:{}", s.ovs_sock().display()))
                .arg("--disable-system")
                .arg(format!("--pidfile={}", pid.display()))
                .arg(format!(
                    "--log-file={}",
                    ch.join("ovs-vswitchd.log").display()
                ))
                .arg(format!(
                    "--unixctl={}",
                    ch.join("ovs-vswitchd.ctl").display()
                ))
                .arg("--no-chdir"),
        );
        s.vsctl(&[
            "add-br",
            "br-int",
            "--",
            "set",
            "Bridge",
            "br-int",
            "datapath_type=netdev",
            "fail_mode=secure",
            "other_config:disable-in-band=true",
        ]);
        let pid = ch.join("ovn-controller.pid");
        s.spawn(
            "ovn-controller",
            &pid,
            in_ns(&ovn_controller_bin())
                .arg("-vconsole:off")
                .arg(format!("unix:{}", s.ovs_sock().display()))
                .arg(format!("--pidfile={}", pid.display()))
                .arg(format!(
                    "--log-file={}",
                    ch.join("ovn-controller.log").display()
                ))
                .arg("--no-chdir"),
        );
        let registered = wait_until(Duration::from_secs(30), || {
            s.sbctl(&["--bare", "--columns=name", "list", "Chassis"])
                .trim()
                == "ch1"
        });
        assert!(registered, "chassis ch1 did not register in the SB");

        // the CNI service, in the chassis namespace; NB from external_ids:ovn-nb-remote
        let pid = ch.join("rovn-cni-server.pid");
        let api = s.api_socket.clone();
        s.spawn(
            "rovn-cni-server",
            &pid,
            in_ns(env!("CARGO_BIN_EXE_rovn-cni-server"))
                .arg(format!("unix:{}", s.ovs_sock().display()))
                .arg(format!("--api-socket={}", api.display()))
                .arg("--address-timeout=5")
                .arg(format!(
                    "--up-timeout={}",
                    std::env::var("ROVN_CNI_UP_TIMEOUT").unwrap_or("30".into())
                ))
                .arg(format!("--pidfile={}", pid.display()))
                .env("RUST_LOG", "info"),
        );
        s
    }

    /// Runs `rovn-cni` as a runtime does: `env` plus the network config on stdin.
    pub fn cni(&self, env: &[(&str, &str)], stdin: &str) -> CniOutput {
        use std::io::Write;
        let mut cmd = Command::new(sibling("rovn-cni").expect("rovn-cni built"));
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run rovn-cni");
        child
            .stdin
            .take()
            .unwrap()
            .write_all(stdin.as_bytes())
            .unwrap();
        let out: Output = child.wait_with_output().expect("rovn-cni output");
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        let json = if stdout.trim().is_empty() {
            serde_json::Value::Null
        } else {
            serde_json::from_str(&stdout)
                .unwrap_or_else(|e| panic!("rovn-cni stdout is not JSON ({e}): {stdout}"))
        };
        CniOutput {
            code: out.status.code(),
            json,
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

#[derive(Debug)]
pub struct CniOutput {
    pub code: Option<i32>,
    pub json: serde_json::Value,
    pub stderr: String,
}

impl Drop for Stack {
    fn drop(&mut self) {
        if std::thread::panicking() {
            for (name, child) in self.children.iter_mut() {
                let status = child.try_wait().ok().flatten();
                let state = status.map_or("running".to_string(), |s| format!("EXITED: {s}"));
                let log = std::fs::read_to_string(self.dir.path().join(format!("{name}.out")))
                    .unwrap_or_default();
                eprintln!("---- {name} ({state}) ----\n{log}");
            }
            let show = |what: &str, cmd: &mut Command| {
                if let Ok(o) = cmd.output() {
                    eprintln!(
                        "---- {what} ----\n{}{}",
                        String::from_utf8_lossy(&o.stdout),
                        String::from_utf8_lossy(&o.stderr)
                    );
                }
            };
            let nb = format!("--db=unix:{}", self.nb_sock().display());
            let sb = format!("--db=unix:{}", self.sb_sock().display());
            let ovs = format!("--db=unix:{}", self.ovs_sock().display());
            show(
                "ovn-nbctl show",
                Command::new("ovn-nbctl").args([nb.as_str(), "--timeout=5", "show"]),
            );
            show(
                "Port_Binding",
                Command::new("ovn-sbctl").args([
                    sb.as_str(),
                    "--timeout=5",
                    "list",
                    "Port_Binding",
                ]),
            );
            show(
                "ovs-vsctl show",
                Command::new("ovs-vsctl").args([ovs.as_str(), "--timeout=5", "show"]),
            );
            for f in ["ovn-controller.log", "ovs-vswitchd.log"] {
                eprintln!(
                    "---- {f} ----\n{}",
                    std::fs::read_to_string(self.chassis_dir().join(f)).unwrap_or_default()
                );
            }
            eprintln!(
                "---- northd.log ----\n{}",
                std::fs::read_to_string(self.central().join("northd.log")).unwrap_or_default()
            );
        }
        for (_, child) in self.children.iter_mut().rev() {
            // SAFETY: signalling a child we spawned and have not reaped.
            unsafe {
                libc::kill(child.id() as i32, libc::SIGTERM);
            }
        }
        for (_, child) in self.children.iter_mut().rev() {
            let end = Instant::now() + Duration::from_secs(3);
            while Instant::now() < end {
                if let Ok(Some(_)) = child.try_wait() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            let _ = child.kill();
            let _ = child.wait();
        }
        for ns in self.namespaces.iter().rev() {
            let _ = Command::new("ip").args(["netns", "del", ns]).status();
        }
    }
}
