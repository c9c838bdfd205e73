//! Benchmark (not a test), issue 5: rovn-controller against the real ovn-controller.
//!
//! ```text
//! cargo bench -p controller --bench controller_vs_ovn_controller
//! ```
//! Needs root (network namespaces), Open vSwitch and OVN installed. Prints, for both
//! controllers and as the ratio rovn/ovn: time from a southbound snapshot to all its
//! flows installed (flow count stable, and the `nb_cfg` handshake), time from one
//! `Port_Binding` change to its flow being installed, the OpenFlow flow count and the
//! controller's peak RSS (VmHWM).
//!
//! How: a northbound database is generated (`ROVN_BENCH_SWITCHES` switches ×
//! `ROVN_BENCH_PORTS` ports with addresses, one port group per `ROVN_BENCH_PG_SWITCHES`
//! consecutive switches with four ACLs each, using the groups' address sets; port
//! security on every port, native DHCPv4 on `ROVN_BENCH_DHCP_PERCENT` (50) % of them, as
//! OpenStack sets them; about 50,000 logical flows at full scale); the real
//! ovn-northd turns it into the southbound database, then stops. The southbound is
//! completed directly: `ROVN_BENCH_CHASSIS` - 1 remote chassis with Geneve encaps, and
//! every port bound round-robin to a chassis; ports `i % chassis == 0` belong to this
//! node, chassis `node`, which each controller claims through OVS interfaces with
//! `external_ids:iface-id`. That southbound file is the snapshot. Each controller then
//! runs alone on a fresh copy, served by `ROVN_BENCH_SB_SERVER` (`rovn`, the default:
//! rovn-ovsdb-server; or `ovsdb-server`), in a network namespace of its own with its own
//! ovsdb-server and ovs-vswitchd (userspace datapath). The change: a remote port on a
//! local datapath moves to another chassis (`ROVN_BENCH_CHANGES` times, median), timed
//! until table 39 outputs to the new chassis' tunnel.
//!
//! Defaults are full scale (1000 × 10 ports, 100 chassis); a small run:
//! `ROVN_BENCH_SWITCHES=20 cargo bench -p controller --bench controller_vs_ovn_controller`.
//! `ROVN_BENCH_ONLY=rovn|ovn` runs one side; `ROVN_BENCH_DUMP_DIR=DIR` saves both br-int
//! flow tables there. Everything is prefixed `rovn-phys-bench-`
//! and removed on exit, also on failure.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

const NB_SCHEMA: &str = "/usr/share/ovn/ovn-nb.ovsschema";
const SB_SCHEMA: &str = "/usr/share/ovn/ovn-sb.ovsschema";
const VSWITCH_SCHEMA: &str = "/usr/share/openvswitch/vswitch.ovsschema";
const NODE: &str = "node";

fn env_num(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[derive(Debug, Clone)]
struct Scale {
    switches: usize,
    ports: usize,
    chassis: usize,
    pg_switches: usize,
    changes: usize,
    dhcp_percent: usize,
    timeout: Duration,
}

impl Scale {
    fn from_env() -> Scale {
        Scale {
            switches: env_num("ROVN_BENCH_SWITCHES", 1000),
            ports: env_num("ROVN_BENCH_PORTS", 10),
            chassis: env_num("ROVN_BENCH_CHASSIS", 100).max(3),
            pg_switches: env_num("ROVN_BENCH_PG_SWITCHES", 10).max(1),
            changes: env_num("ROVN_BENCH_CHANGES", 5).max(1),
            dhcp_percent: env_num("ROVN_BENCH_DHCP_PERCENT", 50).min(100),
            timeout: Duration::from_secs(env_num("ROVN_BENCH_TIMEOUT", 1200) as u64),
        }
    }
    fn n_ports(&self) -> usize {
        self.switches * self.ports
    }
    fn chassis_of(&self, port: usize) -> usize {
        port % self.chassis
    }
    fn chassis_name(&self, c: usize) -> String {
        if c == 0 {
            NODE.into()
        } else {
            format!("ch-{c}")
        }
    }
    fn chassis_ip(&self, c: usize) -> String {
        format!("172.16.{}.{}", c >> 8, (c & 255) + 1)
    }
}

fn run(cmd: &mut Command) -> Result<String, String> {
    let out = cmd.output().map_err(|e| {
        let what = format!("{:?}", cmd.get_program());
        format!("{what}: {e}")
    })?;
    if !out.status.success() {
        let mut what = format!("{cmd:?}");
        if what.len() > 300 {
            what = format!("{}...", &what[..what.floor_char_boundary(300)]);
        }
        return Err(format!(
            "{what} failed: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

fn wait_until(timeout: Duration, mut f: impl FnMut() -> bool) -> bool {
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

/// Processes and namespaces this benchmark started; all removed on drop.
struct Procs {
    dir: tempfile::TempDir,
    children: Vec<(String, Child)>,
    namespaces: Vec<String>,
}

impl Procs {
    fn new() -> Procs {
        let dir = tempfile::Builder::new()
            .prefix("rovn-phys-bench-")
            .tempdir()
            .expect("temp dir");
        Procs {
            dir,
            children: Vec::new(),
            namespaces: Vec::new(),
        }
    }

    fn path(&self, p: &str) -> PathBuf {
        self.dir.path().join(p)
    }

    fn spawn(&mut self, name: &str, pidfile: &Path, cmd: &mut Command) -> Result<u32, String> {
        let log =
            std::fs::File::create(self.path(&format!("{name}.out"))).map_err(|e| e.to_string())?;
        let child = cmd
            .stdin(Stdio::null())
            .stdout(log.try_clone().map_err(|e| e.to_string())?)
            .stderr(log)
            .spawn()
            .map_err(|e| format!("start {name}: {e}"))?;
        let pid = child.id();
        self.children.push((name.to_string(), child));
        if !wait_until(Duration::from_secs(30), || pidfile.is_file()) {
            return Err(format!(
                "{name} did not start: {}",
                std::fs::read_to_string(self.path(&format!("{name}.out"))).unwrap_or_default()
            ));
        }
        Ok(pid)
    }

    fn stop(&mut self, name: &str) {
        if let Some(i) = self.children.iter().position(|(n, _)| n == name) {
            let (_, mut child) = self.children.remove(i);
            terminate(&mut child);
        }
    }

    fn add_netns(&mut self, name: &str) -> Result<(), String> {
        run(Command::new("ip").args(["netns", "add", name]))?;
        self.namespaces.push(name.to_string());
        run(Command::new("ip").args(["-n", name, "link", "set", "lo", "up"]))?;
        Ok(())
    }
}

fn terminate(child: &mut Child) {
    // SAFETY: signalling a child we spawned and have not reaped.
    unsafe {
        libc::kill(child.id() as i32, libc::SIGTERM);
    }
    let end = Instant::now() + Duration::from_secs(5);
    while Instant::now() < end {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
}

impl Drop for Procs {
    fn drop(&mut self) {
        for (_, child) in self.children.iter_mut().rev() {
            terminate(child);
        }
        for ns in self.namespaces.iter().rev() {
            let _ = Command::new("ip").args(["netns", "del", ns]).status();
        }
        if std::env::var_os("ROVN_BENCH_KEEP").is_some() {
            let p = self.dir.path().to_path_buf();
            eprintln!("keeping {}", p.display());
            std::mem::forget(std::mem::replace(
                &mut self.dir,
                tempfile::tempdir().expect("temp dir"),
            ));
        }
    }
}

fn target_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("current exe");
    exe.parent()
        .and_then(Path::parent)
        .expect("target dir")
        .to_path_buf()
}

/// rovn-ovsdb-server: `ROVN_BENCH_OVSDB_SERVER`, else next to this benchmark (release),
/// else the debug build.
fn rovn_ovsdb_server() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("ROVN_BENCH_OVSDB_SERVER") {
        return Some(PathBuf::from(p));
    }
    let t = target_dir();
    [
        t.join("rovn-ovsdb-server"),
        t.join("../debug/rovn-ovsdb-server"),
    ]
    .into_iter()
    .find(|p| p.is_file())
}

fn missing_prerequisite() -> Option<String> {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        return Some("needs root (network namespaces)".into());
    }
    for bin in [
        "ip",
        "ovsdb-tool",
        "ovsdb-server",
        "ovsdb-client",
        "ovs-vsctl",
        "ovs-vswitchd",
        "ovs-ofctl",
        "ovn-nbctl",
        "ovn-sbctl",
        "ovn-northd",
        "ovn-controller",
    ] {
        if run(Command::new("sh").args(["-c", &format!("command -v {bin}")])).is_err() {
            return Some(format!("{bin} is not installed"));
        }
    }
    for s in [NB_SCHEMA, SB_SCHEMA, VSWITCH_SCHEMA] {
        if !Path::new(s).is_file() {
            return Some(format!("{s} is missing"));
        }
    }
    if rovn_ovsdb_server().is_none() {
        return Some("rovn-ovsdb-server is not built (cargo build --release -p ovsdb)".into());
    }
    None
}

/// Starts an OVSDB server (real or rovn's: the same flags) on `file`, listening on `sock`.
fn start_db(
    p: &mut Procs,
    name: &str,
    server: &Path,
    file: &Path,
    sock: &Path,
) -> Result<(), String> {
    let pid = p.path(&format!("{name}.pid"));
    let ctl = p.path(&format!("{name}.ctl"));
    p.spawn(
        name,
        &pid,
        Command::new(server)
            .arg(file)
            .arg(format!("--remote=punix:{}", sock.display()))
            .arg(format!("--pidfile={}", pid.display()))
            .arg(format!("--unixctl={}", ctl.display())),
    )?;
    if !wait_until(Duration::from_secs(10), || sock.exists()) {
        return Err(format!("{name}: no socket {}", sock.display()));
    }
    Ok(())
}

fn transact(sock: &Path, db: &str, ops: Vec<Value>) -> Result<String, String> {
    let mut txn = vec![json!(db)];
    txn.extend(ops);
    run(Command::new("ovsdb-client")
        .arg("--timeout=600")
        .arg("transact")
        .arg(format!("unix:{}", sock.display()))
        .arg(Value::Array(txn).to_string()))
}

fn port_mac_ip(i: usize) -> (String, String) {
    let n = i + 256;
    (
        format!(
            "0a:00:00:{:02x}:{:02x}:{:02x}",
            (n >> 16) & 255,
            (n >> 8) & 255,
            n & 255
        ),
        format!("10.{}.{}.{}", (n >> 16) & 255, (n >> 8) & 255, n & 255),
    )
}

/// NB rows for switches `[first, last)` and their port groups, one transaction.
fn nb_chunk(s: &Scale, first: usize, last: usize, dhcp: &str) -> Vec<Value> {
    let mut ops = Vec::new();
    for sw in first..last {
        let mut refs = Vec::new();
        for j in 0..s.ports {
            let i = sw * s.ports + j;
            let (mac, ip) = port_mac_ip(i);
            let mut row = json!({"name": format!("lsp-{i}"), "addresses": format!("{mac} {ip}"),
                "port_security": format!("{mac} {ip}")});
            if j * 100 < s.ports * s.dhcp_percent {
                row["dhcpv4_options"] = json!(["uuid", dhcp]);
            }
            ops.push(json!({"op": "insert", "table": "Logical_Switch_Port",
                "uuid-name": format!("p{i}"), "row": row}));
            refs.push(json!(["named-uuid", format!("p{i}")]));
        }
        ops.push(json!({"op": "insert", "table": "Logical_Switch",
            "row": {"name": format!("ls-{sw}"), "ports": ["set", refs]}}));
    }
    let n_pg = s.switches.div_ceil(s.pg_switches);
    for g in (first / s.pg_switches)..last.div_ceil(s.pg_switches) {
        let members: Vec<Value> = (g * s.pg_switches..((g + 1) * s.pg_switches).min(s.switches))
            .flat_map(|sw| (0..s.ports).map(move |j| sw * s.ports + j))
            .map(|i| json!(["named-uuid", format!("p{i}")]))
            .collect();
        let next = (g + 1) % n_pg;
        let acls = [
            (
                "to-lport",
                1001,
                format!("outport == @pg{g} && ip4 && tcp.dst == 80"),
                "allow-related",
            ),
            (
                "to-lport",
                1000,
                format!("outport == @pg{g} && ip4.src == $pg{next}_ip4"),
                "allow-related",
            ),
            (
                "from-lport",
                1000,
                format!("inport == @pg{g} && ip4"),
                "allow-related",
            ),
            ("to-lport", 900, format!("outport == @pg{g} && ip"), "drop"),
        ];
        let mut acl_refs = Vec::new();
        for (k, (dir, prio, m, action)) in acls.iter().enumerate() {
            let name = format!("acl{g}x{k}");
            ops.push(json!({"op": "insert", "table": "ACL", "uuid-name": name,
                "row": {"direction": dir, "priority": prio, "match": m, "action": action}}));
            acl_refs.push(json!(["named-uuid", name]));
        }
        ops.push(json!({"op": "insert", "table": "Port_Group",
            "row": {"name": format!("pg{g}"), "ports": ["set", members], "acls": ["set", acl_refs]}}));
    }
    ops
}

struct Snapshot {
    file: PathBuf,
    lflows: usize,
    bindings: usize,
    node_ports: Vec<usize>,
    /// The port that moves between chassis: (name, datapath key, tunnel key).
    mover: (String, i64, i64),
}

fn count_rows(sock: &Path, table: &str) -> Result<usize, String> {
    let out = transact(
        sock,
        "OVN_Southbound",
        vec![json!({"op": "select", "table": table, "where": [], "columns": ["_uuid"]})],
    )?;
    let v: Value = serde_json::from_str(&out).map_err(|e| e.to_string())?;
    Ok(v[0]["rows"].as_array().map(Vec::len).unwrap_or(0))
}

fn sbctl(sock: &Path, args: &[&str]) -> Result<String, String> {
    run(Command::new("ovn-sbctl")
        .arg(format!("--db=unix:{}", sock.display()))
        .arg("--timeout=600")
        .args(args))
}

/// Generates the NB, lets the real ovn-northd compile it, completes the SB and saves it.
fn prepare(p: &mut Procs, s: &Scale) -> Result<Snapshot, String> {
    let t = Instant::now();
    let server = PathBuf::from("ovsdb-server");
    let (nb_file, sb_file) = (p.path("nb.db"), p.path("sb-prep.db"));
    let (nb, sb) = (p.path("nb.sock"), p.path("sb-prep.sock"));
    run(Command::new("ovsdb-tool")
        .arg("create")
        .arg(&nb_file)
        .arg(NB_SCHEMA))?;
    run(Command::new("ovsdb-tool")
        .arg("create")
        .arg(&sb_file)
        .arg(SB_SCHEMA))?;
    start_db(p, "nb", &server, &nb_file, &nb)?;
    start_db(p, "sb-prep", &server, &sb_file, &sb)?;
    // One DHCPv4 subnet for every port (OpenStack-style native DHCP).
    let out = transact(
        &nb,
        "OVN_Northbound",
        vec![
            json!({"op": "insert", "table": "DHCP_Options", "row": {"cidr": "10.0.0.0/8",
            "options": ["map", [["server_id", "10.0.0.1"], ["server_mac", "0a:00:00:00:00:01"],
                ["lease_time", "3600"], ["router", "10.0.0.1"]]]}}),
        ],
    )?;
    let v: Value = serde_json::from_str(&out).map_err(|e| e.to_string())?;
    let dhcp = v[0]["uuid"][1]
        .as_str()
        .ok_or("DHCP_Options uuid")?
        .to_string();
    let step = s.pg_switches * (20 / s.pg_switches).max(1);
    let mut first = 0;
    while first < s.switches {
        let last = (first + step).min(s.switches);
        transact(&nb, "OVN_Northbound", nb_chunk(s, first, last, &dhcp))?;
        first = last;
    }
    let pid = p.path("northd.pid");
    p.spawn(
        "northd",
        &pid,
        Command::new("ovn-northd")
            .arg("-vconsole:off")
            .arg(format!("--ovnnb-db=unix:{}", nb.display()))
            .arg(format!("--ovnsb-db=unix:{}", sb.display()))
            .arg(format!("--pidfile={}", pid.display()))
            .arg(format!("--log-file={}", p.path("northd.log").display()))
            .arg(format!("--unixctl={}", p.path("northd.ctl").display()))
            .arg("--no-chdir"),
    )?;
    run(Command::new("ovn-nbctl")
        .arg(format!("--db=unix:{}", nb.display()))
        .args(["--timeout=1200", "--wait=sb", "sync"]))?;
    p.stop("northd");
    eprintln!("  northd compiled the NB in {:.1?}", t.elapsed());

    // Remote chassis, then every port bound round-robin (the node's ports stay unbound:
    // the controller under test claims them).
    let mut args: Vec<String> = Vec::new();
    for c in 1..s.chassis {
        args.extend(
            [
                "--",
                "chassis-add",
                &s.chassis_name(c),
                "geneve",
                &s.chassis_ip(c),
            ]
            .map(String::from),
        );
    }
    sbctl(
        &sb,
        &args.iter().map(String::as_str).collect::<Vec<_>>()[1..],
    )?;
    let out = transact(
        &sb,
        "OVN_Southbound",
        vec![
            json!({"op": "select", "table": "Chassis", "where": [], "columns": ["_uuid", "name"]}),
        ],
    )?;
    let v: Value = serde_json::from_str(&out).map_err(|e| e.to_string())?;
    let mut uuid_of = std::collections::HashMap::new();
    for r in v[0]["rows"].as_array().into_iter().flatten() {
        uuid_of.insert(
            r["name"].as_str().unwrap_or_default().to_string(),
            r["_uuid"][1].as_str().unwrap_or_default().to_string(),
        );
    }
    let remote: Vec<usize> = (0..s.n_ports()).filter(|i| s.chassis_of(*i) != 0).collect();
    for chunk in remote.chunks(500) {
        let ops = chunk
            .iter()
            .map(|i| {
                let ch = &uuid_of[&s.chassis_name(s.chassis_of(*i))];
                json!({"op": "update", "table": "Port_Binding",
                    "where": [["logical_port", "==", format!("lsp-{i}")]],
                    "row": {"chassis": ["uuid", ch]}})
            })
            .collect();
        transact(&sb, "OVN_Southbound", ops)?;
    }
    sbctl(&sb, &["set", "SB_Global", ".", "nb_cfg=1000"])?;
    let out = transact(
        &sb,
        "OVN_Southbound",
        vec![json!({"op": "select", "table": "Port_Binding",
            "where": [["logical_port", "==", "lsp-1"]], "columns": ["tunnel_key", "datapath"]})],
    )?;
    let v: Value = serde_json::from_str(&out).map_err(|e| e.to_string())?;
    let key = v[0]["rows"][0]["tunnel_key"]
        .as_i64()
        .ok_or("lsp-1 tunnel_key")?;
    let dp_uuid = v[0]["rows"][0]["datapath"][1]
        .as_str()
        .ok_or("lsp-1 datapath")?
        .to_string();
    let out = transact(
        &sb,
        "OVN_Southbound",
        vec![json!({"op": "select", "table": "Datapath_Binding",
            "where": [["_uuid", "==", ["uuid", dp_uuid]]], "columns": ["tunnel_key"]})],
    )?;
    let v: Value = serde_json::from_str(&out).map_err(|e| e.to_string())?;
    let dp = v[0]["rows"][0]["tunnel_key"]
        .as_i64()
        .ok_or("datapath tunnel_key")?;
    let lflows = count_rows(&sb, "Logical_Flow")?;
    let bindings = count_rows(&sb, "Port_Binding")?;
    p.stop("sb-prep");
    p.stop("nb");
    let snap = p.path("sb-snapshot.db");
    run(Command::new("ovsdb-tool")
        .arg("compact")
        .arg(&sb_file)
        .arg(&snap))?;
    eprintln!("  snapshot ready in {:.1?}", t.elapsed());
    Ok(Snapshot {
        file: snap,
        lflows,
        bindings,
        node_ports: (0..s.n_ports()).filter(|i| s.chassis_of(*i) == 0).collect(),
        mover: ("lsp-1".into(), dp, key),
    })
}

#[derive(Debug, Default, Clone)]
struct Figures {
    to_flows: Option<Duration>,
    to_nb_cfg: Option<Duration>,
    change: Option<Duration>,
    flows: usize,
    hwm_kib: Option<u64>,
}

fn vm_hwm(pid: u32) -> Option<u64> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    s.lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

/// One controller on its own chassis against a fresh copy of the snapshot.
fn measure(p: &mut Procs, s: &Scale, snap: &Snapshot, which: &str) -> Result<Figures, String> {
    let dir = p.path(which);
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let sb_file = dir.join("sb.db");
    std::fs::copy(&snap.file, &sb_file).map_err(|e| e.to_string())?;
    let sb = dir.join("sb.sock");
    let sb_server = match std::env::var("ROVN_BENCH_SB_SERVER").as_deref() {
        Ok("ovsdb-server") => PathBuf::from("ovsdb-server"),
        _ => rovn_ovsdb_server().ok_or("rovn-ovsdb-server")?,
    };
    start_db(p, &format!("{which}-sb"), &sb_server, &sb_file, &sb)?;

    let ns = format!("rovn-phys-bench-{}-{which}", std::process::id());
    p.add_netns(&ns)?;
    let in_ns = |bin: &str| {
        let mut cmd = Command::new("ip");
        cmd.args(["netns", "exec", &ns, "env"])
            .arg(format!("OVS_RUNDIR={}", dir.display()))
            .arg(format!("OVS_LOGDIR={}", dir.display()))
            .arg(format!("OVS_DBDIR={}", dir.display()))
            .arg(format!("OVN_RUNDIR={}", dir.display()))
            .arg(format!("OVN_LOGDIR={}", dir.display()))
            .arg(bin);
        cmd
    };
    let conf = dir.join("conf.db");
    let db = dir.join("db.sock");
    run(Command::new("ovsdb-tool")
        .arg("create")
        .arg(&conf)
        .arg(VSWITCH_SCHEMA))?;
    let pid = dir.join("ovsdb.pid");
    p.spawn(
        &format!("{which}-ovsdb"),
        &pid,
        in_ns("ovsdb-server")
            .arg(&conf)
            .arg(format!("--remote=punix:{}", db.display()))
            .arg(format!("--pidfile={}", pid.display()))
            .arg(format!("--unixctl={}", dir.join("ovsdb.ctl").display()))
            .arg("--no-chdir"),
    )?;
    let vsctl = |args: &[&str]| {
        run(Command::new("ovs-vsctl")
            .arg(format!("--db=unix:{}", db.display()))
            .arg("--timeout=120")
            .args(args))
    };
    vsctl(&["--no-wait", "init"])?;
    vsctl(&[
        "--no-wait",
        "set",
        "Open_vSwitch",
        ".",
        &format!("external_ids:system-id={NODE}"),
        &format!("external_ids:hostname={NODE}"),
        &format!("external_ids:ovn-remote=unix:{}", sb.display()),
        "external_ids:ovn-encap-type=geneve",
        &format!("external_ids:ovn-encap-ip={}", s.chassis_ip(0)),
        "external_ids:ovn-bridge-datapath-type=netdev",
    ])?;
    let pid = dir.join("ovs-vswitchd.pid");
    p.spawn(
        &format!("{which}-vswitchd"),
        &pid,
        in_ns("ovs-vswitchd")
            .arg("-vconsole:off")
            .arg(format!("unix:{}", db.display()))
            .arg("--disable-system")
            .arg(format!("--pidfile={}", pid.display()))
            .arg(format!(
                "--log-file={}",
                dir.join("ovs-vswitchd.log").display()
            ))
            .arg(format!(
                "--unixctl={}",
                dir.join("ovs-vswitchd.ctl").display()
            ))
            .arg("--no-chdir"),
    )?;
    let mut args: Vec<String> = [
        "add-br",
        "br-int",
        "--",
        "set",
        "Bridge",
        "br-int",
        "datapath_type=netdev",
        "fail_mode=secure",
        "other_config:disable-in-band=true",
    ]
    .map(String::from)
    .to_vec();
    for (n, i) in snap.node_ports.iter().enumerate() {
        let port = format!("vif{n}");
        args.extend(
            [
                "--",
                "add-port",
                "br-int",
                &port,
                "--",
                "set",
                "Interface",
                &port,
                "type=internal",
                &format!("external_ids:iface-id=lsp-{i}"),
            ]
            .map(String::from),
        );
    }
    vsctl(&args.iter().map(String::as_str).collect::<Vec<_>>())?;
    let ofctl = |args: &[&str]| {
        run(Command::new("ovs-ofctl")
            .env("OVS_RUNDIR", &dir)
            .args(["-O", "OpenFlow15"])
            .args(args))
    };
    let flow_count = || -> usize {
        ofctl(&["dump-aggregate", "br-int"])
            .ok()
            .and_then(|o| {
                o.split("flow_count=")
                    .nth(1)
                    .and_then(|x| x.split_whitespace().next().map(str::to_string))
            })
            .and_then(|x| x.parse().ok())
            .unwrap_or(0)
    };
    let nb_cfg = || -> i64 {
        sbctl(
            &sb,
            &[
                "--bare",
                "--columns=nb_cfg",
                "find",
                "Chassis_Private",
                &format!("name={NODE}"),
            ],
        )
        .ok()
        .and_then(|o| o.trim().parse().ok())
        .unwrap_or(0)
    };

    // Start the controller: the clock runs from here.
    let pid = dir.join("controller.pid");
    let name = format!("{which}-controller");
    let t0 = Instant::now();
    let cpid = if which == "rovn" {
        p.spawn(
            &name,
            &pid,
            in_ns(env!("CARGO_BIN_EXE_rovn-controller"))
                .arg(format!("unix:{}", db.display()))
                .arg(format!("--pidfile={}", pid.display()))
                .arg(format!(
                    "--unixctl={}",
                    dir.join("controller.ctl").display()
                ))
                .env("RUST_LOG", "warn"),
        )?
    } else {
        p.spawn(
            &name,
            &pid,
            in_ns("ovn-controller")
                .arg("-vconsole:off")
                .arg(format!("unix:{}", db.display()))
                .arg(format!("--pidfile={}", pid.display()))
                .arg(format!(
                    "--log-file={}",
                    dir.join("ovn-controller.log").display()
                ))
                .arg("--no-chdir"),
        )?
    };
    let mut f = Figures::default();
    let (mut last, mut last_change) = (0usize, t0);
    let stable_for = Duration::from_secs(5);
    loop {
        let now = Instant::now();
        let n = flow_count();
        if n != last {
            last = n;
            last_change = now;
        }
        if f.to_nb_cfg.is_none() && nb_cfg() >= 1000 {
            f.to_nb_cfg = Some(now - t0);
        }
        // Done: flows stable and nb_cfg reported (or, without the handshake, stable for
        // much longer).
        let quiet = now - last_change;
        if last > 0 && quiet >= stable_for && (f.to_nb_cfg.is_some() || quiet >= 6 * stable_for) {
            f.to_flows = Some(last_change - t0);
            break;
        }
        if now - t0 > s.timeout {
            eprintln!(
                "  {which}: timeout ({} flows, nb_cfg {:?})",
                last, f.to_nb_cfg
            );
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    f.flows = flow_count();
    eprintln!(
        "  {which}: {} flows, installed after {:?}, nb_cfg after {:?}",
        f.flows, f.to_flows, f.to_nb_cfg
    );

    // Port_Binding changes: the mover alternates between chassis 2 and 3.
    let (mover, dp, key) = &snap.mover;
    let pb = sbctl(
        &sb,
        &[
            "--bare",
            "--columns=_uuid",
            "find",
            "Port_Binding",
            &format!("logical_port={mover}"),
        ],
    )?
    .trim()
    .to_string();
    let mut times = Vec::new();
    for k in 0..s.changes {
        let c = 2 + k % 2;
        let ch = sbctl(
            &sb,
            &[
                "--bare",
                "--columns=_uuid",
                "find",
                "Chassis",
                &format!("name={}", s.chassis_name(c)),
            ],
        )?
        .trim()
        .to_string();
        let ofport = vsctl(&[
            "--bare",
            "--columns=ofport",
            "find",
            "Interface",
            &format!("options:remote_ip={}", s.chassis_ip(c)),
        ])?
        .trim()
        .to_string();
        if ofport.is_empty() {
            eprintln!("  {which}: no tunnel to {}", s.chassis_name(c));
            break;
        }
        let want = format!("output:{ofport}");
        let filter = format!("table=39,reg15={key},metadata={dp}");
        // A direct transaction (ovn-sbctl would first download the whole database).
        let op = json!({"op": "update", "table": "Port_Binding",
            "where": [["_uuid", "==", ["uuid", pb]]], "row": {"chassis": ["uuid", ch]}});
        let t = Instant::now();
        transact(&sb, "OVN_Southbound", vec![op])?;
        let mut ok = false;
        while t.elapsed() < Duration::from_secs(120) {
            let out = ofctl(&["dump-flows", "br-int", &filter]).unwrap_or_default();
            if out.split([',', '=', ' ', '\n']).any(|t| t == want) {
                ok = true;
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        if !ok {
            eprintln!("  {which}: change {k} not installed within 120 s");
            break;
        }
        times.push(t.elapsed());
    }
    times.sort();
    f.change = times.get(times.len() / 2).copied();
    eprintln!("  {which}: Port_Binding changes {times:?}");
    f.hwm_kib = vm_hwm(cpid);
    if let Some(out) = std::env::var_os("ROVN_BENCH_DUMP_DIR") {
        // For comparing what the two controllers install.
        let dump = ofctl(&["--no-stats", "dump-flows", "br-int"])?;
        let file = Path::new(&out).join(format!("{which}-br-int-flows.txt"));
        std::fs::write(&file, dump).map_err(|e| format!("{}: {e}", file.display()))?;
    }
    p.stop(&name);
    p.stop(&format!("{which}-vswitchd"));
    p.stop(&format!("{which}-ovsdb"));
    p.stop(&format!("{which}-sb"));
    Ok(f)
}

fn secs(d: Option<Duration>) -> String {
    d.map(|d| format!("{:.2} s", d.as_secs_f64()))
        .unwrap_or("-".into())
}
fn ms(d: Option<Duration>) -> String {
    d.map(|d| format!("{:.0} ms", d.as_secs_f64() * 1e3))
        .unwrap_or("-".into())
}
fn ratio(a: Option<f64>, b: Option<f64>) -> String {
    match (a, b) {
        (Some(a), Some(b)) if b > 0.0 => format!("{:.2}", a / b),
        _ => "-".into(),
    }
}

fn main() {
    if let Some(why) = missing_prerequisite() {
        if std::env::var_os("CI").is_some() {
            panic!("controller benchmark cannot run in CI: {why}");
        }
        eprintln!("NOTICE: controller benchmark skipped: {why}");
        return;
    }
    let s = Scale::from_env();
    let only = std::env::var("ROVN_BENCH_ONLY").ok();
    eprintln!(
        "scale: {} switches × {} ports, {} chassis, port group per {} switches",
        s.switches, s.ports, s.chassis, s.pg_switches
    );
    let mut p = Procs::new();
    let snap = match prepare(&mut p, &s) {
        Ok(x) => x,
        Err(e) => {
            // Return (not exit) so the guard stops every process it started.
            eprintln!("prepare: {e}");
            return;
        }
    };
    eprintln!(
        "southbound: {} logical flows, {} port bindings, {} on this node",
        snap.lflows,
        snap.bindings,
        snap.node_ports.len()
    );
    let mut results = Vec::new();
    for which in ["rovn", "ovn"] {
        if only.as_deref().is_some_and(|o| o != which) {
            results.push(Figures::default());
            continue;
        }
        match measure(&mut p, &s, &snap, which) {
            Ok(f) => results.push(f),
            Err(e) => {
                eprintln!("{which}: {e}");
                results.push(Figures::default());
            }
        }
    }
    let (r, o) = (&results[0], &results[1]);
    let sb_server = std::env::var("ROVN_BENCH_SB_SERVER").unwrap_or("rovn-ovsdb-server".into());
    println!(
        "\ncontroller benchmark: {} logical flows, {} port bindings ({} local), {} chassis; SB served by {sb_server}",
        snap.lflows,
        snap.bindings,
        snap.node_ports.len(),
        s.chassis
    );
    println!(
        "{:<40} {:>16} {:>16} {:>10}",
        "", "rovn-controller", "ovn-controller", "rovn/ovn"
    );
    let f = |d: Option<Duration>| d.map(|d| d.as_secs_f64());
    println!(
        "{:<40} {:>16} {:>16} {:>10}",
        "SB snapshot → flows installed",
        secs(r.to_flows),
        secs(o.to_flows),
        ratio(f(r.to_flows), f(o.to_flows))
    );
    println!(
        "{:<40} {:>16} {:>16} {:>10}",
        "SB snapshot → nb_cfg handshake",
        secs(r.to_nb_cfg),
        secs(o.to_nb_cfg),
        ratio(f(r.to_nb_cfg), f(o.to_nb_cfg))
    );
    println!(
        "{:<40} {:>16} {:>16} {:>10}",
        format!("Port_Binding change → flow (median/{})", s.changes),
        ms(r.change),
        ms(o.change),
        ratio(f(r.change), f(o.change))
    );
    println!(
        "{:<40} {:>16} {:>16} {:>10}",
        "OpenFlow flows",
        r.flows,
        o.flows,
        ratio(
            (r.flows > 0).then_some(r.flows as f64),
            (o.flows > 0).then_some(o.flows as f64)
        )
    );
    let mib = |k: Option<u64>| {
        k.map(|k| format!("{:.1} MiB", k as f64 / 1024.0))
            .unwrap_or("-".into())
    };
    println!(
        "{:<40} {:>16} {:>16} {:>10}",
        "peak RSS (VmHWM)",
        mib(r.hwm_kib),
        mib(o.hwm_kib),
        ratio(r.hwm_kib.map(|x| x as f64), o.hwm_kib.map(|x| x as f64))
    );
}
