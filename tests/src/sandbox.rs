//! A whole overlay on one machine, for tests (and the future `rovn-sandbox`): central
//! databases (`rovn-ovsdb-server` for NB and SB) with the real `ovn-northd`, chassis in
//! network namespaces (each with its own `rovn-ovsdb-server` for `Open_vSwitch`, the real
//! `ovs-vswitchd` on the userspace datapath, and rovn-controller or ovn-controller), a
//! bridged veth underlay, Geneve between chassis, and pods as namespaces on `br-int`.
//! The recipe is `scripts/sandbox.sh`'s.
//!
//! Every component can be stopped and started again (restart tests). Everything this
//! harness creates carries its tag (`rovn-<tag>-<id>-...` namespaces, a temp dir named
//! after the tag) and is removed by `Drop`, also when a test panics: processes it started
//! (by pid, never by name), namespaces, the temp dir.
//!
//! Invariant: a process handle is only ever killed by this harness if it started it.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

pub const NB_SCHEMA: &str = "/usr/share/ovn/ovn-nb.ovsschema";
pub const SB_SCHEMA: &str = "/usr/share/ovn/ovn-sb.ovsschema";
pub const OVS_SCHEMA: &str = "/usr/share/openvswitch/vswitch.ovsschema";

/// Which controller a chassis runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ControllerKind {
    Rovn,
    Ovn,
}

/// Why a sandbox cannot run here.
pub fn unavailable() -> Option<String> {
    let missing: Vec<&str> = [
        "ovsdb-tool",
        "ovs-vswitchd",
        "ovs-vsctl",
        "ovs-ofctl",
        "ovn-northd",
        "ovn-nbctl",
        "ovn-sbctl",
        "ovn-controller",
        "ip",
    ]
    .into_iter()
    .filter(|b| !on_path(b))
    .collect();
    if !missing.is_empty() {
        return Some(format!("missing tools: {}", missing.join(", ")));
    }
    for s in [NB_SCHEMA, SB_SCHEMA, OVS_SCHEMA] {
        if !Path::new(s).exists() {
            return Some(format!("missing schema {s}"));
        }
    }
    // Network namespaces need root.
    let uid = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("Uid:"))
                .and_then(|l| l.split_whitespace().nth(1).map(str::to_string))
        })
        .unwrap_or_default();
    if uid != "0" {
        return Some("not root (network namespaces)".into());
    }
    None
}

/// True when the test must be skipped (printing why); panics instead when `CI` is set.
pub fn skip(test: &str) -> bool {
    match unavailable() {
        None => false,
        Some(why) => {
            if std::env::var_os("CI").is_some() {
                panic!("{test}: {why} (scripts/install-deps.sh installs the reference tools)");
            }
            eprintln!("{test}: skipped: {why}");
            true
        }
    }
}

fn on_path(bin: &str) -> bool {
    std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).any(|d| d.join(bin).is_file()))
        .unwrap_or(false)
}

fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .to_path_buf()
}

/// Builds (once per test process) and returns (rovn-ovsdb-server, rovn-controller).
pub fn rovn_binaries() -> &'static (PathBuf, PathBuf) {
    static BINS: OnceLock<(PathBuf, PathBuf)> = OnceLock::new();
    BINS.get_or_init(|| {
        let root = workspace_root();
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let st = Command::new(cargo)
            .current_dir(&root)
            .args([
                "build",
                "-q",
                "-p",
                "ovsdb",
                "--bin",
                "rovn-ovsdb-server",
                "-p",
                "controller",
                "--bin",
                "rovn-controller",
            ])
            .status()
            .expect("run cargo build");
        assert!(st.success(), "building the rovn binaries failed");
        let target = std::env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| root.join("target"));
        (
            target.join("debug/rovn-ovsdb-server"),
            target.join("debug/rovn-controller"),
        )
    })
}

/// Polls `f` every 100 ms until it is true or `timeout` passes.
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

/// Runs a command; `Ok(stdout)` on success, `Err(stderr and stdout)` otherwise.
pub fn run(cmd: &mut Command) -> Result<String, String> {
    let out = cmd
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("{cmd:?}: {e}"))?;
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    if out.status.success() {
        Ok(stdout)
    } else {
        Err(format!(
            "{cmd:?} failed: {}{stdout}",
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

fn must(cmd: &mut Command) -> String {
    run(cmd).unwrap_or_else(|e| panic!("{e}"))
}

/// A daemon this harness started.
struct Proc {
    name: String,
    child: Child,
}

impl Proc {
    fn stop(&mut self) {
        // SIGTERM first (graceful exit), then SIGKILL.
        let pid = self.child.id().to_string();
        let _ = Command::new("kill").args(["-TERM", &pid]).status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One chassis.
pub struct Chassis {
    pub n: u32,
    pub name: String,
    pub ns: String,
    pub dir: PathBuf,
    pub ip: String,
    pub controller: ControllerKind,
}

impl Chassis {
    pub fn db(&self) -> String {
        format!("unix:{}/db.sock", self.dir.display())
    }
    pub fn mgmt(&self) -> String {
        format!("unix:{}/br-int.mgmt", self.dir.display())
    }
    /// rovn-controller's control socket.
    pub fn ctl(&self) -> PathBuf {
        self.dir.join("rovn-controller.ctl")
    }
    /// rovn-controller's JSON-RPC API socket.
    pub fn api(&self) -> PathBuf {
        self.dir.join("rovn-controller.api")
    }
}

/// A running sandbox; torn down on drop.
pub struct Sandbox {
    pub dir: tempfile::TempDir,
    pub id: String,
    pub chassis: Vec<Chassis>,
    procs: BTreeMap<String, Proc>,
    netns: Vec<String>,
    pods: BTreeMap<String, String>,
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

impl Sandbox {
    /// Starts the central part: NB and SB `rovn-ovsdb-server`, `ovn-northd`. `tag` names
    /// everything created (keep it short: it ends up in interface names).
    pub fn new(tag: &str) -> Sandbox {
        rovn_binaries();
        let dir = tempfile::Builder::new()
            .prefix(&format!("rovn-{tag}-"))
            .tempdir()
            .expect("temp dir");
        let id = format!(
            "{tag}{}{}",
            std::process::id() % 1000,
            COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        let mut sb = Sandbox {
            dir,
            id,
            chassis: Vec::new(),
            procs: BTreeMap::new(),
            netns: Vec::new(),
            pods: BTreeMap::new(),
        };
        let c = sb.central();
        std::fs::create_dir_all(&c).expect("central dir");
        for (db, schema) in [("nb", NB_SCHEMA), ("sb", SB_SCHEMA)] {
            must(
                Command::new("ovsdb-tool")
                    .arg("create")
                    .arg(c.join(format!("{db}.db")))
                    .arg(schema),
            );
            sb.start_db_server(db);
        }
        sb.start_northd();
        let ul = sb.ns("ul");
        sb.add_ns(&ul);
        must(Command::new("ip").args(["-n", &ul, "link", "add", "ulbr", "type", "bridge"]));
        must(Command::new("ip").args(["-n", &ul, "link", "set", "ulbr", "up"]));
        sb
    }

    pub fn central(&self) -> PathBuf {
        self.dir.path().join("central")
    }

    fn ns(&self, what: &str) -> String {
        format!("rovn-{}-{what}", self.id)
    }

    fn add_ns(&mut self, ns: &str) {
        must(Command::new("ip").args(["netns", "add", ns]));
        self.netns.push(ns.to_string());
        must(Command::new("ip").args(["-n", ns, "link", "set", "lo", "up"]));
    }

    fn spawn(&mut self, name: &str, ns: Option<&str>, env: &[(&str, &Path)], argv: &[String]) {
        let log = std::fs::File::create(self.dir.path().join(format!("{name}.out"))).expect("log");
        let mut cmd = match ns {
            Some(ns) => {
                let mut c = Command::new("ip");
                c.args(["netns", "exec", ns]).arg(&argv[0]).args(&argv[1..]);
                c
            }
            None => {
                let mut c = Command::new(&argv[0]);
                c.args(&argv[1..]);
                c
            }
        };
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = cmd
            .stdin(Stdio::null())
            .stdout(log.try_clone().expect("log"))
            .stderr(log)
            .spawn()
            .unwrap_or_else(|e| panic!("start {name}: {e}"));
        self.procs.insert(
            name.to_string(),
            Proc {
                name: name.to_string(),
                child,
            },
        );
    }

    /// Stops a component started by this harness (`nb-db`, `sb-db`, `northd`,
    /// `ch1-db`, `ch1-vswitchd`, `ch1-controller`, ...): SIGTERM, then SIGKILL.
    pub fn stop(&mut self, name: &str) {
        if let Some(mut p) = self.procs.remove(name) {
            p.stop();
        }
    }

    /// Kills a component without giving it a chance to clean up.
    pub fn kill(&mut self, name: &str) {
        if let Some(mut p) = self.procs.remove(name) {
            let _ = p.child.kill();
            let _ = p.child.wait();
        }
    }

    /// Whether a component is still running.
    pub fn is_running(&mut self, name: &str) -> bool {
        self.procs
            .get_mut(name)
            .is_some_and(|p| matches!(p.child.try_wait(), Ok(None)))
    }

    /// (Re)starts the NB or SB database server (`db` = "nb" / "sb").
    pub fn start_db_server(&mut self, db: &str) {
        let (server, _) = rovn_binaries();
        let c = self.central();
        let sock = c.join(format!("{db}.sock"));
        let _ = std::fs::remove_file(&sock);
        let argv = vec![
            server.display().to_string(),
            c.join(format!("{db}.db")).display().to_string(),
            format!("--remote=punix:{}", sock.display()),
            format!("--unixctl={}", c.join(format!("{db}.ctl")).display()),
        ];
        self.spawn(&format!("{db}-db"), None, &[], &argv);
        assert!(
            wait_until(Duration::from_secs(10), || sock.exists()),
            "{db} server did not start"
        );
    }

    /// (Re)starts ovn-northd.
    pub fn start_northd(&mut self) {
        let c = self.central();
        let argv = vec![
            "ovn-northd".to_string(),
            "-vconsole:off".into(),
            format!("--ovnnb-db=unix:{}/nb.sock", c.display()),
            format!("--ovnsb-db=unix:{}/sb.sock", c.display()),
            format!("--unixctl={}/northd.ctl", c.display()),
            format!("--log-file={}/northd.log", c.display()),
            "--no-chdir".into(),
        ];
        self.spawn("northd", None, &[], &argv);
    }

    pub fn nbctl(&self, args: &[&str]) -> Result<String, String> {
        run(Command::new("ovn-nbctl")
            .arg(format!("--db=unix:{}/nb.sock", self.central().display()))
            .arg("--timeout=30")
            .args(args))
    }

    pub fn sbctl(&self, args: &[&str]) -> Result<String, String> {
        run(Command::new("ovn-sbctl")
            .arg(format!("--db=unix:{}/sb.sock", self.central().display()))
            .arg("--timeout=30")
            .args(args))
    }

    pub fn vsctl(&self, n: u32, args: &[&str]) -> Result<String, String> {
        run(Command::new("ovs-vsctl")
            .arg(format!("--db={}", self.ch(n).db()))
            .arg("--timeout=30")
            .args(args))
    }

    pub fn ch(&self, n: u32) -> &Chassis {
        self.chassis
            .iter()
            .find(|c| c.n == n)
            .unwrap_or_else(|| panic!("no chassis {n}"))
    }

    fn chassis_env(&self, n: u32) -> Vec<(&'static str, PathBuf)> {
        let d = self.ch(n).dir.clone();
        [
            "OVS_RUNDIR",
            "OVS_LOGDIR",
            "OVS_DBDIR",
            "OVN_RUNDIR",
            "OVN_LOGDIR",
        ]
        .into_iter()
        .map(|k| (k, d.clone()))
        .collect()
    }

    /// Adds chassis `n` (`ch<n>`, underlay 192.168.100.n) running `controller`.
    pub fn add_chassis(&mut self, n: u32, controller: ControllerKind) {
        let ns = self.ns(&format!("ch{n}"));
        let dir = self.dir.path().join(format!("ch{n}"));
        std::fs::create_dir_all(&dir).expect("chassis dir");
        self.add_ns(&ns);
        self.chassis.push(Chassis {
            n,
            name: format!("ch{n}"),
            ns: ns.clone(),
            dir: dir.clone(),
            ip: format!("192.168.100.{n}"),
            controller,
        });
        must(
            Command::new("ovsdb-tool")
                .arg("create")
                .arg(dir.join("conf.db"))
                .arg(OVS_SCHEMA),
        );
        self.start_ovs_db(n);
        self.vsctl(n, &["--no-wait", "init"]).expect("vsctl init");
        let c = self.central();
        self.vsctl(
            n,
            &[
                "--no-wait",
                "set",
                "Open_vSwitch",
                ".",
                &format!("external_ids:system-id=ch{n}"),
                &format!("external_ids:hostname=ch{n}"),
                &format!("external_ids:ovn-remote=unix:{}/sb.sock", c.display()),
                "external_ids:ovn-encap-type=geneve",
                &format!("external_ids:ovn-encap-ip=192.168.100.{n}"),
                "external_ids:ovn-bridge-datapath-type=netdev",
            ],
        )
        .expect("vsctl set");
        self.start_vswitchd(n);
        let ul = self.ns("ul");
        let (uname, ulname) = (format!("u{}{n}", self.id), format!("ul{n}"));
        must(Command::new("ip").args([
            "link", "add", &uname, "netns", &ns, "type", "veth", "peer", "name", &ulname, "netns",
            &ul,
        ]));
        must(Command::new("ip").args(["-n", &ul, "link", "set", &ulname, "master", "ulbr", "up"]));
        must(Command::new("ip").args(["-n", &ns, "link", "set", &uname, "up"]));
        self.vsctl(
            n,
            &[
                "add-br",
                "br-phy",
                "--",
                "set",
                "Bridge",
                "br-phy",
                "datapath_type=netdev",
                &format!("other_config:hwaddr=02:00:c0:a8:64:{n:02x}"),
                "--",
                "add-port",
                "br-phy",
                &uname,
            ],
        )
        .expect("br-phy");
        self.underlay_ip(n);
        self.start_controller(n);
    }

    /// Puts the underlay address on br-phy (again after an ovs-vswitchd restart, which
    /// recreates the internal port without it).
    pub fn underlay_ip(&self, n: u32) {
        let ch = self.ch(n);
        let ns = ch.ns.clone();
        assert!(
            wait_until(Duration::from_secs(10), || run(
                Command::new("ip").args(["-n", &ns, "link", "show", "br-phy"])
            )
            .is_ok()),
            "br-phy did not appear on ch{n}"
        );
        let _ = run(Command::new("ip").args([
            "-n",
            &ns,
            "addr",
            "add",
            &format!("{}/24", ch.ip),
            "dev",
            "br-phy",
        ]));
        must(Command::new("ip").args(["-n", &ns, "link", "set", "br-phy", "up"]));
    }

    fn start_ovs_db(&mut self, n: u32) {
        let (server, _) = rovn_binaries();
        let ch = self.ch(n);
        let (ns, dir) = (ch.ns.clone(), ch.dir.clone());
        let sock = dir.join("db.sock");
        let argv = vec![
            server.display().to_string(),
            dir.join("conf.db").display().to_string(),
            format!("--remote=punix:{}", sock.display()),
            format!("--unixctl={}", dir.join("db.ctl").display()),
        ];
        self.spawn(&format!("ch{n}-db"), Some(&ns), &[], &argv);
        assert!(
            wait_until(Duration::from_secs(10), || sock.exists()),
            "ch{n} db did not start"
        );
    }

    /// (Re)starts chassis `n`'s ovs-vswitchd.
    pub fn start_vswitchd(&mut self, n: u32) {
        let ch = self.ch(n);
        let (ns, dir, db) = (ch.ns.clone(), ch.dir.clone(), ch.db());
        let env = self.chassis_env(n);
        let env: Vec<(&str, &Path)> = env.iter().map(|(k, v)| (*k, v.as_path())).collect();
        let argv = vec![
            "ovs-vswitchd".to_string(),
            "-vconsole:off".into(),
            db,
            "--disable-system".into(),
            format!("--unixctl={}", dir.join("ovs-vswitchd.ctl").display()),
            format!("--log-file={}", dir.join("ovs-vswitchd.log").display()),
            "--no-chdir".into(),
        ];
        self.spawn(&format!("ch{n}-vswitchd"), Some(&ns), &env, &argv);
        let ctl = dir.join("ovs-vswitchd.ctl");
        assert!(
            wait_until(Duration::from_secs(10), || ctl.exists()),
            "ch{n} ovs-vswitchd did not start"
        );
    }

    /// (Re)starts chassis `n`'s controller.
    pub fn start_controller(&mut self, n: u32) {
        let (_, rovn) = rovn_binaries();
        let ch = self.ch(n);
        let (ns, dir, db, kind) = (ch.ns.clone(), ch.dir.clone(), ch.db(), ch.controller);
        let env = self.chassis_env(n);
        let env: Vec<(&str, &Path)> = env.iter().map(|(k, v)| (*k, v.as_path())).collect();
        let argv = match kind {
            ControllerKind::Rovn => vec![
                rovn.display().to_string(),
                db,
                format!("--log-file={}", dir.join("rovn-controller.log").display()),
                format!("--unixctl={}", dir.join("rovn-controller.ctl").display()),
                format!("--api-socket={}", dir.join("rovn-controller.api").display()),
            ],
            ControllerKind::Ovn => vec![
                "ovn-controller".to_string(),
                "-vconsole:off".into(),
                db,
                format!("--log-file={}", dir.join("ovn-controller.log").display()),
                "--no-chdir".into(),
            ],
        };
        self.spawn(&format!("ch{n}-controller"), Some(&ns), &env, &argv);
    }

    /// Adds a pod namespace on chassis `n`, attached to `br-int` for logical port `name`
    /// of `switch` (the switch is created when missing).
    pub fn add_pod(&mut self, n: u32, switch: &str, name: &str, mac: &str, ip: &str) {
        if self
            .nbctl(&["ls-list"])
            .map(|s| !s.contains(&format!("({switch})")))
            .unwrap_or(true)
        {
            self.nbctl(&["--may-exist", "ls-add", switch])
                .expect("ls-add");
        }
        let addr = format!("{mac} {ip}");
        self.nbctl(&[
            "lsp-add",
            switch,
            name,
            "--",
            "lsp-set-addresses",
            name,
            &addr,
            "--",
            "lsp-set-port-security",
            name,
            &addr,
        ])
        .expect("lsp-add");
        self.attach_pod(n, name, mac, ip);
    }

    /// Creates pod namespace `name` on chassis `n` and attaches it to `br-int` with
    /// `iface-id=name`, without touching the northbound database (`add_pod` does both).
    pub fn attach_pod(&mut self, n: u32, name: &str, mac: &str, ip: &str) {
        let ns = self.ch(n).ns.clone();
        let pns = self.ns(name);
        self.add_ns(&pns);
        let veth = format!("v{name}");
        must(Command::new("ip").args([
            "link", "add", &veth, "netns", &ns, "type", "veth", "peer", "name", "eth0", "netns",
            &pns,
        ]));
        must(Command::new("ip").args([
            "-n", &pns, "link", "set", "eth0", "address", mac, "mtu", "1400", "up",
        ]));
        must(Command::new("ip").args([
            "-n",
            &pns,
            "addr",
            "add",
            &format!("{ip}/24"),
            "dev",
            "eth0",
        ]));
        must(Command::new("ip").args(["-n", &ns, "link", "set", &veth, "up"]));
        self.vsctl(
            n,
            &[
                "add-port",
                "br-int",
                &veth,
                "--",
                "set",
                "Interface",
                &veth,
                &format!("external_ids:iface-id={name}"),
            ],
        )
        .expect("attach pod");
        self.pods.insert(name.to_string(), pns);
    }

    /// Pings `ip` from pod `from` (3 packets, 1 s timeout each); true if any answered.
    pub fn ping(&self, from: &str, ip: &str) -> bool {
        let pns = &self.pods[from];
        run(Command::new("ip").args([
            "netns", "exec", pns, "ping", "-c", "3", "-i", "0.2", "-W", "1", ip,
        ]))
        .is_ok()
    }

    /// One ping from pod `from` to `ip` waiting up to `wait_secs` for an answer: the
    /// output on success, the error output (e.g. "Destination Port Unreachable") else.
    pub fn ping_once(&self, from: &str, ip: &str, wait_secs: u32) -> Result<String, String> {
        run(Command::new("ip").args([
            "netns",
            "exec",
            &self.pods[from],
            "ping",
            "-c",
            "1",
            "-W",
            &wait_secs.to_string(),
            ip,
        ]))
    }

    /// Waits up to `secs` for a ping from `from` to `ip` to succeed.
    pub fn wait_ping(&self, from: &str, ip: &str, secs: u64) -> bool {
        wait_until(Duration::from_secs(secs), || {
            run(Command::new("ip").args([
                "netns",
                "exec",
                &self.pods[from],
                "ping",
                "-c",
                "1",
                "-W",
                "1",
                ip,
            ]))
            .is_ok()
        })
    }

    /// The flows of chassis `n`'s br-int (ovs-ofctl dump-flows, without statistics).
    pub fn flows(&self, n: u32) -> Result<Vec<String>, String> {
        let out = run(Command::new("ovs-ofctl")
            .args(["-O", "OpenFlow15", "--no-stats", "dump-flows"])
            .arg(self.ch(n).mgmt()))?;
        let mut v: Vec<String> = out
            .lines()
            .filter(|l| !l.starts_with("OFPST_FLOW") && !l.trim().is_empty())
            .map(|l| l.trim().to_string())
            .collect();
        v.sort();
        Ok(v)
    }

    /// `ovs-appctl -t <rovn-controller.ctl> ARGS`.
    pub fn appctl(&self, n: u32, args: &[&str]) -> Result<String, String> {
        run(Command::new("ovs-appctl")
            .arg("-t")
            .arg(self.ch(n).ctl())
            .args(args))
    }

    /// One JSON-RPC 2.0 call to chassis `n`'s rovn-controller API (HTTP/1.1 over its
    /// unix socket); returns the `result` value or the error object as text.
    pub fn api_call(
        &self,
        n: u32,
        method: &str,
        params: serde_json::Value,
    ) -> Result<serde_json::Value, String> {
        let body =
            serde_json::json!({"jsonrpc": "2.0", "id": 1, "method": method, "params": params})
                .to_string();
        let mut s = UnixStream::connect(self.ch(n).api()).map_err(|e| e.to_string())?;
        s.set_read_timeout(Some(Duration::from_secs(10))).ok();
        write!(
            s,
            "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .map_err(|e| e.to_string())?;
        let mut resp = String::new();
        s.read_to_string(&mut resp).map_err(|e| e.to_string())?;
        let json = resp.split("\r\n\r\n").nth(1).ok_or("no HTTP body")?;
        let v: serde_json::Value =
            serde_json::from_str(json.trim()).map_err(|e| format!("{e}: {json}"))?;
        match v.get("result") {
            Some(r) => Ok(r.clone()),
            None => Err(v.to_string()),
        }
    }

    /// Text of a file in the sandbox dir (logs), for failure messages.
    pub fn log(&self, rel: &str) -> String {
        std::fs::read_to_string(self.dir.path().join(rel)).unwrap_or_default()
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        // Controllers first (they may want the databases on the way out), then the rest.
        let names: Vec<String> = self.procs.keys().cloned().collect();
        for n in names.iter().filter(|n| n.ends_with("-controller")) {
            self.stop(n);
        }
        for (_, mut p) in std::mem::take(&mut self.procs) {
            let _ = &p.name;
            p.stop();
        }
        for ns in self.netns.drain(..).rev() {
            let _ = Command::new("ip").args(["netns", "del", &ns]).status();
        }
    }
}
