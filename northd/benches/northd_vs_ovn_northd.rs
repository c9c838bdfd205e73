//! rovn-northd next to the real ovn-northd 23.03 on the same workload, each with its
//! own real ovsdb-server pair (so the databases cost the same for both):
//!
//! - a network of S switches × 10 ports, one port group and 5 ACLs per switch
//!   (S = `ROVN_BENCH_SWITCHES`, default 1,000), committed to the NB in one transaction;
//!   time from that commit until `ovn-nbctl --wait=sb sync` returns (SB written);
//! - one port added with `ovn-nbctl --wait=sb`;
//! - logical flows in the SB (`lflow-list` lines: ovn-northd shares flows between
//!   datapaths with groups, `lflow-list` expands them, so the counts are comparable);
//! - peak RSS of the daemon (`VmHWM`).
//!
//! Run with `cargo bench -p northd --bench northd_vs_ovn_northd`. Processes and temp
//! dirs are prefixed `rovn-nd-bench` and stopped by pid.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use ovsdb::client::{Client, ClientConfig};
use serde_json::{json, Value};

struct Proc(Child);
impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn sh(cmd: &mut Command) -> String {
    let o = cmd.output().expect("run");
    assert!(
        o.status.success(),
        "{cmd:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn server(dir: &Path, name: &str, schema: &str) -> Proc {
    let db = dir.join(format!("{name}.db"));
    sh(Command::new("ovsdb-tool")
        .arg("create")
        .arg(&db)
        .arg(schema));
    let sock = dir.join(format!("{name}.sock"));
    let p = Proc(
        Command::new("ovsdb-server")
            .arg(&db)
            .arg(format!("--remote=punix:{}", sock.display()))
            .arg(format!(
                "--unixctl={}",
                dir.join(format!("{name}.ctl")).display()
            ))
            .arg(format!(
                "--log-file={}",
                dir.join(format!("{name}.log")).display()
            ))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("ovsdb-server"),
    );
    while std::os::unix::net::UnixStream::connect(&sock).is_err() {
        std::thread::sleep(Duration::from_millis(20));
    }
    p
}

fn network_ops(switches: usize) -> Vec<Value> {
    let mut ops = Vec::new();
    for s in 0..switches {
        let mut ports = Vec::new();
        for p in 0..10 {
            let id = format!("lsp{s}_{p}");
            let addr = format!(
                "0a:00:{:02x}:{:02x}:00:{:02x} 10.{}.{}.{}",
                s / 256,
                s % 256,
                p + 1,
                s / 256,
                s % 256,
                p + 1
            );
            ops.push(
                json!({"op": "insert", "table": "Logical_Switch_Port", "uuid-name": id,
                "row": {"name": format!("p{s}_{p}"), "addresses": addr}}),
            );
            ports.push(json!(["named-uuid", id]));
        }
        let mut acls = Vec::new();
        for a in 0..5 {
            let id = format!("acl{s}_{a}");
            let (m, action, dir) = match a {
                0 => (format!("outport == @pg{s} && ip4"), "drop", "to-lport"),
                1 => (
                    format!("outport == @pg{s} && icmp4"),
                    "allow-related",
                    "to-lport",
                ),
                2 => (
                    format!("outport == @pg{s} && tcp.dst == 80"),
                    "allow-related",
                    "to-lport",
                ),
                3 => (
                    format!("inport == @pg{s} && ip4"),
                    "allow-related",
                    "from-lport",
                ),
                _ => (
                    format!("outport == @pg{s} && ip4.src == $pg{s}_ip4"),
                    "allow-related",
                    "to-lport",
                ),
            };
            ops.push(
                json!({"op": "insert", "table": "ACL", "uuid-name": id, "row": {
                "direction": dir, "priority": 1000 + a, "match": m, "action": action}}),
            );
            acls.push(json!(["named-uuid", id]));
        }
        ops.push(json!({"op": "insert", "table": "Logical_Switch", "row": {
            "name": format!("ls{s}"), "ports": ["set", ports.clone()]}}));
        ops.push(json!({"op": "insert", "table": "Port_Group", "row": {
            "name": format!("pg{s}"), "ports": ["set", ports], "acls": ["set", acls]}}));
    }
    ops
}

#[derive(Debug, Clone, Copy)]
struct Result {
    full: Duration,
    one_port: Duration,
    lflows: usize,
    rss_kib: u64,
}

fn vm_hwm(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

fn run(which: &str, switches: usize, rt: &tokio::runtime::Runtime) -> Result {
    let dir = tempfile::Builder::new()
        .prefix("rovn-nd-bench")
        .tempdir()
        .unwrap();
    let d = dir.path();
    let _nb = server(d, "nb", "/usr/share/ovn/ovn-nb.ovsschema");
    let _sb = server(d, "sb", "/usr/share/ovn/ovn-sb.ovsschema");
    let nb = format!("unix:{}", d.join("nb.sock").display());
    let sb = format!("unix:{}", d.join("sb.sock").display());
    let bin = if which == "rovn" {
        env!("CARGO_BIN_EXE_rovn-northd")
    } else {
        "ovn-northd"
    };
    let mut cmd = Command::new(bin);
    cmd.arg(format!("--ovnnb-db={nb}"))
        .arg(format!("--ovnsb-db={sb}"))
        .arg(format!("--unixctl={}", d.join("northd.ctl").display()))
        .arg(format!("--log-file={}", d.join("northd.log").display()))
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    if which == "ovn" {
        cmd.arg("--no-chdir").arg("-vconsole:off");
    }
    let northd = Proc(cmd.spawn().expect("northd"));
    let nbctl = |args: &[&str]| {
        sh(Command::new("ovn-nbctl")
            .arg(format!("--db={nb}"))
            .arg("--timeout=900")
            .args(args))
    };
    nbctl(&["--wait=sb", "sync"]);
    let t0 = Instant::now();
    rt.block_on(async {
        let (c, _e) = Client::connect(ClientConfig::new(nb.parse().unwrap()))
            .await
            .unwrap();
        let r = c
            .transact("OVN_Northbound", network_ops(switches))
            .await
            .unwrap();
        assert!(
            r.as_array()
                .unwrap()
                .iter()
                .all(|x| x.get("error").is_none()),
            "{r}"
        );
    });
    nbctl(&["--wait=sb", "sync"]);
    let full = t0.elapsed();
    let t1 = Instant::now();
    nbctl(&[
        "--wait=sb",
        "lsp-add",
        "ls0",
        "bench-new",
        "--",
        "lsp-set-addresses",
        "bench-new",
        "0a:00:00:ff:00:01 10.0.0.250",
    ]);
    let one_port = t1.elapsed();
    let lflows = sh(Command::new("ovn-sbctl")
        .arg(format!("--db={sb}"))
        .arg("lflow-list"))
    .lines()
    .filter(|l| l.starts_with("  table="))
    .count();
    let rss_kib = vm_hwm(northd.0.id());
    Result {
        full,
        one_port,
        lflows,
        rss_kib,
    }
}

fn main() {
    if Command::new("ovn-northd")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("ovn-northd not installed; benchmark skipped");
        return;
    }
    let switches: usize = std::env::var("ROVN_BENCH_SWITCHES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1000);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    println!("workload: {switches} switches x 10 ports, 1 port group and 5 ACLs per switch");
    let r = run("rovn", switches, &rt);
    let o = run("ovn", switches, &rt);
    let ratio = |a: f64, b: f64| if b > 0.0 { a / b } else { f64::NAN };
    println!(
        "{:<34} {:>14} {:>14} {:>8}",
        "", "rovn-northd", "ovn-northd", "ratio"
    );
    println!(
        "{:<34} {:>14.3?} {:>14.3?} {:>8.2}",
        "NB commit -> SB written",
        r.full,
        o.full,
        ratio(r.full.as_secs_f64(), o.full.as_secs_f64())
    );
    println!(
        "{:<34} {:>14.3?} {:>14.3?} {:>8.2}",
        "one port add (--wait=sb)",
        r.one_port,
        o.one_port,
        ratio(r.one_port.as_secs_f64(), o.one_port.as_secs_f64())
    );
    println!(
        "{:<34} {:>14} {:>14} {:>8.2}",
        "logical flows (lflow-list)",
        r.lflows,
        o.lflows,
        ratio(r.lflows as f64, o.lflows as f64)
    );
    println!(
        "{:<34} {:>11} KiB {:>10} KiB {:>8.2}",
        "peak RSS",
        r.rss_kib,
        o.rss_kib,
        ratio(r.rss_kib as f64, o.rss_kib as f64)
    );
}
